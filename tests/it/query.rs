//! `adsk-audit query`: every named query, SQL from files and the command line, formats.

use crate::context::{run, temp};

#[test]
fn list_names_every_query_with_its_purpose() {
    let result = run(&["query", "--list"]);
    assert_eq!(result.code, 0);
    insta::assert_snapshot!(result.stdout);
}

#[test]
fn every_named_query_runs_on_the_example_tenant() {
    for name in ["assignees-not-in-directory", "seats-by-offering", "usage-by-product-month"] {
        let result = run(&["-q", "query", name, "examples/brightline", "--format", "csv"]);
        assert_eq!(result.code, 0, "{name}: {}", result.stderr);
        insta::assert_snapshot!(name, result.stdout);
    }
}

#[test]
fn store_and_files_give_the_same_answer() {
    let dir = temp();
    let store = dir.path().join("store");
    let store_arg = store.to_str().unwrap_or_default();
    assert_eq!(run(&["-q", "ingest", "examples/brightline", "--store", store_arg]).code, 0);
    for name in ["seats-by-offering", "usage-by-product-month"] {
        let from_files = run(&["-q", "query", name, "examples/brightline", "--format", "csv"]);
        let from_store = run(&["query", name, "--store", store_arg, "--format", "csv"]);
        assert_eq!(from_store.code, 0, "{}", from_store.stderr);
        assert_eq!(from_files.stdout, from_store.stdout, "{name}");
    }
}

#[test]
fn json_table_and_file_outputs() {
    let sql = "SELECT subscription_id, seat_quantity, end_date FROM subscriptions ORDER BY subscription_id";
    let json = run(&["-q", "query", sql, "tests/data/subscriptions/subscriptions-french-dmy.csv", "--format", "json"]);
    assert_eq!(
        json.stdout,
        "[\n  {\n    \"subscription_id\": \"SUB-2001\",\n    \"seat_quantity\": 5,\n    \"end_date\": \"2027-01-31\"\n  },\n  {\n    \"subscription_id\": \"SUB-2002\",\n    \"seat_quantity\": 2,\n    \"end_date\": \"2027-02-01\"\n  }\n]\n"
    );
    let table = run(&["-q", "query", sql, "tests/data/subscriptions/subscriptions-french-dmy.csv"]);
    insta::assert_snapshot!(table.stdout);
    let dir = temp();
    let file = dir.path().join("q.sql");
    std::fs::write(&file, "-- Purpose: test\nSELECT COUNT(*) AS n FROM usage_days").unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("out.csv");
    let result = run(&[
        "-q",
        "query",
        file.to_str().unwrap_or_default(),
        "examples/brightline",
        "--format",
        "csv",
        "-o",
        out.to_str().unwrap_or_default(),
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(result.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&out).unwrap_or_default(), "n\n1604\n");
}

#[test]
fn bad_queries_are_errors() {
    let unknown = run(&["-q", "query", "no-such-query", "examples/brightline"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.starts_with("error: `no-such-query` is neither SQL, a named query nor a .sql file"));
    let broken = run(&["-q", "query", "SELECT nope FROM people", "examples/brightline"]);
    assert_eq!(broken.code, 2);
    assert!(broken.stderr.starts_with("error: the query failed:"), "{}", broken.stderr);
}

#[test]
fn count_star_works_on_every_table() {
    // polars 0.55 fails COUNT(*) over union plans; the merged installs are one once collected.
    for (table, rows) in [("installs", "69"), ("machines", "92"), ("usage_days", "1604"), ("people", "117")] {
        let sql = format!("SELECT COUNT(*) AS n FROM {table}");
        let result = run(&["-q", "query", &sql, "examples/brightline", "--format", "csv"]);
        assert_eq!(result.code, 0, "{table}: {}", result.stderr);
        assert_eq!(result.stdout, format!("n\n{rows}\n"), "{table}");
    }
}
