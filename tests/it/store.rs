//! `adsk-audit ingest` and the store: idempotence, replacement, rebuild, atomicity, locking,
//! and plain Parquet.

use std::collections::BTreeMap;
use std::path::Path;

use crate::context::{root, run, run_in, temp};

/// Every partition file under `tables/`, with its bytes.
fn partitions(store: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![store.join("tables")];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(store).unwrap_or(&path).to_string_lossy().into_owned();
                found.insert(relative, std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    found
}

/// Every table of the store as CSV, through `query`.
fn dump(store: &Path) -> String {
    let store = store.to_str().unwrap_or_default();
    let mut text = String::new();
    for table in ["people", "assignments", "usage_days", "usage_summary", "subscriptions", "directory", "logins"] {
        let sql = format!("SELECT * FROM {table} ORDER BY source_sha256, source_line");
        let result = run(&["query", &sql, "--store", store, "--format", "csv"]);
        assert_eq!(result.code, 0, "{}", result.stderr);
        text.push_str("== ");
        text.push_str(table);
        text.push('\n');
        text.push_str(&result.stdout);
    }
    text
}

/// Every file in the store whose name ends in `.tmp`.
fn temporaries(folder: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(temporaries(&path));
        } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("tmp")) {
            found.push(path.display().to_string());
        }
    }
    found
}

fn manifest(store: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(store.join("manifest.json")).unwrap_or_default()).unwrap_or_default()
}

#[test]
fn ingest_twice_is_a_no_op_and_rebuild_reproduces_the_tables() {
    let dir = temp();
    let store = dir.path().join("store");
    let store_arg = store.to_str().unwrap_or_default();
    let first = run(&["ingest", "examples/brightline", "--store", store_arg]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first.stderr.ends_with(&format!("ingested 52 files into {store_arg} (14 partitions written)\n")),
        "{}",
        first.stderr
    );
    let tables = partitions(&store);
    let names: Vec<&String> = tables.keys().collect();
    insta::assert_debug_snapshot!(names);
    let entries = manifest(&store)["entries"].as_array().cloned().unwrap_or_default();
    assert_eq!(entries.len(), 52);
    assert!(entries.iter().all(|e| e["tenant"] == "brightline"), "tenant is the folder's name");

    let second = run(&["ingest", "examples/brightline", "--store", store_arg]);
    assert_eq!(second.code, 0);
    assert_eq!(second.stderr.lines().filter(|l| l.contains("already in the store")).count(), 52);
    assert!(second.stderr.ends_with("nothing new to ingest: the store is unchanged\n"));
    assert_eq!(partitions(&store), tables, "a second ingest writes nothing");

    let rebuilt = run(&["ingest", "--rebuild", "--store", store_arg]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.stderr);
    assert_eq!(partitions(&store), tables, "rebuild reproduces identical tables");
    assert_eq!(manifest(&store)["entries"].as_array().cloned().unwrap_or_default(), entries);
}

#[test]
fn parquet_files_use_plain_types_readable_by_path() {
    use polars::prelude::*;
    let dir = temp();
    let store = dir.path().join("store");
    let result = run(&["ingest", "examples/brightline", "--store", store.to_str().unwrap_or_default()]);
    assert_eq!(result.code, 0);
    let path = store.join("tables/tenant=brightline/month=2026-11/usage_summary.parquet");
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let frame = ParquetReader::new(file).finish().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(frame.height(), 47);
    for column in frame.columns() {
        assert!(
            matches!(
                column.dtype(),
                DataType::String
                    | DataType::Date
                    | DataType::Int32
                    | DataType::Int64
                    | DataType::Float64
                    | DataType::UInt64
                    | DataType::Boolean
            ),
            "{}: {:?}",
            column.name(),
            column.dtype()
        );
    }
}

