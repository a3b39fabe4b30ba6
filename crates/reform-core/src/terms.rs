//! Where a search term can be found, for a corpus too large to search at once (one that
//! does not load whole): for every character, and every pair of adjacent characters, of
//! the items' searchable text (as [`crate::search::SearchIndex`] reads it), the districts
//! whose items hold it. A term is found only in a district holding all its pairs (a one-character term: the
//! character), so a national search reads the few files holding its keys and names the
//! districts worth searching, rather than asking the reader to guess one. A term of two
//! characters is its own key: the districts named hold it. Longer terms may be named for
//! a district holding their pairs apart, which the district's own search then settles.
//! The keys are cut into [`SiteIndex::term_buckets`] files by key ([`bucket`]), so a query
//! reads only its keys' files.
//!
//! [`SiteIndex::term_buckets`]: crate::shard::SiteIndex::term_buckets

use crate::model::{Bundle, SCHEMA_VERSION};
use crate::search::{Field, Searched};
use crate::shard::bucket;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

/// `terms-N.json`: some keys, each with the districts whose items hold it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TermFile {
    /// Shape version of this file; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// [`Bundle::content_hash`] of the corpus it describes.
    pub content_hash: String,
    /// A character or a pair of adjacent characters (ASCII letters lowercased) → the
    /// districts holding it, by position in the district table.
    pub keys: BTreeMap<String, DistrictSet>,
}

/// Some districts of the district table, written the shorter way: their positions,
/// ascending and separated by commas (`"3,17,42"`), for a few; for many, `x` and a bitset
/// in hexadecimal, two digits per byte, district `p` being bit `p % 8` of byte `p / 8`
/// (`"xffff0f"`). A string either way, which keeps the app's decoder small.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct DistrictSet(pub String);

impl DistrictSet {
    /// The set of `positions` (ascending) of a table of `districts`, the shorter way.
    /// Written straight into its one string: a corpus has a set per key, and a position
    /// or byte made into a string of its own each cost more than the merge finding them.
    pub fn of(positions: &[u32], districts: usize) -> DistrictSet {
        let bytes = districts.div_ceil(8);
        let digits: usize = positions
            .iter()
            .map(|position| {
                position
                    .checked_ilog10()
                    .map_or(1, |power| power as usize + 1)
            })
            .sum();
        let listed = digits + positions.len().saturating_sub(1);
        if listed <= bytes * 2 {
            let mut text = String::with_capacity(listed);
            let mut number = itoa::Buffer::new();
            for (at, &position) in positions.iter().enumerate() {
                if at > 0 {
                    text.push(',');
                }
                text.push_str(number.format(position));
            }
            return DistrictSet(text);
        }
        let mut bits = vec![0_u8; bytes];
        for &position in positions {
            bits[position as usize / 8] |= 1 << (position % 8);
        }
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut text = String::with_capacity(1 + bytes * 2);
        text.push('x');
        for byte in bits {
            text.push(char::from(HEX[usize::from(byte >> 4)]));
            text.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
        DistrictSet(text)
    }

    /// Which of a table of `districts` are in the set, by position (a malformed entry
    /// holds none).
    pub fn mask(&self, districts: usize) -> Vec<bool> {
        let mut mask = vec![false; districts];
        match self.0.strip_prefix('x') {
            Some(hex) => {
                for (at, held) in mask.iter_mut().enumerate() {
                    *held = hex
                        .get(at / 8 * 2..at / 8 * 2 + 2)
                        .and_then(|byte| u8::from_str_radix(byte, 16).ok())
                        .is_some_and(|byte| byte & (1 << (at % 8)) != 0);
                }
            }
            None => {
                for position in self.0.split(',').filter_map(|p| p.parse::<usize>().ok()) {
                    if let Some(held) = mask.get_mut(position) {
                        *held = true;
                    }
                }
            }
        }
        mask
    }
}

/// One key: a character, or two adjacent ones (`second`), packed into a number so that a
/// district's thousands of keys cost no allocation each.
type Key = u64;
/// The `second` of a one-character key: beyond every `char`.
const NO_SECOND: u64 = 0x1F_FFFF;

fn key(first: char, second: Option<char>) -> Key {
    (u64::from(first) << 21) | second.map_or(NO_SECOND, u64::from)
}

fn key_text(key: Key) -> String {
    let first = char::from_u32((key >> 21) as u32);
    let second = char::from_u32((key & NO_SECOND) as u32);
    first.into_iter().chain(second).collect()
}

/// The keys of one district: every character and pair of its items' searchable fields,
/// ascending, each held as its difference from the one before in LEB128 (seven bits a
/// byte): about 2.5 bytes a key rather than 8. A national corpus holds every district's
/// keys, 5.7 million, until the term files are cut.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DistrictKeys(Box<[u8]>);

impl DistrictKeys {
    /// The keys of `shard` (one district's bundle), from the text search reads, read in
    /// place: a national corpus's text is read once more, not copied.
    pub fn of(shard: &Bundle) -> DistrictKeys {
        let searched = Searched::new(shard);
        let mut keys = KeySet::default();
        // Unit names, leaders and themes recur on item after item; each adds its keys once.
        let mut seen = rustc_hash::FxHashSet::default();
        for item in &shard.items {
            searched.pieces(item, |field, piece| {
                // A title is its text's first sentence: the text holds its keys.
                if field == Field::Title && item.text.contains(piece) {
                    return;
                }
                if seen.insert(piece) {
                    add_keys(piece, &mut keys);
                }
            });
        }
        keys.sorted()
    }

