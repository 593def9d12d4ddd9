//! Hostile inputs: each gets a clear error or safe output, never a panic, hang or blow-up.

use std::io::Write as _;

use crate::context::{run, temp};

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    path.to_string_lossy().into_owned()
}

#[test]
fn a_zip_bomb_posing_as_a_workbook_is_refused_before_unpacking() {
    let dir = temp();
    let path = dir.path().join("bomb.xlsx");
    let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut zip = zip::ZipWriter::new(file);
    zip.start_file("xl/worksheets/sheet1.xml", zip::write::SimpleFileOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..5 {
        zip.write_all(&zeros).unwrap_or_else(|e| panic!("{e}"));
    }
    zip.finish().unwrap_or_else(|e| panic!("{e}"));
    let result = run(&["-q", "inspect", path.to_str().unwrap_or_default(), "--max-workbook-mb", "1"]);
    assert_eq!(result.code, 2);
    assert!(result.stdout.contains("the workbook unpacks to 5 MB, more than the limit of 1 MB"), "{}", result.stdout);
}

#[test]
fn ten_thousand_columns_and_a_megabyte_field() {
    let dir = temp();
    let mut header = String::from("Email,First name,Last name,Role");
    for i in 4..10_000 {
        header.push_str(",extra");
        header.push_str(&i.to_string());
    }
    let wide = write(dir.path(), "wide.csv", format!("{header}\na@x.io,A,B,User\n").as_bytes());
    let result = run(&["-q", "inspect", &wide, "--format", "json"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let document: serde_json::Value = serde_json::from_str(&result.stdout).unwrap_or_default();
    assert_eq!(document["files"][0]["parts"][0]["unknown_columns"].as_array().map(Vec::len), Some(9_996));
    let big = "x".repeat(1 << 20);
    let long =
        write(dir.path(), "long.csv", format!("Email,First name,Last name,Role\na@x.io,A,{big},User\n").as_bytes());
    let result = run(&["-q", "inspect", &long, "--table", "people"]);
    assert_eq!(result.code, 0);
    assert!(result.stdout.len() > 1 << 20);
}

#[test]
fn nul_bytes_invalid_utf8_and_deep_json() {
    let dir = temp();
    let nul = write(dir.path(), "nul.csv", b"Email,Role\na@x.io\0,User\n");
    let result = run(&["inspect", &nul]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.starts_with(&format!("error: {nul}: not a text file or workbook (binary content")),
        "{}",
        result.stderr
    );
    // Not UTF-8: read as Windows-1252.
    let latin = write(dir.path(), "latin.csv", b"Email,First name,Role\nmaria@x.io,M\xfcller,User\n");
    let result = run(&["-q", "inspect", &latin, "--table", "people"]);
    assert_eq!(result.code, 0);
    assert!(result.stdout.contains("Müller"));
    let deep = write(dir.path(), "deep.json", "[".repeat(100_000).as_bytes());
    let result = run(&["inspect", &deep]);
    assert_eq!(result.code, 2, "a clear error, not a stack overflow: {}", result.stderr);
}

#[test]
fn formulas_from_input_are_written_as_text() {
    use calamine::{Data, Reader, open_workbook_auto};
    let dir = temp();
    let subscriptions = write(
        dir.path(),
        "subscriptions.csv",
        b"subscription_id,offering_name,seat_quantity,start_date,end_date,subscription_status,team_alias\n=1+1,=SUM(A1:A9),5,2026-01-01,2027-12-31,active,@team\n",
    );
    let output = dir.path().join("findings.xlsx");
    let result = run(&[
        "-q",
        "reconcile",
        &subscriptions,
        "--as-of",
        "2026-11-30",
        "--format",
        "xlsx",
        "-o",
        output.to_str().unwrap_or_default(),
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let mut workbook = open_workbook_auto(&output).unwrap_or_else(|e| panic!("{e}"));
    let formulas = workbook.worksheet_formula("Findings").unwrap_or_else(|e| panic!("{e}"));
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no cell holds a formula");
    let values = workbook.worksheet_range("Findings").unwrap_or_else(|e| panic!("{e}"));
    let subject = values.get_value((1, 4));
    assert_eq!(subject, Some(&Data::String("=SUM(A1:A9)".to_owned())));
}

#[test]
fn a_workbook_that_made_the_xlsx_reader_panic_is_an_error() {
    // Found by fuzzing (fuzz/seat_usage): a cell reference whose column letters overflow
    // calamine's arithmetic. With overflow checks (debug) calamine panics; adsk-audit reports
    // the file as unreadable either way, and prints no panic.
    let path = "tests/data/bad/fuzz-cell-reference-overflow.xlsx";
    let result = run(&["inspect", path]);
    assert_eq!(result.code, 2, "{}", result.stderr);
    assert!(result.stderr.starts_with(&format!("error: {path}: not a readable workbook: ")), "{}", result.stderr);
    assert!(!result.stderr.contains("panicked"), "{}", result.stderr);
}
