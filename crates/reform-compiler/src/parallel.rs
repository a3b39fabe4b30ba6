//! Work spread over every core: documents are parsed, outputs made and files written
//! independently of each other.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `work` applied to every element of `items`, on every core; the results in the order of
/// `items`. Each core takes the next element as soon as it is free, so a few slow elements
/// (list them first) do not hold the others back. A panic in `work` is passed on.
pub fn map_on_every_core<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(at) else {
                            break done;
                        };
                        done.push((at, work(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    done.sort_unstable_by_key(|(at, _)| *at);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::map_on_every_core;

    #[test]
    fn keeps_the_order_of_the_items() {
        let numbers: Vec<u32> = (0..1001).collect();
        let doubled = map_on_every_core(&numbers, |number| number * 2);
        assert_eq!(
            doubled,
            numbers.iter().map(|number| number * 2).collect::<Vec<_>>()
        );
        assert_eq!(
            map_on_every_core(&[] as &[u32], |number| *number),
            Vec::<u32>::new()
        );
    }
}
