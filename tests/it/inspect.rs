//! `adsk-audit inspect`: detection, mapping, row accounting, errors and flags.

use serde_json::Value;

use crate::context::{run, temp};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// One line per file: path, kinds, counts, or why it was not read.
fn digest(document: &Value) -> String {
    let mut lines = Vec::new();
    for file in document["files"].as_array().into_iter().flatten() {
        let path = file["path"].as_str().unwrap_or("");
        if let Some(error) = file["error"].as_str() {
            lines.push(format!("{path}: error: {}", error.lines().next().unwrap_or("")));
            continue;
        }
        if let Some(reason) = file["skipped"].as_str() {
            lines.push(format!("{path}: passed over: {reason}"));
            continue;
        }
        for part in file["parts"].as_array().into_iter().flatten() {
            lines.push(format!(
                "{path} {}: {} {:.2} read={} accepted={} rejected={} skipped={}",
                part["origin"].as_str().unwrap_or(""),
                part["kind"].as_str().unwrap_or(""),
                part["confidence"].as_f64().unwrap_or(0.0),
                part["rows_read"],
                part["accepted"],
                part["rejected"],
                part["skipped"],
            ));
        }
    }
    lines.join("\n")
}

#[test]
fn every_fixture_is_detected_and_counts_add_up() {
    let result = run(&["inspect", "tests/data", "--format", "json", "--quiet"]);
    // tests/data/bad holds files that cannot be read: the run reports them and exits 2.
    assert_eq!(result.code, 2, "{}", result.stderr);
    let document = json(&result.stdout);
    for file in document["files"].as_array().into_iter().flatten() {
        let path = file["path"].as_str().unwrap_or("");
        let folder = path.split('/').nth(2).unwrap_or("");
        for part in file["parts"].as_array().into_iter().flatten() {
            // Fixtures live in a folder named after their kind (the multi-section workbook in
            // seat-usage holds three kinds, one per sheet).
            let kind = part["kind"].as_str().unwrap_or("");
            let sections = path.ends_with("three-sections.xlsx");
            assert!(kind == folder || sections, "{path} detected as {kind}");
            let read = part["rows_read"].as_u64();
            let sum = ["accepted", "rejected", "skipped"].iter().map(|k| part[*k].as_u64().unwrap_or(0)).sum::<u64>();
            assert_eq!(read, Some(sum), "{path}: rows read must equal accepted + rejected + skipped");
            assert_eq!(part["rejects"].as_array().map(Vec::len), part["rejected"].as_u64().map(|n| n as usize));
        }
        let name = path.rsplit('/').next().unwrap_or("");
        let notes = name == "README.md" || name == "SOURCES.md" || name.starts_with("LICENSE");
        if folder != "bad" && !notes {
            assert!(file["error"].is_null() && file["skipped"].is_null(), "{path} was not read");
        }
    }
    insta::assert_snapshot!(digest(&document));
    insta::assert_snapshot!("totals", serde_json::to_string_pretty(&document["totals"]).unwrap_or_default());
}

#[test]
fn text_report_of_a_file_with_rejects() {
    let result = run(&["inspect", "tests/data/usage-report/snake-case-with-rejects.csv"]);
    assert_eq!(result.code, 0);
    insta::assert_snapshot!(result.stdout);
    assert_eq!(
        result.stderr,
        "tests/data/usage-report/snake-case-with-rejects.csv: usage-report · 6 read, 2 accepted, 4 rejected, 0 skipped, 1 unknown column kept\n"
    );
}

#[test]
fn pasted_by_product_workbook_with_header_on_row_4() {
    let result = run(&["inspect", "-q", "tests/data/assignments/by-product-pasted-header-row-4.xlsx"]);
    assert_eq!(result.code, 0);
    insta::assert_snapshot!(result.stdout);
    let table =
        run(&["inspect", "-q", "tests/data/assignments/by-product-pasted-header-row-4.xlsx", "--table", "assignments"]);
    insta::assert_snapshot!("pasted_assignments_table", table.stdout);
}

#[test]
fn saved_by_product_pages() {
    let saved = run(&["inspect", "-q", "tests/data/assignments/by-product-saved-page.html"]);
    assert_eq!(saved.code, 0);
    insta::assert_snapshot!(saved.stdout);
    let aria = run(&["inspect", "-q", "tests/data/assignments/by-product-aria-grid.html", "--table", "assignments"]);
    insta::assert_snapshot!("aria_grid_assignments", aria.stdout);
}

#[test]
fn page_facts_not_found_are_said() {
    let dir = temp();
    let page = dir.path().join("page.html");
    std::fs::write(&page, "<html><body><table><tr><th>Name</th><th>Email</th></tr><tr><td>A</td><td>a@x.io</td></tr></table></body></html>")
        .unwrap_or_else(|e| panic!("{e}"));
    let result = run(&["inspect", "-q", page.to_str().unwrap_or_default()]);
    assert_eq!(result.code, 0);
    assert!(
        result
            .stdout
            .contains("  page      offering not found\n            team not found\n            seats not found\n"),
        "{}",
        result.stdout
    );
}

