//! The reconciliation policy (SPEC §4): every key optional, defaults below, unknown keys
//! rejected with the key named. `reconcile --print-policy` prints the effective policy as TOML
//! with a comment on each key.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

/// A date as a TOML date or a `YYYY-MM-DD` string.
fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Date(toml::value::Datetime),
        Text(String),
    }
    let raw = Option::<Raw>::deserialize(deserializer)?;
    let text = match raw {
        None => return Ok(None),
        Some(Raw::Date(date)) => date.to_string(),
        Some(Raw::Text(text)) => text,
    };
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| serde::de::Error::custom(format!("`{text}` is not a date (YYYY-MM-DD)")))
}

/// The policy.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    pub idle_days: i64,
    pub assignment_grace_days: i64,
    pub never_used_days: i64,
    pub invite_expiry_days: i64,
    pub expiring_days: i64,
    pub grace_days: i64,
    pub checkout_window_days: i64,
    pub supported_releases: i32,
    pub current_release: Option<i32>,
    #[serde(deserialize_with = "date")]
    pub network_end_date: Option<NaiveDate>,
    pub exclusions: Vec<String>,
    pub min_licensing_service: BTreeMap<String, String>,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            idle_days: 60,
            assignment_grace_days: 30,
            never_used_days: 90,
            invite_expiry_days: 7,
            expiring_days: 60,
            grace_days: 30,
            checkout_window_days: 30,
            supported_releases: 5,
            current_release: None,
            network_end_date: None,
            exclusions: Vec::new(),
            min_licensing_service: BTreeMap::new(),
        }
    }
}

/// Why a policy file was refused.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct PolicyError {
    origin: String,
    message: String,
}

impl Policy {
    /// Reads a policy file's text.
    pub fn from_toml(origin: &str, text: &str) -> Result<Self, PolicyError> {
        let mut policy: Policy = toml::from_str(text)
            .map_err(|e| PolicyError { origin: origin.to_owned(), message: e.message().to_owned() })?;
        for (release, version) in &policy.min_licensing_service {
            if release.parse::<i32>().is_err() || version.split('.').any(|p| p.parse::<u64>().is_err()) {
                return Err(PolicyError {
                    origin: origin.to_owned(),
                    message: format!(
                        "min_licensing_service: `{release} = \"{version}\"` needs a release year and a dotted version"
                    ),
                });
            }
        }
        policy.exclusions = policy.exclusions.iter().map(|e| e.trim().to_lowercase()).collect();
        Ok(policy)
    }

    /// The newest supported release at `as_of`: the policy's, or the year after from April on.
    pub fn current_release(&self, as_of: NaiveDate) -> i32 {
        use chrono::Datelike;
        self.current_release.unwrap_or(if as_of.month() >= 4 { as_of.year() + 1 } else { as_of.year() })
    }

    /// The effective policy as commented TOML.
    pub fn to_toml(&self) -> String {
        let mut out = String::from("# adsk-audit reconciliation policy (effective values; every key is optional)\n\n");
        let mut key = |comment: &str, line: String| {
            let _ = writeln!(out, "# {comment}\n{line}\n");
        };
        key(
            "Days back from the as-of date that count as recent use (idle-seat, admin-default-seat).",
            format!("idle_days = {}", self.idle_days),
        );
        key(
            "A seat assigned more recently than this is not judged idle.",
            format!("assignment_grace_days = {}", self.assignment_grace_days),
        );
        key(
            "A never-used seat assigned at least this long ago is tier `certain`.",
            format!("never_used_days = {}", self.never_used_days),
        );
        key(
            "An invitation older than this (or undated) is a pending-invite finding.",
            format!("invite_expiry_days = {}", self.invite_expiry_days),
        );
        key(
            "A subscription ending within this many days is subscription-expiring.",
            format!("expiring_days = {}", self.expiring_days),
        );
        key(
            "Days of grace after the network end date before unmigrated machines are critical.",
            format!("grace_days = {}", self.grace_days),
        );
        key(
            "Days back that licence-server checkouts count (license-server-checkout).",
            format!("checkout_window_days = {}", self.checkout_window_days),
        );
        key(
            "Supported releases: the current one and the ones before it (5 → current and 4 back).",
            format!("supported_releases = {}", self.supported_releases),
        );
        key(
            "The current release [default: the as-of year + 1 from April on, else the as-of year].",
            self.current_release
                .map_or_else(|| "# current_release = 2027".to_owned(), |r| format!("current_release = {r}")),
        );
        key(
            "When network licensing ends for you [default: the latest expiry in a licence file read].",
            self.network_end_date
                .map_or_else(|| "# network_end_date = 2026-12-31".to_owned(), |d| format!("network_end_date = {d}")),
        );
        let exclusions: Vec<String> = self.exclusions.iter().map(|e| format!("\"{e}\"")).collect();
        key(
            "E-mails whose idle seats are tier `excluded` (service accounts, shared seats).",
            format!("exclusions = [{}]", exclusions.join(", ")),
        );
        let mut table = String::from("[min_licensing_service]");
        if self.min_licensing_service.is_empty() {
            table.push_str("\n# 2024 = \"13.0.0.8122\"\n# 2025 = \"14.0.0.10163\"");
        }
        for (release, version) in &self.min_licensing_service {
            let _ = write!(table, "\n{release} = \"{version}\"");
        }
        key("Minimum Autodesk licensing service version per release (licensing-update-required).", table);
        out.trim_end().to_owned() + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_round_trip_through_print_policy() {
        let printed = Policy::default().to_toml();
        assert_eq!(Policy::from_toml("printed", &printed).ok(), Some(Policy::default()));
    }

    #[test]
    fn unknown_keys_are_named_and_dates_accept_both_forms() {
        let error = Policy::from_toml("p.toml", "idle_dayz = 3").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("idle_dayz"), "{error}");
        let policy = Policy::from_toml("p.toml", "network_end_date = 2026-12-31").unwrap_or_default();
        assert_eq!(policy.network_end_date, NaiveDate::from_ymd_opt(2026, 12, 31));
        let policy = Policy::from_toml("p.toml", "network_end_date = \"2026-12-31\"").unwrap_or_default();
        assert_eq!(policy.network_end_date, NaiveDate::from_ymd_opt(2026, 12, 31));
        assert!(Policy::from_toml("p.toml", "[min_licensing_service]\n2024 = \"x\"").is_err());
    }

    #[test]
    fn current_release_turns_in_april() {
        let policy = Policy::default();
        assert_eq!(policy.current_release(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default()), 2027);
        assert_eq!(policy.current_release(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or_default()), 2026);
    }
}
