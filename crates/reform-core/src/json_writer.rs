//! The JSON writer the compiler writes the data files with: serde_json's compact output,
//! byte for byte, in four fifths of the time (the 1,000-document synthetic corpus's bundle:
//! 50 ms against 62). Most of what the files hold is Chinese text, which JSON leaves as it
//! is: serde_json looks at it a byte at a time for what it must escape; this writer looks
//! in one pass without branches, then copies it whole ([`write_str`]), and writes the field
//! names of structs, which never need escaping, as they are. It writes what the data files
//! hold (objects, arrays, strings, whole numbers, booleans, null) and refuses fractions, as
//! the reader ([`crate::json`]) does.
//!
//! [`Layout::OneRecordPerLine`] lays `bundle.json` out for diffs: a line break before each
//! field of the outermost object and each element of a list in it.

use serde::ser::{self, Serialize};
use std::fmt;
use std::io::{self, Write};

/// How the output is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// No spaces or line breaks, as `serde_json::to_string` writes.
    Compact,
    /// Compact, but with a line break before each field of the outermost object and each
    /// element of a list in it, and before the brackets closing those.
    OneRecordPerLine,
}

/// Why a value could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The value refused to serialize, or holds what data files never do.
    Value(String),
    /// Writing the output failed.
    Io(io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Value(message) => f.write_str(message),
            WriteError::Io(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for WriteError {}

impl ser::Error for WriteError {
    fn custom<T: fmt::Display>(message: T) -> WriteError {
        WriteError::Value(message.to_string())
    }
}

impl From<WriteError> for io::Error {
    fn from(error: WriteError) -> io::Error {
        match error {
            WriteError::Io(error) => error,
            WriteError::Value(message) => io::Error::other(message),
        }
    }
}

/// `value` in compact JSON.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, WriteError> {
    // Held whole: nothing is handed to the sink.
    let mut writer = Writer::new(io::sink(), Layout::Compact, 0, usize::MAX);
    writer.out.reserve(4096);
    value.serialize(&mut writer)?;
    Ok(writer.out)
}

/// A field of a struct whose value the blanked copy of [`lend_blanked`] holds as `instead`.
#[derive(Clone, Copy, Debug)]
pub struct Blank {
    /// The struct's name, as serde knows it (its Rust name unless renamed).
    pub of: &'static str,
    /// The field's name, as written.
    pub field: &'static str,
    /// What the blanked copy holds in place of the value, as JSON.
    pub instead: &'static str,
}

impl Blank {
    /// The field `field` of the struct `of`, written as `instead` in the blanked copy.
    pub const fn new(of: &'static str, field: &'static str, instead: &'static str) -> Blank {
        Blank { of, field, instead }
    }
}

thread_local! {
    /// The two texts [`lend_blanked`] writes into, kept by each thread from one call to
    /// the next: files made one after another (a district's shards, district after
    /// district) take memory once, rather than each growing texts of their own, page by
    /// page, and freeing them. A call within another's `then` finds them taken, and
    /// starts its own.
    static LENT: std::cell::Cell<(String, String)> = const {
        std::cell::Cell::new((String::new(), String::new()))
    };
}

/// The compact JSON of `value`, and beside it a copy in which the values of the fields
/// `blanks` names (those of its structs wherever they are) are written as they say, lent to
/// `then`: a bundle and the same bundle emptied of its texts (a chart shard) from one
/// serialization, the second made by copying the first around them. `blanks` lists each
/// struct's fields together.
pub fn lend_blanked<T: Serialize + ?Sized, R>(
    value: &T,
    blanks: &'static [Blank],
    then: impl FnOnce(&str, &str) -> R,
) -> Result<R, WriteError> {
    let (mut full, mut blanked) = LENT.take();
    full.clear();
    blanked.clear();
    let mut writer = Writer::new(io::sink(), Layout::Compact, 0, usize::MAX);
    writer.blanks = blanks;
    writer.out = full;
    value.serialize(&mut writer)?;
    let (full, marks) = (writer.out, writer.marks);
    let mut copied = 0;
    for (start, end, instead) in marks {
        blanked.push_str(&full[copied..start]);
        blanked.push_str(instead);
        copied = end;
    }
    blanked.push_str(&full[copied..]);
    let result = then(&full, &blanked);
    LENT.set((full, blanked));
    Ok(result)
}

/// Writes `value` into `sink` as `layout` says, in blocks of 64 KB; `depth` is how many
/// objects and lists are already open around it (1 for a field of an object being written
/// a field at a time).
pub fn write<T: Serialize + ?Sized>(
    value: &T,
    sink: &mut impl Write,
    layout: Layout,
    depth: usize,
) -> Result<(), WriteError> {
    let mut writer = Writer::new(sink, layout, depth, BLOCK);
    value.serialize(&mut writer)?;
    writer.flush()
}

/// What the output gathers before each write to the sink.
const BLOCK: usize = 1 << 16;

/// A serde serializer writing JSON.
struct Writer<W: Write> {
    /// Where the blocks go.
    sink: W,
    /// What is written and not yet handed to the sink: text, so that the whole needs no
    /// second look to be known as UTF-8.
    out: String,
    /// How much `out` gathers before it is handed to the sink.
    block: usize,
    /// How the output is laid out.
    layout: Layout,
    /// Objects and lists open around what is written next.
    depth: usize,
    /// Whether the list open at depth 2 has an element yet ([`Layout::OneRecordPerLine`]).
    listed: bool,
    /// The fields whose values are marked in `out` ([`lend_blanked`]); none but there.
    blanks: &'static [Blank],
    /// Where those values are in `out`, in order, none inside another, each with what
    /// the blanked copy holds instead: `(start, end, instead)`.
    marks: Vec<(usize, usize, &'static str)>,
}

impl<W: Write> Writer<W> {
    fn new(sink: W, layout: Layout, depth: usize, block: usize) -> Writer<W> {
        Writer {
            sink,
            // A block and a string more; a text held whole brings its own.
            out: if block == usize::MAX {
                String::new()
            } else {
                String::with_capacity(block + BLOCK / 4)
            },
            block,
            layout,
            depth,
            listed: false,
            blanks: &[],
            marks: Vec::new(),
        }
    }

    /// Hands what has gathered to the sink once it fills a block.
    fn flush_full(&mut self) -> Result<(), WriteError> {
        if self.out.len() >= self.block {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), WriteError> {
        self.sink
            .write_all(self.out.as_bytes())
            .map_err(WriteError::Io)?;
        self.out.clear();
        Ok(())
    }

    fn laid_out(&self) -> bool {
        self.layout == Layout::OneRecordPerLine
    }

    fn begin_object(&mut self) {
        self.depth += 1;
        self.out.push('{');
    }

    fn end_object(&mut self) {
        self.depth -= 1;
        if self.laid_out() && self.depth == 0 {
            self.out.push('\n');
        }
        self.out.push('}');
    }

    fn begin_key(&mut self, first: bool) {
        if !first {
            self.out.push(',');
        }
        if self.laid_out() && self.depth == 1 {
            self.out.push('\n');
        }
    }

    fn begin_array(&mut self) {
        self.depth += 1;
        if self.depth == 2 {
            self.listed = false;
        }
        self.out.push('[');
    }

    fn end_array(&mut self) {
        self.depth -= 1;
        if self.laid_out() && self.depth == 1 && self.listed {
            self.out.push('\n');
        }
        self.out.push(']');
    }

    fn begin_element(&mut self, first: bool) {
        if !first {
            self.out.push(',');
        }
        if self.laid_out() && self.depth == 2 {
            self.listed = true;
            self.out.push('\n');
        }
    }

    /// Opens the object an enum's variant with data is written in: `{"Variant":`.
    fn begin_variant(&mut self, variant: &str) {
        self.begin_object();
        self.begin_key(true);
        write_str(&mut self.out, variant);
        self.out.push(':');
    }

    fn integer(&mut self, value: impl itoa::Integer) -> Result<(), WriteError> {
        self.out.push_str(itoa::Buffer::new().format(value));
        Ok(())
    }
}

/// The run of `blanks` (listed struct by struct) for the struct `name`; none if it has none.
fn blanks_of(blanks: &'static [Blank], name: &'static str) -> &'static [Blank] {
    let Some(first) = blanks.iter().position(|blank| blank.of == name) else {
        return &[];
    };
    let run = blanks[first..]
        .iter()
        .take_while(|blank| blank.of == name)
        .count();
    &blanks[first..first + run]
}

/// Whether JSON escapes `byte` inside a string: a quote, a backslash or a control
/// character.
fn escaped(byte: u8) -> bool {
    (byte < 0x20) | (byte == b'"') | (byte == b'\\')
}

/// Writes `text` as a JSON string, escaped as serde_json escapes it: quote, backslash and
/// the control characters, nothing else. Most strings need none of that, which one pass
/// without branches finds (the compiler makes it a vector loop), and are then copied whole.
fn write_str(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    if text
        .bytes()
        .fold(false, |found, byte| found | escaped(byte))
    {
        write_escaped(out, text);
    } else {
        out.push_str(text);
    }
    out.push('"');
}

/// The inside of [`write_str`] for a text with something to escape.
fn write_escaped(out: &mut String, text: &str) {
    // Bytes from `start` on are not yet written.
    let mut start = 0;
    for (position, byte) in text.bytes().enumerate() {
        if !escaped(byte) {
            continue;
        }
        // What is escaped is ASCII: `position` is a character boundary.
        out.push_str(&text[start..position]);
        start = position + 1;
        out.push('\\');
        match byte {
            0x08 => out.push('b'),
            0x09 => out.push('t'),
            0x0a => out.push('n'),
            0x0c => out.push('f'),
            0x0d => out.push('r'),
            b'"' | b'\\' => out.push(char::from(byte)),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("u00");
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0xf)]));
            }
        }
    }
    out.push_str(&text[start..]);
}

