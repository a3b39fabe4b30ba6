//! About the data: how the bundle is compiled, what the statuses mean, the open-data
//! downloads, and how to report a correction.

use crate::components::{
    page_title::PageTitle, status_badge::StatusBadge, with_bundle::WithBundle,
};
use crate::nav::{tab_title, use_lang, use_nav};
use leptos::prelude::*;
use reform_core::routes::Page;
use reform_core::{Bundle, ItemStatus};
use std::sync::Arc;

/// The about page.
#[component]
pub fn AboutPage() -> impl IntoView {
    view! { <WithBundle page=Page::About render=|bundle| view! { <About bundle /> } /> }
}

/// The page itself, from the loaded data.
#[component]
fn About(bundle: Arc<Bundle>) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let as_of = bundle.as_of();
    let statuses = ItemStatus::ALL.map(|status| {
        let meaning = match status {
            ItemStatus::Delivered => lang.pick("后来的文件或报道说明此项已推出、已出台或已运行。", "A later document or report says it was launched, issued or is running."),
            ItemStatus::InProgress => lang.pick("后来的来源说明此项正在推进或继续实施,且时限(如有)未过。", "A later source reports it under way or continuing, and its deadline (if any) has not passed."),
            ItemStatus::Overdue => lang.pick("完成时限已过,但没有来源说明已完成。", "Its deadline has passed and no source reports it done."),
            ItemStatus::NoEvidence => lang.pick("计划之后没有任何来源提到此项。这不等于没有做,只是没有公开证据。", "No source after the plan mentions it. That does not mean nothing was done, only that nothing public says so."),
        };
        view! { <dt><StatusBadge status /></dt><dd>{meaning}</dd> }
    });
    let downloads = [
        ("data/bundle.json", "bundle.json", lang.pick("全部数据(JSON,本站所用)", "Everything (JSON, what this site loads)")),
        ("data/items.csv", "items.csv", lang.pick("改革任务(CSV)", "Reform items (CSV)")),
        ("data/units.csv", "units.csv", lang.pick("责任单位(CSV)", "Units (CSV)")),
        ("data/progress.csv", "progress.csv", lang.pick("进展证据(CSV)", "Progress evidence (CSV)")),
        ("data/datapackage.json", "datapackage.json", lang.pick("数据包说明(Frictionless)", "Data package description (Frictionless)")),
        ("data/bundle.schema.json", "bundle.schema.json", lang.pick("JSON Schema", "JSON Schema")),
    ]
    .map(|(path, name, label)| view! { <li><a href=nav.file(path)><code>{name}</code></a>" — "{label}</li> });
    view! {
        <PageTitle title=tab_title(lang, "关于数据", "About the data") />
        <h1>{lang.pick("关于数据", "About the data")}</h1>
        <h2>{lang.pick("数据如何编译", "How the data is compiled")}</h2>
        <p>
            {lang.pick(
                "原始文件一字不改地保存。编译器从文本中读出标题、文号、发文机关、日期和每一项改革任务及其牵头、协办单位;单位名称按登记表归并(别名、更名);进展记录只引用原文,编译器逐字核对引文确实出现在来源中。任何不一致都会让编译失败,而不是悄悄发布。",
                "The source texts are kept word for word. The compiler reads the title, number, issuer, dates and every reform item with its lead and co-organising units from the text; unit names are matched against a registry (aliases, renames); progress records only quote the sources, and the compiler checks each quote stands verbatim in its source. Any mismatch stops the build instead of publishing quietly.",
            )}
        </p>
        <p>{format!("{} {as_of} · {} {}", lang.pick("数据截至", "Data as of"), lang.pick("数据版本", "data version"), bundle.content_hash.get(..12).unwrap_or_default())}</p>
        <h2>{lang.pick("状态的含义", "What the statuses mean")}</h2>
        <dl class="status-meanings">{statuses.collect_view()}</dl>
        <h2>{lang.pick("开放数据下载", "Open data downloads")}</h2>
        <ul>{downloads.collect_view()}</ul>
        <h2>{lang.pick("纠错", "Report a correction")}</h2>
        <p>
            {lang.pick(
                "发现错误或有新的公开来源?请在项目代码库提交问题,注明页面地址、来源文件和原文引文。所有数据都在代码库的 seeds/ 目录中,可直接提出修改。",
                "Found a mistake or a new public source? Open an issue in the project's repository with the page address, the source document and the exact quote. All data lives in the repository's seeds/ folder, where changes can be proposed directly.",
            )}
        </p>
    }
}
