//! Problems found in the seeds: each names the file and line to fix and hints at the fix.

use std::fmt;
use std::path::{Path, PathBuf};

/// One thing wrong with the seeds. The compiler collects all of them before giving up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file to fix, as given on the command line (relative paths stay relative).
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl Problem {
    /// A problem with the whole `file`.
    pub fn in_file(file: &Path, message: impl Into<String>, hint: impl Into<String>) -> Problem {
        Problem {
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// The same problem, placed at the byte `offset` of `source` (the file's text).
    pub fn at_offset(mut self, source: &str, offset: usize) -> Problem {
        let (line, column) = line_and_column(source, offset);
        self.line = line;
        self.column = column;
        self
    }

    /// The same problem, placed at a 1-based line.
    pub fn at_line(mut self, line: usize) -> Problem {
        self.line = line;
        self.column = 0;
        self
    }
}

/// 1-based line and character column of byte `offset` (clamped to the text).
pub fn line_and_column(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    (line, before[line_start..].chars().count() + 1)
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": error: {}\n  hint: {}", self.message, self.hint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_characters() {
        let source = "甲乙\n丙丁戊\n";
        assert_eq!(line_and_column(source, 0), (1, 1));
        assert_eq!(line_and_column(source, "甲乙\n丙".len()), (2, 2));
        assert_eq!(line_and_column(source, 1), (1, 1), "inside a character");
        assert_eq!(line_and_column(source, 999), (3, 1));
    }

    #[test]
    fn displays_location_and_hint() {
        let problem = Problem::in_file(Path::new("seeds/catalog.toml"), "bad", "fix it").at_line(3);
        assert_eq!(
            problem.to_string(),
            "seeds/catalog.toml:3: error: bad\n  hint: fix it"
        );
    }
}
