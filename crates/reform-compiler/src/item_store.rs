//! The items of a compile, held encoded a document at a time rather than as [`Item`]s:
//! an item without its text takes about 450 bytes as an `Item` and a fifth of that
//! encoded, and what is made of the items (the bundle, the tables, the charts, each
//! district's shards and suggestions) needs them a document or a district at a time.
//!
//! An item is written as its fields in order, numbers as LEB128 varints and strings as
//! their length then their bytes; a unit reference as its position among the unit
//! index's references ([`UnitIndex::references`]), whose strings the decoded items share
//! as the parsed ones did. Its id is its document's and number ([`item_id`]), its text is
//! left out (cut again from the document's text where written), and its number and
//! deadline (what the checks and the statuses need of every item), its status and its
//! themes (known only once every document is read) are held beside the bytes.

use crate::compile::item_id;
use reform_core::lineage::ItemIds;
use reform_core::units::UnitIndex;
use reform_core::{Date, Item, ItemStatus, UnitRef};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

/// The items of every document, encoded, in the order of [`ItemStore::place`].
pub struct ItemStore {
    /// Every document's encoded items, one after the other.
    bytes: Bytes,
    /// Each document's items, in the documents' order.
    chunks: Vec<Chunk>,
    /// Each item's number, by its position among all items.
    numbers: Vec<u32>,
    /// Each item's deadline, by position, [`packed`] and one more (0 for none): what its
    /// status is worked out from, without decoding it.
    deadlines: Vec<u32>,
    /// Each item's status, by position, once set ([`ItemStatus::NoEvidence`] until then).
    statuses: Vec<ItemStatus>,
    /// `(item position, theme)` for each theme an item belongs to, by position then theme
    /// order; `theme` is a position in `theme_ids`.
    themes: Vec<(u32, u32)>,
    /// The [`reform_core::Theme::id`]s `themes` names.
    theme_ids: Vec<String>,
    /// The references the items' units are decoded to: [`UnitIndex::references`].
    references: Vec<UnitRef>,
}

/// Encodes items for an [`ItemStore`] of the same [`UnitIndex`], on any thread.
pub struct ItemEncoder {
    /// A reference's position among [`UnitIndex::references`], by the address of its
    /// written string, or, for a name written otherwise than registered, of its unit's id.
    by_written: HashMap<usize, u32>,
    by_unit: HashMap<usize, u32>,
}

impl ItemIds for ItemStore {
    fn id(&self, position: u32) -> Cow<'_, str> {
        Cow::Owned(self.id_at(position as usize))
    }
}

/// One document's items, encoded by [`ItemEncoder::encode`].
pub struct Encoded {
    bytes: Vec<u8>,
    numbers: Vec<u32>,
    /// [`ItemStore::deadlines`] of the items.
    deadlines: Vec<u32>,
}

/// Where the encoded items are.
enum Bytes {
    /// In memory.
    Held(Vec<u8>),
    /// In a file, written through a buffer, read at an offset from any thread once
    /// placed ([`ItemStore::place`]).
    #[cfg(unix)]
    Spilled {
        file: io::BufWriter<File>,
        length: u64,
    },
}

/// One document's items in [`ItemStore::bytes`].
struct Chunk {
    /// The document's id, which its decoded items share.
    document: Arc<str>,
    /// Where its items are encoded.
    bytes: Range<u64>,
    /// The position of its first item among all items.
    first: u32,
    /// How many items it has.
    count: u32,
}

impl ItemStore {
    /// An empty store for items whose units `index` resolved, held in memory, or in
    /// `spill` where given (a file that is the store's alone: a national corpus's items
    /// are 75 MB encoded) and the system reads a file at an offset from any thread (Unix).
    pub fn new(index: &UnitIndex, spill: Option<File>) -> ItemStore {
        #[cfg(unix)]
        let bytes = match spill {
            Some(file) => Bytes::Spilled {
                file: io::BufWriter::with_capacity(1 << 20, file),
                length: 0,
            },
            None => Bytes::Held(Vec::new()),
        };
        #[cfg(not(unix))]
        let bytes = {
            drop(spill);
            Bytes::Held(Vec::new())
        };
        ItemStore {
            bytes,
            chunks: Vec::new(),
            numbers: Vec::new(),
            deadlines: Vec::new(),
            statuses: Vec::new(),
            themes: Vec::new(),
            theme_ids: Vec::new(),
            references: index.references().cloned().collect(),
        }
    }

