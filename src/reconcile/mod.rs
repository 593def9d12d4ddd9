//! Reconciliation: every rule of SPEC §4 over the canonical tables, as findings with evidence.
//!
//! [`facts::prepare`] aggregates the inputs once (the large `usage_days` by polars); each rule
//! then reads the facts and yields [`Finding`]s: a plain sentence (`detail`), what to do
//! (`action`) and the `file:line` of every row the finding rests on (`evidence`).

pub mod facts;
mod machines;
mod people;
pub mod policy;
pub mod status;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;

use crate::catalog::Catalog;
pub use policy::Policy;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// The rule ids (part of the interface).
pub const RULES: &[&str] = &[
    "unmigrated-machine",
    "license-server-checkout",
    "unassigned-user",
    "idle-seat",
    "over-assigned",
    "unused-seats",
    "pending-invite",
    "admin-default-seat",
    "prior-version-rights",
    "licensing-update-required",
    "orphan-assignment",
    "duplicate-identity",
    "subscription-expiring",
    "subscription-expired",
    "network-grace-ending",
    "unresolved-login",
];

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub tenant: String,
    pub subject_kind: &'static str,
    pub subject: String,
    pub person: Option<String>,
    pub machine: Option<String>,
    pub team: Option<String>,
    pub product: Option<String>,
    pub release: Option<i64>,
    pub offering: Option<String>,
    pub tier: Option<&'static str>,
    pub detail: String,
    pub action: String,
    pub evidence: Vec<String>,
}

impl Finding {
    fn new(rule: &'static str, severity: Severity, tenant: &str, subject_kind: &'static str, subject: &str) -> Self {
        Self {
            rule,
            severity,
            tenant: tenant.to_owned(),
            subject_kind,
            subject: subject.to_owned(),
            person: None,
            machine: None,
            team: None,
            product: None,
            release: None,
            offering: None,
            tier: None,
            detail: String::new(),
            action: String::new(),
            evidence: Vec::new(),
        }
    }
}

/// What the rules need besides the tables.
pub struct Context<'a> {
    pub as_of: NaiveDate,
    pub policy: &'a Policy,
    pub catalog: &'a Catalog,
}

/// The outcome: findings, sorted (severity, rule, subject), and notes on rules that could not
/// judge (no usage data, no directory).
pub struct Reconciliation {
    pub findings: Vec<Finding>,
    pub notes: Vec<String>,
    pub status: status::MigrationStatus,
}

/// Runs the rules (all, or those named in `only`).
pub fn reconcile(
    tables: &std::collections::BTreeMap<crate::model::Table, LazyFrame>,
    context: &Context<'_>,
    only: &[String],
) -> PolarsResult<Reconciliation> {
    let facts = facts::prepare(tables, context)?;
    let mut notes = Vec::new();
    let mut findings = Vec::new();
    findings.extend(machines::unmigrated(&facts, context));
    findings.extend(machines::license_server_checkouts(&facts, context));
    findings.extend(machines::prior_version_rights(&facts, context));
    findings.extend(machines::licensing_update_required(&facts, context));
    findings.extend(machines::unresolved_logins(&facts));
    findings.extend(machines::network_grace_ending(&facts, context));
    findings.extend(people::unassigned_users(&facts, context));
    findings.extend(people::seat_findings(&facts, context, &mut notes));
    findings.extend(people::offering_findings(&facts, context));
    findings.extend(people::pending_invites(&facts, context));
    if !only.is_empty() {
        findings.retain(|f| only.iter().any(|r| r == f.rule));
    }
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.rule.cmp(b.rule))
            .then(a.tenant.cmp(&b.tenant))
            .then(a.subject.cmp(&b.subject))
            .then(a.detail.cmp(&b.detail))
    });
    let status = status::migration_status(&facts, context);
    Ok(Reconciliation { findings, notes, status })
}

/// Findings as a frame with the columns of SPEC §4 (`evidence` joined with `; `).
pub fn findings_frame(findings: &[Finding]) -> PolarsResult<DataFrame> {
    let text = |f: &dyn Fn(&Finding) -> Option<String>| findings.iter().map(f).collect::<Vec<_>>();
    let columns = vec![
        Column::new("rule".into(), text(&|f| Some(f.rule.to_owned()))),
        Column::new("severity".into(), text(&|f| Some(f.severity.name().to_owned()))),
        Column::new("tenant".into(), text(&|f| Some(f.tenant.clone()))),
        Column::new("subject_kind".into(), text(&|f| Some(f.subject_kind.to_owned()))),
        Column::new("subject".into(), text(&|f| Some(f.subject.clone()))),
        Column::new("person".into(), text(&|f| f.person.clone())),
        Column::new("machine".into(), text(&|f| f.machine.clone())),
        Column::new("team".into(), text(&|f| f.team.clone())),
        Column::new("product".into(), text(&|f| f.product.clone())),
        Column::new("release".into(), findings.iter().map(|f| f.release).collect::<Vec<_>>()),
        Column::new("offering".into(), text(&|f| f.offering.clone())),
        Column::new("tier".into(), text(&|f| f.tier.map(str::to_owned))),
        Column::new("detail".into(), text(&|f| Some(f.detail.clone()))),
        Column::new("action".into(), text(&|f| Some(f.action.clone()))),
        Column::new("evidence".into(), text(&|f| Some(f.evidence.join("; ")))),
    ];
    DataFrame::new_infer_height(columns)
}

/// The distinct values of an iterator, sorted (for stable evidence and details).
pub(crate) fn sorted<T: Ord>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    items.into_iter().collect::<BTreeSet<T>>().into_iter().collect()
}
