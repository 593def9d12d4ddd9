//! `FlexNet` licence files: `SERVER host hostid [port]`, `VENDOR`/`DAEMON`, `USE_SERVER`, and the
//! `INCREMENT`/`FEATURE name vendor version expiry count …` and `PACKAGE name vendor …` lines that
//! carry each feature's expiry and seat count. A trailing backslash continues a line (also inside
//! a quoted `SIGN="…"` value). Expiry `permanent`, `0` or a year-0 date means no expiry.

use chrono::NaiveDate;

use crate::model::Table;
use crate::model::tables::Value;
use crate::normalize::{CellError, Collector};

const FEATURE_LINES: &[&str] = &["INCREMENT", "FEATURE", "PACKAGE"];

fn first_word(line: &str) -> String {
    line.split_whitespace().next().unwrap_or("").to_uppercase()
}

/// A licence file: a SERVER/VENDOR/DAEMON line and a feature line.
pub fn looks_like(text: &str) -> bool {
    let words: Vec<String> = text.lines().take(5_000).map(first_word).collect();
    words.iter().any(|w| matches!(w.as_str(), "SERVER" | "VENDOR" | "DAEMON" | "USE_SERVER"))
        && words.iter().any(|w| FEATURE_LINES.contains(&w.as_str()))
}

/// Physical lines joined at trailing backslashes, each with the line it starts on.
fn logical_lines(text: &str) -> Vec<(u64, String)> {
    let mut lines = Vec::new();
    let mut current: Option<(u64, String)> = None;
    for (index, raw) in text.lines().enumerate() {
        let (start, mut joined) = current.take().unwrap_or((index as u64 + 1, String::new()));
        let piece = raw.trim_end();
        let continued = piece.ends_with('\\');
        joined.push_str(piece.trim_end_matches('\\').trim());
        if continued {
            joined.push(' ');
            current = Some((start, joined));
        } else {
            lines.push((start, joined));
        }
    }
    lines.extend(current);
    lines
}

/// `31-dec-2026` → date; `permanent`, `0`, `1-jan-0`, `1-jan-00` → permanent (None).
fn expiry(value: &str) -> Result<Option<NaiveDate>, String> {
    let lower = value.to_lowercase();
    if lower == "permanent"
        || lower == "0"
        || lower.ends_with("-0")
        || lower.ends_with("-00")
        || lower.ends_with("-0000")
    {
        return Ok(None);
    }
    NaiveDate::parse_from_str(&lower, "%d-%b-%Y").map(Some).map_err(|_| format!("expiry `{value}` is not a date"))
}

/// Reads a licence file.
pub fn read(text: &str, file_stem: &str, collector: &mut Collector<'_>) {
    let mut server = file_stem.to_owned();
    for (line, content) in logical_lines(text) {
        let words: Vec<&str> = content.split_whitespace().collect();
        let Some(first) = words.first().map(|w| w.to_uppercase()) else { continue };
        if first == "SERVER" {
            if let Some(host) = words.get(1) {
                (*host).clone_into(&mut server);
            }
            continue;
        }
        if !FEATURE_LINES.contains(&first.as_str()) {
            continue;
        }
        let reject = |column: &str, value: &str, reason: String| CellError {
            column: column.into(),
            value: value.into(),
            reason,
        };
        let (Some(name), Some(vendor)) = (words.get(1), words.get(2)) else {
            collector.reject(line, reject("feature", &content, format!("{first} line without name and vendor")));
            continue;
        };
        let product = collector.catalog().feature(name);
        let mut row = vec![
            ("server", Value::Str(server.clone())),
            ("line_kind", Value::Str(first.clone())),
            ("feature", Value::Str((*name).to_owned())),
            ("vendor", Value::Str((*vendor).to_owned())),
            ("version", Value::from(words.get(3).map(|v| (*v).to_owned()))),
            ("product", Value::from(product.as_ref().map(|p| p.product.clone()))),
            ("family", Value::from(product.as_ref().map(|p| p.family.clone()))),
            ("release", Value::from(product.and_then(|p| p.release).map(i64::from))),
        ];
        if first != "PACKAGE" {
            let expires = words.get(4).copied().unwrap_or("");
            let expiry = match expiry(expires) {
                Ok(expiry) => expiry,
                Err(reason) => {
                    collector.reject(line, reject("expiry", expires, reason));
                    continue;
                }
            };
            let count = words.get(5).copied().unwrap_or("");
            let lower = count.to_lowercase();
            let seats = if lower == "uncounted" || lower.is_empty() {
                None
            } else if let Ok(seats) = lower.parse::<i64>() {
                Some(seats)
            } else {
                collector.reject(line, reject("count", count, "seat count is not a number".into()));
                continue;
            };
            row.extend([
                ("expiry", Value::from(expiry)),
                ("permanent", Value::Bool(expiry.is_none())),
                ("seats", Value::from(seats)),
            ]);
        }
        collector.accept(line, vec![(Table::LicenceFeatures, row)], None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_lines_join() {
        let lines = logical_lines(
            "INCREMENT a adskflex 1.000 permanent 1 \\\n VENDOR_STRING=x SIGN=\"1B37 \\\nDF77\"\nVENDOR adskflex\n",
        );
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].0, 1);
        assert!(lines[0].1.contains("SIGN=\"1B37 DF77\""), "{}", lines[0].1);
        assert_eq!(lines[1], (4, "VENDOR adskflex".to_owned()));
    }

    #[test]
    fn expiries() {
        assert_eq!(expiry("permanent"), Ok(None));
        assert_eq!(expiry("1-jan-0"), Ok(None));
        assert_eq!(expiry("31-dec-2026"), Ok(NaiveDate::from_ymd_opt(2026, 12, 31)));
        assert!(expiry("soon").is_err());
    }
}
