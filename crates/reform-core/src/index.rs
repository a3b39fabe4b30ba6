//! Look-ups by id in constant time, built once for work that visits every item (the charts
//! of a national corpus). The bundle's own look-ups scan its lists: simplest, and fast
//! enough for one page of a small bundle.

use crate::model::{Bundle, Document, Item, ProgressEvent};
use rustc_hash::FxHashMap as HashMap;

/// Indexes of one bundle. Where an id repeats, the first wins, as with the bundle's scans.
pub struct Index<'a> {
    documents: HashMap<&'a str, &'a Document>,
    items: HashMap<&'a str, &'a Item>,
    items_by_document: HashMap<&'a str, Vec<&'a Item>>,
    progress_by_item: HashMap<&'a str, Vec<&'a ProgressEvent>>,
}

impl<'a> Index<'a> {
    /// Indexes `bundle` in one pass over each list.
    pub fn new(bundle: &'a Bundle) -> Index<'a> {
        let mut documents =
            HashMap::with_capacity_and_hasher(bundle.documents.len(), Default::default());
        for document in &bundle.documents {
            documents.entry(document.id.as_str()).or_insert(document);
        }
        let mut items = HashMap::with_capacity_and_hasher(bundle.items.len(), Default::default());
        let mut items_by_document: HashMap<&str, Vec<&Item>> = HashMap::default();
        for item in &bundle.items {
            items.entry(item.id.as_str()).or_insert(item);
            items_by_document
                .entry(&*item.document)
                .or_default()
                .push(item);
        }
        let mut progress_by_item: HashMap<&str, Vec<&ProgressEvent>> = HashMap::default();
        for event in &bundle.progress {
            progress_by_item
                .entry(event.item.as_str())
                .or_default()
                .push(event);
        }
        Index {
            documents,
            items,
            items_by_document,
            progress_by_item,
        }
    }

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&'a Document> {
        self.documents.get(id).copied()
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&'a Item> {
        self.items.get(id).copied()
    }

    /// The items of a document, in bundle order.
    pub fn items_of(&self, document: &str) -> &[&'a Item] {
        self.items_by_document
            .get(document)
            .map_or(&[], Vec::as_slice)
    }

    /// What later sources report about an item, in bundle order.
    pub fn progress_of(&self, item: &str) -> &[&'a ProgressEvent] {
        self.progress_by_item.get(item).map_or(&[], Vec::as_slice)
    }

    /// The district of an item (through its document).
    pub fn district_of(&self, item: &Item) -> Option<&'a str> {
        self.document(&item.document)
            .map(|document| document.district.as_str())
    }
}
