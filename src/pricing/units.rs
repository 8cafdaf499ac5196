//! The units of a basket, kept as runs of identical units: each run has what is left of its unit
//! price after the discounts taken so far, and whether a buy X get Y already used its units.
//!
//! Discounts are split unit by unit, never line by line, so a line of five units ends exactly as
//! five one-unit lines in its place would: splitting or merging identical lines never moves a
//! minor unit, and buy X get Y ranks and caps each unit by what is left of it.

/// `a × b`, saturating (as `u128::saturating_mul`), as one 64-bit multiplication where both fit in
/// 32 bits (amounts below 42,949,672.96 in a currency of two decimals: the common case by far). The
/// wasm has no 128-bit multiplication, nor one that reports a 64-bit overflow: both are calls to a
/// routine that took 9 % of a 50-promotion quote.
#[inline(always)]
pub(crate) fn times(a: u128, b: u128) -> u128 {
    match (u32::try_from(a), u32::try_from(b)) {
        (Ok(a), Ok(b)) => u128::from(u64::from(a) * u64::from(b)),
        _ => a.saturating_mul(b),
    }
}

/// `(a / b, a % b)` (`b` not 0), in 64 bits where both fit: a 128-bit division is a call in the
/// wasm, and these run for every line of every evaluation and every unit run a discount is split
/// over.
#[inline(always)]
fn divide(a: u128, b: u128) -> (u128, u128) {
    match (u64::try_from(a), u64::try_from(b)) {
        (Ok(a), Ok(b)) => (u128::from(a / b), u128::from(a % b)),
        _ => (a / b, a % b),
    }
}

/// Identical units of one line, in cart order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Run {
    /// The line they belong to.
    pub(crate) line: usize,
    /// How many units.
    pub(crate) units: u64,
    /// What is left of each unit's price, in minor units.
    pub(crate) value: u128,
    /// Already bought or discounted by a buy X get Y (no other may count them).
    pub(crate) used: bool,
}

/// The runs of a basket, in cart order (by line, then unit), with scratch space reused per split.
#[derive(Debug, Clone, Default)]
pub(crate) struct Units {
    pub(crate) runs: Vec<Run>,
    /// Per selected run: (remainder of its per-unit share, position in the selection).
    remainders: Vec<(u128, usize)>,
    /// Per selected run: the floor of its per-unit share.
    floors: Vec<u128>,
    /// Per selected run: how many of its units take one minor unit more.
    bonus: Vec<u64>,
}

impl Units {
    /// One run per line with units, at list price, from each line's (units, list total in minor
    /// units: the unit price × units).
    pub(crate) fn new(lines: impl ExactSizeIterator<Item = (u64, u128)>) -> Self {
        let mut runs = Vec::with_capacity(lines.len());
        runs.extend(
            lines
                .enumerate()
                .filter(|(_, (units, _))| *units > 0)
                .map(|(line, (units, list))| Run {
                    line,
                    units,
                    value: divide(list, u128::from(units)).0,
                    used: false,
                }),
        );
        Units {
            runs,
            ..Units::default()
        }
    }