    /// Adds the items of `document`, [`encoded`](ItemEncoder::encode), after those added
    /// before; fails only writing a spilled store.
    pub fn push(&mut self, document: &str, encoded: Encoded) -> io::Result<()> {
        let start = match &mut self.bytes {
            Bytes::Held(bytes) => {
                bytes.extend_from_slice(&encoded.bytes);
                bytes.len() - encoded.bytes.len()
            }
            #[cfg(unix)]
            Bytes::Spilled { file, length } => {
                file.write_all(&encoded.bytes)?;
                *length += encoded.bytes.len() as u64;
                *length as usize - encoded.bytes.len()
            }
        } as u64;
        self.chunks.push(Chunk {
            document: document.into(),
            bytes: start..start + encoded.bytes.len() as u64,
            first: self.numbers.len() as u32,
            count: encoded.numbers.len() as u32,
        });
        self.numbers.extend_from_slice(&encoded.numbers);
        self.deadlines.extend_from_slice(&encoded.deadlines);
        Ok(())
    }

    /// Each document's id and its items' numbers, in the documents' order.
    pub fn numbers(&self) -> impl Iterator<Item = (&str, &[u32])> {
        self.chunks.iter().map(|chunk| {
            let first = chunk.first as usize;
            (
                &*chunk.document,
                &self.numbers[first..first + chunk.count as usize],
            )
        })
    }

    /// The numbers of document `at`'s items.
    pub fn numbers_of(&self, at: usize) -> &[u32] {
        &self.numbers[self.positions(at)]
    }

    /// Puts the documents in `order`: the positions, in the order added, of the documents
    /// as they are to be listed. The items' positions follow. Once placed, the items are
    /// read; fails only writing the last of a spilled store.
    pub fn place(&mut self, order: &[usize]) -> io::Result<()> {
        #[cfg(unix)]
        if let Bytes::Spilled { file, .. } = &mut self.bytes {
            file.flush()?;
        }
        let mut numbers = Vec::with_capacity(self.numbers.len());
        let mut deadlines = Vec::with_capacity(self.deadlines.len());
        let mut chunks: Vec<Option<Chunk>> = std::mem::take(&mut self.chunks)
            .into_iter()
            .map(Some)
            .collect();
        for &at in order {
            let mut chunk = chunks[at].take().expect("each document is placed once");
            let first = chunk.first as usize;
            chunk.first = numbers.len() as u32;
            let positions = first..first + chunk.count as usize;
            numbers.extend_from_slice(&self.numbers[positions.clone()]);
            deadlines.extend_from_slice(&self.deadlines[positions]);
            self.chunks.push(chunk);
        }
        self.numbers = numbers;
        self.deadlines = deadlines;
        Ok(())
    }

    /// How many documents there are.
    pub fn documents(&self) -> usize {
        self.chunks.len()
    }

    /// How many items each document has, in the documents' order.
    pub fn counts(&self) -> Vec<u32> {
        self.chunks.iter().map(|chunk| chunk.count).collect()
    }

    /// The items of the documents at `documents`, one after the other.
    pub fn items_of(&self, documents: &[u32]) -> io::Result<Vec<Item>> {
        let mut items = Vec::new();
        for &at in documents {
            items.extend(self.items(at as usize)?);
        }
        Ok(items)
    }

    /// Every item, in order: for a corpus small enough to hold whole.
    pub fn all(&self) -> io::Result<Vec<Item>> {
        let mut items = Vec::with_capacity(self.len());
        for at in 0..self.documents() {
            items.extend(self.items(at)?);
        }
        Ok(items)
    }

