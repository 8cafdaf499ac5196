//! The work a quote may do. Groups are searched over their members and `remaining` is searched
//! where a threshold is measured after discounts, so a config can ask for many evaluations of the
//! cart; each evaluation costs about lines × promotions steps. A quote (with its progress, and a
//! suggestion search with its re-quotes) spends from one budget ([`crate::Limits::work_steps`]);
//! once it is spent, every search stops early and the entry point refuses with `too_complex`,
//! naming the promotion whose search ran out, rather than freezing the page.
//!
//! The count lives in a thread-local cell: an entry point starts it, nested entry points (a
//! suggestion search quoting its cart) share it, and everything below only spends from it.

use std::cell::Cell;

thread_local! {
    /// Steps left; `u64::MAX` while no entry point is counting.
    static LEFT: Cell<u64> = const { Cell::new(u64::MAX) };
    /// How many entry points are counting (nested ones share the outermost's budget).
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// The promotion whose evaluation the steps are spent for, if a search says so.
    static AT: Cell<Option<usize>> = const { Cell::new(None) };
    /// Where the budget ran out: `Some(at)` once spent (`at` as [`AT`] was then).
    static SPENT_AT: Cell<Option<Option<usize>>> = const { Cell::new(None) };
}

/// Counts the work of one entry point (and those nested in it) while it lives.
pub(crate) struct Budget {
    _private: (),
}

impl Budget {
    /// Starts counting `steps`, or joins the budget an outer entry point started.
    pub(crate) fn start(steps: u64) -> Budget {
        let depth = DEPTH.get();
        if depth == 0 {
            LEFT.set(steps);
            SPENT_AT.set(None);
            AT.set(None);
        }
        DEPTH.set(depth + 1);
        Budget { _private: () }
    }

    /// `Some(promotion)` (or `Some(None)` when no search said which) once the budget is spent.
    pub(crate) fn spent_at(&self) -> Option<Option<usize>> {
        SPENT_AT.get()
    }
}

impl Drop for Budget {
    fn drop(&mut self) {
        let depth = DEPTH.get().saturating_sub(1);
        DEPTH.set(depth);
        if depth == 0 {
            LEFT.set(u64::MAX);
            AT.set(None);
        }
    }
}

/// Spends `steps`; false once the budget is spent (and from then on).
pub(crate) fn spend(steps: u64) -> bool {
    let left = LEFT.get();
    if left == u64::MAX {
        return true;
    }
    if steps > left || SPENT_AT.get().is_some() {
        if SPENT_AT.get().is_none() {
            SPENT_AT.set(Some(AT.get()));
        }
        LEFT.set(0);
        return false;
    }
    LEFT.set(left - steps);
    true
}

/// Whether the budget is spent: searches stop at once.
pub(crate) fn spent() -> bool {
    SPENT_AT.get().is_some()
}

/// Says which promotion the following steps are spent for (`None`: none in particular); returns
/// what it said before, to restore.
pub(crate) fn working_on(promotion: Option<usize>) -> Option<usize> {
    AT.replace(promotion)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_runs_out_once_and_says_where() {
        assert!(spend(u64::MAX - 1), "nothing is counted outside an entry point");
        let budget = Budget::start(100);
        working_on(Some(3));
        assert!(spend(60));
        {
            let nested = Budget::start(1_000_000);
            assert!(!spend(50), "a nested entry point shares the outer budget");
            assert_eq!(nested.spent_at(), Some(Some(3)));
        }
        working_on(Some(4));
        assert!(!spend(1), "spent stays spent");
        assert_eq!(budget.spent_at(), Some(Some(3)), "the first place it ran out");
        drop(budget);
        assert!(spend(1_000_000), "and it ends with its entry point");
        let fresh = Budget::start(10);
        assert_eq!(fresh.spent_at(), None);
    }
}
