//! `adsk-audit reconcile`: findings from files or the store.

use std::fmt::Write as _;

use anyhow::{Context as _, bail};
use chrono::{Datelike, NaiveDate};

use super::{Exit, load_source, options};
use crate::cli::{ReconcileArgs, ReconcileFormat};
use crate::export;
use crate::output;
use crate::reconcile::{self, Finding, Policy, RULES, Reconciliation};

fn last_day(month: &str) -> anyhow::Result<NaiveDate> {
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d")?;
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    next.and_then(|d| d.pred_opt()).context("no such month")
}

pub fn run(args: &ReconcileArgs, quiet: bool) -> anyhow::Result<Exit> {
    let policy = match &args.policy {
        Some(path) => Policy::from_toml(&path.display().to_string(), &fs_err::read_to_string(path)?)?,
        None => Policy::default(),
    };
    if args.print_policy {
        output::data(&policy.to_toml())?;
        return Ok(Exit::Success);
    }
    for rule in &args.rule {
        if !RULES.contains(&rule.as_str()) {
            bail!("unknown rule `{rule}`\nhint: rules are {}", RULES.join(", "));
        }
    }
    if args.format == ReconcileFormat::Xlsx && args.output.is_none() {
        bail!("--format xlsx needs -o FILE");
    }
    let as_of = match (&args.as_of, &args.month) {
        (Some(date), _) => *date,
        (None, Some(month)) => last_day(month)?,
        (None, None) => chrono::Local::now().date_naive(),
    };
    let (input_options, _) = options(&args.input)?;
    let month = format!("{:04}-{:02}", as_of.year(), as_of.month());
    let loaded = load_source(&args.input, &args.store, Some(month), &input_options, quiet)?;
    let context = reconcile::Context { as_of, policy: &policy, catalog: &input_options.catalog };
    let result = reconcile::reconcile(&loaded.tables, &context, &args.rule).context("reconciling")?;
    if !quiet {
        for note in &result.notes {
            output::message(&format!("note: {note}"));
        }
        output::message(&format!("{} findings as of {as_of} ({})", result.findings.len(), loaded.description));
    }
    write(args, &result, as_of)?;
    let rejected: usize = loaded.files.iter().map(crate::ingest::FileReport::rejected).sum();
    if args.fail_on.is_some_and(|level| result.findings.iter().any(|f| f.severity >= level)) {
        return Ok(Exit::Failed);
    }
    if args.input.strict && rejected > 0 {
        output::message(&format!("{rejected} rows rejected and --strict is set"));
        return Ok(Exit::Failed);
    }
    Ok(Exit::Success)
}

fn write(args: &ReconcileArgs, result: &Reconciliation, as_of: NaiveDate) -> anyhow::Result<()> {
    let bytes = match args.format {
        ReconcileFormat::Json => (serde_json::to_string_pretty(&result.findings)? + "\n").into_bytes(),
        ReconcileFormat::Csv => export::frame::to_csv(&mut reconcile::findings_frame(&result.findings)?)?,
        ReconcileFormat::Table => render(result, as_of).into_bytes(),
        ReconcileFormat::Xlsx => export::workbook::findings(result, as_of)?,
    };
    match &args.output {
        Some(path) => export::atomic_write(path, |out| out.write_all(&bytes))
            .with_context(|| format!("writing {}", path.display())),
        None => Ok(output::data_bytes(&bytes)?),
    }
}

fn render(result: &Reconciliation, as_of: NaiveDate) -> String {
    let mut text = String::new();
    let mut by_rule: Vec<(&str, Vec<&Finding>)> = Vec::new();
    for finding in &result.findings {
        match by_rule.iter_mut().find(|(rule, _)| *rule == finding.rule) {
            Some((_, list)) => list.push(finding),
            None => by_rule.push((finding.rule, vec![finding])),
        }
    }
    for (rule, findings) in by_rule {
        let _ = writeln!(text, "{rule} ({})", findings.len());
        for finding in findings {
            let tier = finding.tier.map(|t| format!(" [{t}]")).unwrap_or_default();
            let _ = writeln!(text, "  {:<8} {}{tier}", finding.severity.name(), finding.subject);
            let _ = writeln!(text, "           {}", finding.detail);
            let _ = writeln!(text, "           → {}", finding.action);
            let evidence: Vec<&String> = finding.evidence.iter().take(3).collect();
            let more = finding.evidence.len().saturating_sub(3);
            let more = if more > 0 { format!(" (+{more} more)") } else { String::new() };
            let _ = writeln!(
                text,
                "           evidence: {}{more}",
                evidence.iter().map(|e| e.as_str()).collect::<Vec<_>>().join(", ")
            );
        }
        text.push('\n');
    }
    let status = &result.status;
    let _ = writeln!(text, "Migration status as of {as_of}");
    for (tenant, percent) in &status.percent_user {
        let end = status.network_end.get(tenant).cloned().flatten().unwrap_or_else(|| "unknown".into());
        let days =
            status.days_to_end.get(tenant).copied().flatten().map_or_else(String::new, |d| format!(" ({d} days)"));
        let _ = writeln!(text, "  {tenant}: {percent}% of installs on USER · network end {end}{days}");
    }
    for (tenant, method, release, installs, machines) in &status.by_method {
        let release = release.map_or_else(|| "?".to_owned(), |r| r.to_string());
        let _ =
            writeln!(text, "  {tenant:<12} {method:<10} {release:<6} {installs:>5} installs on {machines:>4} machines");
    }
    for server in &status.servers {
        let verdict = if server.ready { "ready to decommission" } else { "still in use" };
        let _ = writeln!(
            text,
            "  licence server {} ({}): {verdict} — {} NETWORK installs, {} checkouts in the window",
            server.server, server.tenant, server.network_installs, server.recent_checkouts
        );
    }
    text
}
