//! Machine suggestions of lineage: items of later documents whose titles share rare
//! character bigrams with an earlier item of the same district. Chinese has no spaces, so
//! bigrams stand in for words; each is weighted by how rare it is among all titles (IDF),
//! so that common words such as 推进 or 改革 count for little.

use crate::model::{Item, LineageLink, LineageSuggestion};
use crate::Date;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Two adjacent characters: the unit of comparison.
pub type Bigram = (char, char);
/// Weights of bigrams by rarity.
pub type Weights = BTreeMap<Bigram, f64>;

/// Suggestions at or above this weighted similarity (thousandths) are kept.
pub const THRESHOLD: u16 = 150;

/// The character bigrams of `text`, punctuation and spaces dropped.
pub fn bigrams(text: &str) -> BTreeSet<Bigram> {
    let chars: Vec<char> = text.chars().filter(|&c| is_title_char(c)).collect();
    chars.windows(2).map(|pair| (pair[0], pair[1])).collect()
}

/// Letters and digits of any script: what titles are compared by. Common Han characters
/// are answered without the look-up in Unicode's tables, a third of the indexing time.
fn is_title_char(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fef}') || c.is_alphanumeric()
}

/// Bigram weights: ln(number of titles / titles containing the bigram).
pub fn idf(titles: &[BTreeSet<Bigram>]) -> Weights {
    let mut counts: BTreeMap<Bigram, usize> = BTreeMap::new();
    for title in titles {
        for bigram in title {
            *counts.entry(*bigram).or_default() += 1;
        }
    }
    let total = titles.len() as f64;
    counts
        .into_iter()
        .map(|(bigram, count)| (bigram, (total / count as f64).ln()))
        .collect()
}

/// Weighted Jaccard similarity of two bigram sets, in thousandths.
pub fn similarity(a: &BTreeSet<Bigram>, b: &BTreeSet<Bigram>, weights: &Weights) -> u16 {
    let weight = |bigram: &Bigram| weights.get(bigram).copied().unwrap_or(0.0);
    let union: f64 = a.union(b).map(weight).sum();
    if union <= 0.0 {
        return 0;
    }
    let shared: f64 = a.intersection(b).map(weight).sum();
    (shared / union * 1000.0).round().clamp(0.0, 1000.0) as u16
}

/// Suggests links from each item to items of later-dated documents of the same district
/// (`place` gives a document's district and date), skipping curated links.
///
/// Gives exactly what comparing every pair with [`similarity`] gives, in the same order,
/// but compares only items of one district and, among those, only titles sharing enough
/// weight to come near [`THRESHOLD`] (see [`District`]): at national scale, comparing all
/// pairs would take hours.
pub fn suggest<'a>(
    items: &'a [Item],
    curated: &'a [LineageLink],
    place: impl Fn(&str) -> Option<(&'a str, Date)>,
) -> Vec<LineageSuggestion> {
    Suggester::new(items, curated, place).suggest(0..items.len())
}

/// [`suggest`] in two steps, so that a caller can share the second among threads: the
/// titles indexed once, then the suggestions from any range of earlier items.
pub struct Suggester<'a> {
    items: &'a [Item],
    /// Each title's bigram numbers ([`numbered`]).
    numbered: Vec<Vec<u32>>,
    /// Weight of each bigram number.
    weight_of: Vec<f64>,
    /// Each item's district and date.
    places: Vec<Option<(&'a str, Date)>>,
    /// Each district's titles, indexed by bigram.
    districts: HashMap<&'a str, District>,
    /// The curated links, never suggested again.
    known: HashSet<(&'a str, &'a str)>,
}

