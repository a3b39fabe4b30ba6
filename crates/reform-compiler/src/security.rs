//! Security that works on any static host, written into every page of the built site: a
//! Content-Security-Policy meta tag (scripts only from the site itself, wasm compilation, and
//! by their hashes Trunk's inline loader and the embed pages' start script — no
//! `unsafe-inline`), Subresource Integrity on the wasm
//! fetch (Trunk already marks the stylesheet, icon and JS module preloads), and a referrer
//! policy. Response headers a host can add on top are listed in README.md.

use crate::embed_page::embed_start;
use crate::overview_page::drawn_page_start;
use sha2::{Digest, Sha256, Sha384};
use std::fmt;

/// Why the built page could not be hardened.
#[derive(Debug, PartialEq, Eq)]
pub enum HardenError {
    /// `index.html` has no inline module loader (not a Trunk build?).
    NoLoader,
    /// The loader names a wasm file that is not in the built site.
    MissingWasm(String),
}

impl fmt::Display for HardenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HardenError::NoLoader => write!(
                f,
                "index.html has no <script type=\"module\"> loader; build the site with trunk first"
            ),
            HardenError::MissingWasm(name) => write!(
                f,
                "the loader loads {name}, which is not in the built site; rebuild with trunk"
            ),
        }
    }
}

const LOADER_OPEN: &str = "<script type=\"module\">";
/// Part of the placeholders `trunk serve` leaves in its reload script.
const TRUNK_SERVE_PLACEHOLDER: &str = "{{__TRUNK_";
/// The inline scripts `reform-portal site` writes into pages, each allowed by its hash
/// beside Trunk's loader: one policy serves every page.
fn start_scripts() -> [&'static str; 2] {
    [embed_start(), drawn_page_start()]
}

/// `script` as a page carries it inline: without its comment lines and indentation, which
/// every reader would download (they are for the source's readers). Line breaks stay, so
/// the code means what it meant; a `//` within a line of code is left alone.
pub fn compact_script(script: &str) -> String {
    script
        .lines()
        .map(str::trim_start)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .map(|line| format!("{line}\n"))
        .collect()
}

const CSP_MARK: &str = "<meta http-equiv=\"Content-Security-Policy\"";

/// `page` with the wasm fetched under integrity, and the policy meta tags after `<meta charset>`;
/// a development page of `trunk serve` as it is.
/// `asset` reads a file of the built site by name. Running it again changes nothing.
pub fn harden(page: &str, asset: &dyn Fn(&str) -> Option<Vec<u8>>) -> Result<String, HardenError> {
    // Under `trunk serve` the page carries Trunk's reload script, whose address Trunk fills
    // in on each response: no hash can allow it, so development pages go without a policy.
    if page.contains(TRUNK_SERVE_PLACEHOLDER) {
        return Ok(page.to_string());
    }
    let start = page.find(LOADER_OPEN).ok_or(HardenError::NoLoader)? + LOADER_OPEN.len();
    let end = start
        + page[start..]
            .find("</script>")
            .ok_or(HardenError::NoLoader)?;
    let loader = with_wasm_integrity(&page[start..end], asset)?;
    let page = format!("{}{loader}{}", &page[..start], &page[end..]);
    let scripts: String = [loader.as_str()]
        .into_iter()
        .chain(start_scripts())
        .map(|script| format!(" 'sha256-{}'", base64(&Sha256::digest(script.as_bytes()))))
        .collect();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
    );
    let tags = format!(
        "{CSP_MARK} content=\"{policy}\"><meta name=\"referrer\" content=\"strict-origin-when-cross-origin\">"
    );
    // A second run replaces the tags of the first.
    let page = match page.find(CSP_MARK) {
        Some(old) => {
            let old_end = page[old..]
                .find("<meta name=\"referrer\"")
                .and_then(|referrer| {
                    page[old + referrer..]
                        .find('>')
                        .map(|close| old + referrer + close + 1)
                })
                .unwrap_or(old);
            format!("{}{tags}{}", &page[..old], &page[old_end..])
        }
        None => match page.find("<meta charset=\"utf-8\">") {
            Some(charset) => {
                let after = charset + "<meta charset=\"utf-8\">".len();
                format!("{}{tags}{}", &page[..after], &page[after..])
            }
            None => page.replacen("<head>", &format!("<head>{tags}"), 1),
        },
    };
    Ok(page)
}

