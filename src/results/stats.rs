//! The statistics of an experiment's report. Sums are kept exact in whole units (minor units of
//! money, hundredths of an item), means are rounded half away from zero once, and the difference
//! of two means gets a 95 % interval by Welch's normal approximation, worked in whole numbers
//! (the standard error is an integer square root). Only probabilities (`p`, the chance a variant
//! is better) and shares of shoppers are floating point: they are not amounts.

/// z for a two-sided 95 % interval, in hundredths.
const Z95_HUNDREDTHS: u128 = 196;

/// Count, sum and sum of squares of one measure over a group, in whole units.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sums {
    /// How many values.
    pub n: u64,
    /// Their sum.
    pub sum: i128,
    /// The sum of their squares.
    pub squares: u128,
}

impl Sums {
    /// Adds one value.
    pub fn add(&mut self, x: i128) {
        self.n += 1;
        self.sum += x;
        self.squares = self
            .squares
            .saturating_add(x.unsigned_abs().saturating_mul(x.unsigned_abs()));
    }

    /// The mean, rounded half away from zero to a whole unit; `None` for no values.
    pub fn mean(&self) -> Option<i128> {
        (self.n > 0).then(|| divide_rounded(self.sum, i128::from(self.n)))
    }

    /// The variance of the mean (s² ÷ n) times 10⁶, in whole units²; `None` below two values or
    /// past what 128 bits hold.
    fn variance_of_mean_micro(&self) -> Option<u128> {
        if self.n < 2 {
            return None;
        }
        let n = u128::from(self.n);
        let square_of_sum = self.sum.unsigned_abs().checked_mul(self.sum.unsigned_abs())?;
        let spread = n.checked_mul(self.squares)?.checked_sub(square_of_sum)?;
        let denominator = n.checked_mul(n)?.checked_mul(n - 1)?;
        Some(spread.checked_mul(1_000_000)? / denominator)
    }
}

/// A variant's mean against the control's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Difference {
    /// The variant's mean less the control's, in whole units.
    pub difference: i128,
    /// The 95 % interval's low end.
    pub low: i128,
    /// Its high end.
    pub high: i128,
    /// The difference in tenths of a percent of the control's mean (`None` when that is 0).
    pub relative_tenths: Option<i128>,
    /// The two-sided p-value of "no difference".
    pub p: f64,
    /// The chance the variant's true mean is the higher (normal approximation).
    pub chance_better: f64,
}

impl Difference {
    /// Whether the interval leaves out 0.
    pub fn clear(&self) -> bool {
        self.low > 0 || self.high < 0
    }
}

/// The difference of `variant`'s mean from `control`'s with its 95 % interval; `None` below two
/// values in either group or past what 128 bits hold.
pub fn compare(control: &Sums, variant: &Sums) -> Option<Difference> {
    let (na, nb) = (i128::from(control.n), i128::from(variant.n));
    let se2_micro = control
        .variance_of_mean_micro()?
        .checked_add(variant.variance_of_mean_micro()?)?;
    // sqrt(se² × 10⁶) = se × 10³: the standard error in thousandths of a unit.
    let se_milli = isqrt(se2_micro);
    let numerator = variant
        .sum
        .checked_mul(na)?
        .checked_sub(control.sum.checked_mul(nb)?)?;
    let denominator = na.checked_mul(nb)?;
    let diff_milli = divide_rounded(numerator.checked_mul(1000)?, denominator);
    let half_width = i128::try_from(se_milli.checked_mul(Z95_HUNDREDTHS)? / 100).ok()?;
    let relative_tenths = control
        .sum
        .checked_mul(nb)
        .filter(|base| *base != 0)
        .and_then(|base| Some(divide_rounded(numerator.checked_mul(1000)?, base)));
    let (p, chance_better) = if se_milli == 0 {
        let sign = diff_milli.signum() as f64;
        (if diff_milli == 0 { 1.0 } else { 0.0 }, 0.5 + sign / 2.0)
    } else {
        let z = diff_milli as f64 / se_milli as f64;
        (
            erfc(z.abs() / std::f64::consts::SQRT_2),
            0.5 * erfc(-z / std::f64::consts::SQRT_2),
        )
    };
    Some(Difference {
        difference: divide_rounded(diff_milli, 1000),
        low: divide_rounded(diff_milli - half_width, 1000),
        high: divide_rounded(diff_milli + half_width, 1000),
        relative_tenths,
        p,
        chance_better,
    })
}

/// A variant's share against the control's, in percentage points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShareDifference {
    /// The variant's share less the control's.
    pub difference: f64,
    /// The 95 % interval's low end.
    pub low: f64,
    /// Its high end.
    pub high: f64,
    /// The two-sided p-value of "no difference".
    pub p: f64,
}

