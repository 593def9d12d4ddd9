//! `adsk-audit reconcile`: every rule fires on the example tenant where it should, and stays
//! silent on the near misses the tenant carries (see examples/README.md).

use serde_json::Value;

use crate::context::{run, temp};

const EXAMPLE: [&str; 7] =
    ["reconcile", "examples/brightline", "--as-of", "2026-11-30", "--policy", "examples/brightline.policy.toml", "-q"];

fn findings(extra: &[&str]) -> Vec<Value> {
    findings_at("2026-11-30", extra)
}

fn findings_at(as_of: &str, extra: &[&str]) -> Vec<Value> {
    let mut args: Vec<&str> = EXAMPLE.to_vec();
    args[3] = as_of;
    args.extend_from_slice(&["--format", "json"]);
    args.extend_from_slice(extra);
    let result = run(&args);
    assert!(result.code == 0 || result.code == 1, "{}", result.stderr);
    serde_json::from_str::<Value>(&result.stdout)
        .unwrap_or_else(|e| panic!("stdout must be one JSON array ({e}):\n{}", result.stdout))
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn digest(findings: &[Value]) -> String {
    findings
        .iter()
        .map(|f| {
            let text = |k: &str| {
                f[k].as_str().map(str::to_owned).or_else(|| f[k].as_i64().map(|n| n.to_string())).unwrap_or_default()
            };
            format!(
                "{} {} {} tier={} product={} release={} offering={}",
                text("rule"),
                text("severity"),
                text("subject"),
                text("tier"),
                text("product"),
                text("release"),
                text("offering")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn subjects(findings: &[Value], rule: &str) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| f["subject"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn every_rule_fires_on_the_example_tenant_with_evidence() {
    let all = findings(&[]);
    insta::assert_snapshot!(digest(&all));
    for rule in adsk_audit::reconcile::RULES {
        assert!(!subjects(&all, rule).is_empty(), "{rule} must fire");
    }
    for finding in &all {
        assert!(
            !finding["detail"].as_str().unwrap_or_default().is_empty()
                && !finding["action"].as_str().unwrap_or_default().is_empty()
        );
        let evidence = finding["evidence"].as_array().cloned().unwrap_or_default();
        assert!(!evidence.is_empty() || finding["rule"] == "network-grace-ending", "{finding}");
        for item in evidence {
            let item = item.as_str().unwrap_or_default();
            assert!(item.starts_with("examples/brightline/"), "evidence points at the example files: {item}");
        }
    }
}

#[test]
fn near_misses_stay_silent() {
    let all = findings(&[]);
    // AEC seat assigned 10 days before the as-of date (position 18), unused: too new to judge.
    assert!(!all.iter().any(|f| f["subject"] == "wenche.andersen@brightline-eng.com"), "{}", digest(&all));
    // Invited 2 days ago: neither pending-invite nor idle-seat.
    assert!(!all.iter().any(|f| f["subject"].as_str().unwrap_or_default().contains("41@")));
    // A 2023 install in November 2026 is inside the window 2023–2027.
    assert!(!subjects(&all, "prior-version-rights").contains(&"BL-WS-011".to_owned()));
    // BL-WS-002 has AutoCAD on NETWORK and Revit on USER: one finding, for AutoCAD only.
    let ws002: Vec<&Value> =
        all.iter().filter(|f| f["rule"] == "unmigrated-machine" && f["subject"] == "BL-WS-002").collect();
    assert_eq!(ws002.len(), 1);
    assert_eq!(ws002[0]["product"], "AutoCAD");
    // UNSET and STANDALONE installs make no unmigrated-machine finding.
    assert!(!subjects(&all, "unmigrated-machine").contains(&"BL-WS-013".to_owned()));
    // An e-mail differing only in case is the same person: no orphan or duplicate finding.
    assert!(!all.iter().any(|f| f["subject"].as_str().unwrap_or_default().contains("45@")), "{}", digest(&all));
    // A checkout on 2026-10-01 is outside the 30-day window.
    assert!(!subjects(&all, "license-server-checkout").contains(&"BL-WS-OLD".to_owned()));
    // A group-assigned idle seat is tier excluded.
    let excluded: Vec<&Value> = all.iter().filter(|f| f["tier"] == "excluded").collect();
    assert_eq!(excluded.len(), 1);
    assert_eq!(excluded[0]["severity"], "info");
    // The AEC Collection has spare seats, AutoCAD exactly as many as assignees.
    assert_eq!(subjects(&all, "over-assigned"), vec!["Revit".to_owned()]);
    assert_eq!(subjects(&all, "unused-seats"), vec!["Architecture Engineering & Construction Collection".to_owned()]);
}

#[test]
fn without_the_policy_table_licensing_updates_are_not_judged() {
    let result = run(&[
        "-q",
        "reconcile",
        "examples/brightline",
        "--as-of",
        "2026-11-30",
        "--format",
        "json",
        "--rule",
        "licensing-update-required",
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(result.stdout.trim(), "[]");
}

#[test]
fn dates_move_the_deadline_findings() {
    let early = findings_at("2026-10-01", &["--rule", "network-grace-ending"]);
    assert!(early.is_empty(), "81 days before the end: not yet");
    let old = findings_at("2026-10-15", &["--rule", "license-server-checkout"]);
    assert_eq!(subjects(&old, "license-server-checkout"), vec!["BL-WS-OLD".to_owned()]);
    let late = findings_at("2027-02-01", &["--rule", "unmigrated-machine"]);
    assert!(late.iter().all(|f| f["severity"] == "critical"), "past the end of grace: critical");
    let grace = findings_at("2027-01-10", &["--rule", "network-grace-ending"]);
    assert!(grace[0]["detail"].as_str().unwrap_or_default().contains("the grace period runs until 2027-01-19"));
}

#[test]
fn fail_on_sets_the_exit_code() {
    let mut args: Vec<&str> = EXAMPLE.to_vec();
    args.extend_from_slice(&["--format", "csv", "--fail-on", "high"]);
    assert_eq!(run(&args).code, 1);
    let mut args: Vec<&str> = EXAMPLE.to_vec();
    args.extend_from_slice(&["--format", "csv", "--fail-on", "critical"]);
    assert_eq!(run(&args).code, 0);
}

#[test]
fn a_tenant_without_usage_data_gets_no_idle_seats_and_is_told_why() {
    let result = run(&[
        "reconcile",
        "tests/data/users/users-title-case.csv",
        "tests/data/subscriptions",
        "--tenant",
        "acme",
        "--as-of",
        "2026-11-30",
        "--format",
        "json",
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(!result.stdout.contains("idle-seat"));
    assert!(result.stderr.contains("note: idle-seat: tenant acme has no usage data"), "{}", result.stderr);
}

#[test]
fn store_and_files_give_the_same_findings() {
    let dir = temp();
    let store = dir.path().join("store");
    let store_arg = store.to_str().unwrap_or_default();
    assert_eq!(run(&["-q", "ingest", "examples/brightline", "--store", store_arg]).code, 0);
    let from_store = run(&[
        "-q",
        "reconcile",
        "--store",
        store_arg,
        "--month",
        "2026-11",
        "--policy",
        "examples/brightline.policy.toml",
        "--format",
        "json",
    ]);
    assert_eq!(from_store.code, 0, "{}", from_store.stderr);
    let from_files: Vec<Value> = findings(&[]);
    let stored: Vec<Value> =
        serde_json::from_str::<Value>(&from_store.stdout).ok().and_then(|v| v.as_array().cloned()).unwrap_or_default();
    assert_eq!(digest(&stored), digest(&from_files));
}

#[test]
fn workbook_output_reads_back() {
    use calamine::{Reader, open_workbook_auto};
    let dir = temp();
    let path = dir.path().join("findings.xlsx");
    let mut args: Vec<&str> = EXAMPLE.to_vec();
    args.extend_from_slice(&["--format", "xlsx", "-o", path.to_str().unwrap_or_default()]);
    assert_eq!(run(&args).code, 0);
    let mut workbook = open_workbook_auto(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(workbook.sheet_names(), vec!["Findings".to_owned(), "Migration status".to_owned()]);
    let range = workbook.worksheet_range("Findings").unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(ToString::to_string).collect()).collect();
    assert_eq!(rows[0][..5], ["rule", "severity", "tenant", "subject_kind", "subject"]);
    assert_eq!(rows.len(), findings(&[]).len() + 1);
    assert_eq!(rows[1][..2], ["network-grace-ending", "high"]);
}

#[test]
fn policy_is_printed_and_checked() {
    let printed = run(&["reconcile", "--print-policy"]);
    assert_eq!(printed.code, 0);
    insta::assert_snapshot!(printed.stdout);
    let dir = temp();
    let policy = dir.path().join("policy.toml");
    std::fs::write(&policy, printed.stdout).unwrap_or_else(|e| panic!("{e}"));
    let again = run(&["reconcile", "--print-policy", "--policy", policy.to_str().unwrap_or_default()]);
    assert_eq!(again.stdout, run(&["reconcile", "--print-policy"]).stdout, "the printed policy reads back");
    std::fs::write(&policy, "idle_days = 30\nidel_days = 3\n").unwrap_or_else(|e| panic!("{e}"));
    let bad = run(&["reconcile", "examples/brightline", "--policy", policy.to_str().unwrap_or_default()]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("idel_days"), "{}", bad.stderr);
    let unknown_rule = run(&["reconcile", "examples/brightline", "--rule", "idle-seats"]);
    assert_eq!(unknown_rule.code, 2);
    assert!(unknown_rule.stderr.starts_with("error: unknown rule `idle-seats`"));
}