    /// How many items there are.
    pub fn len(&self) -> usize {
        self.numbers.len()
    }

    /// Whether there are no items.
    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty()
    }

    /// The positions of document `at`'s items among all items.
    pub fn positions(&self, at: usize) -> Range<usize> {
        let chunk = &self.chunks[at];
        chunk.first as usize..(chunk.first + chunk.count) as usize
    }

    /// The [`Item::id`] of the item at `position` among all items.
    pub fn id_at(&self, position: usize) -> String {
        let at = self
            .chunks
            .partition_point(|chunk| chunk.first as usize + chunk.count as usize <= position);
        item_id(&self.chunks[at].document, self.numbers[position])
    }

    /// The [`Item::deadline`] of the item at `position`.
    pub fn deadline_at(&self, position: usize) -> Option<Date> {
        match self.deadlines[position] {
            0 => None,
            packed => Some(unpacked(u64::from(packed) - 1)),
        }
    }

    /// Sets the status of each item, by position.
    pub fn set_statuses(&mut self, statuses: Vec<ItemStatus>) {
        self.statuses = statuses;
    }

    /// Sets the themes each item belongs to: `(item position, theme position)`, by item
    /// then theme position; a theme position is one in `theme_ids`.
    pub fn set_themes(&mut self, themes: Vec<(u32, u32)>, theme_ids: Vec<String>) {
        self.themes = themes;
        self.theme_ids = theme_ids;
    }

    /// The items of document `at`, without their texts; fails only reading a spilled
    /// store.
    pub fn items(&self, at: usize) -> io::Result<Vec<Item>> {
        let chunk = &self.chunks[at];
        let range = chunk.bytes.start as usize..chunk.bytes.end as usize;
        let read: Cow<[u8]> = match &self.bytes {
            Bytes::Held(bytes) => Cow::Borrowed(&bytes[range]),
            #[cfg(unix)]
            Bytes::Spilled { file, .. } => {
                use std::os::unix::fs::FileExt;
                let mut read = vec![0; range.len()];
                file.get_ref().read_exact_at(&mut read, chunk.bytes.start)?;
                Cow::Owned(read)
            }
        };
        let mut bytes = &read[..];
        let sections: Vec<Arc<str>> = (0..take_number(&mut bytes))
            .map(|_| take_str(&mut bytes).into())
            .collect();
        let section = |at: u64| (at > 0).then(|| sections[at as usize - 1].clone());
        let positions = chunk.first as usize..(chunk.first + chunk.count) as usize;
        let theme_start = self
            .themes
            .partition_point(|&(item, _)| (item as usize) < positions.start);
        let mut themes = &self.themes[theme_start..];
        let items = positions
            .map(|position| {
                let bytes = &mut bytes;
                let number = self.numbers[position];
                let label = take_str(bytes).into();
                let title = take_str(bytes).into();
                let first_line = take_number(bytes) as u32;
                let last_line = take_number(bytes) as u32;
                let section_of = section(take_number(bytes));
                let subsection = section(take_number(bytes));
                let lead_units = self.take_references(bytes);
                let co_units = self.take_references(bytes);
                let other_units = take_strings(bytes);
                let leaders = take_strings(bytes);
                let deadline = self.deadline_at(position);
                let deadline_text = match take_number(bytes) {
                    0 => None,
                    length => Some(take_bytes(bytes, length as usize - 1).into()),
                };
                let own = themes.partition_point(|&(item, _)| item as usize == position);
                let item_themes = themes[..own]
                    .iter()
                    .map(|&(_, theme)| self.theme_ids[theme as usize].clone())
                    .collect();
                themes = &themes[own..];
                Item {
                    id: item_id(&chunk.document, number),
                    document: chunk.document.clone(),
                    number,
                    label,
                    title,
                    text: Box::default(),
                    first_line,
                    last_line,
                    section: section_of,
                    subsection,
                    lead_units,
                    co_units,
                    other_units,
                    leaders,
                    deadline,
                    deadline_text,
                    status: self
                        .statuses
                        .get(position)
                        .copied()
                        .unwrap_or(ItemStatus::NoEvidence),
                    themes: item_themes,
                }
            })
            .collect();
        Ok(items)
    }

    /// Reads the references [`ItemEncoder::put_reference`] wrote, after their count.
    fn take_references(&self, bytes: &mut &[u8]) -> Box<[UnitRef]> {
        (0..take_number(bytes))
            .map(|_| {
                let code = take_number(bytes);
                let named = &self.references[(code / 2) as usize];
                if code % 2 == 0 {
                    named.clone()
                } else {
                    UnitRef {
                        unit: named.unit.clone(),
                        written: Arc::new(take_str(bytes).to_string()),
                    }
                }
            })
            .collect()
    }
}

