//! Decimal digits of whole numbers, written without the formatting machinery: for JSON paths
//! (`lines[12]`) and the JSON writer.

/// Appends an unsigned integer.
#[cfg_attr(nexttier_speed, optimize(speed))]
pub fn push_u64(out: &mut String, mut value: u64) {
    let mut buffer = [0u8; 20];
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buffer[at..]).unwrap_or("0"));
}
