//! `FlexLM` logs: the `adskflex` / `lmgrd` debug log (`H:MM:SS (adskflex) OUT: "feature"
//! user@host`) and `lmutil lmstat -a` output (`Users of feature: …` followed by one line per
//! checkout). Each event becomes a `checkouts` row with the feature decoded through the catalog.
//!
//! Debug-log dates come from `TIMESTAMP M/D/YYYY` lines and the start-up line `Server's System
//! Date and Time: Thu May 05 2022 …`; between them the day rolls over when the clock goes
//! backwards (midnight passes with no line saying so). Lines before any date get no day.

use chrono::{NaiveDate, NaiveTime};

use crate::model::Table;
use crate::model::tables::Value;
use crate::normalize::values::machine_key;
use crate::normalize::{CellError, Collector};

const EVENTS: &[&str] = &["OUT:", "IN:", "DENIED:", "UNSUPPORTED:"];

/// A debug log or lmstat output.
pub fn looks_like(text: &str) -> bool {
    let log_line = |line: &str| {
        let trimmed = line.trim_start();
        trimmed.split_once(' ').is_some_and(|(clock, rest)| {
            time_of(clock).is_some() && (rest.starts_with("(adskflex)") || rest.starts_with("(lmgrd)"))
        })
    };
    let lines = || text.lines().take(5_000);
    lines().any(log_line)
        || (lines().any(|l| l.trim_start().starts_with("License server status:"))
            && lines().any(|l| l.trim_start().starts_with("Users of ")))
}

fn time_of(token: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(token.trim(), "%H:%M:%S").ok()
}

/// `TIMESTAMP 5/11/2022`.
fn timestamp(message: &str) -> Option<NaiveDate> {
    let date = message.strip_prefix("TIMESTAMP ")?.trim();
    NaiveDate::parse_from_str(date, "%m/%d/%Y").ok()
}

/// `Server's System Date and Time: Thu May 05 2022 08:42:20 <zone>`.
fn system_date(message: &str) -> Option<NaiveDate> {
    let rest = message.split("Date and Time:").nth(1)?;
    let words: Vec<&str> = rest.split_whitespace().collect();
    NaiveDate::parse_from_str(&words.get(1..4)?.join(" "), "%b %d %Y").ok()
}

/// The server a log is from: `started on <host>`.
fn server_of(message: &str) -> Option<String> {
    let rest = message.split(" started on ").nth(1)?;
    rest.split_whitespace().next().map(str::to_owned)
}

/// `OUT: "feature" user@host` (UNSUPPORTED has a checksum group between).
fn event(message: &str) -> Option<(&'static str, String, String, String)> {
    let kind = EVENTS.iter().find(|e| message.starts_with(**e))?;
    let rest = &message[kind.len()..];
    let feature = rest.split('"').nth(1)?.to_owned();
    let who = rest.split('"').nth(2)?.split_whitespace().find(|w| w.contains('@'))?;
    let (user, host) = who.split_once('@')?;
    Some((kind.trim_end_matches(':'), feature, user.to_owned(), host.to_owned()))
}