/// Writes a struct's field name, which is Rust's, and so never escaped, then the colon.
fn write_field_name(out: &mut String, name: &'static str) {
    debug_assert!(!name.bytes().any(escaped), "field names need no escaping");
    out.push('"');
    out.push_str(name);
    out.push_str("\":");
}

/// No fractions: the data files hold whole numbers only.
fn no_fractions() -> WriteError {
    WriteError::Value("a fraction, which data files never hold".to_string())
}

/// serde's methods for whole numbers, each writing its number with `$write`.
macro_rules! whole_numbers {
    ($write:ident: $($method:ident($number:ty)),*) => {$(
        fn $method(self, value: $number) -> Result<(), WriteError> {
            self.$write(value)
        }
    )*};
}

impl<'a, W: Write> ser::Serializer for &'a mut Writer<W> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Compound<'a, W>;
    type SerializeTuple = Compound<'a, W>;
    type SerializeTupleStruct = Compound<'a, W>;
    type SerializeTupleVariant = Compound<'a, W>;
    type SerializeMap = Compound<'a, W>;
    type SerializeStruct = Compound<'a, W>;
    type SerializeStructVariant = Compound<'a, W>;

    fn serialize_bool(self, value: bool) -> Result<(), WriteError> {
        self.out.push_str(if value { "true" } else { "false" });
        Ok(())
    }

    whole_numbers!(integer:
        serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64),
        serialize_i128(i128), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
        serialize_u64(u64), serialize_u128(u128));

    fn serialize_f32(self, _: f32) -> Result<(), WriteError> {
        Err(no_fractions())
    }

    fn serialize_f64(self, _: f64) -> Result<(), WriteError> {
        Err(no_fractions())
    }

    fn serialize_char(self, value: char) -> Result<(), WriteError> {
        write_str(&mut self.out, value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result<(), WriteError> {
        write_str(&mut self.out, value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<(), WriteError> {
        use ser::SerializeSeq;
        let mut list = self.serialize_seq(Some(value.len()))?;
        for byte in value {
            list.serialize_element(byte)?;
        }
        list.end()
    }

    fn serialize_none(self) -> Result<(), WriteError> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), WriteError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), WriteError> {
        self.out.push_str("null");
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), WriteError> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), WriteError> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.begin_variant(variant);
        value.serialize(&mut *self)?;
        self.end_object();
        Ok(())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, W>, WriteError> {
        self.begin_array();
        Ok(Compound {
            writer: self,
            first: true,
            variant: false,
            blanks: &[],
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, W>, WriteError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'a, W>, WriteError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, W>, WriteError> {
        self.begin_variant(variant);
        self.begin_array();
        Ok(Compound {
            writer: self,
            first: true,
            variant: true,
            blanks: &[],
        })
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a, W>, WriteError> {
        self.begin_object();
        Ok(Compound {
            writer: self,
            first: true,
            variant: false,
            blanks: &[],
        })
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Compound<'a, W>, WriteError> {
        let blanks = blanks_of(self.blanks, name);
        let mut object = self.serialize_map(Some(len))?;
        object.blanks = blanks;
        Ok(object)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, W>, WriteError> {
        self.begin_variant(variant);
        self.begin_object();
        Ok(Compound {
            writer: self,
            first: true,
            variant: true,
            blanks: &[],
        })
    }
}

/// A list or object being written.
struct Compound<'a, W: Write> {
    writer: &'a mut Writer<W>,
    /// Whether nothing is in it yet.
    first: bool,
    /// Whether it is the value of an enum variant, inside an object of its own.
    variant: bool,
    /// The writer's blanks of this struct's fields ([`lend_blanked`]).
    blanks: &'static [Blank],
}

impl<W: Write> Compound<'_, W> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.writer.begin_element(self.first);
        self.first = false;
        value.serialize(&mut *self.writer)?;
        // Between records: a national list is written in blocks, never held whole.
        self.writer.flush_full()
    }

    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.writer.begin_key(self.first);
        self.first = false;
        write_field_name(&mut self.writer.out, key);
        if self.blanks.is_empty() {
            return value.serialize(&mut *self.writer);
        }
        let start = self.writer.out.len();
        value.serialize(&mut *self.writer)?;
        if let Some(blank) = self.blanks.iter().find(|blank| blank.field == key) {
            let marks = &mut self.writer.marks;
            // A value blanked inside this one goes with it.
            while marks.last().is_some_and(|&(at, _, _)| at >= start) {
                marks.pop();
            }
            marks.push((start, self.writer.out.len(), blank.instead));
        }
        Ok(())
    }

    fn end_list(self) -> Result<(), WriteError> {
        self.writer.end_array();
        if self.variant {
            self.writer.end_object();
        }
        Ok(())
    }

    fn end_object(self) -> Result<(), WriteError> {
        self.writer.end_object();
        if self.variant {
            self.writer.end_object();
        }
        Ok(())
    }
}

