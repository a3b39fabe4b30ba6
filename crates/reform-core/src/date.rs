//! Calendar dates as the documents write them (`2014年4月1日`, `2014-06-09`) and as the
//! bundle stores them (`"2014-04-01"`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date, without time of day or zone: the granularity of every source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Four-digit year, e.g. 2014.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31 (checked against the month's length).
    pub day: u8,
}

impl Date {
    /// A checked date; `None` when the day does not exist (2014-02-30, month 13, …).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1000..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// The last day of a month: what "2012年12月底前" (before the end of December 2012) means.
    pub fn end_of_month(year: u16, month: u8) -> Option<Date> {
        (1..=12)
            .contains(&month)
            .then(|| Date::new(year, month, days_in_month(year, month)))
            .flatten()
    }

    /// Parses ISO `YYYY-MM-DD`, exactly ten characters.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        Date::new(
            text.get(0..4)?.parse().ok()?,
            text.get(5..7)?.parse().ok()?,
            text.get(8..10)?.parse().ok()?,
        )
    }

    /// Finds the first Chinese date `YYYY年M月D日` in `text`, returning it and its byte range.
    pub fn find_chinese(text: &str) -> Option<(Date, std::ops::Range<usize>)> {
        let mut search_from = 0;
        while let Some(offset) = text[search_from..].find('年') {
            let year_end = search_from + offset;
            search_from = year_end + '年'.len_utf8();
            let year_start = digits_before(text, year_end);
            if year_end - year_start != 4 {
                continue;
            }
            let rest = &text[search_from..];
            let Some((month, after_month)) = leading_number(rest, '月') else {
                continue;
            };
            let Some((day, after_day)) = leading_number(&rest[after_month..], '日') else {
                continue;
            };
            let year = text[year_start..year_end].parse().ok()?;
            if let Some(date) = Date::new(year, month, day) {
                return Some((date, year_start..search_from + after_month + after_day));
            }
        }
        None
    }
}

/// Start of the run of ASCII digits that ends at byte `end`.
fn digits_before(text: &str, end: usize) -> usize {
    let digits = text[..end]
        .bytes()
        .rev()
        .take_while(u8::is_ascii_digit)
        .count();
    end - digits
}

/// `"12月…"` with `unit = '月'` → `(12, bytes consumed including the unit)`.
fn leading_number(text: &str, unit: char) -> Option<(u8, usize)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 || !text[digits..].starts_with(unit) {
        return None;
    }
    Some((text[..digits].parse().ok()?, digits + unit.len_utf8()))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    /// As [`fmt::Display`] writes it, its digits put in place by hand: the compiler writes
    /// dates for most of a million items, and through `Display` each took a new string.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (year, month, day) = (self.year, u16::from(self.month), u16::from(self.day));
        if year > 9999 || month > 99 || day > 99 {
            return serializer.collect_str(self);
        }
        let digit = |value: u16| b'0' + (value % 10) as u8;
        let written = [
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(month / 10),
            digit(month),
            b'-',
            digit(day / 10),
            digit(day),
        ];
        serializer.serialize_str(std::str::from_utf8(&written).unwrap_or_default())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Date::parse_iso(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not a date of the form YYYY-MM-DD"))
        })
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date", "description": "A calendar date, YYYY-MM-DD" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_and_rejects_impossible_days() {
        assert_eq!(Date::parse_iso("2014-06-09"), Date::new(2014, 6, 9));
        assert_eq!(Date::parse_iso("2014-02-29"), None);
        assert_eq!(Date::parse_iso("2016-02-29"), Date::new(2016, 2, 29));
        assert_eq!(Date::parse_iso("2014-6-9"), None);
        assert_eq!(Date::parse_iso("2014-06-09 10:25"), None);
    }

    #[test]
    fn finds_chinese_dates_inside_text() {
        let text = "(2014年4月1日)";
        let (date, range) = Date::find_chinese(text).unwrap();
        assert_eq!(date.to_string(), "2014-04-01");
        assert_eq!(&text[range], "2014年4月1日");
        assert_eq!(Date::find_chinese("2012年12月底前完成"), None);
        assert_eq!(Date::find_chinese("第2014年4月"), None);
        let (later, _) = Date::find_chinese("自2013年5个街道 至2015年6月10日").unwrap();
        assert_eq!(later, Date::new(2015, 6, 10).unwrap());
    }

    #[test]
    fn end_of_month_knows_month_lengths() {
        assert_eq!(
            Date::end_of_month(2013, 2).unwrap().to_string(),
            "2013-02-28"
        );
        assert_eq!(
            Date::end_of_month(2012, 12).unwrap().to_string(),
            "2012-12-31"
        );
        assert_eq!(Date::end_of_month(2012, 13), None);
    }

    #[test]
    fn serializes_as_iso_string() {
        let date = Date::new(2011, 7, 22).unwrap();
        let json = serde_json::to_string(&date).unwrap();
        assert_eq!(json, "\"2011-07-22\"");
        assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), date);
        assert!(serde_json::from_str::<Date>("\"2011-13-01\"").is_err());
        // Written as `Display` writes it, the digits padded, whatever the fields hold.
        for (year, month, day) in [
            (1, 2, 3),
            (999, 10, 31),
            (9999, 12, 9),
            (10000, 1, 1),
            (2014, 100, 255),
        ] {
            let date = Date { year, month, day };
            assert_eq!(serde_json::to_string(&date).unwrap(), format!("\"{date}\""));
        }
    }
}