/// Reads a debug log or lmstat output.
pub fn read(text: &str, file_stem: &str, collector: &mut Collector<'_>) {
    if text.contains("Users of ") && !text.contains("(adskflex)") {
        return read_lmstat(text, file_stem, collector);
    }
    let mut day: Option<NaiveDate> = None;
    let mut last_time: Option<NaiveTime> = None;
    let mut server = file_stem.to_owned();
    for (index, line) in text.lines().enumerate() {
        let line_number = index as u64 + 1;
        let trimmed = line.trim_start();
        let Some((clock, rest)) = trimmed.split_once(' ') else { continue };
        let Some(time) = time_of(clock) else { continue };
        let message = rest.split_once(") ").map_or(rest, |(_, m)| m).trim();
        if let Some(date) = timestamp(message).or_else(|| system_date(message)) {
            day = Some(date);
        } else if let (Some(previous), Some(current)) = (last_time, day)
            && time < previous
        {
            day = current.succ_opt();
        }
        last_time = Some(time);
        if let Some(host) = server_of(message) {
            server = host;
        }
        if !EVENTS.iter().any(|e| message.starts_with(e)) {
            continue;
        }
        match event(message) {
            Some((kind, feature, user, host)) => {
                let row = checkout(collector, &server, kind, &feature, &user, &host, day, Some(time));
                collector.accept(line_number, vec![(Table::Checkouts, row)], None);
            }
            None => collector.reject(
                line_number,
                CellError {
                    column: "event".into(),
                    value: message.to_owned(),
                    reason: "no `\"feature\" user@host` in the event".into(),
                },
            ),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn checkout(
    collector: &Collector<'_>,
    server: &str,
    kind: &str,
    feature: &str,
    user: &str,
    host: &str,
    day: Option<NaiveDate>,
    time: Option<NaiveTime>,
) -> Vec<(&'static str, Value)> {
    let product = collector.catalog().feature(feature);
    vec![
        ("server", Value::Str(server.to_owned())),
        ("event", Value::from(kind)),
        ("feature", Value::Str(feature.to_owned())),
        ("product", Value::from(product.as_ref().map(|p| p.product.clone()))),
        ("family", Value::from(product.as_ref().map(|p| p.family.clone()))),
        ("release", Value::from(product.and_then(|p| p.release).map(i64::from))),
        ("login", Value::Str(user.to_owned())),
        ("host", Value::Str(host.to_owned())),
        ("host_key", Value::Str(machine_key(host))),
        ("day", Value::from(day)),
        ("time", Value::from(time.map(|t| t.format("%H:%M:%S").to_string()))),
    ]
}

/// `lmutil lmstat -a`: `Users of F:` blocks, each user line `user host display (v…) (server/port
/// handle), start Thu 5/5 8:42`. The year comes from the status header's date.
fn read_lmstat(text: &str, file_stem: &str, collector: &mut Collector<'_>) {
    let mut server = file_stem.to_owned();
    let mut year: Option<i32> = None;
    let mut feature: Option<String> = None;
    for (index, line) in text.lines().enumerate() {
        let line_number = index as u64 + 1;
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("License server status:") {
            // `27000@lic1` (or a list of them): the licence server is the host.
            let first = rest.trim().split([',', ';']).next().unwrap_or(rest).trim();
            first.rsplit('@').next().unwrap_or(first).clone_into(&mut server);
        } else if trimmed.starts_with("Flexible License Manager status on") {
            year = trimmed
                .split_whitespace()
                .find(|w| w.matches('/').count() == 2)
                .and_then(|d| d.rsplit('/').next())
                .and_then(|y| y.parse().ok());
        } else if let Some(rest) = trimmed.strip_prefix("Users of ") {
            feature = rest.split(':').next().map(str::to_owned);
        } else if let (Some(current), true) = (&feature, trimmed.contains(", start ")) {
            let words: Vec<&str> = trimmed.split_whitespace().collect();
            let (Some(user), Some(host)) = (words.first(), words.get(1)) else { continue };
            let start = trimmed.split(", start ").nth(1).unwrap_or("");
            let parts: Vec<&str> = start.split_whitespace().collect();
            let day = parts
                .get(1)
                .zip(year)
                .and_then(|(md, y)| NaiveDate::parse_from_str(&format!("{md}/{y}"), "%m/%d/%Y").ok());
            let time = parts.get(2).and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok());
            let row = checkout(collector, &server, "IN_USE", current, user, host, day, time);
            collector.accept(line_number, vec![(Table::Checkouts, row)], None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_and_dates() {
        assert_eq!(
            event(r#"OUT: "87545ACD_2022_0F" UPM@upm00265  "#),
            Some(("OUT", "87545ACD_2022_0F".into(), "UPM".into(), "upm00265".into()))
        );
        assert_eq!(
            event(r#"UNSUPPORTED: "87537INVPROSA_2022_0F" (00B0 EF6E AFC6 B280 ) UPM@upm00243  (No such feature exists. (-5,346))"#).map(|e| e.3),
            Some("upm00243".into())
        );
        assert_eq!(timestamp("TIMESTAMP 5/11/2022"), NaiveDate::from_ymd_opt(2022, 5, 11));
        assert_eq!(
            system_date("Server's System Date and Time: Thu May 05 2022 08:42:20 Hora de verano romance"),
            NaiveDate::from_ymd_opt(2022, 5, 5)
        );
        assert_eq!(
            server_of("FlexNet Licensing (v11.18.0.0 build 275847 x64_n6) started on flexlm02 (IBM PC) (5/5/2022)"),
            Some("flexlm02".into())
        );
    }
}