impl ItemEncoder {
    /// An encoder for items whose units `index` resolved.
    pub fn new(index: &UnitIndex) -> ItemEncoder {
        let mut by_written = HashMap::default();
        let mut by_unit = HashMap::default();
        for (at, reference) in (0u32..).zip(index.references()) {
            by_written.insert(Arc::as_ptr(&reference.written) as usize, at);
            by_unit
                .entry(Arc::as_ptr(&reference.unit) as usize)
                .or_insert(at);
        }
        ItemEncoder {
            by_written,
            by_unit,
        }
    }

    /// `items` encoded for [`ItemStore::push`]; their units were resolved against this
    /// encoder's index.
    pub fn encode(&self, items: &[Item]) -> Encoded {
        let mut sections: Vec<Arc<str>> = Vec::new();
        let mut section_at = |section: &Option<Arc<str>>| -> u64 {
            let Some(section) = section else { return 0 };
            let at = match sections
                .iter()
                .position(|known| Arc::ptr_eq(known, section))
            {
                Some(at) => at,
                None => {
                    sections.push(section.clone());
                    sections.len() - 1
                }
            };
            at as u64 + 1
        };
        // In number order, as the bundle lists them.
        let mut in_order: Vec<&Item> = items.iter().collect();
        in_order.sort_by_key(|item| item.number);
        let mut encoded = Vec::new();
        let out = &mut encoded;
        for &item in &in_order {
            put_str(out, &item.label);
            put_str(out, &item.title);
            put_number(out, item.first_line.into());
            put_number(out, item.last_line.into());
            put_number(out, section_at(&item.section));
            put_number(out, section_at(&item.subsection));
            for references in [&item.lead_units, &item.co_units] {
                put_number(out, references.len() as u64);
                for reference in references.iter() {
                    self.put_reference(out, reference);
                }
            }
            for names in [&item.other_units, &item.leaders] {
                put_number(out, names.len() as u64);
                for name in names.iter() {
                    put_str(out, name);
                }
            }
            match &item.deadline_text {
                Some(text) => {
                    put_number(out, text.len() as u64 + 1);
                    out.extend_from_slice(text.as_bytes());
                }
                None => put_number(out, 0),
            }
        }
        let mut bytes = Vec::with_capacity(encoded.len() + 64);
        put_number(&mut bytes, sections.len() as u64);
        for section in &sections {
            put_str(&mut bytes, section);
        }
        bytes.extend_from_slice(&encoded);
        Encoded {
            bytes,
            numbers: in_order.iter().map(|item| item.number).collect(),
            deadlines: in_order
                .iter()
                .map(|item| item.deadline.map_or(0, |date| packed(date) as u32 + 1))
                .collect(),
        }
    }

    /// Writes `reference`: its position among the references, doubled, plus one where the
    /// name is written otherwise than registered, then that name.
    fn put_reference(&self, out: &mut Vec<u8>, reference: &UnitRef) {
        if let Some(&at) = self
            .by_written
            .get(&(Arc::as_ptr(&reference.written) as usize))
        {
            put_number(out, u64::from(at) * 2);
            return;
        }
        let at = self
            .by_unit
            .get(&(Arc::as_ptr(&reference.unit) as usize))
            .copied()
            .expect("an item's units are resolved against the store's index");
        put_number(out, u64::from(at) * 2 + 1);
        put_str(out, &reference.written);
    }
}

