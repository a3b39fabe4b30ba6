//! Sorting through one compiled sort. The standard library's sort is compiled again for
//! every kind of row it sorts (3 to 5 KB of WebAssembly each), and the browser builds sort
//! a dozen kinds; these sort the rows' positions instead (one sort of `u32`s, whatever the
//! rows are) and then move the rows into place. Stable, like `slice::sort_by`. The
//! compiler's hot loops (lineage, search keys) keep the standard sort: a position sort
//! costs an indirect call per comparison.

use std::cmp::Ordering;

/// Sorts `rows` by `compare`, keeping equal rows in their order.
pub fn sort_by<T>(rows: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = sorted_positions(rows.len(), &mut |a, b| compare(&rows[a], &rows[b]));
    arrange(rows, order);
}

/// Sorts `rows` by `key`, computed once per row, keeping equal rows in their order (as
/// `slice::sort_by_cached_key`).
pub fn sort_by_key<T, K: Ord>(rows: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = rows.iter().map(key).collect();
    let order = sorted_positions(rows.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    arrange(rows, order);
}

/// Sorts `rows` (as `slice::sort`).
pub fn sort<T: Ord>(rows: &mut [T]) {
    sort_by(rows, T::cmp);
}

/// Sorts `rows` and drops repeats (as `sort` then `dedup`).
pub fn sort_dedup<T: Ord>(rows: &mut Vec<T>) {
    sort(rows);
    rows.dedup();
}

/// Positions `0..len` in the order `compare` (of two positions) gives: the one sort that
/// is compiled.
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<u32> {
    let mut order: Vec<u32> = (0..len as u32).collect();
    order.sort_by(|&a, &b| compare(a as usize, b as usize));
    order
}

/// Moves `rows` so that row `i` becomes the one at position `order[i]`, following each
/// cycle of the permutation with swaps.
fn arrange<T>(rows: &mut [T], mut order: Vec<u32>) {
    for start in 0..rows.len() {
        let mut current = start;
        loop {
            let next = order[current] as usize;
            order[current] = current as u32;
            if next == start {
                break;
            }
            rows.swap(current, next);
            current = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_sort_does_keeping_ties_in_order() {
        // Rows (key, original position), in a scrambled order with many ties.
        let mut seed = 7u32;
        let rows: Vec<(u32, usize)> = (0..500)
            .map(|position| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((seed >> 16) % 17, position)
            })
            .collect();
        let mut expected = rows.clone();
        expected.sort_by_key(|row| row.0);
        let mut by_compare = rows.clone();
        sort_by(&mut by_compare, |a, b| a.0.cmp(&b.0));
        assert_eq!(by_compare, expected);
        let mut by_key = rows.clone();
        sort_by_key(&mut by_key, |row| row.0);
        assert_eq!(by_key, expected);
    }

    #[test]
    fn sorts_empty_single_and_reversed_rows() {
        let mut empty: Vec<u8> = Vec::new();
        sort_dedup(&mut empty);
        assert!(empty.is_empty());
        let mut single = vec!["a"];
        sort_by_key(&mut single, |row| row.len());
        assert_eq!(single, ["a"]);
        let mut reversed: Vec<u32> = (0..100).rev().chain(0..100).collect();
        sort_dedup(&mut reversed);
        assert_eq!(reversed, (0..100).collect::<Vec<_>>());
    }
}
