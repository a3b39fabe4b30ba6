//! A readable page instead of a dead app: if the app ever panics, the reader sees what
//! happened and a way to reload, in both languages (the panic may have hit anything,
//! including the language state).

/// Installs the panic hook: the panic goes to the console, then the page is replaced.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_error_page();
    }));
}

/// In test builds with the `panic-probe` feature: panics once the app runs if the address
/// has `?panic-probe`, as a bug would.
#[cfg(feature = "panic-probe")]
pub fn probe() {
    let asked = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .is_some_and(|search| search.contains("panic-probe"));
    if asked {
        leptos::task::spawn_local(async {
            panic!("panic probe: the browser test asked for a panic");
        });
    }
}

fn show_error_page() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    let here = window.location().href().unwrap_or_default();
    body.set_text_content(None);
    let main = document.create_element("main").ok();
    let Some(main) = main else { return };
    let _ = main.set_attribute("class", "notice error panic-page");
    let _ = main.set_attribute("role", "alert");
    let parts = [
        ("h1", "页面出错了 · Something went wrong"),
        (
            "p",
            "页面遇到了一个意外错误。数据没有受到影响。请重新加载页面;如果问题重复出现,请告诉我们出错的网址。",
        ),
        (
            "p",
            "The page hit an unexpected error. The data is not affected. Reload the page; if it happens again, please tell us the address.",
        ),
    ];
    for (tag, text) in parts {
        if let Ok(element) = document.create_element(tag) {
            element.set_text_content(Some(text));
            let _ = main.append_child(&element);
        }
    }
    if let Ok(link) = document.create_element("a") {
        let _ = link.set_attribute("href", &here);
        link.set_text_content(Some("重新加载 · Reload"));
        let _ = main.append_child(&link);
    }
    let _ = body.append_child(&main);
}
