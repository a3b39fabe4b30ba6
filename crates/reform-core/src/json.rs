//! The JSON reader the core decodes data files with ([`crate::load::decode`]), for serde
//! types; serde_json only writes them. serde_json compiles its whole parser into the
//! reading of every type (a third of an embed drawer's wasm was that); here the parsing is
//! plain functions, and each type compiles only a short dispatch to them, at about the
//! same speed. It reads what the data files hold (objects, arrays, strings, whole numbers,
//! booleans, null) and refuses fractions and exponents, which they never hold.

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use std::borrow::Cow;
use std::fmt;

/// Why a text could not be read: what went wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// What went wrong.
    message: String,
    /// Line and column (from 1) where it went wrong, once known.
    position: Option<(usize, usize)>,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{} at line {line} column {column}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for JsonError {}

impl de::Error for JsonError {
    fn custom<T: fmt::Display>(message: T) -> JsonError {
        JsonError {
            message: message.to_string(),
            position: None,
        }
    }
}

/// Reads `text` as a `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let mut reader = Reader {
        text,
        at: 0,
        depth: 0,
    };
    let read = T::deserialize(&mut reader).and_then(|value| match reader.peek() {
        None => Ok(value),
        Some(_) => Err(reader.error("trailing characters")),
    });
    read.map_err(|mut error| {
        error.position.get_or_insert_with(|| reader.position());
        error
    })
}

/// Deepest nesting read, so that a hostile file cannot overflow the stack.
const MAX_DEPTH: u32 = 128;

/// A position in the text being read.
struct Reader<'a> {
    /// The whole text.
    text: &'a str,
    /// Byte offset of what is read next.
    at: usize,
    /// Arrays and objects open around it.
    depth: u32,
}

/// The start of the next value.
enum Token<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number of zero or more.
    Unsigned(u64),
    /// A negative whole number.
    Negative(i64),
    /// A string, borrowed from the text unless it had escapes.
    Text(Cow<'a, str>),
    /// `[`, read: its entries are next.
    Array,
    /// `{`, read: its entries are next.
    Object,
}

impl<'a> Reader<'a> {
    /// `message`, where the reader is.
    fn error(&self, message: &str) -> JsonError {
        JsonError {
            message: message.to_string(),
            position: Some(self.position()),
        }
    }

    /// Line and column (from 1, in characters) of what is read next.
    fn position(&self) -> (usize, usize) {
        let mut at = self.at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let before = &self.text[..at];
        let line = before.matches('\n').count() + 1;
        let column = before
            .rsplit('\n')
            .next()
            .map_or(0, |last| last.chars().count())
            + 1;
        (line, column)
    }

