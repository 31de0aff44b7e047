//! Two pieces of work at once: the stages of one large document, and the
//! compiling of the rules.

use std::sync::Mutex;

/// Runs `side` on a second thread and `main` on this one, and returns both
/// results. Where no thread can be started (a platform without threads, or
/// none left), runs `main` and then `side` here. A panic in `side` is passed
/// on, as if it had happened on this thread.
pub(crate) fn both<A, B>(side: impl FnOnce() -> A + Send, main: impl FnOnce() -> B) -> (A, B)
where
    A: Send,
{
    let slot = Mutex::new(Some(side));
    let take = || slot.lock().ok().and_then(|mut s| s.take());
    std::thread::scope(|s| {
        let spawned = std::thread::Builder::new().spawn_scoped(s, || take().map(|f| f()));
        let b = main();
        let a = spawned.ok().and_then(|handle| {
            handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        match a.or_else(|| take().map(|f| f())) {
            Some(a) => (a, b),
            None => unreachable!("`side` runs on the second thread or, failing that, here"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_results_come_back_in_place() {
        let text = "到2025年".to_string();
        let (a, b) = both(|| text.len(), || text.chars().count());
        assert_eq!((a, b), (10, 6));
    }

    #[test]
    fn a_panic_on_the_side_is_passed_on() {
        let caught = std::panic::catch_unwind(|| both(|| panic!("side"), || 1));
        assert!(caught.is_err());
    }
}
