//! One file per route.

pub mod document;
pub mod documents;
pub mod not_found;