    /// Splits `amount` over the units of the runs at `selected` (ascending indices), in proportion
    /// to each unit's value: each unit takes the floor of its exact share, and the minor units left
    /// over go one each to the units with the largest remainders (ties to the earlier unit). Calls
    /// `taken(line, share)` for each selected run in order (consecutive calls may name one line).
    ///
    /// `amount` must not exceed the selection's value; then no unit gives more than it has. At most
    /// one run is split in two (the one where the left-over minor units run out), so after a call
    /// the indices in `selected` may be stale.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub(crate) fn allocate(&mut self, amount: u128, selected: &[usize], mut taken: impl FnMut(usize, u128)) {
        let total: u128 = selected
            .iter()
            .map(|&r| times(self.runs[r].value, u128::from(self.runs[r].units)))
            .sum();
        if amount == 0 || total == 0 {
            return;
        }
        debug_assert!(amount <= total);
        self.floors.clear();
        self.remainders.clear();
        let mut given: u128 = 0;
        for (at, &r) in selected.iter().enumerate() {
            let run = self.runs[r];
            // Amounts and values stay below 10^19 minor units, so the product fits in u128.
            let product = times(amount, run.value);
            let (floor, remainder) = divide(product, total);
            self.floors.push(floor);
            if remainder > 0 {
                self.remainders.push((remainder, at));
            }
            given += times(floor, u128::from(run.units));
        }
        // Fewer minor units are left than units with a remainder: the largest remainders first,
        // taken off a heap only as far as they are needed.
        let mut left = amount - given;
        let bonus = &mut self.bonus;
        bonus.clear();
        bonus.resize(selected.len(), 0);
        // Units of each selected run that take one minor unit more; the run at `split` only partly.
        let mut split: Option<(usize, u64)> = None;
        let runs = &self.runs;
        let units_of = |&(_, at): &(u128, usize)| u128::from(runs[selected[at]].units);
        let order = |a: &(u128, usize), b: &(u128, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        let boundary = if left == 0 {
            self.remainders.len()
        } else {
            crate::sort::select_weight_by(&mut self.remainders, left, units_of, order)
        };
        for &(_, at) in &self.remainders[..boundary] {
            bonus[at] = runs[selected[at]].units;
            left -= u128::from(bonus[at]);
        }
        if let Some(&(_, at)) = self.remainders.get(boundary) {
            // `left` is at most this run's units: all of them, or the first `left`.
            bonus[at] = left as u64;
            if bonus[at] < runs[selected[at]].units {
                split = Some((at, bonus[at]));
            }
        }
        for (at, &r) in selected.iter().enumerate() {
            let run = &mut self.runs[r];
            let floor = self.floors[at];
            let extra = self.bonus[at];
            let share = times(floor, u128::from(run.units)) + u128::from(extra);
            // A run only partly given the extra minor unit is split below.
            if extra == run.units {
                run.value -= floor + 1;
            } else if extra == 0 {
                run.value -= floor;
            }
            if share > 0 {
                taken(run.line, share);
            }
        }
        if let Some((at, first)) = split {
            // The first `first` units took one minor unit more than the rest.
            let r = selected[at];
            let floor = self.floors[at];
            let run = self.runs[r];
            self.runs[r] = Run {
                units: first,
                value: run.value - floor - 1,
                ..run
            };
            self.runs.insert(
                r + 1,
                Run {
                    units: run.units - first,
                    value: run.value - floor,
                    ..run
                },
            );
        }
    }

    /// Takes `per_unit(value)` (in minor units, at most the value) off every unit of the runs at
    /// `selected`: a fixed amount off each, or each down to a price. Calls `taken(line, share)` for
    /// each run that gave something and returns the total taken. Exact per unit: splitting or
    /// merging lines changes nothing.
    pub(crate) fn take_per_unit(
        &mut self,
        selected: &[usize],
        per_unit: impl Fn(u128) -> u128,
        mut taken: impl FnMut(usize, u128),
    ) -> u128 {
        let mut total = 0;
        for &r in selected {
            let run = &mut self.runs[r];
            let take = per_unit(run.value).min(run.value);
            if take == 0 {
                continue;
            }
            run.value -= take;
            let share = take * u128::from(run.units);
            total += share;
            taken(run.line, share);
        }
        total
    }

    /// The runs of the `most` dearest units among the runs at `selected` (by what is left of each
    /// unit; the earlier unit on ties), splitting the run where the count runs out. Returns their
    /// indices, ascending; indices held from before are stale afterwards.
    pub(crate) fn dearest(&mut self, selected: &[usize], most: u64) -> Vec<usize> {
        let mut by_value: Vec<usize> = selected.to_vec();
        crate::sort::sort_by(&mut by_value, |&a, &b| {
            self.runs[b].value.cmp(&self.runs[a].value).then(a.cmp(&b))
        });
        // (run, units taken), then in run order for the rebuild.
        let mut plan: Vec<(usize, u64)> = Vec::new();
        let mut left = most;
        for r in by_value {
            if left == 0 {
                break;
            }
            let take = self.runs[r].units.min(left);
            plan.push((r, take));
            left -= take;
        }
        crate::sort::sort_by(&mut plan, |a, b| a.0.cmp(&b.0));
        let mut runs = Vec::with_capacity(self.runs.len() + 1);
        let mut chosen = Vec::with_capacity(plan.len());
        let mut next = plan.iter().peekable();
        for (r, &run) in self.runs.iter().enumerate() {
            let Some(&(_, take)) = next.next_if(|&&(at, _)| at == r) else {
                runs.push(run);
                continue;
            };
            chosen.push(runs.len());
            runs.push(Run { units: take, ..run });
            if run.units > take {
                runs.push(Run {
                    units: run.units - take,
                    ..run
                });
            }
        }
        self.runs = runs;
        chosen
    }

