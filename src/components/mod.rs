//! Reusable pieces of the interface, one per file.

pub mod chart_canvas;
pub mod chart_figure;
pub mod embed_code;
pub mod item_row;
pub mod layout;
pub mod load_failed;
pub mod page_title;
pub mod status_badge;
pub mod unit_links;
pub mod with_bundle;
