//! Decoding a bundle file, with errors a reader can act on. Pure: the app fetches the
//! bytes and hands them here, so every failure mode is tested natively.

use crate::model::{Bundle, SCHEMA_VERSION};
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
        }
    }
}

/// Parses bundle JSON, checking the schema version before the full shape so that a newer
/// or older file is reported as such rather than as damage.
pub fn decode_bundle(json: &str) -> Result<Bundle, BundleError> {
    if json.trim().is_empty() {
        return Err(BundleError::Empty);
    }
    #[derive(Deserialize)]
    struct VersionOnly {
        schema_version: Option<u64>,
    }
    let version: VersionOnly =
        serde_json::from_str(json).map_err(|error| BundleError::Malformed(error.to_string()))?;
    if version.schema_version != Some(u64::from(SCHEMA_VERSION)) {
        return Err(BundleError::UnsupportedVersion {
            found: version.schema_version,
        });
    }
    serde_json::from_str(json).map_err(|error| BundleError::Malformed(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"schema_version":1,"content_hash":"h","latest_source_date":null,"districts":[],"documents":[],"items":[],"units":[],"progress":[],"lineage":[],"suggestions":[],"themes":[]}"#;

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
