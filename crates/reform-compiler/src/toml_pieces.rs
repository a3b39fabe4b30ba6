//! Large TOML files parsed a piece at a time. The parser holds a file about
//! 14 times over while it reads it (250 MB for a national unit registry); a piece of a
//! megabyte is held so only while it is read. A file is cut only between its records, and
//! each piece keeps every byte where it was (what comes before it is blanked), so that the
//! positions the parser records are the file's own. Anything a piece cannot settle alone
//! (an error, or a later piece holding more than records) sends the whole file to the
//! parser as before: the result and every error are then exactly those of one parse.

use serde::de::DeserializeOwned;

/// A file is cut into pieces of about this many bytes, when it is at least two of them:
/// at national scale, the reading of the unit registry is the compile's peak memory, and
/// pieces of 1 MB rather than 4 lower it by 35 MB for as long a read.
pub const PIECE_BYTES: usize = 1 << 20;

/// How a file's records are written, and so where it may be cut.
#[derive(Clone, Copy, Debug)]
pub enum Records {
    /// `[[name]]` tables, one after the other: cut before a `[[name]]` line.
    Tables(&'static str),
    /// One array, `name = [` on a line of its own and then one `{ ... }` record per line:
    /// cut before a record's line, each piece inside its own `name = [ ... ]`.
    Lines(&'static str),
}

/// A file that can be parsed a piece at a time.
pub trait Pieced: DeserializeOwned + Send {
    /// Where the file may be cut.
    const RECORDS: Records;

    /// Appends the records of `later`, parsed from a later piece, in order; `false` when
    /// `later` holds anything but records of the kind the file is cut along.
    fn append(&mut self, later: Self) -> bool;
}

/// Parses `source` as `toml::from_str` does, a piece at a time when it is large.
pub fn from_str<T: Pieced>(source: &str) -> Result<T, toml::de::Error> {
    from_str_in(source, PIECE_BYTES)
}

/// [`from_str`] with pieces of about `piece_bytes` (tests and fuzzing cut small files).
pub fn from_str_in<T: Pieced>(source: &str, piece_bytes: usize) -> Result<T, toml::de::Error> {
    pieces_of(source, piece_bytes).map_or_else(|| toml::from_str(source), Ok)
}

/// `source` read in pieces of about `piece_bytes` alone: `None` when it is not cut, or a
/// piece cannot settle what it holds alone (then [`from_str_in`] parses it whole).
pub fn pieces_of<T: Pieced>(source: &str, piece_bytes: usize) -> Option<T> {
    let cuts = cuts(source, T::RECORDS, piece_bytes);
    if cuts.is_empty() {
        return None;
    }
    in_pieces(source, &cuts)
}

/// Where to cut `source`: offsets of record lines about `piece_bytes` apart, each after
/// the first record (so that the first piece settles how the records are written); none
/// when the file is small or not written as `records` says.
fn cuts(source: &str, records: Records, piece_bytes: usize) -> Vec<usize> {
    if source.len() < 2 * piece_bytes {
        return Vec::new();
    }
    // The last piece holds what follows the array: only if that is nothing can it not
    // clash with the first piece (a key written again).
    if let Records::Lines(_) = records {
        let mut lines = source.lines().rev().map(str::trim);
        let closing = lines.find(|line| !line.is_empty() && !line.starts_with('#'));
        if closing != Some("]") {
            return Vec::new();
        }
    }
    let mut cuts = Vec::new();
    let mut opened = false;
    let mut first_seen = false;
    let mut last = 0;
    let mut at = 0;
    let mut after_comma = false;
    for line in source.split_inclusive('\n') {
        let starts = at;
        at += line.len();
        let text = line.trim_end();
        let record = match records {
            Records::Tables(name) => is_table_header(text, name),
            Records::Lines(name) => {
                if !opened {
                    opened = is_array_opener(text, name);
                    continue;
                }
                // Only where the record before ends with its comma: a missing one must
                // still be an error.
                let record = after_comma && text.trim_start().starts_with('{');
                after_comma = text.ends_with("},");
                record
            }
        };
        if !record {
            continue;
        }
        if !first_seen {
            first_seen = true;
        } else if starts - last >= piece_bytes {
            cuts.push(starts);
            last = starts;
        }
    }
    cuts
}

fn is_table_header(line: &str, name: &str) -> bool {
    line.strip_prefix("[[")
        .and_then(|rest| rest.strip_suffix("]]"))
        .is_some_and(|inside| inside == name)
}

fn is_array_opener(line: &str, name: &str) -> bool {
    line.strip_prefix(name)
        .is_some_and(|rest| rest.trim_start().strip_prefix('=').map(str::trim) == Some("["))
}

/// The records of `source` cut at `cuts`, each piece parsed on its own; `None` when a piece
/// does not parse or holds more than records.
fn in_pieces<T: Pieced>(source: &str, cuts: &[usize]) -> Option<T> {
    let ends: Vec<(usize, usize)> = std::iter::once(0)
        .chain(cuts.iter().copied())
        .zip(cuts.iter().copied().chain(std::iter::once(source.len())))
        .collect();
    // One after the other, each piece's parse freed before the next: on every core, a
    // national corpus's reading held 60 MB more at its peak (the compile's), for 150 ms.
    let parsed: Vec<Option<T>> = ends
        .iter()
        .map(|&(start, end)| toml::from_str::<T>(&piece(source, start, end, T::RECORDS)).ok())
        .collect();
    let mut pieces = parsed.into_iter();
    let mut whole = pieces.next()??;
    for later in pieces {
        if !whole.append(later?) {
            return None;
        }
    }
    Some(whole)
}

/// The text of the piece from `start` to `end` of `source`: every byte before `start`
/// blanked (newlines kept, and the array's opening line for [`Records::Lines`]), and for
/// [`Records::Lines`] the array closed after it unless it is the last piece.
fn piece(source: &str, start: usize, end: usize, records: Records) -> String {
    let mut text: Vec<u8> = Vec::with_capacity(end + 3);
    let before = &source[..start];
    match records {
        Records::Tables(_) => text.extend(before.bytes().map(blank)),
        Records::Lines(name) => {
            for line in before.split_inclusive('\n') {
                if is_array_opener(line.trim_end(), name) {
                    text.extend_from_slice(line.as_bytes());
                } else {
                    text.extend(line.bytes().map(blank));
                }
            }
        }
    }
    text.extend_from_slice(&source.as_bytes()[start..end]);
    if matches!(records, Records::Lines(_)) && end < source.len() {
        text.extend_from_slice(b"\n]\n");
    }
    String::from_utf8(text).expect("blanks and whole lines of a string are UTF-8")
}

/// A byte before a piece: a space, but a newline stays, so lines keep their numbers.
fn blank(byte: u8) -> u8 {
    if byte == b'\n' {
        b'\n'
    } else {
        b' '
    }
}

/// Asserts that `text` is cut at pieces of about `piece_bytes`, and that what they read is
/// what one parse reads, positions included (`Debug` shows them): for the seed files' tests.
#[cfg(test)]
pub(crate) fn assert_reads_as_one<T: Pieced + std::fmt::Debug>(text: &str, piece_bytes: usize) {
    let pieces: T = pieces_of(text, piece_bytes).expect("cut between records");
    let whole: T = toml::from_str(text).unwrap();
    assert_eq!(format!("{pieces:?}"), format!("{whole:?}"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::fmt::Debug;
    use std::ops::Range;
    use toml::Spanned;

    /// Pieces of about this many bytes cut the test files into many.
    const SMALL: usize = 200;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Events {
        #[serde(default)]
        title: Option<String>,
        #[serde(default)]
        meta: Option<Meta>,
        #[serde(default)]
        event: Vec<Spanned<Event>>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Meta {
        by: String,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Event {
        item: Spanned<String>,
        #[serde(default)]
        note: String,
    }

    impl Pieced for Events {
        const RECORDS: Records = Records::Tables("event");

        fn append(&mut self, later: Self) -> bool {
            self.event.extend(later.event);
            later.title.is_none() && later.meta.is_none()
        }
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Units {
        #[serde(default)]
        filler: Vec<String>,
        #[serde(default)]
        unit: Vec<Spanned<Unit>>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Unit {
        id: Spanned<String>,
        name: String,
    }

    impl Pieced for Units {
        const RECORDS: Records = Records::Lines("unit");

        fn append(&mut self, later: Self) -> bool {
            self.unit.extend(later.unit);
            later.filler.is_empty()
        }
    }

    /// Every position the parse recorded: values compare without theirs.
    trait Spans {
        fn spans(&self) -> Vec<Range<usize>>;
    }

    impl Spans for Events {
        fn spans(&self) -> Vec<Range<usize>> {
            self.event
                .iter()
                .flat_map(|event| [event.span(), event.get_ref().item.span()])
                .collect()
        }
    }

    impl Spans for Units {
        fn spans(&self) -> Vec<Range<usize>> {
            self.unit
                .iter()
                .flat_map(|unit| [unit.span(), unit.get_ref().id.span()])
                .collect()
        }
    }

    fn events(count: usize) -> String {
        format!("# Records.\ntitle = \"进展\"\n\n{}", event_tables(count))
    }

    fn event_tables(count: usize) -> String {
        (0..count)
            .map(|at| format!("[[event]]\nitem = \"文件-{at}/1\"\nnote = \"第{at}项\"\n\n"))
            .collect()
    }

    fn units(count: usize) -> String {
        let mut text = String::from("filler = [\"各有关单位\"]\n\nunit = [\n  # 区委\n");
        for at in 0..count {
            text += &format!("  {{ id = \"unit-{at}\", name = \"单位{at}\" }},\n");
        }
        text + "]\n"
    }

    /// `source` read in small pieces gives what one parse gives: the same value with the
    /// same positions, or the same error at the same place.
    fn reads_as_one<T: Pieced + PartialEq + Debug + Spans>(source: &str) -> Result<T, String> {
        let whole = toml::from_str::<T>(source);
        let pieces = from_str_in::<T>(source, SMALL);
        match (whole, pieces) {
            (Ok(whole), Ok(pieces)) => {
                assert_eq!(whole, pieces);
                assert_eq!(whole.spans(), pieces.spans());
                Ok(pieces)
            }
            (Err(whole), Err(pieces)) => {
                assert_eq!(
                    (whole.message(), whole.span()),
                    (pieces.message(), pieces.span())
                );
                Err(pieces.message().to_string())
            }
            (whole, pieces) => panic!("one parse gives {whole:?}, pieces {pieces:?}"),
        }
    }

    /// Whether `source` is read in pieces rather than handed whole to the parser.
    fn read_in_pieces<T: Pieced>(source: &str) -> bool {
        pieces_of::<T>(source, SMALL).is_some()
    }

    #[test]
    fn records_read_in_pieces_keep_their_order_and_positions() {
        let source = events(60);
        assert!(read_in_pieces::<Events>(&source));
        let read = reads_as_one::<Events>(&source).unwrap();
        assert_eq!(read.event.len(), 60);
        assert_eq!(read.title.as_deref(), Some("进展"));
        let source = units(60);
        assert!(read_in_pieces::<Units>(&source));
        let read = reads_as_one::<Units>(&source).unwrap();
        assert_eq!(read.unit[59].get_ref().name, "单位59");
        assert_eq!(read.filler, ["各有关单位"]);
    }

    #[test]
    fn an_error_in_a_later_piece_is_the_one_parse_error() {
        let source = events(60).replace("item = \"文件-50/1\"", "item = 50");
        assert!(!read_in_pieces::<Events>(&source));
        assert!(reads_as_one::<Events>(&source).is_err());
        let source = units(60).replace("name = \"单位40\"", "name = \"单位40");
        assert!(reads_as_one::<Units>(&source).is_err());
    }

    #[test]
    fn what_one_parse_refuses_pieces_refuse_too() {
        // A record without its comma, where a cut would otherwise fall.
        let source = units(60);
        let cut = cuts(&source, Records::Lines("unit"), SMALL)[1];
        let comma = source[..cut].rfind(',').unwrap();
        let source = format!("{}{}", &source[..comma], &source[comma + 1..]);
        assert!(reads_as_one::<Units>(&source).is_err());
        // A key written again after the array.
        let source = units(60) + "filler = []\n";
        assert!(reads_as_one::<Units>(&source).is_err());
        // A table written twice, once in a later piece.
        let source = format!(
            "[meta]\nby = \"a\"\n\n{}[meta]\nby = \"b\"\n",
            event_tables(60)
        );
        assert!(reads_as_one::<Events>(&source).is_err());
        // The array written before the records, as a value of its own.
        let source = format!("event = []\n{}", events(60));
        assert!(reads_as_one::<Events>(&source).is_err());
    }

    #[test]
    fn a_record_line_inside_a_string_is_no_place_to_cut() {
        let inside = |line: &dyn Fn(usize) -> String| (0..30).map(line).collect::<String>();
        let source = events(30).replace(
            "note = \"第20项\"",
            &format!(
                "note = \"\"\"\n{}\"\"\"",
                inside(&|at| format!("[[event]]\nitem = \"inside-{at}\"\n"))
            ),
        );
        // Cut inside the string, a piece does not parse: the file is read whole.
        assert!(!read_in_pieces::<Events>(&source));
        let read = reads_as_one::<Events>(&source).unwrap();
        assert_eq!(read.event.len(), 30);
        assert!(read.event[20].get_ref().note.contains("inside-29"));
        let source = units(30).replace(
            "name = \"单位20\"",
            &format!(
                "name = \"\"\"\n{}\"\"\"",
                inside(&|at| format!("  {{ id = \"inside-{at}\", name = \"x\" }},\n"))
            ),
        );
        assert!(!read_in_pieces::<Units>(&source));
        let read = reads_as_one::<Units>(&source).unwrap();
        assert_eq!(read.unit.len(), 30);
        assert!(read.unit[20].get_ref().name.contains("inside-29"));
    }
}
