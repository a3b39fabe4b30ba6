//! Questions the app asks of the bundle. Components call these rather than searching the
//! data themselves.

use crate::model::{Bundle, District, Document};

impl Bundle {
    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|document| document.id == id)
    }

    /// The district with this id.
    pub fn district(&self, id: &str) -> Option<&District> {
        self.districts.iter().find(|district| district.id == id)
    }

    /// The district's Chinese name, or its id when the bundle does not list it.
    pub fn district_name(&self, id: &str) -> String {
        self.district(id)
            .map_or_else(|| id.to_string(), |district| district.name.clone())
    }
}
