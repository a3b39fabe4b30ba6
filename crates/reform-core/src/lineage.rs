//! Machine suggestions of lineage: items of later documents whose titles share rare
//! character bigrams with an earlier item of the same district. Chinese has no spaces, so
//! bigrams stand in for words; each is weighted by how rare it is among all titles (IDF),
//! so that common words such as 推进 or 改革 count for little.

use crate::model::{Item, LineageLink, LineageSuggestion};
use crate::Date;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
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
    let mut counts = TitleCounts::default();
    items.iter().for_each(|item| counts.add(&item.title));
    let suggester = Suggester::new(counts, curated);
    let mut district_at: HashMap<&str, usize> = HashMap::default();
    let mut districts: Vec<Vec<Member>> = Vec::new();
    for (position, item) in (0u32..).zip(items) {
        if let Some((district, date)) = place(&item.document) {
            let at = *district_at.entry(district).or_insert_with(|| {
                districts.push(Vec::new());
                districts.len() - 1
            });
            districts[at].push((position, date, item));
        }
    }
    let mut found: Vec<Found> = districts
        .iter()
        .flat_map(|members| suggester.find_among(members))
        .collect();
    in_item_order(&mut found);
    found.iter().map(|found| found.suggestion(items)).collect()
}

/// Puts suggestions found district by district in [`suggest`]'s order: by earlier item,
/// then by later item, as the districts' items are interleaved by date.
pub fn in_item_order(found: &mut [Found]) {
    found.sort_unstable_by_key(|found| (found.from, found.to));
}

/// An item among those suggestions are found for: its position among all items, its
/// document's date, and the item.
pub type Member<'i> = (u32, Date, &'i Item);

/// How many titles hold each bigram, counted a title at a time, in parts that are then
/// added up ([`TitleCounts::add_up`]): what [`Suggester`] weighs the bigrams by.
#[derive(Default)]
pub struct TitleCounts {
    /// Per bigram, by [`TitleKeys`]' key, how many titles hold it.
    held: HashMap<u64, u32>,
    /// How many titles were counted.
    titles: usize,
    keys: TitleKeys,
}

impl TitleCounts {
    /// Counts `title`.
    pub fn add(&mut self, title: &str) {
        for &bigram in self.keys.of(title) {
            *self.held.entry(bigram).or_default() += 1;
        }
        self.titles += 1;
    }

    /// The counts of all `parts` together.
    pub fn add_up(parts: impl IntoIterator<Item = TitleCounts>) -> TitleCounts {
        let mut parts = parts.into_iter();
        let mut all = parts.next().unwrap_or_default();
        for part in parts {
            for (bigram, held) in part.held {
                *all.held.entry(bigram).or_default() += held;
            }
            all.titles += part.titles;
        }
        all
    }
}

/// [`suggest`] in two steps, so that a caller can share the second among threads and
/// hold one district's items and index at a time: the bigrams of all titles weighted once
/// ([`TitleCounts`]), then the suggestions among each district's items.
pub struct Suggester<'a> {
    /// The bigrams' numbers and weights.
    numbering: Numbering,
    /// The curated links, never suggested again.
    known: HashSet<(&'a str, &'a str)>,
}

impl<'a> Suggester<'a> {
    /// Weighs the bigrams of the titles `counts` counted.
    pub fn new(counts: TitleCounts, curated: &'a [LineageLink]) -> Suggester<'a> {
        let known = curated
            .iter()
            .map(|link| (link.from.as_str(), link.to.as_str()))
            .collect();
        Suggester {
            numbering: Numbering::new(counts),
            known,
        }
    }

    /// The suggestions among `members`, the dated items of one district in item order
    /// (counted in the weights), by earlier item, then later item: [`in_item_order`] puts
    /// those of all districts in [`suggest`]'s order. The titles are indexed for this call
    /// only.
    pub fn find_among(&self, members: &[Member]) -> Vec<Found> {
        let mut keys = TitleKeys::default();
        let numbered: Vec<Vec<u32>> = members
            .iter()
            .map(|&(_, _, item)| self.numbering.number(&item.title, &mut keys))
            .collect();
        let weight_of = &self.numbering.weight_of;
        let district = District::new(&numbered, weight_of);
        let mut suggestions = Vec::new();
        let mut scratch = Scratch::default();
        for (position, &(earlier_index, date, earlier)) in members.iter().enumerate() {
            district.near(position, &numbered, weight_of, &mut scratch);
            for &later_position in &scratch.near {
                let (later_index, later_date, later) = members[later_position];
                if later_date <= date {
                    continue;
                }
                let score =
                    merged_similarity(&numbered[position], &numbered[later_position], weight_of);
                if score >= THRESHOLD
                    && !self
                        .known
                        .contains(&(earlier.id.as_str(), later.id.as_str()))
                {
                    suggestions.push(Found {
                        from: earlier_index,
                        to: later_index,
                        similarity: score,
                    });
                }
            }
        }
        suggestions
    }
}

/// A suggestion as [`Suggester::find_in`] finds it: the two items by position. A national
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
    /// The suggestion as a record, `items` being (the ids of) those it was found among.
    pub fn suggestion(&self, items: &(impl ItemIds + ?Sized)) -> LineageSuggestion {
        LineageSuggestion {
            from: items.id(self.from).into_owned(),
            to: items.id(self.to).into_owned(),
            similarity: self.similarity,
        }
    }
}

