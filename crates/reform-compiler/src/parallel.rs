//! Work spread over every core: documents are parsed, and files written, independently.

/// `work` applied to every element of `items`, on every core; the results in the order of
/// `items`. A panic in `work` is passed on to the caller.
pub fn map_on_every_core<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if threads == 1 || items.len() < 2 {
        return items.iter().map(work).collect();
    }
    let share = items.len().div_ceil(threads);
    let work = &work;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(share)
            .map(|chunk| scope.spawn(move || chunk.iter().map(work).collect::<Vec<R>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
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
