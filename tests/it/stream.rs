//! Streaming ingest (`--stream-mb`): a Seat Usage CSV read in batches stores exactly what
//! reading it whole stores, replaces and is replaced like any export, rebuilds byte for byte,
//! and a file-level error leaves nothing behind.

use std::fmt::Write as _;
use std::path::Path;

use crate::context::{run, temp};

/// Every table of the store as CSV, and every rejects file, through `query` and the file system.
fn contents(store: &Path) -> String {
    let store_arg = store.to_str().unwrap_or_default();
    let sql = "SELECT * FROM usage_days ORDER BY source_sha256, source_line";
    let result = run(&["query", sql, "--store", store_arg, "--format", "csv"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let mut text = result.stdout;
    let mut rejects: Vec<_> = std::fs::read_dir(store.join("rejects")).into_iter().flatten().flatten().collect();
    rejects.sort_by_key(std::fs::DirEntry::path);
    for entry in rejects {
        text.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
    }
    text
}

/// Manifest entries without what legitimately differs between a whole and a streamed read.
fn entries(store: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(store.join("manifest.json")).unwrap_or_default();
    let manifest: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let mut entries = manifest["entries"].as_array().cloned().unwrap_or_default();
    for entry in &mut entries {
        if let Some(entry) = entry.as_object_mut() {
            for key in ["ingested_at", "month_from", "streamed_batch_kib"] {
                entry.remove(key);
            }
        }
    }
    entries
}

/// How many manifest entries were streamed.
fn streamed_files(store: &Path) -> usize {
    std::fs::read_to_string(store.join("manifest.json")).unwrap_or_default().matches("\"streamed_batch_kib\"").count()
}

fn files_named(folder: &Path, suffix: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_named(&path, suffix));
        } else if path.to_string_lossy().ends_with(suffix) {
            found.push(path.display().to_string());
        }
    }
    found.sort();
    found
}

fn ingest(file: &Path, store: &Path, extra: &[&str]) -> crate::context::Run {
    let mut args = vec![
        "ingest",
        file.to_str().unwrap_or_default(),
        "--store",
        store.to_str().unwrap_or_default(),
        "--tenant",
        "acme",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

const STREAM: &[&str] = &["--stream-mb", "0", "--stream-batch-kib", "1"];

fn assert_streamed_equals_whole(file: &Path) {
    let dir = temp();
    let (whole, streamed) = (dir.path().join("whole"), dir.path().join("streamed"));
    let first = ingest(file, &whole, &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let second = ingest(file, &streamed, STREAM);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert_eq!(streamed_files(&streamed), 1);
    assert_eq!(contents(&streamed), contents(&whole), "{}", file.display());
    assert_eq!(entries(&streamed), entries(&whole), "{}", file.display());
    assert!(files_named(&streamed, "usage_days.parquet").is_empty(), "no merged partition");
    assert!(files_named(&streamed, ".parquet").iter().any(|p| p.contains("/usage_days/")), "rows are in part files");

    let before = files_named(&streamed.join("tables"), ".parquet")
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap_or_default()))
        .collect::<Vec<_>>();
    let rebuilt = run(&["ingest", "--rebuild", "--store", streamed.to_str().unwrap_or_default()]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.stderr);
    let after = files_named(&streamed.join("tables"), ".parquet")
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap_or_default()))
        .collect::<Vec<_>>();
    assert_eq!(before, after, "rebuild reproduces the part files byte for byte");
    assert!(files_named(&streamed, ".tmp").is_empty());
}

#[test]
fn streamed_batches_store_what_a_whole_read_stores() {
    // Columnar batches (the example: ~100 batches of 1 KiB), quoted rows read row by row with
    // US dates, PII off with rejects.
    for file in [
        "examples/brightline/autodesk/seat-usage-2026-09-to-2026-11.csv",
        "tests/data/seat-usage/title-case-us-dates-pii-on.csv",
        "tests/data/seat-usage/pii-off-snake-case.csv",
    ] {
        assert_streamed_equals_whole(&crate::context::root().join(file));
    }
}

#[test]
fn a_first_batch_that_cannot_tell_the_date_order_asks_the_whole_file() {
    let dir = temp();
    let file = dir.path().join("seat-usage.csv");
    let mut text = String::from("Email,Product name,Offering name,Version,Day used\n");
    // 40 rows (over 1 KiB) whose days are all 12 or less, then one that proves month-first.
    for i in 0..40 {
        let day = i % 12 + 1;
        let _ = writeln!(text, "u{i}@acme.io,Revit,AEC Collection,2026,{day:02}/{day:02}/2026");
    }
    text.push_str("late@acme.io,Revit,AEC Collection,2026,11/30/2026\n");
    std::fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
    assert_streamed_equals_whole(&file);
    let store = dir.path().join("streamed");
    assert_eq!(ingest(&file, &store, STREAM).code, 0);
    let days = run(&[
        "query",
        "SELECT day FROM usage_days WHERE email = 'late@acme.io'",
        "--store",
        store.to_str().unwrap_or_default(),
        "--format",
        "csv",
    ]);
    assert_eq!(days.stdout, "day\n2026-11-30\n");
}

