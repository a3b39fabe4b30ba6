//! Items' texts, put back where they are written. The compiler holds its items without
//! their texts (a national corpus's are 365 MB) and cuts each again from its document's
//! text ([`ItemLines`]) when the item is hashed or written: the items of a document come
//! in a row, so each document is read once for them.

use crate::item_store::ItemStore;
use reform_core::items::ItemLines;
use reform_core::{Date, Item, ItemStatus, UnitRef};
use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};
use std::cell::RefCell;
use std::io;

/// A document's text, as bytes, by the document's id.
pub type ReadText<'a> = dyn Fn(&str) -> io::Result<Vec<u8>> + Sync + 'a;

/// Where the items' texts are when the items are hashed or written.
#[derive(Clone, Copy)]
pub enum Texts<'a> {
    /// In the items.
    Held,
    /// Left out of the items, and cut again from their documents' texts, read so.
    Read(&'a ReadText<'a>),
}

impl Texts<'_> {
    /// Puts back the texts of `items` where they are left out ([`put_back`]).
    pub fn complete(self, items: &mut [Item]) -> io::Result<()> {
        match self {
            Texts::Held => Ok(()),
            Texts::Read(read) => put_back(items, read),
        }
    }
}

/// Puts back the texts of `items`, cut from their documents' texts as `read` gives them.
pub fn put_back(items: &mut [Item], read: &ReadText) -> io::Result<()> {
    for run in items.chunk_by_mut(|a, b| a.document == b.document) {
        let texts = texts_of(run, read)?;
        for (item, text) in run.iter_mut().zip(texts) {
            item.text = text.into_boxed_str();
        }
    }
    Ok(())
}

/// A list of items serialized as [`Item`]s with their texts, wherever [`Texts`] says
/// they are. A text that cannot be read again fails the serialization, and the reason is
/// kept for [`Items::failure`]: postcard's errors do not carry one.
pub struct Items<'a> {
    source: Source<'a>,
    texts: Texts<'a>,
    failure: RefCell<Option<io::Error>>,
}

/// Where the items are.
enum Source<'a> {
    /// In a list.
    Listed(&'a [Item]),
    /// In a store, encoded: decoded a document at a time as they are written.
    Stored(&'a ItemStore),
}

impl<'a> Items<'a> {
    /// `items`, whose texts are where `texts` says.
    pub fn new(items: &'a [Item], texts: Texts<'a>) -> Items<'a> {
        Items {
            source: Source::Listed(items),
            texts,
            failure: RefCell::new(None),
        }
    }

    /// The items of `store`, whose texts are where `texts` says.
    pub fn stored(store: &'a ItemStore, texts: Texts<'a>) -> Items<'a> {
        Items {
            source: Source::Stored(store),
            texts,
            failure: RefCell::new(None),
        }
    }

    /// Why the last serialization failed, if it failed reading a text.
    pub fn failure(&self) -> Option<io::Error> {
        self.failure.borrow_mut().take()
    }
}

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fail = |error: io::Error| {
            let message = error.to_string();
            *self.failure.borrow_mut() = Some(error);
            S::Error::custom(message)
        };
        let (items, read) = match (&self.source, self.texts) {
            (Source::Listed(items), Texts::Held) => return items.serialize(serializer),
            (Source::Listed(items), Texts::Read(read)) => (*items, read),
            (Source::Stored(store), texts) => {
                let mut list = serializer.serialize_seq(Some(store.len()))?;
                for at in 0..store.documents() {
                    let mut items = store.items(at).map_err(fail)?;
                    texts.complete(&mut items).map_err(fail)?;
                    for item in &items {
                        list.serialize_element(item)?;
                    }
                }
                return list.end();
            }
        };
        let mut list = serializer.serialize_seq(Some(items.len()))?;
        for run in items.chunk_by(|a, b| a.document == b.document) {
            let texts = texts_of(run, read).map_err(fail)?;
            for (item, text) in run.iter().zip(&texts) {
                list.serialize_element(&ItemWithText::of(item, text))?;
            }
        }
        list.end()
    }
}

/// The texts of `run`, items of one document, cut from the document's text as `read`
/// gives it, which is read once for them.
fn texts_of(run: &[Item], read: &ReadText) -> io::Result<Vec<String>> {
    let Some(document) = run.first().map(|item| &*item.document) else {
        return Ok(Vec::new());
    };
    let source = read(document)?;
    let source = simdutf8::basic::from_utf8(&source).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("the text of document `{document}` is no longer UTF-8: it changed while it was compiled; compile again"),
        )
    })?;
    let lines = ItemLines::of(source);
    run.iter()
        .map(|item| {
            lines.text(item.first_line, item.last_line).ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "document `{}` has no lines {} to {} for item `{}` any more: its text changed while it was compiled; compile again",
                        item.document, item.first_line, item.last_line, item.id
                    ),
                )
            })
        })
        .collect()
}

/// An [`Item`] borrowed, with `text` in place of its own: the same fields in the same
/// order, so it serializes as the item with that text would, in any format. A field
/// added to [`Item`] and not here fails the compiler's test that what it writes and
/// hashes with texts read again is what it would with texts held.
#[derive(Serialize)]
struct ItemWithText<'a> {
    id: &'a str,
    document: &'a str,
    number: u32,
    label: &'a str,
    title: &'a str,
    text: &'a str,
    first_line: u32,
    last_line: u32,
    section: Option<&'a str>,
    subsection: Option<&'a str>,
    lead_units: &'a [UnitRef],
    co_units: &'a [UnitRef],
    other_units: &'a [String],
    leaders: &'a [String],
    deadline: Option<Date>,
    deadline_text: Option<&'a str>,
    status: ItemStatus,
    themes: &'a [String],
}

impl<'a> ItemWithText<'a> {
    fn of(item: &'a Item, text: &'a str) -> ItemWithText<'a> {
        ItemWithText {
            id: &item.id,
            document: &item.document,
            number: item.number,
            label: &item.label,
            title: &item.title,
            text,
            first_line: item.first_line,
            last_line: item.last_line,
            section: item.section.as_deref(),
            subsection: item.subsection.as_deref(),
            lead_units: &item.lead_units,
            co_units: &item.co_units,
            other_units: &item.other_units,
            leaders: &item.leaders,
            deadline: item.deadline,
            deadline_text: item.deadline_text.as_deref(),
            status: item.status,
            themes: &item.themes,
        }
    }
}