/// serde's four kinds of list, written alike: `[` elements `]`.
macro_rules! list {
    ($($kind:ident::$add:ident),*) => {$(
        impl<W: Write> ser::$kind for Compound<'_, W> {
            type Ok = ();
            type Error = WriteError;

            fn $add<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
                self.element(value)
            }

            fn end(self) -> Result<(), WriteError> {
                self.end_list()
            }
        }
    )*};
}

list!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<W: Write> ser::SerializeMap for Compound<'_, W> {
    type Ok = ();
    type Error = WriteError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), WriteError> {
        self.writer.begin_key(self.first);
        self.first = false;
        key.serialize(KeyWriter(&mut self.writer.out))?;
        self.writer.out.push(':');
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), WriteError> {
        self.end_object()
    }
}

/// serde's two kinds of struct, written alike: `{` fields `}`.
macro_rules! object {
    ($($kind:ident),*) => {$(
        impl<W: Write> ser::$kind for Compound<'_, W> {
            type Ok = ();
            type Error = WriteError;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), WriteError> {
                self.field(key, value)
            }

            fn end(self) -> Result<(), WriteError> {
                self.end_object()
            }
        }
    )*};
}

object!(SerializeStruct, SerializeStructVariant);

/// Writes a map's key: a string, or a whole number in quotes, as serde_json does.
struct KeyWriter<'a>(&'a mut String);

