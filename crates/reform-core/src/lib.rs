//! The portal's pure core: the bundle model (the JSON contract), document parsing,
//! validation and queries. No I/O and no UI: the native compiler and the WebAssembly
//! app both build on it, and it is tested natively.

pub mod date;
pub mod header;
pub mod load;
pub mod model;
pub mod query;
pub mod routes;
pub mod text;

pub use date::Date;
pub use model::*;
