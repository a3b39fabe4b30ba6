//! The units of one kind in one district: each linking to its page, with how many items it
//! leads and co-organises.

use crate::nav::{use_lang, use_nav};
use leptos::prelude::*;
use reform_core::query::UnitLoad;
use reform_core::routes::Page;
use reform_core::UnitKind;

/// A table of `loads`, captioned with their kind. A function, not a component: the loads
/// borrow the bundle, and the rows are made at once from them.
pub fn unit_table(kind: UnitKind, loads: Vec<UnitLoad<'_>>) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let rows = loads
        .into_iter()
        .map(|load| {
            view! {
                <tr>
                    <th scope="row">
                        <a href=nav.page(&Page::Unit(load.unit.id.clone()))>{lang.pick(&load.unit.name, &load.unit.name_en).to_string()}</a>
                    </th>
                    <td>{load.led.len()}</td>
                    <td>{load.co.len()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="unit-table">
                <caption>{lang.pick(kind.label_zh(), kind_en(kind))}</caption>
                <thead>
                    <tr>
                        <th scope="col">{lang.pick("单位", "Unit")}</th>
                        <th scope="col">{lang.pick("牵头", "Leads")}</th>
                        <th scope="col">{lang.pick("协办", "Co-organises")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// English label of a unit kind.
pub fn kind_en(kind: UnitKind) -> &'static str {
    use UnitKind::*;
    match kind {
        PartyOrgan => "Party organs",
        GovernmentDepartment => "Government departments",
        PublicInstitution => "Public institutions",
        StreetOffice => "Street offices",
        Collective => "Groups named together",
        Court => "Courts",
        Procuratorate => "Procuratorates",
        PeoplesCongress => "People's congress",
        Cppcc => "CPPCC",
        MassOrganisation => "Mass organisations",
        CityBranch => "City-level branches",
    }
}