    /// `keys`, ascending and each once.
    fn of_sorted(keys: &[Key]) -> DistrictKeys {
        let mut bytes = Vec::with_capacity(keys.len() * 3);
        let mut previous = 0;
        for &key in keys {
            let mut difference = key - previous;
            previous = key;
            while difference >= 0x80 {
                bytes.push(difference as u8 | 0x80);
                difference >>= 7;
            }
            bytes.push(difference as u8);
        }
        DistrictKeys(bytes.into_boxed_slice())
    }

    /// The keys, ascending.
    fn keys(&self) -> impl Iterator<Item = Key> + '_ {
        let mut bytes = self.0.iter();
        let mut previous = 0;
        std::iter::from_fn(move || {
            let (mut difference, mut shift) = (0, 0);
            loop {
                let byte = *bytes.next()?;
                difference |= u64::from(byte & 0x7f) << shift;
                shift += 7;
                if byte < 0x80 {
                    break;
                }
            }
            previous += difference;
            Some(previous)
        })
    }
}

/// Adds the keys of `piece` of searchable text to `keys`: each character and each pair of
/// adjacent ones, ASCII letters lowercased. No term holds a space (search splits on
/// them): keys with one are never asked.
fn add_keys(piece: &str, keys: &mut KeySet) {
    let mut before = None;
    for c in piece.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_whitespace() {
            before = None;
            continue;
        }
        keys.add_char(c);
        if let Some(first) = before {
            keys.add_pair(key(first, Some(c)));
        }
        before = Some(c);
    }
}

/// The keys of a district as they are gathered: most of its characters are in the
/// Basic Multilingual Plane and added again and again, so they are marked in a bitset
/// (8 KB, in the nearest cache) rather than looked up in a hash set each time.
struct KeySet {
    /// The characters below U+10000, one bit each.
    basic: Vec<u64>,
    /// The characters above, as keys.
    others: rustc_hash::FxHashSet<Key>,
    /// The pairs, as keys.
    pairs: rustc_hash::FxHashSet<Key>,
    /// The pairs added last, one per slot by a hash of the pair: most pairs of a text come
    /// again and again (改革, 推进, 单位), and are found here without a look in `pairs`.
    recent: Vec<Key>,
}

impl Default for KeySet {
    fn default() -> KeySet {
        KeySet {
            basic: vec![0; 0x10000 / 64],
            others: rustc_hash::FxHashSet::default(),
            pairs: rustc_hash::FxHashSet::default(),
            // Beyond every key: no slot holds a pair until one is added.
            recent: vec![Key::MAX; RECENT_PAIRS],
        }
    }
}

impl KeySet {
    fn add_char(&mut self, c: char) {
        let code = c as usize;
        match self.basic.get_mut(code / 64) {
            Some(word) => *word |= 1 << (code % 64),
            None => {
                self.others.insert(key(c, None));
            }
        }
    }