impl<'a> Suggester<'a> {
    /// Indexes the titles of `items`; `place` gives a document's district and date.
    pub fn new(
        items: &'a [Item],
        curated: &'a [LineageLink],
        place: impl Fn(&str) -> Option<(&'a str, Date)>,
    ) -> Suggester<'a> {
        let (numbered, weight_of) = number_titles(items.iter().map(|item| item.title.as_str()));
        let places: Vec<Option<(&str, Date)>> =
            items.iter().map(|item| place(&item.document)).collect();
        let mut members: HashMap<&str, Vec<usize>> = HashMap::default();
        for (index, found) in places.iter().enumerate() {
            if let Some((district, _)) = found {
                members.entry(district).or_default().push(index);
            }
        }
        let districts: HashMap<&str, District> = members
            .into_iter()
            .map(|(district, members)| (district, District::new(members, &numbered, &weight_of)))
            .collect();
        let known = curated
            .iter()
            .map(|link| (link.from.as_str(), link.to.as_str()))
            .collect();
        Suggester {
            items,
            numbered,
            weight_of,
            places,
            districts,
            known,
        }
    }

    /// The suggestions from the items at `earlier` positions, in [`suggest`]'s order:
    /// concatenating those of consecutive ranges gives those of the whole.
    pub fn suggest(&self, earlier: std::ops::Range<usize>) -> Vec<LineageSuggestion> {
        self.find(earlier)
            .iter()
            .map(|found| found.suggestion(self.items))
            .collect()
    }

    /// [`Suggester::suggest`] as positions in the items: a tenth of the memory.
    pub fn find(&self, earlier: std::ops::Range<usize>) -> Vec<Found> {
        let (items, numbered, weight_of) = (self.items, &self.numbered, &self.weight_of);
        let mut suggestions = Vec::new();
        let mut scratch = Scratch::default();
        for earlier_index in earlier {
            let Some(earlier) = items.get(earlier_index) else {
                break;
            };
            let Some((district_id, date)) = &self.places[earlier_index] else {
                continue;
            };
            let Some(district) = self.districts.get(district_id) else {
                continue;
            };
            district.near(earlier_index, numbered, weight_of, &mut scratch);
            for &later_index in &scratch.near {
                let Some((_, later_date)) = &self.places[later_index] else {
                    continue;
                };
                if later_date <= date {
                    continue;
                }
                let score =
                    merged_similarity(&numbered[earlier_index], &numbered[later_index], weight_of);
                let later = &items[later_index];
                if score >= THRESHOLD
                    && !self
                        .known
                        .contains(&(earlier.id.as_str(), later.id.as_str()))
                {
                    suggestions.push(Found {
                        from: earlier_index as u32,
                        to: later_index as u32,
                        similarity: score,
                    });
                }
            }
        }
        suggestions
    }
}

/// A suggestion as [`Suggester::find`] finds it: the two items by position. A national
/// corpus has millions of suggestions; as records, each holds two ids of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// Position of the earlier item.
    pub from: u32,
    /// Position of the later item.
    pub to: u32,
    /// [`LineageSuggestion::similarity`].
    pub similarity: u16,
}

impl Found {
    /// The suggestion as a record, `items` being those it was found among.
    pub fn suggestion(&self, items: &[Item]) -> LineageSuggestion {
        LineageSuggestion {
            from: items[self.from as usize].id.clone(),
            to: items[self.to as usize].id.clone(),
            similarity: self.similarity,
        }
    }
}

/// A bundle's lineage suggestions, as records or as found among its items: the compiler
/// writes them from the second, and its files are the same either way.
#[derive(Clone, Copy, Debug)]
pub enum Suggestions<'a> {
    /// As records ([`crate::Bundle::suggestions`]).
    Records(&'a [LineageSuggestion]),
    /// As found among these items.
    Found(&'a [Item], &'a [Found]),
}

impl Suggestions<'_> {
    /// The suggestion at `position`, as a record.
    pub fn get(&self, position: usize) -> LineageSuggestion {
        match self {
            Suggestions::Records(records) => records[position].clone(),
            Suggestions::Found(items, found) => found[position].suggestion(items),
        }
    }
}

/// As the list of records: the same JSON, the same postcard encoding.
impl serde::Serialize for Suggestions<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Suggestions::Records(records) => records.serialize(serializer),
            Suggestions::Found(items, found) => {
                serializer.collect_seq(found.iter().map(|found| SuggestionRef {
                    from: &items[found.from as usize].id,
                    to: &items[found.to as usize].id,
                    similarity: found.similarity,
                }))
            }
        }
    }
}

