//! Reusable pieces of the interface, one per file.

pub mod chart_canvas;
pub mod chart_figure;
pub mod choose_district;
pub mod district_list;
pub mod document_card;
pub mod embed_code;
pub mod item_row;
pub mod layout;
pub mod load_failed;
pub mod loading_notice;
pub mod national_search;
pub mod page_title;
pub mod search_words;
pub mod status_badge;
pub mod unit_links;
pub mod unit_table;
pub mod virtual_list;
pub mod with_bundle;
pub mod with_index;