/// A bundle's lineage suggestions, as records or as found among its items: the compiler
/// writes them from the second, and its files are the same either way.
#[derive(Clone, Copy)]
pub enum Suggestions<'a> {
    /// As records ([`crate::Bundle::suggestions`]).
    Records(&'a [LineageSuggestion]),
    /// As found among the items these ids are of.
    Found(&'a (dyn ItemIds + Sync), &'a [Found]),
}

/// The ids of a list of items, by position: the items themselves, or what holds them
/// apart (the compiler's store of encoded items).
pub trait ItemIds {
    /// The [`Item::id`] of the item at `position`.
    fn id(&self, position: u32) -> Cow<'_, str>;
}

impl ItemIds for [Item] {
    fn id(&self, position: u32) -> Cow<'_, str> {
        Cow::Borrowed(&self[position as usize].id)
    }
}

/// A list of items as a trait object needs it, sized.
impl ItemIds for Vec<Item> {
    fn id(&self, position: u32) -> Cow<'_, str> {
        self.as_slice().id(position)
    }
}

impl Suggestions<'_> {
    /// The suggestion at `position`, as a record.
    pub fn get(&self, position: usize) -> LineageSuggestion {
        match self {
            Suggestions::Records(records) => records[position].clone(),
            Suggestions::Found(ids, found) => found[position].suggestion(*ids),
        }
    }
}