/// A [`LineageSuggestion`] borrowing its ids, serialized as the record is (a test keeps
/// the two alike): writing millions of found suggestions copies no id.
#[derive(serde::Serialize)]
#[serde(rename = "LineageSuggestion")]
struct SuggestionRef<'a> {
    from: &'a str,
    to: &'a str,
    similarity: u16,
}

/// A similarity below this fraction can never round to [`THRESHOLD`] thousandths; the
/// margin below the rounding edge (0.1495) absorbs floating-point error.
const PRUNE_BELOW: f64 = (THRESHOLD as f64 - 0.5) / 1000.0 - 0.005;

/// One district's titles, indexed by bigram to find the titles near a given one.
struct District {
    /// The district's items (indexes into all items), in item order.
    members: Vec<usize>,
    /// Total bigram weight of each member's title.
    totals: Vec<f64>,
    /// `(bigram number, position in members)` of every title's bigrams, sorted: the
    /// titles holding a bigram are one run, found by binary search (no hashing per lookup).
    holders: Vec<(u32, u32)>,
}

/// Buffers reused from one title to the next.
#[derive(Default)]
struct Scratch {
    /// Shared weight per position in the district's members, summed in any order.
    shared: Vec<f64>,
    /// Positions with shared weight, to reset.
    touched: Vec<u32>,
    /// The result: item indexes near the title, in item order.
    near: Vec<usize>,
}

impl District {
    fn new(members: Vec<usize>, numbered: &[Vec<u32>], weight_of: &[f64]) -> District {
        let mut holders: Vec<(u32, u32)> = Vec::new();
        let mut totals = Vec::with_capacity(members.len());
        for (position, member) in (0u32..).zip(&members) {
            let title = numbered.get(*member).map_or(&[][..], Vec::as_slice);
            holders.extend(title.iter().map(|&bigram| (bigram, position)));
            totals.push(title.iter().map(|&bigram| weight(weight_of, bigram)).sum());
        }
        holders.sort_unstable();
        District {
            members,
            totals,
            holders,
        }
    }

    /// Fills `scratch.near` with the district's items after item `index` (in item order,
    /// so never of an earlier date) whose titles could reach the threshold with its title:
    /// the shared weight is summed over the bigram index (in another order than the exact
    /// score, hence the margin in [`PRUNE_BELOW`]). Earlier items are never successors, so
    /// each bigram's run is read from its first later title on, not whole.
    fn near(&self, index: usize, numbered: &[Vec<u32>], weight_of: &[f64], scratch: &mut Scratch) {
        scratch.near.clear();
        scratch.shared.resize(self.members.len(), 0.0);
        let after = self.members.partition_point(|&member| member <= index) as u32;
        let title = numbered.get(index).map_or(&[][..], Vec::as_slice);
        let total: f64 = title.iter().map(|&bigram| weight(weight_of, bigram)).sum();
        for &bigram in title {
            let bigram_weight = weight(weight_of, bigram);
            let first = self.holders.partition_point(|&held| held < (bigram, after));
            let run = self.holders[first..]
                .iter()
                .take_while(|&&(held, _)| held == bigram);
            for &(_, position) in run {
                let shared = &mut scratch.shared[position as usize];
                if *shared == 0.0 {
                    scratch.touched.push(position);
                }
                // Zero-weight bigrams (in every title) still mark a title as touched.
                *shared += bigram_weight.max(f64::MIN_POSITIVE);
            }
        }
        scratch.touched.sort_unstable();
        for &position in &scratch.touched {
            let shared = std::mem::take(&mut scratch.shared[position as usize]);
            let union = total + self.totals[position as usize] - shared;
            if union > 0.0 && shared >= PRUNE_BELOW * union {
                scratch.near.push(self.members[position as usize]);
            }
        }
        scratch.touched.clear();
    }
}

fn weight(weight_of: &[f64], bigram: u32) -> f64 {
    weight_of.get(bigram as usize).copied().unwrap_or(0.0)
}

