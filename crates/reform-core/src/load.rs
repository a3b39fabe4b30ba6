//! Decoding a bundle file, with errors a reader can act on. Pure: the app fetches the
//! bytes and hands them here, so every failure mode is tested natively.

use crate::model::{Bundle, SCHEMA_VERSION};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::fmt;

/// Why a fetched bundle cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BundleError {
    /// The file is empty.
    Empty,
    /// The file is not JSON, or is cut off.
    Malformed(String),
    /// The file is JSON of another shape version than this app reads.
    UnsupportedVersion {
        /// The version in the file, if it has one.
        found: Option<u64>,
    },
    /// The file is larger than a browser tab should parse at once.
    TooLarge {
        /// Its size.
        bytes: usize,
    },
}

/// The largest bundle decoded at once (64 MiB): beyond it a phone's tab would freeze or
/// crash; larger data must come in shards.
pub const MAX_BUNDLE_BYTES: usize = 64 << 20;

impl BundleError {
    /// True when the file is of a newer format than this app: the page is out of date.
    pub fn is_newer_format(&self) -> bool {
        matches!(self, BundleError::UnsupportedVersion { found: Some(found) } if *found > u64::from(SCHEMA_VERSION))
    }
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BundleError::Empty => write!(f, "the data file is empty"),
            BundleError::Malformed(reason) => write!(f, "the data file is damaged: {reason}"),
            BundleError::UnsupportedVersion { found: Some(found) } => write!(
                f,
                "the data file has format version {found}; this page reads version {SCHEMA_VERSION}"
            ),
            BundleError::UnsupportedVersion { found: None } => {
                write!(f, "the data file has no format version")
            }
            BundleError::TooLarge { bytes } => write!(
                f,
                "the data file has {:.0} MB; this page reads at most {} MB at once",
                *bytes as f64 / 1_048_576.0,
                MAX_BUNDLE_BYTES >> 20
            ),
        }
    }
}

/// True for a data version as a pinned embed names it (`?data=`): 1 to 64 lowercase hex
/// digits, so that it can only ever name a folder under `data/shards/`.
pub fn is_data_version(text: &str) -> bool {
    (1..=64).contains(&text.len())
        && text
            .bytes()
            .all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
}

/// Parses bundle JSON, checking the schema version before the full shape so that a newer
/// or older file is reported as such rather than as damage.
pub fn decode_bundle(json: &str) -> Result<Bundle, BundleError> {
    decode(json)
}

/// Parses any data file of the site (bundle, shard, index, directory) as [`decode_bundle`]
/// does: size, emptiness and schema version first, then the shape (with [`crate::json`]).
pub fn decode<T: DeserializeOwned>(json: &str) -> Result<T, BundleError> {
    if json.len() > MAX_BUNDLE_BYTES {
        return Err(BundleError::TooLarge { bytes: json.len() });
    }
    if json.trim().is_empty() {
        return Err(BundleError::Empty);
    }
    #[derive(Deserialize)]
    struct VersionOnly {
        schema_version: Option<u64>,
    }
    let version: VersionOnly =
        crate::json::from_str(json).map_err(|error| BundleError::Malformed(error.to_string()))?;
    if version.schema_version != Some(u64::from(SCHEMA_VERSION)) {
        return Err(BundleError::UnsupportedVersion {
            found: version.schema_version,
        });
    }
    crate::json::from_str(json).map_err(|error| BundleError::Malformed(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"schema_version":1,"content_hash":"h","latest_source_date":null,"districts":[],"documents":[],"items":[],"units":[],"progress":[],"lineage":[],"suggestions":[],"themes":[]}"#;

    #[test]
    fn data_versions_are_short_lowercase_hex() {
        assert!(is_data_version("eadfc257a8fee391"));
        assert!(!is_data_version(""));
        assert!(!is_data_version("EADF"));
        assert!(!is_data_version("../bundle"));
        assert!(!is_data_version(&"a".repeat(65)));
    }

    #[test]
    fn decodes_a_minimal_bundle() {
        assert_eq!(decode_bundle(MINIMAL).unwrap().content_hash, "h");
    }

    #[test]
    fn names_each_failure() {
        assert_eq!(decode_bundle(" \n"), Err(BundleError::Empty));
        assert!(matches!(
            decode_bundle(&MINIMAL[..40]),
            Err(BundleError::Malformed(_))
        ));
        assert!(matches!(
            decode_bundle("<html>"),
            Err(BundleError::Malformed(_))
        ));
        assert_eq!(
            decode_bundle(&MINIMAL.replace("\"schema_version\":1", "\"schema_version\":2")),
            Err(BundleError::UnsupportedVersion { found: Some(2) })
        );
        let newer = decode_bundle(&MINIMAL.replace("\"schema_version\":1", "\"schema_version\":2"));
        assert!(newer.unwrap_err().is_newer_format());
        let older = decode_bundle(&MINIMAL.replace("\"schema_version\":1", "\"schema_version\":0"));
        assert!(!older.unwrap_err().is_newer_format());
        let huge = " ".repeat(MAX_BUNDLE_BYTES + 1);
        assert_eq!(
            decode_bundle(&huge),
            Err(BundleError::TooLarge {
                bytes: MAX_BUNDLE_BYTES + 1
            })
        );
        assert_eq!(
            decode_bundle("{}"),
            Err(BundleError::UnsupportedVersion { found: None })
        );
        assert!(matches!(
            decode_bundle(&MINIMAL.replace("\"documents\":[]", "\"documents\":7")),
            Err(BundleError::Malformed(_))
        ));
    }
}