fn setup_replacement(store: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let folder = store.parent().unwrap_or(store).join("acme");
    std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
    let older = folder.join("users-november.csv");
    let newer = folder.join("users-november-again.csv");
    std::fs::write(
        &older,
        "Email,First name,Role,Team,Offering\nann@acme.io,Ann,User,Main,AutoCAD\nbob@acme.io,Bob,User,Main,AutoCAD\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        &newer,
        "Email,First name,Role,Team,Offering\nann@acme.io,Ann,User,Main,AutoCAD\ncid@acme.io,Cid,User,Main,Revit\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    (older, newer)
}

#[test]
fn a_newer_export_replaces_the_older_ones_rows_for_its_month() {
    let dir = temp();
    let store = dir.path().join("store");
    let (older, newer) = setup_replacement(&store);
    let store_arg = store.to_str().unwrap_or_default();
    let first = run(&[
        "ingest",
        older.to_str().unwrap_or_default(),
        "--store",
        store_arg,
        "--tenant",
        "acme",
        "--month",
        "2026-11",
    ]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let second = run(&[
        "ingest",
        newer.to_str().unwrap_or_default(),
        "--store",
        store_arg,
        "--tenant",
        "acme",
        "--month",
        "2026-11",
    ]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(
        second.stderr.contains(&format!("{} replaces {} for 2026-11", newer.display(), older.display())),
        "{}",
        second.stderr
    );
    let people = run(&["query", "SELECT email FROM people ORDER BY email", "--store", store_arg, "--format", "csv"]);
    assert_eq!(people.stdout, "email\nann@acme.io\ncid@acme.io\n");
    let entries = manifest(&store)["entries"].as_array().cloned().unwrap_or_default();
    assert_eq!(entries.len(), 2, "the manifest keeps both files");
    assert_eq!(entries[0]["replaced_months"], serde_json::json!(["2026-11"]));
    // Another month is another snapshot: both stay.
    let december = run(&[
        "ingest",
        older.to_str().unwrap_or_default(),
        "--store",
        store_arg,
        "--tenant",
        "other",
        "--month",
        "2026-12",
    ]);
    assert_eq!(december.code, 0);
}

#[test]
fn an_interrupted_ingest_leaves_the_store_as_before_or_finishes_it() {
    let reference = temp();
    let reference_store = reference.path().join("store");
    let (older, newer) = setup_replacement(&reference_store);
    let args = |store: &Path, file: &Path| -> Vec<String> {
        [
            "ingest",
            file.to_str().unwrap_or_default(),
            "--store",
            store.to_str().unwrap_or_default(),
            "--tenant",
            "acme",
            "--month",
            "2026-11",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
    };
    let call = |arguments: Vec<String>| {
        let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
        run(&arguments)
    };
    assert_eq!(call(args(&reference_store, &older)).code, 0);
    let before = dump(&reference_store);
    assert_eq!(call(args(&reference_store, &newer)).code, 0);
    let after = dump(&reference_store);
    assert_ne!(before, after);

    for (step, expected) in [("before-journal", &before), ("after-journal", &after), ("mid-apply", &after)] {
        let dir = temp();
        let store = dir.path().join("store");
        assert_eq!(call(args(&store, &older)).code, 0);
        let mut killed = assert_cmd::Command::cargo_bin("adsk-audit").unwrap_or_else(|e| panic!("{e}"));
        let output = killed
            .env_clear()
            .env("ADSK_AUDIT_FAIL_AT", step)
            .current_dir(root())
            .args(args(&store, &newer))
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!output.status.success(), "{step}: the failure point must stop the run");
        assert_eq!(&dump(&store), expected, "{step}: the store must read as before or as after, never in between");
        let leftovers = temporaries(&store);
        assert!(leftovers.is_empty(), "{step}: temporary files removed: {leftovers:?}");
        assert!(!store.join("journal.json").exists(), "{step}");
    }
}

#[test]
fn a_second_command_on_a_busy_store_gets_a_clear_error() {
    let dir = temp();
    let store = dir.path().join("store");
    std::fs::create_dir_all(&store).unwrap_or_else(|e| panic!("{e}"));
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(store.join(".lock"))
        .unwrap_or_else(|e| panic!("{e}"));
    lock.lock().unwrap_or_else(|e| panic!("{e}"));
    let result = run(&["ingest", "tests/data/users", "--store", store.to_str().unwrap_or_default()]);
    assert_eq!(result.code, 2);
    assert_eq!(
        result.stderr.lines().next().unwrap_or(""),
        format!("error: store {} is in use by another adsk-audit command", store.display())
    );
    drop(lock);
    let free = run(&["ingest", "tests/data/users", "--store", store.to_str().unwrap_or_default()]);
    assert_eq!(free.code, 0, "{}", free.stderr);
}

#[test]
fn tenant_names_from_folders_are_checked() {
    let dir = temp();
    let folder = dir.path().join("bad:name");
    std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(root().join("tests/data/users/users-title-case.csv"), folder.join("users.csv"))
        .unwrap_or_else(|e| panic!("{e}"));
    let result = run_in(dir.path(), &["ingest", "bad:name", "--store", "store"]);
    assert_eq!(result.code, 2);
    assert!(result.stderr.contains("tenant `bad:name` is not a safe folder name"), "{}", result.stderr);
    let store = run_in(dir.path(), &["ingest", "bad:name", "--store", "store", "--tenant", ".."]);
    assert_eq!(store.code, 2);
}

#[test]
fn reading_an_empty_or_ambiguous_store_says_what_to_do() {
    let dir = temp();
    let store = dir.path().join("store");
    let store_arg = store.to_str().unwrap_or_default();
    let empty = run(&["query", "SELECT * FROM people", "--store", store_arg]);
    assert_eq!(empty.code, 2);
    assert!(empty.stderr.contains("is empty"), "{}", empty.stderr);
    assert_eq!(run(&["ingest", "tests/data/users", "--store", store_arg, "--tenant", "one"]).code, 0);
    assert_eq!(run(&["ingest", "tests/data/users", "--store", store_arg, "--tenant", "two"]).code, 0);
    let many = run(&["query", "SELECT * FROM people", "--store", store_arg]);
    assert_eq!(many.code, 2);
    assert!(many.stderr.contains("holds several tenants (one, two)"), "{}", many.stderr);
    let one =
        run(&["query", "SELECT COUNT(*) AS n FROM people", "--store", store_arg, "--tenant", "one", "--format", "csv"]);
    assert_eq!(one.stdout, "n\n6\n");
}