/// A date as one number, in the dates' order.
fn packed(date: Date) -> u64 {
    (u64::from(date.year) * 13 + u64::from(date.month)) * 32 + u64::from(date.day)
}

/// The date [`packed`] made `number` of.
fn unpacked(number: u64) -> Date {
    Date {
        year: (number / 32 / 13) as u16,
        month: (number / 32 % 13) as u8,
        day: (number % 32) as u8,
    }
}

fn put_number(out: &mut Vec<u8>, mut number: u64) {
    while number >= 0x80 {
        out.push(number as u8 | 0x80);
        number >>= 7;
    }
    out.push(number as u8);
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_number(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

fn take_number(bytes: &mut &[u8]) -> u64 {
    let mut number = 0;
    let mut shift = 0;
    loop {
        let (&byte, rest) = bytes.split_first().expect("the store reads what it wrote");
        *bytes = rest;
        number |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return number;
        }
        shift += 7;
    }
}

fn take_bytes<'a>(bytes: &mut &'a [u8], length: usize) -> &'a str {
    let (text, rest) = bytes.split_at(length);
    *bytes = rest;
    simdutf8::basic::from_utf8(text).expect("the store reads what it wrote")
}

fn take_str<'a>(bytes: &mut &'a [u8]) -> &'a str {
    let length = take_number(bytes) as usize;
    take_bytes(bytes, length)
}