    fn add_pair(&mut self, pair: Key) {
        // Fibonacci hashing: the top bits of the product spread neighbouring pairs.
        let slot = (pair.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - RECENT_BITS)) as usize;
        if self.recent[slot] != pair {
            self.recent[slot] = pair;
            self.pairs.insert(pair);
        }
    }

    /// Every key, sorted.
    fn sorted(self) -> DistrictKeys {
        let basic = self.basic.iter().enumerate().flat_map(|(at, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                let bit = rest.trailing_zeros();
                rest &= rest.wrapping_sub(1);
                (bit < 64).then(|| at as u32 * 64 + bit)
            })
            .filter_map(char::from_u32)
        });
        // At its length: a national corpus holds every district's keys until the terms
        // are cut into files.
        let characters: u32 = self.basic.iter().map(|word| word.count_ones()).sum();
        let mut keys: Vec<Key> =
            Vec::with_capacity(characters as usize + self.others.len() + self.pairs.len());
        keys.extend(basic.map(|c| key(c, None)));
        keys.extend(self.others);
        keys.extend(self.pairs);
        keys.sort_unstable();
        DistrictKeys::of_sorted(&keys)
    }
}

/// How many recent pairs [`KeySet`] remembers: 2^13, 64 KB, in the near caches (the search keys of
/// 1,000 synthetic documents: 50 ms with 2^12, 47 with 2^13, 57 with 2^10 or 2^16).
const RECENT_BITS: u32 = 13;
const RECENT_PAIRS: usize = 1 << RECENT_BITS;

/// What a term file may weigh before the keys are cut into more: a query reads one file
/// per key at most.
const TERM_FILE_BYTES: usize = 64 * 1024;
/// Term files at most, however large the corpus.
const MAX_TERM_BUCKETS: usize = 4096;

/// The term files of a corpus whose districts (in table order) have `keys`, for the data
/// of `content_hash`: how many there are, and each as `(number, file)`. Each district's
/// keys are ascending, so merged they give each key with its districts in turn, and no
/// table of every key's districts is built beside them (at national scale, 40 MB more).
pub fn term_files(keys: Vec<DistrictKeys>, content_hash: &str) -> (u32, Vec<TermFile>) {
    let districts = keys.len();
    let mut cursors: Vec<_> = keys.iter().map(DistrictKeys::keys).collect();
    // The next key of each district, least first, and of equal keys the first district.
    let mut next: BinaryHeap<Reverse<(Key, u32)>> = (0u32..)
        .zip(&mut cursors)
        .filter_map(|(position, cursor)| Some(Reverse((cursor.next()?, position))))
        .collect();
    let mut sets: Vec<(String, DistrictSet)> = Vec::new();
    let mut holding: Vec<u32> = Vec::new();
    while let Some(Reverse((key, position))) = next.pop() {
        holding.push(position);
        if let Some(after) = cursors[position as usize].next() {
            next.push(Reverse((after, position)));
        }
        if next
            .peek()
            .is_none_or(|Reverse((following, _))| *following != key)
        {
            sets.push((key_text(key), DistrictSet::of(&holding, districts)));
            holding.clear();
        }
    }
    // Each key's share of the JSON: its text, its set and the punctuation around them.
    let bytes: usize = sets
        .iter()
        .map(|(key, set)| key.len() + set.0.len() + 6)
        .sum();
    let buckets = bytes.div_ceil(TERM_FILE_BYTES).clamp(1, MAX_TERM_BUCKETS) as u32;
    let mut files = vec![
        TermFile {
            schema_version: SCHEMA_VERSION,
            content_hash: content_hash.to_string(),
            keys: BTreeMap::new(),
        };
        buckets as usize
    ];
    for (key, set) in sets {
        files[bucket(&key, buckets) as usize].keys.insert(key, set);
    }
    (buckets, files)
}