/// The difference of two shares `k ÷ n` (as percentages) with a 95 % interval (Wald); `None` when
/// either group is empty.
pub fn compare_shares(control: (u64, u64), variant: (u64, u64)) -> Option<ShareDifference> {
    let share = |(k, n): (u64, u64)| (n > 0).then(|| k as f64 / n as f64);
    let (a, b) = (share(control)?, share(variant)?);
    let se = (a * (1.0 - a) / control.1 as f64 + b * (1.0 - b) / variant.1 as f64).sqrt();
    let difference = b - a;
    let p = if se == 0.0 {
        if difference == 0.0 {
            1.0
        } else {
            0.0
        }
    } else {
        erfc((difference / se).abs() / std::f64::consts::SQRT_2)
    };
    Some(ShareDifference {
        difference: difference * 100.0,
        low: (difference - 1.96 * se) * 100.0,
        high: (difference + 1.96 * se) * 100.0,
        p,
    })
}

/// `numerator ÷ denominator` rounded half away from zero (`denominator` > 0).
pub fn divide_rounded(numerator: i128, denominator: i128) -> i128 {
    let (q, r) = (numerator / denominator, numerator % denominator);
    if r.unsigned_abs() * 2 >= denominator.unsigned_abs() {
        q + numerator.signum()
    } else {
        q
    }
}

/// The integer square root (rounded down).
fn isqrt(n: u128) -> u128 {
    if n < 2 {
        return n;
    }
    let mut x = (n as f64).sqrt() as u128;
    // Correct the float's guess both ways: exact whatever it rounded.
    while x.checked_mul(x).is_none_or(|sq| sq > n) {
        x -= 1;
    }
    while (x + 1).checked_mul(x + 1).is_some_and(|sq| sq <= n) {
        x += 1;
    }
    x
}

/// The complementary error function (Numerical Recipes' `erfcc`: relative error below 1.2 × 10⁻⁷).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sums(values: &[i128]) -> Sums {
        let mut s = Sums::default();
        for v in values {
            s.add(*v);
        }
        s
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(divide_rounded(5, 2), 3);
        assert_eq!(divide_rounded(-5, 2), -3);
        assert_eq!(divide_rounded(4, 3), 1);
        assert_eq!(divide_rounded(-4, 3), -1);
        assert_eq!(sums(&[100, 101]).mean(), Some(101));
    }

    #[test]
    fn the_interval_is_welchs_worked_by_hand() {
        // Control 10, 20, 30 (mean 20, s² 100); variant 20, 30, 40, 50 (mean 35, s² 166.67).
        // se² = 100/3 + 166.67/4 = 75, se = 8.660; 1.96 × se = 16.97: 15 ± 16.97 → −1.97 to 31.97.
        let d = compare(&sums(&[10, 20, 30]), &sums(&[20, 30, 40, 50])).unwrap();
        assert_eq!((d.difference, d.low, d.high), (15, -2, 32));
        assert_eq!(d.relative_tenths, Some(750));
        assert!(!d.clear());
        // z = 15 / 8.660 = 1.732: p = 0.0833, chance better 0.958.
        assert!((d.p - 0.0833).abs() < 0.0005, "{}", d.p);
        assert!((d.chance_better - 0.9584).abs() < 0.0005, "{}", d.chance_better);
    }

    #[test]
    fn erfc_and_isqrt_hold_at_known_points() {
        assert!((erfc(0.0) - 1.0).abs() < 1e-7);
        assert!((erfc(1.959_964 / std::f64::consts::SQRT_2) - 0.05).abs() < 1e-6);
        assert!((erfc(-1.0) - 1.842_700_79).abs() < 1e-6);
        for n in [0u128, 1, 2, 3, 4, 15, 16, 17, 1 << 100, u128::MAX] {
            let r = isqrt(n);
            assert!(
                r * r <= n && (r + 1).checked_mul(r + 1).is_none_or(|sq| sq > n),
                "{n}"
            );
        }
    }

    #[test]
    fn equal_groups_differ_by_nothing_and_shares_compare() {
        let d = compare(&sums(&[5, 5, 5]), &sums(&[5, 5])).unwrap();
        assert_eq!(
            (d.difference, d.low, d.high, d.p, d.chance_better),
            (0, 0, 0, 1.0, 0.5)
        );
        assert!(compare(&sums(&[5]), &sums(&[5, 6])).is_none());
        // 30 of 100 against 45 of 100: 15 points, se √(0.3 × 0.7 ÷ 100 + 0.45 × 0.55 ÷ 100) = 6.764
        // points: 15 ± 13.26.
        let s = compare_shares((30, 100), (45, 100)).unwrap();
        assert!((s.difference - 15.0).abs() < 1e-9);
        assert!(
            (s.low - 1.74).abs() < 0.01 && (s.high - 28.26).abs() < 0.01,
            "{s:?}"
        );
    }
}