/// Each title as ascending bigram numbers, and the weight of each number ([`idf`]).
/// Bigrams are numbered in sorted order: number order is bigram order, so merging two
/// titles adds the same weights in the same order as [`similarity`] does over the sets.
/// Two passes over the titles with a count per distinct bigram, rather than [`bigrams`]'
/// sets and [`idf`]'s map (a tree insertion per bigram) or one sort of every (bigram,
/// title) pair: a national corpus has 8.5 million of those, 136 MB to sort, and far fewer
/// distinct bigrams.
fn number_titles<'t>(titles: impl Iterator<Item = &'t str> + Clone) -> (Vec<Vec<u32>>, Vec<f64>) {
    // A bigram as one number, first character high: number order is bigram order.
    let key = |first: char, second: char| (u64::from(first) << 32) | u64::from(second);
    // A title's distinct bigrams, ascending, into `keys`.
    let mut chars: Vec<char> = Vec::new();
    let mut title_keys = |title: &str, keys: &mut Vec<u64>| {
        chars.clear();
        chars.extend(title.chars().filter(|&c| is_title_char(c)));
        keys.clear();
        keys.extend(chars.windows(2).map(|pair| key(pair[0], pair[1])));
        keys.sort_unstable();
        keys.dedup();
    };
    let mut keys: Vec<u64> = Vec::new();
    // Per bigram, how many titles hold it, then its number.
    let mut by_bigram: HashMap<u64, u32> = HashMap::default();
    let mut count = 0usize;
    for title in titles.clone() {
        title_keys(title, &mut keys);
        for &bigram in &keys {
            *by_bigram.entry(bigram).or_default() += 1;
        }
        count += 1;
    }
    let mut distinct: Vec<(u64, u32)> = by_bigram
        .iter()
        .map(|(&bigram, &held)| (bigram, held))
        .collect();
    distinct.sort_unstable();
    let total = count as f64;
    let weight_of = distinct
        .iter()
        .map(|&(_, held)| (total / f64::from(held)).ln())
        .collect();
    // Counted: each bigram now gets its number instead.
    for (number, (bigram, _)) in (0u32..).zip(distinct) {
        by_bigram.insert(bigram, number);
    }
    let numbered = titles
        .map(|title| {
            title_keys(title, &mut keys);
            // Ascending keys give ascending numbers.
            keys.iter().map(|bigram| by_bigram[bigram]).collect()
        })
        .collect();
    (numbered, weight_of)
}

/// [`number_titles`] over sets and the weight map: the reference it is tested against.
#[cfg(test)]
fn numbered(titles: &[BTreeSet<Bigram>], weights: &Weights) -> (Vec<Vec<u32>>, Vec<f64>) {
    let numbers: BTreeMap<Bigram, u32> = weights
        .keys()
        .zip(0u32..)
        .map(|(bigram, number)| (*bigram, number))
        .collect();
    let weight_of = weights.values().copied().collect();
    let numbered = titles
        .iter()
        .map(|title| {
            title
                .iter()
                .filter_map(|bigram| numbers.get(bigram).copied())
                .collect()
        })
        .collect();
    (numbered, weight_of)
}

