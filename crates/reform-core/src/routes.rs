//! The portal's pages and their URLs. The app routes with them, and the compiler writes
//! one HTML file per page so that deep links load on any static host without rewrites.

use crate::model::{Bundle, Document};

/// One page of the portal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// The landing page.
    Home,
    /// The list of source documents.
    Documents,
    /// One source document, by [`Document::id`].
    Document(String),
}

impl Page {
    /// Path below the site's base, always with a trailing slash so that a static server
    /// finds `…/index.html` for it: `/documents/2014-luohu-reform-plan/`.
    pub fn path(&self) -> String {
        match self {
            Page::Home => "/".to_string(),
            Page::Documents => "/documents/".to_string(),
            Page::Document(id) => format!("/documents/{id}/"),
        }
    }

    /// Every page the bundle gives rise to, in a stable order.
    pub fn all(bundle: &Bundle) -> Vec<Page> {
        let documents = bundle
            .documents
            .iter()
            .map(|document| Page::Document(document.id.clone()));
        [Page::Home, Page::Documents]
            .into_iter()
            .chain(documents)
            .collect()
    }

    /// The page's `<title>` and description, for the browser tab, search engines and link previews.
    pub fn meta(&self, bundle: &Bundle) -> Option<PageMeta> {
        const SITE: &str = "深圳区级改革追踪";
        let documents = bundle.documents.len();
        Some(match self {
            Page::Home => PageMeta {
                title: SITE.to_string(),
                description: format!(
                    "深圳各区改革计划承诺了什么、由谁负责、完成了什么:{documents} 份原始文件,数据截至 {}。",
                    as_of(bundle)
                ),
            },
            Page::Documents => PageMeta {
                title: format!("原始文件 · {SITE}"),
                description: format!("{documents} 份改革计划、工作方案、工作要点与成果报道的原文和元数据。"),
            },
            Page::Document(id) => {
                let document = bundle.document(id)?;
                PageMeta {
                    title: format!("{} · {SITE}", document.title),
                    description: describe(document),
                }
            }
        })
    }
}

/// What a page shows in its `<head>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageMeta {
    /// Text of `<title>`.
    pub title: String,
    /// Text of `<meta name="description">` and the social-card description.
    pub description: String,
}

/// `base` + `path` without doubled or missing slashes: `("/portal/", "/documents/")` → `/portal/documents/`.
pub fn join_base(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

fn as_of(bundle: &Bundle) -> String {
    bundle
        .latest_source_date
        .map_or_else(|| "未知日期".to_string(), |date| date.to_string())
}

fn describe(document: &Document) -> String {
    let mut parts = vec![document.kind.label_zh().to_string()];
    parts.extend(document.doc_number.clone());
    parts.extend(document.issuer.clone());
    parts.extend(document.date().map(|date| date.to_string()));
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_base_and_path() {
        assert_eq!(join_base("/", "/"), "/");
        assert_eq!(join_base("/portal/", "/documents/"), "/portal/documents/");
        assert_eq!(join_base("/portal", "documents/x/"), "/portal/documents/x/");
        assert_eq!(join_base("", "/"), "/");
    }

    #[test]
    fn paths_end_with_a_slash() {
        assert_eq!(Page::Home.path(), "/");
        assert_eq!(Page::Document("a-b".into()).path(), "/documents/a-b/");
    }
}
