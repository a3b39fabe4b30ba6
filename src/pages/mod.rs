//! One file per route.

pub mod about;
pub mod charts;
pub mod district;
pub mod districts;
pub mod document;
pub mod documents;
pub mod embed;
pub mod item;
pub mod not_found;
pub mod overview;
pub mod search;
pub mod theme;
pub mod themes;
pub mod unit;
pub mod units;