#[test]
fn unreadable_files_are_one_line_errors_with_exit_2() {
    let cases = [
        ("tests/data/bad/truncated.xlsx", "not a readable workbook: Cannot detect file format"),
        ("tests/data/bad/binary.png", "not a text file or workbook (binary content at byte 10)"),
        ("tests/data/bad/empty.csv", "the file is empty"),
        ("tests/data/bad/notes.txt", "no header row with at least two known columns"),
        ("tests/data/bad/unpaired-surrogate-utf16.csv", "invalid UTF-16 LE: the file is truncated or not UTF-16 LE"),
    ];
    for (path, reason) in cases {
        let result = run(&["inspect", path]);
        assert_eq!(result.code, 2, "{path}");
        assert_eq!(
            result.stderr,
            format!("error: {path}: {reason}\nerror: 1 of 1 input files could not be read (see above)\n"),
            "{path}"
        );
    }
}

#[test]
fn ambiguous_dates_ask_for_date_order() {
    let result = run(&["inspect", "-q", "tests/data/bad/ambiguous-dates.csv"]);
    assert_eq!(result.code, 2);
    insta::assert_snapshot!(result.stdout);
    let fixed = run(&[
        "inspect",
        "-q",
        "tests/data/bad/ambiguous-dates.csv",
        "--date-order",
        "dmy",
        "--table",
        "subscriptions",
    ]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    insta::assert_snapshot!("ambiguous_dates_as_dmy", fixed.stdout);
    let conflicting = run(&["inspect", "-q", "tests/data/bad/conflicting-dates.csv"]);
    assert_eq!(conflicting.code, 2);
    assert!(
        conflicting
            .stdout
            .contains("column `start_date` shows day-first dates but column `end_date` shows month-first dates")
    );
}

#[test]
fn strict_turns_rejects_into_exit_1_and_rejects_are_written() {
    let dir = temp();
    let rejects = dir.path().join("rejects.csv");
    let path = "tests/data/subscriptions/subscriptions-snake-us-dates.csv";
    let result = run(&["inspect", "-q", path, "--strict", "--rejects", rejects.to_str().unwrap_or_default()]);
    assert_eq!(result.code, 1);
    assert_eq!(result.stderr, "1 rows rejected and --strict is set\n");
    let written = std::fs::read_to_string(&rejects).unwrap_or_default();
    assert_eq!(
        written,
        "file,line,column,value,reason\ntests/data/subscriptions/subscriptions-snake-us-dates.csv,5,seat_quantity,two,not a whole number\n"
    );
    let clean = run(&["inspect", "-q", "tests/data/subscriptions/subscriptions-french-dmy.csv", "--strict"]);
    assert_eq!(clean.code, 0, "no rejects, no failure");
}

#[test]
fn kind_flag_overrides_detection() {
    let result =
        run(&["inspect", "-q", "tests/data/assignments/by-product-plain.csv", "--kind", "users", "--format", "json"]);
    assert_eq!(result.code, 0);
    let document = json(&result.stdout);
    let part = &document["files"][0]["parts"][0];
    assert_eq!(part["kind"], "users");
    assert_eq!(part["kind_from"], "--kind");
}

#[test]
fn user_synonyms_extend_the_table() {
    let dir = temp();
    let csv = dir.path().join("usage.csv");
    std::fs::write(&csv, "Nutzer-Mail,Produktlinie,Nutzdatum\nA@x.io,Revit,2026-07-01\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let without = run(&["inspect", "-q", csv.to_str().unwrap_or_default()]);
    assert_eq!(without.code, 2, "unknown headers: not recognised");
    let synonyms = dir.path().join("synonyms.toml");
    std::fs::write(
        &synonyms,
        "[email]\nmine = [\"Nutzer-Mail\"]\n[product]\nmine = [\"Produktlinie\"]\n[day]\nmine = [\"Nutzdatum\"]\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let with = run(&[
        "inspect",
        "-q",
        csv.to_str().unwrap_or_default(),
        "--synonyms",
        synonyms.to_str().unwrap_or_default(),
        "--table",
        "usage_days",
    ]);
    assert_eq!(with.code, 0, "{}", with.stderr);
    assert!(with.stdout.contains(",a@x.io,A@x.io,,,Revit,,,2026-07-01,,"), "{}", with.stdout);
    std::fs::write(&synonyms, "[colour]\nx = [\"Farbe\"]\n").unwrap_or_else(|e| panic!("{e}"));
    let bad =
        run(&["inspect", "-q", csv.to_str().unwrap_or_default(), "--synonyms", synonyms.to_str().unwrap_or_default()]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.starts_with(&format!("error: {}: unknown field `colour`", synonyms.display())),
        "{}",
        bad.stderr
    );
}

#[test]
fn folder_passes_over_unrecognised_files_but_named_files_fail() {
    let folder = run(&["inspect", "-q", "tests/data/bad", "--format", "json"]);
    let document = json(&folder.stdout);
    assert_eq!(document["totals"]["passed_over"], 3);
    assert_eq!(document["totals"]["errors"], 5);
}

#[test]
fn unsafe_tenant_names_are_refused() {
    for tenant in ["..", "a/b", "a\\b", "x\u{7}"] {
        let result = run(&["inspect", "-q", "tests/data/users", "--tenant", tenant]);
        assert_eq!(result.code, 2, "{tenant}");
        assert!(result.stderr.contains("is not a safe folder name"), "{}", result.stderr);
    }
}

#[test]
fn planned_commands_say_not_available_and_exit_2() {
    for command in ["report", "remediate", "pull", "auth"] {
        let result = run(&[command, "x"]);
        assert_eq!(result.code, 2, "{command}");
        assert_eq!(
            result.stderr.lines().next().unwrap_or(""),
            format!("error: `{command}` is not available yet in adsk-audit {}", env!("CARGO_PKG_VERSION"))
        );
        assert!(result.stdout.is_empty());
    }
}