fn take_strings(bytes: &mut &[u8]) -> Box<[String]> {
    (0..take_number(bytes))
        .map(|_| take_str(bytes).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reform_core::units::{Resolved, UnitRegistry};
    use reform_core::{Unit, UnitKind};
    use std::fs;

    fn unit(id: &str, name: &str, aliases: &[&str]) -> Unit {
        Unit {
            id: id.to_string(),
            district: "a".to_string(),
            name: name.to_string(),
            name_en: String::new(),
            kind: UnitKind::GovernmentDepartment,
            aliases: aliases.iter().map(|alias| alias.to_string()).collect(),
            former_names: Vec::new(),
        }
    }

    #[test]
    fn items_decode_as_they_were_encoded_sharing_the_index_strings() {
        let registry = UnitRegistry {
            units: vec![
                unit("a-office", "区府办", &["区政府办"]),
                unit("a-bureau", "区民政局", &[]),
            ],
            filler: Vec::new(),
        };
        let index = registry.index();
        let refer = |written: &str| match index.refer("a", written) {
            Resolved::Unit(named) => named,
            _ => panic!("{written} is registered"),
        };
        let section: Option<Arc<str>> = Some("一、简政放权".into());
        let subsection: Option<Arc<str>> = Some("(一)审批".into());
        let document: Arc<str> = "2014-a-plan".into();
        let mut first = Item {
            id: "2014-a-plan/1".to_string(),
            document: document.clone(),
            number: 1,
            label: "1.".into(),
            title: "推进审批改革".into(),
            text: Box::default(),
            first_line: 12,
            last_line: 300,
            section: section.clone(),
            subsection: subsection.clone(),
            // The alias, and a spelling only trimming makes registered.
            lead_units: [refer("区政府办"), refer(" 区民政局 ")].into(),
            co_units: [refer("区府办")].into(),
            other_units: ["各有关单位".to_string()].into(),
            leaders: ["林电雄".to_string()].into(),
            deadline: Date::new(2014, 12, 31),
            deadline_text: Some("2014年12月底前".into()),
            status: ItemStatus::Overdue,
            themes: ["approval".to_string(), "weaving".to_string()].into(),
        };
        assert_eq!(&**first.lead_units[1].written, " 区民政局 ");
        let second = Item {
            id: "2014-a-plan/2".to_string(),
            number: 2,
            section: section.clone(),
            subsection: None,
            lead_units: [].into(),
            co_units: [].into(),
            other_units: [].into(),
            leaders: [].into(),
            deadline: None,
            deadline_text: None,
            status: ItemStatus::NoEvidence,
            themes: [].into(),
            ..first.clone()
        };
        let other = Item {
            id: "2013-a-plan/7".to_string(),
            document: "2013-a-plan".into(),
            number: 7,
            themes: ["weaving".to_string()].into(),
            status: ItemStatus::Delivered,
            ..second.clone()
        };
        let encoder = ItemEncoder::new(&index);
        let spill = std::env::temp_dir().join(format!("item-store-{}", std::process::id()));
        let spilled = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&spill)
            .unwrap();
        for held in [None, Some(spilled)] {
            let mut store = ItemStore::new(&index, held);
            // Out of number order, as a text may list them: decoded in number order.
            let encoded = encoder.encode(&[second.clone(), first.clone()]);
            store.push("2014-a-plan", encoded).unwrap();
            let encoded = encoder.encode(std::slice::from_ref(&other));
            store.push("2013-a-plan", encoded).unwrap();
            store.place(&[1, 0]).unwrap();
            assert_eq!(store.positions(0), 0..1);
            assert_eq!(store.positions(1), 1..3);
            assert_eq!(store.numbers_of(1), [1, 2]);
            assert_eq!(store.counts(), [1, 2]);
            assert_eq!(store.id_at(2), "2014-a-plan/2");
            use ItemStatus::{Delivered, NoEvidence, Overdue};
            store.set_statuses(vec![Delivered, Overdue, NoEvidence]);
            let ids = vec!["approval".to_string(), "weaving".to_string()];
            store.set_themes(vec![(0, 1), (1, 0), (1, 1)], ids);
            assert_eq!(store.items(0).unwrap(), std::slice::from_ref(&other));
            let decoded = store.items(1).unwrap();
            first.document = decoded[0].document.clone();
            assert_eq!(decoded, [first.clone(), second.clone()]);
            // The references share the index's strings, the items their section's.
            let named = index.references().collect::<Vec<_>>();
            assert!(Arc::ptr_eq(
                &decoded[0].co_units[0].written,
                &named[0].written
            ));
            assert!(Arc::ptr_eq(&decoded[0].co_units[0].unit, &named[0].unit));
            assert!(Arc::ptr_eq(
                &decoded[0].lead_units[0].written,
                &named[1].written
            ));
            assert!(Arc::ptr_eq(&decoded[0].lead_units[1].unit, &named[2].unit));
            let sections = [&decoded[0].section, &decoded[1].section];
            assert!(Arc::ptr_eq(
                sections[0].as_ref().unwrap(),
                sections[1].as_ref().unwrap()
            ));
            assert!(Arc::ptr_eq(&decoded[0].document, &decoded[1].document));
            let read: Vec<String> = store
                .all()
                .unwrap()
                .into_iter()
                .map(|item| item.id)
                .collect();
            assert_eq!(read, ["2013-a-plan/7", "2014-a-plan/1", "2014-a-plan/2"]);
        }
        // What is spilled is in the file, not in memory.
        assert!(fs::metadata(&spill).unwrap().len() > 0);
        fs::remove_file(&spill).unwrap();
    }

    #[test]
    fn numbers_and_dates_of_every_size_decode_as_encoded() {
        for number in [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
            let mut bytes = Vec::new();
            put_number(&mut bytes, number);
            let mut read = &bytes[..];
            assert_eq!(take_number(&mut read), number);
            assert!(read.is_empty());
        }
        for date in [(1000, 1, 1), (2014, 2, 28), (9999, 12, 31)] {
            let date = Date::new(date.0, date.1, date.2).unwrap();
            assert_eq!(unpacked(packed(date)), date);
        }
        let [earlier, later] =
            [(2014, 12, 31), (2015, 1, 1)].map(|(y, m, d)| Date::new(y, m, d).unwrap());
        assert!(packed(earlier) < packed(later));
    }
}
