//! Work spread over every core: documents are parsed, outputs made and files written
//! independently of each other.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `work` applied to every element of `items`, on every core; the results in the order of
/// `items`. Each core takes the next element as soon as it is free, so a few slow elements
/// (list them first) do not hold the others back. A panic in `work` is passed on.
pub fn map_on_every_core<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let mut results = Vec::with_capacity(items.len());
    for_each_in_order_on_every_core(items, work, |_, result| results.push(result));
    results
}

/// `work` applied to every element of `items` on every core, each result handed to `then`,
/// with its element, in the order of `items`, as soon as it and all before it are done:
/// what the caller does with the results goes on beside the cores' work rather than after
/// all of it. The cores hand results on themselves, one at a time, no thread waiting for
/// another: a core that finds another handing on leaves its result for that one (or, at
/// the end, for the calling thread). A panic in `work` is passed on once the others are
/// done.
pub fn for_each_in_order_on_every_core<'a, T: Sync, R: Send>(
    items: &'a [T],
    work: impl Fn(&T) -> R + Sync,
    mut then: impl FnMut(&'a T, R) + Send,
) {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len());
    if threads <= 1 {
        items.iter().for_each(|item| then(item, work(item)));
        return;
    }
    // Results done and not yet handed on, by position.
    let waiting = Mutex::new(BTreeMap::new());
    // The position due next, and where it goes.
    let handing = Mutex::new((0, then));
    let hand_on = || {
        let Ok(mut handing) = handing.try_lock() else {
            return;
        };
        let (due, then) = &mut *handing;
        loop {
            let result = waiting.lock().map(|mut waiting| waiting.remove(due));
            let Ok(Some(result)) = result else {
                break;
            };
            then(&items[*due], result);
            *due += 1;
        }
    };
    let next = AtomicUsize::new(0);
    let (work, hand_on) = (&work, &hand_on);
    let (next, waiting) = (&next, &waiting);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || loop {
                    let at = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(at) else {
                        break;
                    };
                    let result = work(item);
                    if let Ok(mut waiting) = waiting.lock() {
                        waiting.insert(at, result);
                    }
                    hand_on();
                })
            })
            .collect();
        for worker in workers {
            worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
    });
    // What a core left while another was handing on.
    hand_on();
}

/// `work` applied to every element of `items` in place, on every core, each core taking
/// an equal run of them: for cheap work on many elements (a national corpus's 850,000
/// items), where taking them one by one would cost more than the work.
pub fn for_each_on_every_core<T: Send>(items: &mut [T], work: impl Fn(&mut T) + Sync) {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let run = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for part in items.chunks_mut(run) {
            scope.spawn(|| part.iter_mut().for_each(&work));
        }
    });
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
    use super::{
        for_each_in_order_on_every_core, for_each_on_every_core, map_on_every_core, reserve_at_rate,
    };

    #[test]
    fn hands_each_result_on_in_the_order_of_the_items() {
        for count in [0, 1, 2, 3, 1001] {
            let numbers: Vec<u32> = (0..count).collect();
            let mut handed = Vec::new();
            // Later elements take less time, so results come out of order.
            for_each_in_order_on_every_core(
                &numbers,
                |number| {
                    std::thread::sleep(std::time::Duration::from_micros(u64::from(
                        (count - number) % 7,
                    )));
                    number * 2
                },
                |number, doubled| handed.push((*number, doubled)),
            );
            let expected: Vec<(u32, u32)> = numbers.iter().map(|&n| (n, n * 2)).collect();
            assert_eq!(handed, expected, "{count} elements");
        }
    }

    #[test]
    #[should_panic(expected = "element 500")]
    fn passes_a_panic_in_the_work_on() {
        let numbers: Vec<u32> = (0..1000).collect();
        for_each_in_order_on_every_core(
            &numbers,
            |&number| assert_ne!(number, 500, "element 500"),
            |_, ()| {},
        );
    }

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
    fn works_on_every_element_in_place() {
        for length in [0, 1, 7, 1001] {
            let mut numbers: Vec<u32> = (0..length).collect();
            for_each_on_every_core(&mut numbers, |number| *number *= 2);
            assert_eq!(numbers, (0..length).map(|n| n * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn room_is_made_once_at_the_rate_of_the_first_part() {
        let mut list: Vec<u32> = Vec::new();
        let mut capacities = Vec::new();
        for part in 0..10 {
            reserve_at_rate(&mut list, 200, part + 1, 10);
            capacities.push(list.capacity());
            list.extend(std::iter::repeat_n(part as u32, 200));
        }
        assert_eq!(list.len(), 2000);
        // Room for all, at the rate of the first part, from the first part on.
        assert!(capacities.iter().all(|&capacity| capacity == capacities[0]));
        assert!(capacities[0] >= 2000 && capacities[0] <= 2600);
        // A part larger than the rate foresaw gets room all the same.
        reserve_at_rate(&mut list, 5000, 11, 10);
        assert!(list.capacity() - list.len() >= 5000);
    }
}