#[test]
fn streamed_and_whole_exports_replace_each_other_by_month() {
    let dir = temp();
    let store = dir.path().join("store");
    let header = "Email,Product name,Offering name,Version,Day used,Team\n";
    let older = dir.path().join("usage-oct-nov.csv");
    let newer = dir.path().join("usage-nov.csv");
    let newest = dir.path().join("usage-nov-final.csv");
    std::fs::write(
        &older,
        format!("{header}ann@acme.io,Revit,AEC Collection,2026,2026-10-05,Main\nann@acme.io,Revit,AEC Collection,2026,2026-11-02,Main\n"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&newer, format!("{header}bob@acme.io,Revit,AEC Collection,2026,2026-11-03,Main\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&newest, format!("{header}cid@acme.io,Revit,AEC Collection,2026,2026-11-04,Main\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    let query = || {
        let sql = "SELECT email, day FROM usage_days ORDER BY day";
        run(&["query", sql, "--store", store.to_str().unwrap_or_default(), "--format", "csv"]).stdout
    };

    // Whole, then streamed: the streamed file replaces November only.
    assert_eq!(ingest(&older, &store, &[]).code, 0);
    let second = ingest(&newer, &store, STREAM);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(second.stderr.contains("replaces"), "{}", second.stderr);
    assert_eq!(query(), "email,day\nann@acme.io,2026-10-05\nbob@acme.io,2026-11-03\n");

    // Streamed, then whole: the older part file goes.
    let third = ingest(&newest, &store, &[]);
    assert_eq!(third.code, 0, "{}", third.stderr);
    assert_eq!(query(), "email,day\nann@acme.io,2026-10-05\ncid@acme.io,2026-11-04\n");
    assert!(files_named(&store.join("tables/tenant=acme/month=2026-11/usage_days"), ".parquet").is_empty());

    // Streaming the same file again is a no-op.
    let again = ingest(&newer, &store, STREAM);
    assert!(again.stderr.contains("already in the store"), "{}", again.stderr);
    assert!(files_named(&store, ".tmp").is_empty());
}

#[test]
fn streaming_applies_only_to_seat_usage_and_only_above_the_threshold() {
    let dir = temp();
    let store = dir.path().join("store");
    let users = crate::context::root().join("tests/data/users/users-title-case.csv");
    let result = ingest(&users, &store, STREAM);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let seat_usage = crate::context::root().join("tests/data/seat-usage/pii-off-snake-case.csv");
    let result = ingest(&seat_usage, &store, &["--stream-mb", "1"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(streamed_files(&store), 0, "not Seat Usage, or below the threshold");
    let other = dir.path().join("other");
    let result = ingest(&seat_usage, &other, &["--stream-mb", "0"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(streamed_files(&other), 1, "at the threshold");
}

#[test]
fn invalid_text_in_a_later_batch_is_an_error_and_stages_nothing() {
    let dir = temp();
    let store = dir.path().join("store");
    let file = dir.path().join("seat-usage.csv");
    // The first megabyte is UTF-8 with a non-ASCII name; a byte that is not UTF-8 comes later.
    let mut bytes = b"Email,Product name,Offering name,Version,Day used\n".to_vec();
    bytes.extend_from_slice("zoë@acme.io,Revit,AEC Collection,2026,2026-11-02\n".as_bytes());
    let row = b"ann@acme.io,Revit,AEC Collection,2026,2026-11-02\n";
    while bytes.len() < 1_200_000 {
        bytes.extend_from_slice(row);
    }
    bytes.extend_from_slice(b"b\xffb@acme.io,Revit,AEC Collection,2026,2026-11-03\n");
    std::fs::write(&file, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let result = ingest(&file, &store, &["--stream-mb", "0", "--stream-batch-kib", "256"]);
    assert_ne!(result.code, 0);
    let lines = bytes.iter().filter(|b| **b == b'\n').count();
    assert!(
        result.stderr.contains(&format!("line {lines}: invalid UTF-8 in a file whose first megabyte is UTF-8")),
        "{}",
        result.stderr
    );
    assert!(files_named(&store, ".tmp").is_empty());
    assert!(files_named(&store, ".parquet").is_empty(), "nothing of the file is stored");
}

#[test]
fn reading_files_in_batches_gives_the_same_tables_and_rejects() {
    for file in [
        "examples/brightline/autodesk/seat-usage-2026-09-to-2026-11.csv",
        "tests/data/seat-usage/title-case-us-dates-pii-on.csv",
        "tests/data/seat-usage/pii-off-snake-case.csv",
    ] {
        let whole = run(&["inspect", file, "--table", "usage_days", "--tenant", "acme"]);
        let streamed = run(&["inspect", file, "--table", "usage_days", "--tenant", "acme", "--stream-mb", "0"]);
        assert_eq!(whole.code, 0, "{}", whole.stderr);
        assert_eq!(streamed.stdout, whole.stdout, "{file}");
        let whole = run(&["inspect", file, "--format", "json"]);
        let streamed = run(&["inspect", file, "--format", "json", "--stream-mb", "0"]);
        let rejects = |text: &str| {
            let value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
            value["files"][0]["parts"][0]["rejects"].clone()
        };
        assert!(rejects(&whole.stdout).is_array(), "{}", whole.stdout);
        assert_eq!(rejects(&streamed.stdout), rejects(&whole.stdout), "{file}");
    }
}

#[test]
fn an_unrecognised_file_in_a_folder_is_passed_over_at_any_threshold() {
    let dir = temp();
    let folder = dir.path().join("exports");
    std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
    let seat_usage = crate::context::root().join("tests/data/seat-usage/pii-off-snake-case.csv");
    std::fs::copy(&seat_usage, folder.join("seat-usage.csv")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(folder.join("notes.txt"), "call the reseller on Monday\n").unwrap_or_else(|e| panic!("{e}"));
    for threshold in ["0", "64"] {
        let store = dir.path().join(format!("store-{threshold}"));
        let result = ingest(&folder, &store, &["--stream-mb", threshold]);
        assert_eq!(result.code, 0, "--stream-mb {threshold}: {}", result.stderr);
        assert!(result.stderr.contains("ingested 1 file"), "--stream-mb {threshold}: {}", result.stderr);
    }
}
