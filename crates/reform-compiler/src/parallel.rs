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

/// [`map_on_every_core`] over `items` a share of `share` elements at a time: each share's
/// elements and results go to `take` before the next share is begun, with how many
/// elements are done (this share's included). Results gathered into one list are then
/// never all held beside it.
pub fn map_in_shares<'a, T: Sync, R: Send>(
    items: &'a [T],
    share: usize,
    work: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(&'a [T], Vec<R>, usize),
) {
    let mut done = 0;
    for elements in items.chunks(share.max(1)) {
        let results = map_on_every_core(elements, &work);
        done += elements.len();
        take(elements, results, done);
    }
}

/// Makes room in `list` for `coming` more elements and, when it must grow, for those still
/// to come at the rate so far (`done` of `total` parts gone into it, with `coming`'s),
/// with a quarter to spare: a list grown by doubling is held one and a half times over
/// while it is copied, and room never written to is never given memory.
pub fn reserve_at_rate<T>(list: &mut Vec<T>, coming: usize, done: usize, total: usize) {
    if list.capacity() - list.len() >= coming {
        return;
    }
    let per_part = (list.len() + coming) as f64 / done.max(1) as f64;
    let rest = total.saturating_sub(done) as f64 * per_part * 1.25;
    list.reserve_exact(coming + rest as usize);
}

#[cfg(test)]
mod tests {
    use super::{map_in_shares, map_on_every_core, reserve_at_rate};

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

    #[test]
    fn shares_are_taken_in_order_and_the_list_grows_once() {
        let numbers: Vec<u32> = (0..1000).collect();
        let mut list: Vec<u32> = Vec::new();
        let mut capacities = Vec::new();
        map_in_shares(
            &numbers,
            100,
            |number| vec![*number; 2],
            |share, results, done| {
                assert_eq!(done, share.last().map_or(0, |last| *last as usize + 1));
                let coming = results.iter().map(Vec::len).sum();
                reserve_at_rate(&mut list, coming, done, numbers.len());
                capacities.push(list.capacity());
                list.extend(results.into_iter().flatten());
            },
        );
        assert_eq!(list.len(), 2000);
        assert!(list
            .chunks(2)
            .zip(0..)
            .all(|(pair, number)| pair == [number, number]));
        // Room for all, at the rate of the first share, from the first share on.
        assert!(capacities.iter().all(|&capacity| capacity == capacities[0]));
        assert!(capacities[0] >= 2000 && capacities[0] <= 2600);
    }
}