/// Trunk's loader with `module_or_path: '<wasm>'` turned into a fetch with integrity.
fn with_wasm_integrity(
    loader: &str,
    asset: &dyn Fn(&str) -> Option<Vec<u8>>,
) -> Result<String, HardenError> {
    const PLAIN: &str = "module_or_path: '";
    let Some(at) = loader.find(PLAIN) else {
        // Already rewritten by an earlier run.
        return Ok(loader.to_string());
    };
    let url_start = at + PLAIN.len();
    let url_end = url_start
        + loader[url_start..]
            .find('\'')
            .ok_or(HardenError::NoLoader)?;
    let url = &loader[url_start..url_end];
    let name = url.rsplit('/').next().unwrap_or(url);
    let bytes = asset(name).ok_or_else(|| HardenError::MissingWasm(name.to_string()))?;
    let integrity = format!("sha384-{}", base64(&Sha384::digest(&bytes)));
    Ok(format!(
        "{}module_or_path: fetch('{url}', {{ integrity: '{integrity}' }}){}",
        &loader[..at],
        &loader[url_end + 1..]
    ))
}

/// Standard base64 with padding, as SRI and CSP hashes are written.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let word = chunk.iter().enumerate().fold(0u32, |word, (index, byte)| {
            word | u32::from(*byte) << (16 - 8 * index)
        });
        for index in 0..4 {
            if index <= chunk.len() {
                out.push(ALPHABET[(word >> (18 - 6 * index) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_lose_their_comment_lines_and_indentation_only() {
        let script = "// Why it runs.\n(function () {\n  // A step.\n  var url = \"http://x/\"; // kept: part of a line of code\n\n  go(url);\n})();\n";
        assert_eq!(
            compact_script(script),
            "(function () {\nvar url = \"http://x/\"; // kept: part of a line of code\ngo(url);\n})();\n"
        );
        // The scripts pages carry have no comment line left, and are what the policy allows.
        for carried in start_scripts() {
            assert!(!carried
                .lines()
                .any(|line| line.trim_start().starts_with("//")));
            assert_eq!(compact_script(carried), carried);
        }
    }

    const PAGE: &str = "<html><head><meta charset=\"utf-8\"><title>t</title>\
        <script type=\"module\">\nimport init from '/p/app.js';\nconst wasm = await init({ module_or_path: '/p/app_bg.wasm' });\n</script></head><body></body></html>";

    fn asset(name: &str) -> Option<Vec<u8>> {
        (name == "app_bg.wasm").then(|| b"wasm bytes".to_vec())
    }

    #[test]
    fn encodes_base64_like_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn fetches_the_wasm_under_integrity_and_allows_only_that_loader() {
        let hardened = harden(PAGE, &asset).unwrap();
        let integrity = format!("sha384-{}", base64(&Sha384::digest(b"wasm bytes")));
        assert!(hardened.contains(&format!(
            "module_or_path: fetch('/p/app_bg.wasm', {{ integrity: '{integrity}' }})"
        )));
        let start = hardened.find(LOADER_OPEN).unwrap() + LOADER_OPEN.len();
        let end = start + hardened[start..].find("</script>").unwrap();
        let hash = base64(&Sha256::digest(&hardened.as_bytes()[start..end]));
        assert!(hardened.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}' 'sha256-{}' 'sha256-{}';",
            base64(&Sha256::digest(embed_start().as_bytes())),
            base64(&Sha256::digest(drawn_page_start().as_bytes()))
        )));
        let script_src = hardened.split("script-src").nth(1).unwrap();
        let script_src = script_src.split(';').next().unwrap();
        assert!(!script_src.contains("unsafe-inline"), "{script_src}");
        assert!(hardened
            .contains("<meta name=\"referrer\" content=\"strict-origin-when-cross-origin\">"));
        assert_eq!(harden(&hardened, &asset).unwrap(), hardened, "idempotent");
    }

    #[test]
    fn leaves_development_pages_alone() {
        let served = PAGE.replace(
            "</head>",
            "<script>connect('{{__TRUNK_ADDRESS__}}')</script></head>",
        );
        assert_eq!(harden(&served, &asset).unwrap(), served);
    }

    #[test]
    fn names_what_is_missing() {
        assert_eq!(harden("<html></html>", &asset), Err(HardenError::NoLoader));
        let other = PAGE.replace("app_bg.wasm", "gone.wasm");
        assert_eq!(
            harden(&other, &asset),
            Err(HardenError::MissingWasm("gone.wasm".into()))
        );
    }
}