/// As the list of records: the same JSON, the same postcard encoding.
impl serde::Serialize for Suggestions<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Suggestions::Records(records) => records.serialize(serializer),
            Suggestions::Found(ids, found) => {
                serializer.collect_seq(found.iter().map(|found| SuggestionRef {
                    from: ids.id(found.from),
                    to: ids.id(found.to),
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
    from: Cow<'a, str>,
    to: Cow<'a, str>,
    similarity: u16,
}

/// A similarity below this fraction can never round to [`THRESHOLD`] thousandths; the
/// margin below the rounding edge (0.1495) absorbs floating-point error.
const PRUNE_BELOW: f64 = (THRESHOLD as f64 - 0.5) / 1000.0 - 0.005;

/// One district's titles, indexed by bigram to find the titles near a given one. Titles
/// are known by their position in the district, in item order.
struct District {
    /// Total bigram weight of each title.
    totals: Vec<f64>,
    /// `(bigram number, position)` of every title's bigrams, sorted: the titles holding a
    /// bigram are one run, in item order.
    holders: Vec<(u32, u32)>,
    /// Where each title's own entries are in `holders`, in the order of its bigrams, the
    /// titles one after the other from `own_start`: the later titles holding a bigram
    /// follow the title's own entry in its run, found without a search.
    own: Vec<u32>,
    /// Where each title's entries start in `own`, and where the last one's end.
    own_start: Vec<u32>,
}

/// Buffers reused from one title to the next.
#[derive(Default)]
struct Scratch {
    /// Shared weight per position in the district, summed in any order.
    shared: Vec<f64>,
    /// Positions with shared weight, to reset.
    touched: Vec<u32>,
    /// The result: positions of the titles near the title, ascending.
    near: Vec<usize>,
}

impl District {
    /// Indexes `numbered`, the district's titles in item order.
    fn new(numbered: &[Vec<u32>], weight_of: &[f64]) -> District {
        let mut holders: Vec<(u32, u32)> = Vec::new();
        let mut totals = Vec::with_capacity(numbered.len());
        for (position, title) in (0u32..).zip(numbered) {
            holders.extend(title.iter().map(|&bigram| (bigram, position)));
            totals.push(title.iter().map(|&bigram| weight(weight_of, bigram)).sum());
        }
        holders.sort_unstable();
        let mut own_start = Vec::with_capacity(numbered.len() + 1);
        own_start.push(0);
        for title in numbered {
            own_start.push(own_start[own_start.len() - 1] + title.len() as u32);
        }
        // A title's entries come in the order of its bigrams (ascending, as `holders`).
        let mut next = own_start.clone();
        let mut own = vec![0; holders.len()];
        for (index, &(_, position)) in (0u32..).zip(&holders) {
            let slot = &mut next[position as usize];
            own[*slot as usize] = index;
            *slot += 1;
        }
        District {
            totals,
            holders,
            own,
            own_start,
        }
    }

    /// Fills `scratch.near` with the positions after `position` (in item order, so never
    /// of an earlier date) whose titles could reach the threshold with its title: the
    /// shared weight is summed over the bigram index (in another order than the exact
    /// score, hence the margin in [`PRUNE_BELOW`]). Earlier titles are never successors,
    /// so each bigram's run is read from just after the title's own entry, not whole.
    fn near(
        &self,
        position: usize,
        numbered: &[Vec<u32>],
        weight_of: &[f64],
        scratch: &mut Scratch,
    ) {
        scratch.near.clear();
        scratch.shared.resize(self.totals.len(), 0.0);
        let title = numbered.get(position).map_or(&[][..], Vec::as_slice);
        let own = self
            .own_start
            .get(position..position + 2)
            .map_or(&[][..], |ends| {
                &self.own[ends[0] as usize..ends[1] as usize]
            });
        let total: f64 = title.iter().map(|&bigram| weight(weight_of, bigram)).sum();
        for (&bigram, &at) in title.iter().zip(own) {
            debug_assert_eq!(self.holders[at as usize], (bigram, position as u32));
            let bigram_weight = weight(weight_of, bigram);
            let run = self.holders[at as usize + 1..]
                .iter()
                .take_while(|&&(held, _)| held == bigram);
            for &(_, later) in run {
                let shared = &mut scratch.shared[later as usize];
                if *shared == 0.0 {
                    scratch.touched.push(later);
                }
                // Zero-weight bigrams (in every title) still mark a title as touched.
                *shared += bigram_weight.max(f64::MIN_POSITIVE);
            }
        }
        scratch.touched.sort_unstable();
        for &later in &scratch.touched {
            let shared = std::mem::take(&mut scratch.shared[later as usize]);
            let union = total + self.totals[later as usize] - shared;
            if union > 0.0 && shared >= PRUNE_BELOW * union {
                scratch.near.push(later as usize);
            }
        }
        scratch.touched.clear();
    }
}

fn weight(weight_of: &[f64], bigram: u32) -> f64 {
    weight_of.get(bigram as usize).copied().unwrap_or(0.0)
}

/// The bigrams of a set of titles, numbered in sorted order, and the weight of each
/// number ([`idf`]). Number order is bigram order, so merging two titles' numbers adds the
/// same weights in the same order as [`similarity`] does over the sets. A count per
/// distinct bigram, rather than [`bigrams`]' sets and [`idf`]'s map (a tree insertion per
/// bigram) or one sort of every (bigram, title) pair: a national corpus has 8.5 million
/// of those, 136 MB to sort, and far fewer distinct bigrams.
struct Numbering {
    /// Each bigram's number, by [`TitleKeys`]' key.
    numbers: HashMap<u64, u32>,
    /// Each number's weight.
    weight_of: Vec<f64>,
}

/// Buffers to take a title's bigrams apart, reused from one title to the next.
#[derive(Default)]
struct TitleKeys {
    chars: Vec<char>,
    /// The title's distinct bigrams as keys, ascending.
    keys: Vec<u64>,
}

impl TitleKeys {
    /// `title`'s distinct bigrams, ascending, each as one number, first character high:
    /// key order is bigram order.
    fn of(&mut self, title: &str) -> &[u64] {
        self.chars.clear();
        self.chars
            .extend(title.chars().filter(|&c| is_title_char(c)));
        self.keys.clear();
        self.keys.extend(
            self.chars
                .windows(2)
                .map(|pair| (u64::from(pair[0]) << 32) | u64::from(pair[1])),
        );
        self.keys.sort_unstable();
        self.keys.dedup();
        &self.keys
    }
}

impl Numbering {
    /// Numbers the bigrams `counts` counted, in bigram order, and weighs them.
    fn new(counts: TitleCounts) -> Numbering {
        let TitleCounts {
            held: mut numbers,
            titles,
            ..
        } = counts;
        let mut distinct: Vec<(u64, u32)> = numbers
            .iter()
            .map(|(&bigram, &held)| (bigram, held))
            .collect();
        distinct.sort_unstable();
        let total = titles as f64;
        let weight_of = distinct
            .iter()
            .map(|&(_, held)| (total / f64::from(held)).ln())
            .collect();
        // Counted: each bigram now gets its number instead.
        for (number, (bigram, _)) in (0u32..).zip(distinct) {
            numbers.insert(bigram, number);
        }
        Numbering { numbers, weight_of }
    }

    /// `title` (one of those numbered) as ascending bigram numbers.
    fn number(&self, title: &str, keys: &mut TitleKeys) -> Vec<u32> {
        // Ascending keys give ascending numbers.
        keys.of(title)
            .iter()
            .map(|bigram| self.numbers[bigram])
            .collect()
    }
}

/// [`Numbering`] of `titles`, each title numbered: what the tests compare.
#[cfg(test)]
fn number_titles<'t>(titles: impl Iterator<Item = &'t str> + Clone) -> (Vec<Vec<u32>>, Vec<f64>) {
    let mut counts = TitleCounts::default();
    titles.clone().for_each(|title| counts.add(title));
    let numbering = Numbering::new(counts);
    let mut keys = TitleKeys::default();
    let numbered = titles
        .map(|title| numbering.number(title, &mut keys))
        .collect();
    (numbered, numbering.weight_of)
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
        let district = District::new(&numbered, &weight_of);
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
    fn suggests_what_comparing_every_pair_suggests_in_the_same_order() {
        // Three districts' documents, a year apart, their items interleaved by date as a
        // bundle's are; every document says something of the same few matters.
        let matters = [
            "深化行政审批制度改革",
            "推进行政审批网上办理",
            "完善社区网格化管理",
            "加强社区网格化治理体系",
            "推进公立医院改革",
            "深化公立医院综合改革",
        ];
        let mut items = Vec::new();
        let mut places = HashMap::default();
        for year in 2011..2015u16 {
            for district in ["a", "b", "c"] {
                let document = format!("{year}-{district}");
                let date = Date::new(year, 3, 1);
                places.insert(document.clone(), date.map(|date| (district, date)));
                for (number, matter) in (1u32..).zip(&matters) {
                    if (number + u32::from(year)) % 3 == 0 {
                        continue;
                    }
                    items.push(Item {
                        title: format!("{matter}{}", ["", "工作", "试点"][number as usize % 3])
                            .into(),
                        ..Item::numbered(&document, number)
                    });
                }
            }
        }
        let place = |document: &str| places.get(document).copied().flatten();
        let sets: Vec<_> = items.iter().map(|item| bigrams(&item.title)).collect();
        let weights = idf(&sets);
        let mut every_pair = Vec::new();
        for (a, earlier) in items.iter().enumerate() {
            let (district, date) = place(&earlier.document).unwrap();
            for (b, later) in items.iter().enumerate().skip(a + 1) {
                let (later_district, later_date) = place(&later.document).unwrap();
                let score = similarity(&sets[a], &sets[b], &weights);
                if later_district == district && later_date > date && score >= THRESHOLD {
                    every_pair.push(LineageSuggestion {
                        from: earlier.id.clone(),
                        to: later.id.clone(),
                        similarity: score,
                    });
                }
            }
        }
        assert!(every_pair.len() > 20, "the matters recur");
        assert_eq!(suggest(&items, &[], place), every_pair);
        // A curated link is not suggested again.
        let curated = every_pair.remove(every_pair.len() / 2);
        let curated = [LineageLink {
            from: curated.from,
            from_quote: String::new(),
            to: curated.to,
            to_quote: String::new(),
        }];
        assert_eq!(suggest(&items, &curated, place), every_pair);
    }

    #[test]
    fn ignores_punctuation() {
        assert_eq!(bigrams("“织网工程”"), bigrams("织网工程"));
    }
}