/// The keys a search `text` needs, as [`crate::search::SearchQuery`] splits and lowercases
/// it: each term's character if it has one, else its pairs; each key once.
pub fn query_keys(text: &str) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for term in text.split_whitespace().map(str::to_ascii_lowercase) {
        let chars: Vec<char> = term.chars().collect();
        let term_keys: Vec<String> = match chars.as_slice() {
            [one] => vec![one.to_string()],
            many => many.windows(2).map(|pair| pair.iter().collect()).collect(),
        };
        for key in term_keys {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

/// The term files (numbers below `buckets`) holding `keys`, ascending, each once.
pub fn buckets_of(keys: &[String], buckets: u32) -> Vec<u32> {
    let mut numbers: Vec<u32> = keys.iter().map(|key| bucket(key, buckets)).collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// Positions (ascending) of the districts, of a table of `districts`, holding every one of
/// `keys`, from `files` (those of [`buckets_of`]); a key no file holds is in no district.
pub fn districts_holding(keys: &[String], files: &[TermFile], districts: usize) -> Vec<usize> {
    let mut held = vec![true; districts];
    for key in keys {
        let Some(set) = files.iter().find_map(|file| file.keys.get(key)) else {
            return Vec::new();
        };
        for (held, in_set) in held.iter_mut().zip(set.mask(districts)) {
            *held &= in_set;
        }
    }
    (0..districts).filter(|&position| held[position]).collect()
}

/// Path below `data/` of term file `number`.
pub fn term_file_path(version: &str, number: u32) -> String {
    format!("shards/{version}/terms-{number}.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys_of(texts: &[&str]) -> DistrictKeys {
        let mut keys = KeySet::default();
        for text in texts {
            add_keys(text, &mut keys);
        }
        keys.sorted()
    }

    /// The districts, of `districts`, that may hold `text`, as the app finds them: from the
    /// files of its keys alone.
    fn look_up(text: &str, buckets: u32, files: &[TermFile], districts: usize) -> Vec<usize> {
        let keys = query_keys(text);
        let wanted: Vec<TermFile> = buckets_of(&keys, buckets)
            .into_iter()
            .map(|number| files[number as usize].clone())
            .collect();
        districts_holding(&keys, &wanted, districts)
    }

    #[test]
    fn a_set_is_written_the_shorter_way_and_read_back() {
        let held = |set: &DistrictSet, districts| -> Vec<usize> {
            let mask = set.mask(districts);
            (0..districts).filter(|&at| mask[at]).collect()
        };
        let few = DistrictSet::of(&[3, 2800], 2844);
        assert_eq!(few, DistrictSet("3,2800".into()));
        assert_eq!(held(&few, 2844), [3, 2800]);
        let all: Vec<u32> = (0..20).collect();
        let bits = DistrictSet::of(&all, 20);
        assert_eq!(bits, DistrictSet("xffff0f".into()));
        assert_eq!(held(&bits, 20), (0..20).collect::<Vec<_>>());
        let some = DistrictSet::of(&[1, 9, 17, 18], 19);
        assert_eq!(some, DistrictSet("x020206".into()));
        assert_eq!(held(&some, 19), [1, 9, 17, 18]);
        assert!(held(&DistrictSet("xzz".into()), 8).is_empty(), "malformed");
        assert_eq!(held(&DistrictSet("2,x,99".into()), 8), [2], "malformed");
        // Every size of list against the definition written plainly: positions joined
        // by commas unless the bitset's hex digits are fewer.
        let plainly = |positions: &[u32], districts: usize| {
            let listed: Vec<String> = positions.iter().map(u32::to_string).collect();
            let bytes = districts.div_ceil(8);
            if listed.join(",").len() <= bytes * 2 {
                return listed.join(",");
            }
            let mut bits = vec![0_u8; bytes];
            for &position in positions {
                bits[position as usize / 8] |= 1 << (position % 8);
            }
            "x".to_string()
                + &bits
                    .iter()
                    .map(|byte| format!("{byte:02x}"))
                    .collect::<String>()
        };
        for districts in [1, 7, 8, 9, 100, 1000, 2844, 100_000] {
            for step in [1, 2, 3, 9, 10, 99, 1000, 9999] {
                for start in [0, 1, 9, 10, 99] {
                    let positions: Vec<u32> = (start..districts as u32).step_by(step).collect();
                    for count in [0, 1, 2, positions.len()] {
                        let positions = &positions[..count.min(positions.len())];
                        assert_eq!(
                            DistrictSet::of(positions, districts).0,
                            plainly(positions, districts),
                            "{positions:?} of {districts}"
                        );
                    }
                }
            }
        }
        // As the JSON has them.
        let read: DistrictSet = serde_json::from_str("\"0,5\"").unwrap();
        assert_eq!(held(&read, 6), [0, 5]);
    }

    #[test]
    fn keys_are_held_as_differences_and_read_back_ascending() {
        // Far apart (a first character beyond the Basic Multilingual Plane, lowercased
        // letters) and close together (pairs of one first character); pairs again and
        // again, and of the least characters.
        let texts = [
            "𠀀区物业",
            "Zz 业主",
            "区区",
            "改革改革推进改革改",
            "\0\0\0a\0",
        ];
        let mut expected: Vec<Key> = texts
            .iter()
            .flat_map(|text| {
                let chars: Vec<char> = text.chars().map(|c| c.to_ascii_lowercase()).collect();
                let singles = chars
                    .iter()
                    .filter(|c| !c.is_whitespace())
                    .map(|&c| key(c, None));
                let pairs = chars
                    .windows(2)
                    .filter(|pair| !pair[0].is_whitespace() && !pair[1].is_whitespace())
                    .map(|pair| key(pair[0], Some(pair[1])));
                singles.chain(pairs).collect::<Vec<_>>()
            })
            .collect();
        expected.sort_unstable();
        expected.dedup();
        let held = keys_of(&texts);
        assert_eq!(held.keys().collect::<Vec<_>>(), expected);
        assert!(held.0.len() < expected.len() * 8, "{} bytes", held.0.len());
        assert_eq!(DistrictKeys::of_sorted(&[]).keys().count(), 0);
    }

    #[test]
    fn each_key_names_every_district_holding_it_ascending() {
        let texts: Vec<String> = (0..40)
            .map(|district| {
                (0..30)
                    .map(|at| char::from_u32(0x4e00 + (district * 7 + at * at) % 97).unwrap())
                    .collect()
            })
            .collect();
        let keys: Vec<DistrictKeys> = texts.iter().map(|text| keys_of(&[text])).collect();
        let mut reference: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (position, district) in (0u32..).zip(&keys) {
            for key in district.keys() {
                reference.entry(key_text(key)).or_default().push(position);
            }
        }
        let (_, files) = term_files(keys, "h");
        let written: BTreeMap<String, DistrictSet> =
            files.into_iter().flat_map(|file| file.keys).collect();
        assert_eq!(written.len(), reference.len());
        for (key, positions) in reference {
            assert_eq!(
                written[&key],
                DistrictSet::of(&positions, texts.len()),
                "{key}"
            );
        }
    }

    #[test]
    fn a_query_needs_each_terms_pairs_or_its_one_character() {
        assert_eq!(query_keys("物业管理 区"), ["物业", "业管", "管理", "区"]);
        assert_eq!(query_keys("  PPP 物业  ppp"), ["pp", "物业"]);
        assert!(query_keys("   ").is_empty());
    }

    #[test]
    fn names_the_districts_holding_every_key_of_the_query() {
        let keys = [
            keys_of(&["规范物业管理工作", "leader"]),
            keys_of(&["物业服务", "企业管理"]),
            keys_of(&["行政审批"]),
        ];
        let (buckets, files) = term_files(keys.to_vec(), "hash");
        assert_eq!(buckets as usize, files.len());
        let found = |text: &str| look_up(text, buckets, &files, keys.len());
        assert_eq!(found("物业"), [0, 1]);
        // Its pairs apart: the second district is named, its own search settles it.
        assert_eq!(found("物业管理"), [0, 1]);
        assert_eq!(found("物业 审批"), Vec::<usize>::new());
        assert_eq!(found("审批"), [2]);
        assert_eq!(found("LEADER"), [0]);
        assert_eq!(found("区"), Vec::<usize>::new());
        assert_eq!(found("理"), [0, 1]);
        assert!(files.iter().all(|file| file.content_hash == "hash"));
    }

    #[test]
    fn keys_come_from_the_fields_search_reads() {
        let bundle: Bundle = serde_json::from_str(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../public/data/bundle.json"
        )))
        .unwrap();
        let keys = DistrictKeys::of(&bundle);
        let (buckets, files) = term_files(vec![keys], "h");
        let holds = |text: &str| look_up(text, buckets, &files, 1) == [0];
        // A title, a unit's English name, a theme's English name, a quote of progress.
        for text in ["物业", "civil affairs", "property", "依法"] {
            assert!(holds(text), "{text}");
        }
        assert!(!holds("不存在的词组合zq"));
        // Keys with a space are never asked, and not written.
        assert!(files.iter().all(|file| file
            .keys
            .keys()
            .all(|key| !key.contains(char::is_whitespace))));
    }
}
