//! Reusable pieces of the interface, one per file.

pub mod layout;
pub mod load_failed;
pub mod page_title;
pub mod with_bundle;