impl KeyWriter<'_> {
    fn quoted(self, value: impl itoa::Integer) -> Result<(), WriteError> {
        self.0.push('"');
        self.0.push_str(itoa::Buffer::new().format(value));
        self.0.push('"');
        Ok(())
    }
}

/// Keys other than strings and whole numbers.
fn unwritable_key() -> WriteError {
    WriteError::Value("key must be a string".to_string())
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = ser::Impossible<(), WriteError>;
    type SerializeTuple = ser::Impossible<(), WriteError>;
    type SerializeTupleStruct = ser::Impossible<(), WriteError>;
    type SerializeTupleVariant = ser::Impossible<(), WriteError>;
    type SerializeMap = ser::Impossible<(), WriteError>;
    type SerializeStruct = ser::Impossible<(), WriteError>;
    type SerializeStructVariant = ser::Impossible<(), WriteError>;

    fn serialize_str(self, value: &str) -> Result<(), WriteError> {
        write_str(self.0, value);
        Ok(())
    }

    fn serialize_char(self, value: char) -> Result<(), WriteError> {
        write_str(self.0, value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), WriteError> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        value.serialize(self)
    }

    whole_numbers!(quoted:
        serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64),
        serialize_u8(u8), serialize_u16(u16), serialize_u32(u32), serialize_u64(u64));

    fn serialize_bool(self, _: bool) -> Result<(), WriteError> {
        Err(unwritable_key())
    }

    fn serialize_f32(self, _: f32) -> Result<(), WriteError> {
        Err(unwritable_key())
    }

    fn serialize_f64(self, _: f64) -> Result<(), WriteError> {
        Err(unwritable_key())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), WriteError> {
        Err(unwritable_key())
    }

    fn serialize_none(self) -> Result<(), WriteError> {
        Err(unwritable_key())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), WriteError> {
        Err(unwritable_key())
    }

    fn serialize_unit(self) -> Result<(), WriteError> {
        Err(unwritable_key())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), WriteError> {
        Err(unwritable_key())
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), WriteError> {
        Err(unwritable_key())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, WriteError> {
        Err(unwritable_key())
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, WriteError> {
        Err(unwritable_key())
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, WriteError> {
        Err(unwritable_key())
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, WriteError> {
        Err(unwritable_key())
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, WriteError> {
        Err(unwritable_key())
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, WriteError> {
        Err(unwritable_key())
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, WriteError> {
        Err(unwritable_key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them_wherever_the_byte_stands() {
        let mut texts = Vec::new();
        for byte in 0_u8..0x80 {
            for at in 0..20 {
                let mut text: Vec<char> = "改革a项目中b心c区d委e办f发g号h".chars().collect();
                text.insert(at, char::from(byte));
                texts.push(text.into_iter().collect::<String>());
                texts.push(format!("{}{}", "x".repeat(at), char::from(byte)));
            }
        }
        texts.extend(["", "\u{7f}", "\u{80}\u{2028}\u{10ffff}", "\"\\\"\\"].map(String::from));
        for text in &texts {
            assert_eq!(
                to_string(text).unwrap(),
                serde_json::to_string(text).unwrap()
            );
        }
        assert_eq!(
            to_string(&texts).unwrap(),
            serde_json::to_string(&texts).unwrap()
        );
    }

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(i64, char),
        Struct { left: Option<bool>, right: () },
    }

    #[derive(Serialize)]
    struct Sample {
        shapes: Vec<Shape>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u32>,
        pair: (u16, i8),
        by_number: BTreeMap<u32, Vec<String>>,
        by_name: BTreeMap<String, Empty>,
        nothing: Vec<Vec<u8>>,
        large: (u128, i128),
        bytes: serde_bytes_like::Bytes,
    }

    #[derive(Serialize)]
    struct Empty {}

    /// Bytes serialized as bytes, as `serde_bytes` would, without the crate.
    mod serde_bytes_like {
        pub struct Bytes(pub Vec<u8>);

        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_bytes(&self.0)
            }
        }
    }

    fn sample() -> Sample {
        Sample {
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(7),
                Shape::Tuple(-3, '"'),
                Shape::Struct {
                    left: Some(false),
                    right: (),
                },
                Shape::Struct {
                    left: None,
                    right: (),
                },
            ],
            skipped: None,
            pair: (2014, -1),
            by_number: BTreeMap::from([(3, vec!["甲".into()]), (40, Vec::new())]),
            by_name: BTreeMap::from([("a\"b".to_string(), Empty {})]),
            nothing: vec![Vec::new(), vec![1, 2]],
            large: (u128::MAX, i128::MIN),
            bytes: serde_bytes_like::Bytes(vec![0, 255]),
        }
    }

    #[test]
    fn every_shape_serde_derives_is_written_as_serde_json_writes_it() {
        let sample = sample();
        assert_eq!(
            to_string(&sample).unwrap(),
            serde_json::to_string(&sample).unwrap()
        );
    }

    #[test]
    fn the_committed_bundle_is_written_as_serde_json_writes_it() {
        let text = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../public/data/bundle.json"
        ));
        let bundle: crate::Bundle = serde_json::from_str(text).unwrap();
        assert_eq!(
            to_string(&bundle).unwrap(),
            serde_json::to_string(&bundle).unwrap()
        );
    }

    #[test]
    fn one_record_per_line_breaks_before_the_outer_fields_and_their_lists_elements() {
        #[derive(Serialize)]
        struct Outer {
            lists: Vec<Vec<u8>>,
            none: Vec<u8>,
            inner: BTreeMap<String, Vec<u8>>,
        }
        let outer = Outer {
            lists: vec![vec![1, 2], Vec::new()],
            none: Vec::new(),
            inner: BTreeMap::from([("k".to_string(), vec![3])]),
        };
        let mut written = Vec::new();
        write(&outer, &mut written, Layout::OneRecordPerLine, 0).unwrap();
        assert_eq!(
            String::from_utf8(written).unwrap(),
            "{\n\"lists\":[\n[1,2],\n[]\n],\n\"none\":[],\n\"inner\":{\"k\":[3]}\n}"
        );
    }

    #[test]
    fn a_long_list_reaches_the_sink_in_blocks_of_whole_records() {
        /// Keeps each write apart.
        #[derive(Default)]
        struct Writes(Vec<Vec<u8>>);

        impl Write for Writes {
            fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
                self.0.push(bytes.to_vec());
                Ok(bytes.len())
            }

            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let records: Vec<String> = (0..20_000).map(|n| format!("第{n}项")).collect();
        let mut writes = Writes::default();
        write(&records, &mut writes, Layout::Compact, 0).unwrap();
        assert!(writes.0.len() > 3);
        for block in &writes.0[..writes.0.len() - 1] {
            assert!(
                (BLOCK..BLOCK + 32).contains(&block.len()),
                "{}",
                block.len()
            );
            assert_eq!(block.last(), Some(&b'"'), "a block ends with a record");
        }
        assert_eq!(writes.0.concat(), to_string(&records).unwrap().into_bytes());
    }

    #[test]
    fn fractions_and_a_values_own_failure_are_refused_with_their_reason() {
        struct Refusing;

        impl Serialize for Refusing {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(ser::Error::custom("the text is gone"))
            }
        }
        let refused = |result: Result<String, WriteError>| result.unwrap_err().to_string();
        assert_eq!(
            refused(to_string(&1.5)),
            "a fraction, which data files never hold"
        );
        assert_eq!(refused(to_string(&vec![Refusing])), "the text is gone");
        assert_eq!(
            refused(to_string(&BTreeMap::from([(true, 1)]))),
            "key must be a string"
        );
    }

    /// [`lend_blanked`] with nothing to blank: the JSON alone.
    fn lend<T: Serialize + ?Sized, R>(
        value: &T,
        then: impl FnOnce(&str) -> R,
    ) -> Result<R, WriteError> {
        lend_blanked(value, &[], |full, _| then(full))
    }

    #[test]
    fn a_lent_text_is_what_to_string_writes_even_lent_within_another_or_after_a_failure() {
        let (outer, inner) = (sample(), vec!["乙".to_string(); 3]);
        let both = lend(&outer, |outer| {
            lend(&inner, |inner| (outer.to_string(), inner.to_string())).unwrap()
        })
        .unwrap();
        assert_eq!(
            both,
            (to_string(&outer).unwrap(), to_string(&inner).unwrap())
        );
        assert!(lend(&1.5, |_| ()).is_err());
        assert_eq!(
            lend(&inner, str::to_string).unwrap(),
            to_string(&inner).unwrap()
        );
    }

    #[test]
    fn a_blanked_copy_writes_the_named_fields_over_wherever_their_structs_are() {
        #[derive(Serialize)]
        struct Note {
            text: String,
            keep: u8,
        }
        #[derive(Serialize)]
        struct Page {
            text: String,
            notes: Vec<Note>,
            inner: Option<Box<Page>>,
            list: Vec<u8>,
        }
        const BLANKS: &[Blank] = &[
            Blank::new("Note", "text", "\"\""),
            Blank::new("Page", "inner", "null"),
            Blank::new("Page", "list", "[]"),
        ];
        let note = |text: &str| Note {
            text: text.into(),
            keep: 7,
        };
        let page = Page {
            // A page's own text is not named; a note's is, escaped or not.
            text: "页\"".into(),
            notes: vec![note("甲,\"乙\"\n"), note("")],
            // Blanked whole, with the notes inside it.
            inner: Some(Box::new(Page {
                text: "内".into(),
                notes: vec![note("丙")],
                inner: None,
                list: vec![1],
            })),
            list: vec![1, 2],
        };
        let (full, blanked) = lend_blanked(&page, BLANKS, |full, blanked| {
            // Lent within, as a shard's files are written.
            let inner = lend(&[1, 2], str::to_string).unwrap();
            (full.to_string(), blanked.to_string() + &inner)
        })
        .unwrap();
        assert_eq!(full, to_string(&page).unwrap());
        assert_eq!(
            blanked,
            r#"{"text":"页\"","notes":[{"text":"","keep":7},{"text":"","keep":7}],"inner":null,"list":[]}[1,2]"#
        );
        // Nothing named: the copy is the JSON; a failure is the writer's.
        let plain = lend_blanked(&page, &[], |full, blanked| full == blanked).unwrap();
        assert!(plain);
        assert!(lend_blanked(&1.5, BLANKS, |_, _| ()).is_err());
        assert_eq!(lend(&page, str::to_string).unwrap(), full);
    }
}
