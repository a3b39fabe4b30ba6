//! Entry point of the browser app: installs the panic hook and mounts [`app::App`].

mod app;
mod components;
mod data;
mod nav;
mod pages;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
