//! One HTML file per page of the built site, so that every deep link loads on a plain
//! static server under any sub-path, with a real title, description and link-preview card,
//! and the content readable without JavaScript.

use reform_core::routes::{Page, PageMeta};
use reform_core::text::escape_html as esc;
use reform_core::{Bundle, Document};

/// Marks the region of `<head>` that holds per-page meta tags; kept so runs are repeatable.
pub const HEAD_START: &str = "<!--page-head-->";
/// End of the head region.
pub const HEAD_END: &str = "<!--/page-head-->";
/// Marks the region inside `<noscript>` that holds the page's content without JavaScript.
pub const BODY_START: &str = "<!--page-body-->";
/// End of the body region.
pub const BODY_END: &str = "<!--/page-body-->";

/// Why a page could not be rendered from the template.
#[derive(Debug, PartialEq, Eq)]
pub enum TemplateError {
    /// A marker pair is missing from `index.html`.
    MissingMarker(&'static str),
}

/// The full HTML of `page`: the template with its title, meta tags and no-script content.
/// `text_of` returns a document's source text, shown in full on its page.
pub fn render_page(
    template: &str,
    bundle: &Bundle,
    page: &Page,
    text_of: &dyn Fn(&Document) -> Option<String>,
) -> Result<Option<String>, TemplateError> {
    let Some(meta) = page.meta(bundle) else {
        return Ok(None);
    };
    let with_title = replace_title(template, &meta.title)?;
    let with_head = replace_between(&with_title, HEAD_START, HEAD_END, &head(&meta))?;
    let body = match page {
        Page::Home | Page::Documents => document_list(bundle),
        Page::Document(id) => match bundle.document(id) {
            Some(document) => document_body(document, text_of(document).as_deref()),
            None => return Ok(None),
        },
    };
    replace_between(&with_head, BODY_START, BODY_END, &body).map(Some)
}

/// Where a page's file goes inside the site: `/documents/x/` → `documents/x/index.html`.
pub fn file_for(page: &Page) -> String {
    format!("{}index.html", page.path().trim_start_matches('/'))
}

fn replace_title(template: &str, title: &str) -> Result<String, TemplateError> {
    replace_between(template, "<title>", "</title>", &esc(title))
}

fn replace_between(
    text: &str,
    start: &'static str,
    end: &'static str,
    content: &str,
) -> Result<String, TemplateError> {
    let open = text
        .find(start)
        .ok_or(TemplateError::MissingMarker(start))?
        + start.len();
    let close = text[open..]
        .find(end)
        .ok_or(TemplateError::MissingMarker(end))?
        + open;
    Ok(format!("{}{content}{}", &text[..open], &text[close..]))
}

fn head(meta: &PageMeta) -> String {
    let title = esc(&meta.title);
    let description = esc(&meta.description);
    format!(
        "<meta name=\"description\" content=\"{description}\">\
         <meta property=\"og:type\" content=\"website\">\
         <meta property=\"og:title\" content=\"{title}\">\
         <meta property=\"og:description\" content=\"{description}\">\
         <meta name=\"twitter:card\" content=\"summary\">"
    )
}

fn document_list(bundle: &Bundle) -> String {
    let mut html = String::from("<main><h1>深圳区级改革追踪</h1><h2>原始文件</h2><ul>");
    for document in &bundle.documents {
        html.push_str(&format!(
            "<li><a href=\"{}\">{}</a> {}</li>",
            esc(Page::Document(document.id.clone())
                .path()
                .trim_start_matches('/')),
            esc(&document.title),
            esc(&facts(document).join(" · ")),
        ));
    }
    html.push_str("</ul></main>");
    html
}

fn document_body(document: &Document, text: Option<&str>) -> String {
    let mut html = format!(
        "<main><p><a href=\"documents/\">原始文件</a></p><h1>{}</h1><p>{}</p>",
        esc(&document.title),
        esc(&facts(document).join(" · "))
    );
    if let Some(text) = text {
        html.push_str(&format!("<pre>{}</pre>", esc(text)));
    }
    html.push_str("</main>");
    html
}

fn facts(document: &Document) -> Vec<String> {
    let mut facts = vec![document.kind.label_zh().to_string()];
    facts.extend(document.doc_number.clone());
    facts.extend(document.issuer.clone());
    facts.extend(document.issued.map(|date| format!("印发 {date}")));
    facts.extend(document.published.map(|date| format!("发布 {date}")));
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use reform_core::{Date, DocumentKind, SCHEMA_VERSION};

    const TEMPLATE: &str = "<html><head><title>x</title><!--page-head--><!--/page-head--></head>\
        <body><noscript><!--page-body--><!--/page-body--></noscript></body></html>";

    fn bundle() -> Bundle {
        Bundle {
            schema_version: SCHEMA_VERSION,
            content_hash: String::new(),
            latest_source_date: Date::new(2014, 6, 9),
            districts: vec![],
            documents: vec![Document {
                id: "d".into(),
                district: "luohu".into(),
                kind: DocumentKind::Plan,
                title: "计划<script>".into(),
                title_en: "Plan".into(),
                doc_number: Some("罗办发〔2014〕1号".into()),
                issuer: None,
                issued: Date::new(2014, 4, 1),
                published: None,
                source_url: None,
                text_path: "documents/d.txt".into(),
                line_count: 1,
                char_count: 2,
                status_counts: Default::default(),
            }],
            ..Bundle::default()
        }
    }

    #[test]
    fn renders_title_meta_and_escaped_content() {
        let page = Page::Document("d".into());
        let html = render_page(TEMPLATE, &bundle(), &page, &|_| Some("正文 <b>".into()))
            .unwrap()
            .unwrap();
        assert!(
            html.contains("<title>计划&lt;script&gt; · 深圳区级改革追踪</title>"),
            "{html}"
        );
        assert!(html.contains(
            "<meta name=\"description\" content=\"改革计划 · 罗办发〔2014〕1号 · 2014-04-01\">"
        ));
        assert!(html.contains("<pre>正文 &lt;b&gt;</pre>"));
        assert!(!html.contains("<script>"));
    }

    #[test]
    fn rendering_twice_gives_the_same_page() {
        let once = render_page(TEMPLATE, &bundle(), &Page::Home, &|_| None)
            .unwrap()
            .unwrap();
        let twice = render_page(&once, &bundle(), &Page::Home, &|_| None)
            .unwrap()
            .unwrap();
        assert_eq!(once, twice);
        assert!(once.contains("<a href=\"documents/d/\">"));
    }

    #[test]
    fn reports_a_missing_marker() {
        let result = render_page("<title></title>", &bundle(), &Page::Home, &|_| None);
        assert_eq!(result, Err(TemplateError::MissingMarker(HEAD_START)));
    }

    #[test]
    fn places_pages_in_folders() {
        assert_eq!(file_for(&Page::Home), "index.html");
        assert_eq!(
            file_for(&Page::Document("d".into())),
            "documents/d/index.html"
        );
    }
}
