//! RFC 3339 timestamps (`2026-11-11T00:00:00+08:00`), as milliseconds since the Unix epoch.

/// Milliseconds since 1970-01-01T00:00:00Z.
pub type Millis = i64;

/// Parses an RFC 3339 date-time with a mandatory offset (`Z` or `±HH:MM`).
pub fn parse_rfc3339(text: &str) -> Result<Millis, String> {
    let invalid = || {
        format!("invalid time `{text}`: expected RFC 3339 with offset, e.g. \"2026-11-11T00:00:00+08:00\"")
    };
    let b = text.as_bytes();
    if b.len() < 20 {
        return Err(invalid());
    }
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(range)?;
        if part.iter().all(u8::is_ascii_digit) {
            Some(part.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
        } else {
            None
        }
    };
    let year = digits(0..4).ok_or_else(invalid)?;
    let month = digits(5..7).ok_or_else(invalid)?;
    let day = digits(8..10).ok_or_else(invalid)?;
    let hour = digits(11..13).ok_or_else(invalid)?;
    let minute = digits(14..16).ok_or_else(invalid)?;
    let second = digits(17..19).ok_or_else(invalid)?;
    if b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':'
    {
        return Err(invalid());
    }
    let mut pos = 19;
    let mut millis = 0i64;
    if b[pos] == b'.' {
        pos += 1;
        let start = pos;
        while pos < b.len() && b[pos].is_ascii_digit() {
            if pos - start < 3 {
                millis = millis * 10 + i64::from(b[pos] - b'0');
            }
            pos += 1;
        }
        let count = pos - start;
        if count == 0 || count > 9 {
            return Err(invalid());
        }
        for _ in count..3 {
            millis *= 10;
        }
    }
    let offset_minutes = match b.get(pos) {
        Some(b'Z' | b'z') if pos + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if pos + 6 == b.len() && b[pos + 3] == b':' => {
            let h = digits(pos + 1..pos + 3).ok_or_else(invalid)?;
            let m = digits(pos + 4..pos + 6).ok_or_else(invalid)?;
            if h > 23 || m > 59 {
                return Err(invalid());
            }
            let total = h * 60 + m;
            if *sign == b'-' {
                -total
            } else {
                total
            }
        }
        _ => return Err(invalid()),
    };
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return Err(invalid());
    }
    // A leap second is read as the last second of its minute.
    let second = second.min(59);
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Ok(seconds * 1_000 + millis)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub(crate) fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A time as RFC 3339 in UTC, to the second (`2026-11-12T00:00:00Z`), milliseconds when not whole.
pub fn format_rfc3339(time: Millis) -> String {
    let (days, rest) = (time.div_euclid(86_400_000), time.rem_euclid(86_400_000));
    let (year, month, day) = civil_from_days(days);
    let (h, m, s, ms) = (
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1_000 % 60,
        rest % 1_000,
    );
    let mut out = format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}");
    if ms != 0 {
        out.push_str(&format!(".{ms:03}"));
    }
    out.push('Z');
    out
}

/// The proleptic Gregorian date (year, month, day) of days since 1970-01-01 (Howard Hinnant's
/// civil_from_days).
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod format_tests {
    use super::*;

    #[test]
    fn formatting_reads_back_the_same_time() {
        assert_eq!(format_rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(
            format_rfc3339(parse_rfc3339("2026-11-12T00:00:00+08:00").unwrap()),
            "2026-11-11T16:00:00Z"
        );
        assert_eq!(
            format_rfc3339(parse_rfc3339("2024-02-29T23:59:59.5Z").unwrap()),
            "2024-02-29T23:59:59.500Z"
        );
        assert_eq!(format_rfc3339(-1), "1969-12-31T23:59:59.999Z");
        for t in [
            -62_135_596_800_000i64,
            951_782_400_000,
            4_102_444_800_000,
            1_795_000_000_123,
        ] {
            assert_eq!(parse_rfc3339(&format_rfc3339(t)), Ok(t), "{t}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_offsets_and_fractions() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z").unwrap(), 0);
        assert_eq!(parse_rfc3339("1970-01-01T08:00:00+08:00").unwrap(), 0);
        assert_eq!(parse_rfc3339("1969-12-31T19:00:00-05:00").unwrap(), 0);
        assert_eq!(parse_rfc3339("2000-03-01T00:00:00.5Z").unwrap(), 951_868_800_500);
        // 2026-11-11 00:00 in Beijing is 2026-11-10 16:00 UTC.
        assert_eq!(
            parse_rfc3339("2026-11-11T00:00:00+08:00").unwrap(),
            parse_rfc3339("2026-11-10T16:00:00Z").unwrap()
        );
    }

    #[test]
    fn refuses_what_is_not_rfc3339() {
        for bad in [
            "",
            "2026-11-11",
            "2026-11-11T00:00:00",
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-11-11T24:00:00Z",
            "2026-11-11T00:00:00+8:00",
            "2026-11-11T00:00:00.Z",
            "2026-11-11T00:00:00Zjunk",
            "２０２６-11-11T00:00:00Z",
        ] {
            assert!(parse_rfc3339(bad).is_err(), "{bad:?} accepted");
        }
        assert!(parse_rfc3339("2024-02-29T00:00:00Z").is_ok());
    }
}
