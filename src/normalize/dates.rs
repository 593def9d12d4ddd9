//! Dates as Autodesk exports and spreadsheets write them: ISO-8601 with or without time and
//! `Z`/offset, `YYYY-MM-DD`, `MM/DD/YYYY`, `DD/MM/YYYY`, `DD.MM.YYYY`, and Excel serial numbers.
//!
//! Whether `03/04/2026` is March or April is decided once per file, never per cell: a column
//! whose values show a day above 12 in one position proves the order, and that order is used for
//! every slashed date of the file. A file that proves nothing needs `--date-order`; a file whose
//! columns prove both orders is an error.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime};

/// The order of day and month in slashed dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Month first: 03/31/2026 (United States).
    Mdy,
    /// Day first: 31/03/2026 (most of Europe).
    Dmy,
}

impl DateOrder {
    pub const fn pattern(self) -> &'static str {
        match self {
            DateOrder::Mdy => "MM/DD/YYYY",
            DateOrder::Dmy => "DD/MM/YYYY",
        }
    }
}

/// What a column's values say about the day/month order.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct OrderEvidence {
    /// A slashed value with a first part above 12 (so it is the day).
    pub proves_dmy: bool,
    /// A slashed value with a second part above 12.
    pub proves_mdy: bool,
    /// At least one slashed value whose order matters (not day = month).
    pub needs_order: bool,
}

impl OrderEvidence {
    /// Adds one cell's evidence.
    pub fn observe(&mut self, value: &str) {
        if let Some((first, second, _)) = split_slashed(value) {
            if first > 12 && second <= 12 {
                self.proves_dmy = true;
            } else if second > 12 && first <= 12 {
                self.proves_mdy = true;
            } else if first != second {
                self.needs_order = true;
            }
        }
    }

    /// The order this column proves, if exactly one.
    pub fn proven(self) -> Option<DateOrder> {
        match (self.proves_dmy, self.proves_mdy) {
            (true, false) => Some(DateOrder::Dmy),
            (false, true) => Some(DateOrder::Mdy),
            _ => None,
        }
    }
}

/// `a/b/yyyy` (or `-` separated, 2- or 4-digit year, optional time after a space).
fn split_slashed(value: &str) -> Option<(u32, u32, i32)> {
    let date = value.trim().split([' ', 'T']).next()?;
    let separator = if date.contains('/') { '/' } else { return None };
    let mut parts = date.split(separator);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || a.len() > 2 || b.len() > 2 || !(c.len() == 2 || c.len() == 4) {
        return None;
    }
    let year: i32 = c.parse().ok()?;
    let year = if c.len() == 2 { 2000 + year } else { year };
    Some((a.parse().ok()?, b.parse().ok()?, year))
}

fn excel_serial(value: &str) -> Option<NaiveDate> {
    let number: f64 = value.parse().ok()?;
    if !(1.0..2_958_466.0).contains(&number) {
        return None;
    }
    // Excel's 1900 date system counts from 1899-12-30 (its phantom 1900-02-29 included).
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(Duration::days(number.floor() as i64))
}

/// `YYYY-MM-DD` (or with `/`) by hand: millions of `Day used` cells go through here.
fn iso_date(head: &str) -> Option<NaiveDate> {
    let bytes = head.as_bytes();
    if bytes.len() != 10 || !matches!(bytes[4], b'-' | b'/') || bytes[7] != bytes[4] {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes[range].iter().try_fold(0u32, |n, b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
    };
    NaiveDate::from_ymd_opt(i32::try_from(number(0..4)?).ok()?, number(5..7)?, number(8..10)?)
}

fn iso(value: &str) -> Option<NaiveDate> {
    let head = value.get(..10)?;
    let date = iso_date(head)?;
    let rest = &value[10..];
    if rest.is_empty() {
        return Some(date);
    }
    if !rest.starts_with(['T', ' ']) {
        return None;
    }
    let normalized = value.replacen(' ', "T", 1).replace('/', "-");
    if let Ok(stamp) = DateTime::parse_from_rfc3339(&normalized) {
        return Some(stamp.naive_utc().date());
    }
    let naive = normalized.trim_end_matches('Z');
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(naive, format).ok())
        .map(|stamp| stamp.date())
}

fn dotted(value: &str) -> Option<NaiveDate> {
    let date = value.split(' ').next()?;
    NaiveDate::parse_from_str(date, "%d.%m.%Y").ok()
}

/// Parses one date cell. `order` is the file's day/month order, needed only for slashed dates.
pub fn parse(value: &str, order: Option<DateOrder>) -> Result<NaiveDate, String> {
    let value = value.trim();
    if let Some(date) = iso(value).or_else(|| dotted(value)) {
        return Ok(date);
    }
    if let Some((first, second, year)) = split_slashed(value) {
        let (month, day) = match (order, first == second) {
            (_, true) | (Some(DateOrder::Mdy), _) => (first, second),
            (Some(DateOrder::Dmy), _) => (second, first),
            (None, false) => return Err("date order (day/month) unknown; use --date-order".into()),
        };
        return NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| match order {
            Some(order) => format!("not a valid date in {}", order.pattern()),
            None => "not a valid date".to_owned(),
        });
    }
    excel_serial(value).ok_or_else(|| "not a date".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn unambiguous_shapes() {
        assert_eq!(parse("2024-04-22T17:52:56Z", None), Ok(day(2024, 4, 22)));
        assert_eq!(parse("2024-04-22T23:30:00-02:00", None), Ok(day(2024, 4, 23)));
        assert_eq!(parse("2024-04-22T17:52:56", None), Ok(day(2024, 4, 22)));
        assert_eq!(parse("2024-04-22 17:52", None), Ok(day(2024, 4, 22)));
        assert_eq!(parse("2024-04-22", None), Ok(day(2024, 4, 22)));
        assert_eq!(parse("22.04.2024", None), Ok(day(2024, 4, 22)));
        assert_eq!(parse("45404", None), Ok(day(2024, 4, 22)));
        assert_eq!(parse("45404.75", None), Ok(day(2024, 4, 22)));
        assert_eq!(parse("04/04/2024", None), Ok(day(2024, 4, 4)));
        assert!(parse("2024-02-30", None).is_err());
        assert!(parse("yesterday", None).is_err());
    }

    #[test]
    fn slashed_dates_follow_the_order() {
        assert_eq!(parse("03/04/2026", Some(DateOrder::Mdy)), Ok(day(2026, 3, 4)));
        assert_eq!(parse("03/04/2026", Some(DateOrder::Dmy)), Ok(day(2026, 4, 3)));
        assert_eq!(parse("3/4/26", Some(DateOrder::Dmy)), Ok(day(2026, 4, 3)));
        assert_eq!(parse("5/10/2024 9:20:32 PM", Some(DateOrder::Mdy)), Ok(day(2024, 5, 10)));
        assert!(parse("03/04/2026", None).is_err());
        assert!(parse("31/04/2026", Some(DateOrder::Dmy)).is_err());
    }

    #[test]
    fn evidence_per_column() {
        let mut evidence = OrderEvidence::default();
        for value in ["01/02/2026", "31/01/2026", "2026-01-01"] {
            evidence.observe(value);
        }
        assert_eq!(evidence.proven(), Some(DateOrder::Dmy));
        let mut ambiguous = OrderEvidence::default();
        ambiguous.observe("01/02/2026");
        assert!(ambiguous.needs_order && ambiguous.proven().is_none());
        let mut both = OrderEvidence::default();
        both.observe("13/01/2026");
        both.observe("01/13/2026");
        assert_eq!(both.proven(), None);
    }
}
