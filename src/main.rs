//! Entry point of the browser app: installs the panic page and mounts [`app::App`].

mod app;
mod components;
mod data;
mod nav;
mod pages;
mod panic_page;

fn main() {
    panic_page::install();
    leptos::mount::mount_to_body(app::App);
    #[cfg(feature = "panic-probe")]
    panic_page::probe();
}