    /// Rebuilds the runs after a buy X get Y chose units: `plan` holds, by ascending run index,
    /// `(run, got, bought)`: the first `got` units of the run are discounted, the next `bought`
    /// bought, both marked used. Returns the indices of the runs of discounted units.
    pub(crate) fn take(&mut self, plan: &[(usize, u64, u64)]) -> Vec<usize> {
        let mut runs = Vec::with_capacity(self.runs.len() + 2 * plan.len());
        let mut got_runs = Vec::new();
        let mut next = plan.iter().peekable();
        for (r, &run) in self.runs.iter().enumerate() {
            let Some(&(_, got, bought)) = next.next_if(|&&(at, _, _)| at == r) else {
                runs.push(run);
                continue;
            };
            if got > 0 {
                got_runs.push(runs.len());
                runs.push(Run {
                    units: got,
                    used: true,
                    ..run
                });
            }
            if bought > 0 {
                runs.push(Run {
                    units: bought,
                    used: true,
                    ..run
                });
            }
            let rest = run.units - got - bought;
            if rest > 0 {
                runs.push(Run { units: rest, ..run });
            }
        }
        self.runs = runs;
        got_runs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn divide_is_division_with_remainder() {
        let edges = [1, 3, u128::from(u64::MAX), u128::from(u64::MAX) + 1, u128::MAX];
        for a in edges.iter().copied().chain([0]) {
            for b in edges {
                assert_eq!(divide(a, b), (a / b, a % b), "{a} / {b}");
            }
        }
    }

    #[test]
    fn times_is_saturating_multiplication() {
        let edges = [
            0,
            1,
            3,
            u128::from(u32::MAX),
            u128::from(u32::MAX) + 1,
            u128::from(u64::MAX),
            u128::from(u64::MAX) + 1,
            10u128.pow(19),
            u128::MAX / 3,
            u128::MAX,
        ];
        for a in edges {
            for b in edges {
                assert_eq!(times(a, b), a.saturating_mul(b), "{a} × {b}");
            }
        }
    }

    fn units(lines: &[(u128, u64)]) -> Units {
        Units::new(
            lines
                .iter()
                .map(|&(price, units)| (units, price * u128::from(units))),
        )
    }

    fn shares(u: &mut Units, amount: u128) -> Vec<(usize, u128)> {
        let all: Vec<usize> = (0..u.runs.len()).collect();
        let mut out: Vec<(usize, u128)> = Vec::new();
        u.allocate(amount, &all, |line, share| match out.last_mut() {
            Some((l, s)) if *l == line => *s += share,
            _ => out.push((line, share)),
        });
        out
    }

    #[test]
    fn a_line_takes_what_its_units_would_as_separate_lines() {
        // 10.00 off three units at 10.00: 3.34 + 3.33 + 3.33, whether one line or three.
        let mut merged = units(&[(1000, 3)]);
        assert_eq!(shares(&mut merged, 1000), [(0, 1000)]);
        let values: Vec<(u64, u128)> = merged.runs.iter().map(|r| (r.units, r.value)).collect();
        assert_eq!(values, [(1, 666), (2, 667)]);
        let mut split = units(&[(1000, 1), (1000, 1), (1000, 1)]);
        assert_eq!(shares(&mut split, 1000), [(0, 334), (1, 333), (2, 333)]);
        let values: Vec<u128> = split.runs.iter().map(|r| r.value).collect();
        assert_eq!(values, [666, 667, 667]);
    }

    #[test]
    fn largest_remainders_first_then_the_earlier_unit() {
        // 5 off 40 (one unit at 10, then three at 10): 1.25 each, the first unit takes the cent.
        let mut u = units(&[(1000, 1), (1000, 3)]);
        assert_eq!(shares(&mut u, 500), [(0, 125), (1, 375)]);
        // 0.05 off 0.04 + 0.06: floors 0 and 0, remainders 20 and 30 of 100... two units' worth.
        let mut u = units(&[(4, 1), (6, 1)]);
        assert_eq!(shares(&mut u, 5), [(0, 2), (1, 3)]);
    }

    #[test]
    fn taking_units_marks_them_and_keeps_cart_order() {
        let mut u = units(&[(500, 4), (300, 2)]);
        let got = u.take(&[(0, 1, 2), (1, 2, 0)]);
        let runs: Vec<(usize, u64, bool)> = u.runs.iter().map(|r| (r.line, r.units, r.used)).collect();
        assert_eq!(runs, [(0, 1, true), (0, 2, true), (0, 1, false), (1, 2, true)]);
        assert_eq!(got, [0, 3]);
    }
}