/// [`similarity`] of two titles as ascending bigram numbers, in one merge pass.
fn merged_similarity(a: &[u32], b: &[u32], weight_of: &[f64]) -> u16 {
    let weight = |bigram: u32| weight(weight_of, bigram);
    let (mut union, mut shared) = (0.0f64, 0.0f64);
    let (mut i, mut j) = (0, 0);
    while let (Some(&a_bigram), Some(&b_bigram)) = (a.get(i), b.get(j)) {
        match a_bigram.cmp(&b_bigram) {
            Ordering::Less => {
                union += weight(a_bigram);
                i += 1;
            }
            Ordering::Greater => {
                union += weight(b_bigram);
                j += 1;
            }
            Ordering::Equal => {
                union += weight(a_bigram);
                shared += weight(a_bigram);
                i += 1;
                j += 1;
            }
        }
    }
    for &bigram in a.get(i..).unwrap_or_default() {
        union += weight(bigram);
    }
    for &bigram in b.get(j..).unwrap_or_default() {
        union += weight(bigram);
    }
    if union <= 0.0 {
        return 0;
    }
    (shared / union * 1000.0).round().clamp(0.0, 1000.0) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weights_for(titles: &[&str]) -> (Vec<BTreeSet<Bigram>>, Weights) {
        let sets: Vec<_> = titles.iter().map(|title| bigrams(title)).collect();
        let weights = idf(&sets);
        (sets, weights)
    }

    #[test]
    fn rare_shared_words_score_high_and_common_ones_low() {
        let (sets, weights) = weights_for(&[
            "加快网上办事大厅建设",
            "加快建设网上办事大厅",
            "推进物业管理改革",
            "推进公立医院改革",
        ]);
        assert!(similarity(&sets[0], &sets[1], &weights) >= 400);
        assert!(
            similarity(&sets[2], &sets[3], &weights) < THRESHOLD,
            "only 推进 and 改革 are shared"
        );
        assert_eq!(similarity(&sets[0], &sets[2], &weights), 0);
        assert_eq!(similarity(&BTreeSet::new(), &BTreeSet::new(), &weights), 0);
    }

    #[test]
    fn han_characters_taken_without_the_tables_are_letters_by_the_tables_too() {
        assert!(('\u{4e00}'..='\u{9fef}').all(char::is_alphanumeric));
    }

    #[test]
    fn the_merge_scores_exactly_as_the_sets() {
        let titles = [
            "加快网上办事大厅建设",
            "加快建设网上办事大厅",
            "推进物业管理改革",
            "推进公立医院改革",
            "",
            "“织网工程”",
        ];
        let (sets, weights) = weights_for(&titles);
        let (numbered, weight_of) = numbered(&sets, &weights);
        assert_eq!(
            number_titles(titles.into_iter()),
            (numbered.clone(), weight_of.clone()),
            "the sorted lists number the titles as the sets do"
        );
        for (a_set, a_numbers) in sets.iter().zip(&numbered) {
            for (b_set, b_numbers) in sets.iter().zip(&numbered) {
                assert_eq!(
                    merged_similarity(a_numbers, b_numbers, &weight_of),
                    similarity(a_set, b_set, &weights)
                );
            }
        }
    }

    #[test]
    fn pruning_keeps_every_pair_that_reaches_the_threshold() {
        // Titles sharing one or two words, over a small vocabulary: many near the threshold.
        let words = [
            "深化",
            "行政审批",
            "社区治理",
            "改革",
            "机制",
            "体系",
            "推进",
            "网格化",
        ];
        let mut titles = Vec::new();
        for (i, first) in words.iter().enumerate() {
            for second in &words[i..] {
                for third in &words {
                    titles.push(format!("{first}{second}{third}"));
                }
            }
        }
        let sets: Vec<_> = titles.iter().map(|title| bigrams(title)).collect();
        let weights = idf(&sets);
        let (numbered, weight_of) = numbered(&sets, &weights);
        assert_eq!(
            number_titles(titles.iter().map(String::as_str)),
            (numbered.clone(), weight_of.clone())
        );
        let district = District::new((0..titles.len()).collect(), &numbered, &weight_of);
        let mut scratch = Scratch::default();
        let mut kept = 0;
        for (a, a_set) in sets.iter().enumerate() {
            district.near(a, &numbered, &weight_of, &mut scratch);
            assert!(scratch.near.iter().all(|&b| b > a), "later titles only");
            for (b, b_set) in sets.iter().enumerate().skip(a + 1) {
                if similarity(a_set, b_set, &weights) >= THRESHOLD {
                    assert!(scratch.near.contains(&b), "{} ~ {}", titles[a], titles[b]);
                    kept += 1;
                }
            }
            assert!(scratch.near.windows(2).all(|pair| pair[0] < pair[1]));
        }
        assert!(
            kept > titles.len(),
            "the vocabulary gives pairs near the threshold"
        );
    }

    #[test]
    fn ignores_punctuation() {
        assert_eq!(bigrams("“织网工程”"), bigrams("织网工程"));
    }
}
