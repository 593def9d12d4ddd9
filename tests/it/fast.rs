//! The columnar Seat Usage path yields exactly what the row path yields: same frame, same
//! rejects (line, column, value, reason), same counts.

use adsk_audit::ingest::{self, Options};
use adsk_audit::model::Table;

use crate::context::temp;

fn options() -> Options {
    Options { tenant: Some("t".into()), ..Options::built_in().unwrap_or_else(|e| panic!("{e}")) }
}

/// 12,000 rows with every kind of cell the reader judges, good and bad.
fn rows(quoted: bool) -> String {
    let mut text = String::from("Team,hashed_autodesk_id,Email,Product,Offering name,Version,Access option,Day used\n");
    for i in 0..12_000 {
        let team = if quoted && i == 0 { "\"Main\"".to_owned() } else { "Main".to_owned() };
        let email = match i % 9 {
            0 => format!("User{i}@Firm.COM"),
            1 => "*****".to_owned(),
            2 => "not an email".to_owned(),
            _ => format!("user{i}@firm.com"),
        };
        let hashed = if i % 13 == 0 { String::new() } else { format!("h{:05}", i % 700) };
        let day = match i % 11 {
            0 => String::new(),
            1 => "31/12/2025".to_owned(),
            2 => "2026-02-30".to_owned(),
            3 => format!("2026-03-{:02}T08:00:00Z", 1 + i % 28),
            _ => format!("2026-0{}-{:02}", 1 + i % 9, 1 + i % 28),
        };
        let (product, offering) = match i % 17 {
            0 => (String::new(), String::new()),
            1 => (String::new(), "AutoCAD".to_owned()),
            _ => ("Revit".to_owned(), "Architecture Engineering & Construction Collection".to_owned()),
        };
        let version = match i % 19 {
            0 => "20x6".to_owned(),
            1 => "2026.0.0.F".to_owned(),
            _ => "2025".to_owned(),
        };
        let line = [team, hashed, email, product, offering, version, "Subscription".to_owned(), day].join(",");
        text.push_str(&line);
        text.push('\n');
    }
    text
}

#[test]
fn columnar_and_row_paths_agree() {
    let dir = temp();
    let fast = dir.path().join("fast.csv");
    let slow = dir.path().join("slow.csv");
    std::fs::write(&fast, rows(false)).unwrap_or_else(|e| panic!("{e}"));
    // One quoted cell (same value) sends the file down the row path.
    std::fs::write(&slow, rows(true)).unwrap_or_else(|e| panic!("{e}"));
    let read = |path: &std::path::Path| {
        ingest::read_paths(&[path.to_path_buf()], &options()).unwrap_or_else(|e| panic!("{e}"))
    };
    let (a, b) = (read(&fast), read(&slow));
    let (pa, pb) = (&a.files[0].parts[0], &b.files[0].parts[0]);
    assert!(pa.columnar && !pb.columnar, "the plain file is read column-wise, the quoted one row by row");
    assert!(
        pa.rows_read == 12_000 && pa.rejected > 0 && pa.accepted > 0,
        "{} {} {}",
        pa.rows_read,
        pa.accepted,
        pa.rejected
    );
    assert_eq!(
        (pa.rows_read, pa.accepted, pa.rejected, pa.date_order),
        (pb.rows_read, pb.accepted, pb.rejected, pb.date_order)
    );
    let strip = |r: &adsk_audit::normalize::Reject| (r.line, r.column.clone(), r.value.clone(), r.reason.clone());
    assert_eq!(pa.rejects.iter().map(strip).collect::<Vec<_>>(), pb.rejects.iter().map(strip).collect::<Vec<_>>());
    let frame = |inputs: &ingest::Inputs| inputs.frame(Table::UsageDays).drop_many(["source_file", "source_sha256"]);
    let (fa, fb) = (frame(&a), frame(&b));
    assert_eq!(fa.height(), pa.accepted);
    assert!(fa.equals_missing(&fb), "fast:\n{fa}\nrow path:\n{fb}");
    assert_eq!(a.frame(Table::UsageDays).schema(), b.frame(Table::UsageDays).schema());
}
