//! Reading many files on every core while handing the results on in input order.
//!
//! A tenant folder is one large Seat Usage CSV and tens of thousands of small per-machine files;
//! reading them one after another leaves all cores but one idle. [`map_in_order`] runs the work on
//! a few threads and gives each result to a sink on the calling thread, in the order of the
//! items, so that reports, frames and the store's manifest come out exactly as a serial read
//! would make them. Workers never run more than a window of items ahead of the sink, so memory
//! stays bounded by the window, not by the number of files.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, PoisonError};

/// How many threads read files: the machine's cores, at most 8 (beyond that the disk, not the
/// CPU, is the limit).
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

fn lock<I>(gate: &Mutex<Gate<I>>) -> std::sync::MutexGuard<'_, Gate<I>> {
    gate.lock().unwrap_or_else(PoisonError::into_inner)
}

struct Gate<I> {
    /// Index of the next item a worker takes.
    next: usize,
    /// How many results the sink has consumed.
    done: usize,
    /// The sink failed: workers stop taking items.
    stopped: bool,
    /// What is left to take; `None` once it has run out.
    items: Option<I>,
}

/// Applies `work` to every item on `threads` threads and feeds the results to `sink` in item
/// order; stops at the first error `sink` returns and returns it. `threads <= 1` runs serially.
pub fn map_in_order<I, T, E>(
    items: Vec<I>,
    threads: usize,
    work: impl Fn(I) -> T + Sync,
    sink: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send,
    T: Send,
{
    map_in_order_window(items, threads, threads * 4, work, sink)
}

/// [`map_in_order`] over any iterator, with at most `window` items taken but not yet consumed by
/// `sink`: items are pulled from the iterator only as that room frees up (a file read in batches
/// is never read ahead by more than `window` batches).
pub fn map_in_order_window<I, T, E>(
    items: impl IntoIterator<Item = I, IntoIter: Send>,
    threads: usize,
    window: usize,
    work: impl Fn(I) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send,
    T: Send,
{
    let mut items = items.into_iter();
    if threads <= 1 {
        return items.try_for_each(|item| sink(work(item)));
    }
    let window = window.max(1);
    let gate = (Mutex::new(Gate { next: 0, done: 0, stopped: false, items: Some(items) }), Condvar::new());
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<(usize, T)>();
        for _ in 0..threads {
            let (sender, gate, work) = (sender.clone(), &gate, &work);
            scope.spawn(move || {
                loop {
                    let (index, item) = {
                        let mut state = lock(&gate.0);
                        while !state.stopped && state.items.is_some() && state.next >= state.done + window {
                            state = gate.1.wait(state).unwrap_or_else(PoisonError::into_inner);
                        }
                        if state.stopped {
                            return;
                        }
                        // Pulled under the lock: the iterator hands out items in order.
                        let Some(item) = state.items.as_mut().and_then(Iterator::next) else {
                            state.items = None;
                            gate.1.notify_all();
                            return;
                        };
                        state.next += 1;
                        (state.next - 1, item)
                    };
                    if sender.send((index, work(item))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        let mut outcome = Ok(());
        // Ends when every worker has finished (or died: a panic reaches the caller at the join).
        for (index, result) in receiver {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&next) {
                next += 1;
                if outcome.is_ok() {
                    outcome = sink(result);
                }
                let mut state = lock(&gate.0);
                state.done = next;
                state.stopped |= outcome.is_err();
                gate.1.notify_all();
            }
        }
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::map_in_order;

    #[test]
    fn results_arrive_in_item_order_whatever_the_work_time() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        let result: Result<(), ()> = map_in_order(
            items,
            4,
            |i| {
                std::thread::sleep(std::time::Duration::from_micros((200 - i) * 20));
                i * 2
            },
            |value| {
                seen.push(value);
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        assert_eq!(seen, (0..200).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn the_first_sink_error_stops_the_work() {
        let done = std::sync::atomic::AtomicUsize::new(0);
        let result = map_in_order(
            (0..1000).collect(),
            3,
            |i: usize| {
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                i
            },
            |i| if i == 10 { Err(format!("stop at {i}")) } else { Ok(()) },
        );
        assert_eq!(result, Err("stop at 10".to_owned()));
        // At most the window (3 threads × 4) beyond the failing item was read.
        assert!(done.load(std::sync::atomic::Ordering::Relaxed) <= 11 + 12);
    }

    #[test]
    fn an_iterator_is_never_pulled_more_than_the_window_ahead_of_the_sink() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let pulled = AtomicUsize::new(0);
        let mut consumed = 0;
        let items = (0..100).inspect(|_| {
            pulled.fetch_add(1, Ordering::SeqCst);
        });
        let result: Result<(), ()> = super::map_in_order_window(
            items,
            2,
            3,
            |i| i,
            |i| {
                assert_eq!(i, consumed);
                consumed += 1;
                // Taken but not consumed: at most the window.
                assert!(pulled.load(Ordering::SeqCst) <= consumed + 3);
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        assert_eq!(consumed, 100);
    }

    #[test]
    fn one_thread_is_a_plain_loop() {
        let mut seen = Vec::new();
        let result: Result<(), ()> = map_in_order(vec!["a", "b"], 1, str::to_uppercase, |s| {
            seen.push(s);
            Ok(())
        });
        assert_eq!(result, Ok(()));
        assert_eq!(seen, ["A", "B"]);
    }
}
