//! The bundle compiler: reads `seeds/` (source documents and curated data), validates
//! everything, and writes the JSON bundle the app loads. The binary is `reform-portal`.

pub mod catalog;
pub mod cli;
pub mod compile;
pub mod curated;
pub mod embed_page;
pub mod item_store;
pub mod item_texts;
pub mod open_data;
pub mod output;
pub mod overview_page;
pub mod parallel;
pub mod parse_command;
pub mod problem;
pub mod registry;
pub mod security;
pub mod site;
pub mod static_charts;
pub mod synthetic;
pub mod toml_pieces;