    /// The next byte that is not white space, left unread.
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(self.at) {
            if !matches!(byte, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(byte);
            }
            self.at += 1;
        }
        None
    }

    /// Reads `byte`, after white space.
    fn expect(&mut self, byte: u8, message: &str) -> Result<(), JsonError> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(message))
        }
    }

    /// Reads the next value's first token (an array or object only opened).
    #[inline(never)]
    fn token(&mut self) -> Result<Token<'a>, JsonError> {
        let Some(byte) = self.peek() else {
            return Err(self.error("EOF while parsing a value"));
        };
        let word = |reader: &mut Reader, word: &str, token: Token<'a>| {
            if reader.text[reader.at..].starts_with(word) {
                reader.at += word.len();
                Ok(token)
            } else {
                Err(reader.error("expected value"))
            }
        };
        match byte {
            b'n' => word(self, "null", Token::Null),
            b't' => word(self, "true", Token::Bool(true)),
            b'f' => word(self, "false", Token::Bool(false)),
            b'"' => self.string().map(Token::Text),
            b'-' | b'0'..=b'9' => self.number(),
            b'[' | b'{' => {
                if self.depth == MAX_DEPTH {
                    return Err(self.error("recursion limit exceeded"));
                }
                self.depth += 1;
                self.at += 1;
                Ok(if byte == b'[' {
                    Token::Array
                } else {
                    Token::Object
                })
            }
            _ => Err(self.error("expected value")),
        }
    }

    /// Reads a whole number, its sign or first digit next.
    fn number(&mut self) -> Result<Token<'a>, JsonError> {
        let rest = &self.text.as_bytes()[self.at..];
        let negative = rest[0] == b'-';
        let digits = rest[usize::from(negative)..]
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count();
        let end = usize::from(negative) + digits;
        if digits == 0 || (digits > 1 && rest[usize::from(negative)] == b'0') {
            return Err(self.error("invalid number"));
        }
        if matches!(rest.get(end), Some(b'.' | b'e' | b'E')) {
            return Err(self.error("a fraction or exponent, which no data file holds"));
        }
        let text = &self.text[self.at..self.at + end];
        let token = if negative {
            text.parse().ok().map(Token::Negative)
        } else {
            text.parse().ok().map(Token::Unsigned)
        };
        let token = token.ok_or_else(|| self.error("number out of range"))?;
        self.at += end;
        Ok(token)
    }

    /// Reads a string, its opening quote next; borrowed unless it has escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        self.at += 1;
        let start = self.at;
        let bytes = self.text.as_bytes();
        let mut owned: Option<String> = None;
        let mut piece = start;
        loop {
            match bytes.get(self.at) {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    let text = &self.text[piece..self.at];
                    self.at += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(text),
                        Some(mut owned) => {
                            owned.push_str(text);
                            Cow::Owned(owned)
                        }
                    });
                }
                Some(b'\\') => {
                    let owned = owned.get_or_insert_with(String::new);
                    owned.push_str(&self.text[piece..self.at]);
                    self.at += 1;
                    let escaped = match bytes.get(self.at) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            let high = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&high)
                                && self.text[self.at..].starts_with("\\u")
                            {
                                self.at += 2;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(self.error("lone leading surrogate in hex escape"));
                                }
                                0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                high
                            };
                            let char = char::from_u32(code)
                                .ok_or_else(|| self.error("lone surrogate in hex escape"))?;
                            owned.push(char);
                            piece = self.at;
                            continue;
                        }
                        _ => return Err(self.error("invalid escape")),
                    };
                    owned.push(escaped);
                    self.at += 1;
                    piece = self.at;
                }
                Some(byte) if *byte < 0x20 => {
                    return Err(self.error("control character while parsing a string"))
                }
                Some(_) => self.at += 1,
            }
        }
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.text.get(self.at..self.at + 4);
        let code = digits
            .filter(|digits| digits.bytes().all(|byte| byte.is_ascii_hexdigit()))
            .and_then(|digits| u32::from_str_radix(digits, 16).ok())
            .ok_or_else(|| self.error("invalid escape"))?;
        self.at += 4;
        Ok(code)
    }

    /// Whether a list (closed by `close`) has another entry: reads the `,` before it, or
    /// the closing bracket.
    #[inline(never)]
    fn next_entry(&mut self, first: &mut bool, close: u8) -> Result<bool, JsonError> {
        if self.peek() == Some(close) {
            self.at += 1;
            self.depth -= 1;
            return Ok(false);
        }
        if !std::mem::take(first) {
            self.expect(b',', "expected `,` or a closing bracket")?;
        }
        Ok(true)
    }

    /// Reads an array or object (`expected`) with `visit`, then what is left of it once
    /// `visit` is done.
    fn entries<'r, T>(
        &'r mut self,
        expected: Expected,
        visit: impl FnOnce(&mut Entries<'r, 'a>) -> Result<T, JsonError>,
    ) -> Result<T, JsonError> {
        self.token_of(expected)?;
        let mut entries = Entries {
            reader: self,
            first: true,
            open: true,
        };
        let value = visit(&mut entries)?;
        if entries.open {
            let close = if matches!(expected, Expected::Object) {
                b'}'
            } else {
                b']'
            };
            entries.reader.expect(close, "trailing entries")?;
            entries.reader.depth -= 1;
        }
        Ok(value)
    }

    /// Reads a token that must be `expected`, else says what was expected.
    #[inline(never)]
    fn token_of(&mut self, expected: Expected) -> Result<Token<'a>, JsonError> {
        self.peek();
        let start = self.at;
        let token = self.token()?;
        let fits = matches!(
            (&token, expected),
            (Token::Object, Expected::Object)
                | (Token::Array, Expected::Array)
                | (Token::Text(_), Expected::Text)
                | (Token::Unsigned(_), Expected::Number)
                | (Token::Negative(_), Expected::Number)
                | (Token::Bool(_), Expected::Bool)
                | (Token::Null, Expected::Null)
        );
        if fits {
            Ok(token)
        } else {
            // Said where the value starts.
            self.at = start;
            Err(self.error(match expected {
                Expected::Object => "expected an object",
                Expected::Array => "expected an array",
                Expected::Text => "expected a string",
                Expected::Number => "expected a whole number",
                Expected::Bool => "expected true or false",
                Expected::Null => "expected null",
            }))
        }
    }

    /// Reads a value whatever it is, for a field no type asks for.
    #[inline(never)]
    fn skip(&mut self) -> Result<(), JsonError> {
        let (open, close) = match self.token()? {
            Token::Array => (true, b']'),
            Token::Object => (true, b'}'),
            _ => (false, b' '),
        };
        if open {
            let mut first = true;
            while self.next_entry(&mut first, close)? {
                if close == b'}' {
                    self.token_of(Expected::Text)?;
                    self.expect(b':', "expected `:`")?;
                }
                self.skip()?;
            }
        }
        Ok(())
    }
}

