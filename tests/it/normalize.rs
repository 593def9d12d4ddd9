//! One logical export in three physical forms normalizes to identical frames.

use std::path::PathBuf;

use adsk_audit::ingest::{self, Options};
use adsk_audit::model::Table;
use polars::prelude::DataFrame;

use crate::context::{root, run};

const VARIANTS: [&str; 3] = [
    "tests/data/usage-report/title-case-bom-crlf.csv",
    "tests/data/usage-report/norwegian-semicolon-1252.csv",
    "tests/data/usage-report/excel-unicode-text-utf16le.txt",
];

fn frames(path: &str) -> Vec<(Table, DataFrame)> {
    let options = Options::built_in().unwrap_or_else(|e| panic!("{e}"));
    let inputs = ingest::read_paths(&[root().join(PathBuf::from(path))], &options).unwrap_or_else(|e| panic!("{e}"));
    assert!(!inputs.has_errors(), "{path}");
    [Table::People, Table::Assignments, Table::UsageSummary]
        .into_iter()
        .map(|table| (table, inputs.frame(table).drop_many(["source_file", "source_sha256"])))
        .collect()
}

#[test]
fn title_case_norwegian_1252_and_utf16_give_identical_frames() {
    let expected = frames(VARIANTS[0]);
    assert!(expected.iter().all(|(_, df)| df.height() >= 4));
    for variant in &VARIANTS[1..] {
        for ((table, want), (_, got)) in expected.iter().zip(frames(variant)) {
            assert!(want.equals_missing(&got), "{variant}: {} differs\nwant {want}\ngot {got}", table.name());
        }
    }
}

#[test]
fn binary_prints_the_same_tables_for_every_variant() {
    for table in ["people", "assignments", "usage_summary"] {
        let outputs: Vec<String> = VARIANTS
            .iter()
            .map(|path| {
                let result = run(&["inspect", "-q", path, "--table", table]);
                assert_eq!(result.code, 0, "{path}");
                // Mask the columns that name the file (the only ones that differ).
                let sha = adsk_audit::ingest::sha256_hex(&std::fs::read(root().join(path)).unwrap_or_default());
                result
                    .stdout
                    .lines()
                    .map(|line| line.replace(path, "FILE").replace(&sha, "SHA"))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect();
        assert_eq!(outputs[0], outputs[1], "{table}: Norwegian differs");
        assert_eq!(outputs[0], outputs[2], "{table}: UTF-16 differs");
        if table == "usage_summary" {
            insta::assert_snapshot!(outputs[0]);
        }
    }
}
