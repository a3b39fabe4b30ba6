//! The portal's pure core: the bundle model (the JSON contract), document parsing,
//! validation and queries. No I/O and no UI: the native compiler and the WebAssembly
//! app both build on it, and it is tested natively.

pub mod date;
pub mod header;
pub mod items;
pub mod lineage;
pub mod load;
pub mod model;
pub mod numbering;
pub mod responsibility;
pub mod query;
pub mod routes;
pub mod status;
pub mod text;
pub mod units;

pub use date::Date;
pub use model::*;