/// What kind of value a type reads.
#[derive(Clone, Copy)]
enum Expected {
    /// A struct or map.
    Object,
    /// A sequence or tuple.
    Array,
    /// A string, enum variant or field name.
    Text,
    /// A whole number.
    Number,
    /// A boolean.
    Bool,
    /// A unit.
    Null,
}

/// Deserializer methods that read as `$target` does.
macro_rules! read_as {
    ($target:ident: $($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
            self.$target(visitor)
        }
    )*};
}

impl<'de, 'a: 'de> de::Deserializer<'de> for &mut Reader<'a> {
    type Error = JsonError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self.peek() {
            Some(b'{') => self.deserialize_map(visitor),
            Some(b'[') => self.deserialize_seq(visitor),
            Some(b'"') => self.deserialize_str(visitor),
            Some(b't' | b'f') => self.deserialize_bool(visitor),
            Some(b'n') => self.deserialize_unit(visitor),
            _ => self.deserialize_i64(visitor),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        self.entries(Expected::Object, |entries| visitor.visit_map(entries))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        self.entries(Expected::Array, |entries| visitor.visit_seq(entries))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self.token_of(Expected::Text)? {
            Token::Text(Cow::Borrowed(text)) => visitor.visit_borrowed_str(text),
            Token::Text(Cow::Owned(text)) => visitor.visit_string(text),
            _ => unreachable!("token_of gives text"),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self.token_of(Expected::Number)? {
            Token::Negative(value) => visitor.visit_i64(value),
            Token::Unsigned(value) => visitor.visit_u64(value),
            _ => unreachable!("token_of gives a number"),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self.token_of(Expected::Bool)? {
            Token::Bool(value) => visitor.visit_bool(value),
            _ => unreachable!("token_of gives a boolean"),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        self.token_of(Expected::Null)?;
        visitor.visit_unit()
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        self.skip()?;
        visitor.visit_unit()
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        if self.peek() == Some(b'n') {
            self.token()?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        match self.token_of(Expected::Text)? {
            Token::Text(text) => visitor.visit_enum(text.into_owned().into_deserializer()),
            _ => unreachable!("token_of gives text"),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        visitor.visit_newtype_struct(self)
    }

    read_as!(deserialize_str: deserialize_string deserialize_identifier);
    read_as!(deserialize_i64: deserialize_u64 deserialize_u32 deserialize_u16 deserialize_u8 deserialize_i32);

    serde::forward_to_deserialize_any! {
        i8 i16 i128 u128 f32 f64 char bytes byte_buf unit_struct tuple_struct
    }
}

/// The entries of an array or object being read.
struct Entries<'r, 'a> {
    /// The reader, just after the opening bracket or the last entry.
    reader: &'r mut Reader<'a>,
    /// Whether no entry has been read yet (none is preceded by a comma).
    first: bool,
    /// Whether its closing bracket is still to be read.
    open: bool,
}

impl Entries<'_, '_> {
    /// Whether another entry follows, before the closing bracket `close`.
    fn another(&mut self, close: u8) -> Result<bool, JsonError> {
        let another = self.reader.next_entry(&mut self.first, close)?;
        self.open = another;
        Ok(another)
    }
}

impl<'de, 'a: 'de> de::SeqAccess<'de> for &mut Entries<'_, 'a> {
    type Error = JsonError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, JsonError> {
        if !self.another(b']')? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

impl<'de, 'a: 'de> de::MapAccess<'de> for &mut Entries<'_, 'a> {
    type Error = JsonError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, JsonError> {
        if !self.another(b'}')? {
            return Ok(None);
        }
        if self.reader.peek() != Some(b'"') {
            return Err(self.reader.error("key must be a string"));
        }
        let key = self.reader.string()?;
        self.reader.expect(b':', "expected `:`")?;
        seed.deserialize(Key(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, JsonError> {
        seed.deserialize(&mut *self.reader)
    }
}

/// An object's key, read: a field's name, or a map's key.
struct Key<'a>(Cow<'a, str>);

impl<'de, 'a: 'de> de::Deserializer<'de> for Key<'a> {
    type Error = JsonError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self.0 {
            Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
            Cow::Owned(text) => visitor.visit_string(text),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
        struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Bundle;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Colour {
        Red,
        DarkBlue,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Sample {
        name: String,
        count: u32,
        offset: i64,
        colour: Colour,
        note: Option<String>,
        flags: Vec<bool>,
        pair: (u8, String),
        places: BTreeMap<String, String>,
    }

    const SAMPLE: &str = r#" {"name": "甲\"乙\\ \u00e9\ud83d\ude00\n", "count": 7, "offset": -12,
        "colour": "dark_blue", "note": null, "flags": [true, false], "pair": [3, "x"],
        "places": {"a": "b"}, "ignored": {"deep": [1, {"x": null}], "more": "\u0041"}} "#;

    #[test]
    fn reads_what_serde_json_reads() {
        let read: Sample = from_str(SAMPLE).unwrap();
        assert_eq!(read, serde_json::from_str::<Sample>(SAMPLE).unwrap());
        assert_eq!(read.name, "甲\"乙\\ é😀\n");
        assert_eq!(read.colour, Colour::DarkBlue);
        // The seeds' whole bundle, as the compiler wrote it.
        let text = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../public/data/bundle.json"
        ));
        let bundle: Bundle = from_str(text).unwrap();
        assert_eq!(bundle, serde_json::from_str::<Bundle>(text).unwrap());
        assert!(bundle.items.len() > 50);
    }

    #[test]
    fn says_what_is_wrong_and_where() {
        let error = |text: &str| from_str::<Sample>(text).unwrap_err().to_string();
        let cases = [
            (
                "".to_string(),
                "EOF while parsing a value at line 1 column 1",
            ),
            (
                "{\n  \"name\": 1}".to_string(),
                "expected a string at line 2 column 11",
            ),
            (
                "{\"name\": \"x\"}".to_string(),
                "missing field `count` at line 1 column 14",
            ),
            (
                SAMPLE.replace("\"dark_blue\"", "\"green\""),
                "unknown variant `green`, expected `red` or `dark_blue` at line 2 column 26",
            ),
            (
                SAMPLE.replace('7', "7.5"),
                "a fraction or exponent, which no data file holds at line 1 column 51",
            ),
            (
                SAMPLE.replace("-12", "012"),
                "invalid number at line 1 column 64",
            ),
            (
                SAMPLE.replace("\"count\": 7", "\"count\": -7"),
                "invalid value: integer `-7`, expected u32 at line 1 column 53",
            ),
            (
                format!("{SAMPLE} x"),
                "trailing characters at line 3 column 89",
            ),
            (
                SAMPLE.replace("\\u00e9", "\\ud800"),
                "lone leading surrogate in hex escape at line 1 column 31",
            ),
            (
                "{\"name\": \"\t\"}".to_string(),
                "control character while parsing a string at line 1 column 11",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(error(&text), expected, "{text}");
        }
        // Nesting too deep for the stack is refused, even where nothing reads it.
        let deep = format!("[{}{}]", "[".repeat(200), "]".repeat(200));
        assert_eq!(
            from_str::<Vec<serde::de::IgnoredAny>>(&deep)
                .unwrap_err()
                .to_string(),
            "recursion limit exceeded at line 1 column 129"
        );
    }

    #[test]
    fn damaged_files_are_errors_or_read_as_serde_json_reads_them() {
        // Every prefix, and every byte replaced by a few others, of a real data file: no
        // panic, and whatever is read is what serde_json reads.
        let text = SAMPLE;
        let check = |text: &str| match (
            from_str::<Sample>(text),
            serde_json::from_str::<Sample>(text),
        ) {
            (Ok(read), Ok(expected)) => assert_eq!(read, expected, "{text}"),
            (Ok(read), Err(error)) => panic!("read {read:?} where serde_json says {error}: {text}"),
            (Err(error), Ok(_)) => assert!(
                error.to_string().starts_with("a fraction or exponent"),
                "{error}: {text}"
            ),
            (Err(_), Err(_)) => {}
        };
        for end in 0..text.len() {
            if text.is_char_boundary(end) {
                check(&text[..end]);
            }
        }
        for at in 0..text.len() {
            if !text.is_char_boundary(at) || !text.is_char_boundary(at + 1) {
                continue;
            }
            for byte in [
                "{", "}", "[", "]", "\"", "\\", ",", ":", "0", "-", "n", ".", " ", "é",
            ] {
                check(&format!("{}{byte}{}", &text[..at], &text[at + 1..]));
            }
        }
    }
}
