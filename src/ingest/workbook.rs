//! Workbooks (XLSX, XLS, XLSB, ODS through calamine) into one [`Grid`] per worksheet.
//!
//! Cells become strings: dates as ISO-8601 (`2026-03-31`, or with `T…` when the cell has a time),
//! whole numbers without a fraction (`49`, not `49.0`), errors as `#ERROR`. Line numbers are
//! worksheet row numbers, so a reject points at the row a user sees in Excel.

use std::io::Cursor;

use calamine::{Data, Reader};
use csv::StringRecord;

use super::grid::{Grid, Row};

/// Refuses a workbook whose parts unpack to more than `limit` bytes (a zip bomb posing as XLSX),
/// judged from the archive's directory before anything is decompressed.
pub fn check_size(bytes: &[u8], limit: u64) -> Result<(), String> {
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // Not a zip (legacy .xls) or a broken one: calamine reports it.
        return Ok(());
    };
    let total = u64::try_from(archive.decompressed_size().unwrap_or(0)).unwrap_or(u64::MAX);
    if total > limit {
        return Err(format!(
            "the workbook unpacks to {} MB, more than the limit of {} MB\nhint: raise it with --max-workbook-mb if the file is genuine",
            total / 1_048_576,
            limit / 1_048_576
        ));
    }
    Ok(())
}

/// Excel's limits: a cell beyond them is a corrupt (or hostile) workbook, refused before any
/// row is padded out to it.
const MAX_COLUMNS: u32 = 16_384;
const MAX_ROWS: u32 = 1_048_576;

thread_local! {
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a panic on this thread happens inside [`read`], which turns it into an error: the
/// binary's panic hook stays quiet for it.
pub fn catching() -> bool {
    CATCHING.with(std::cell::Cell::get)
}

/// Reads every worksheet. The error is calamine's message (truncated or not a workbook). A panic
/// inside calamine (fuzzing found an arithmetic overflow on absurd cell references) is an error
/// too, never a crash.
pub fn read(bytes: Vec<u8>) -> Result<Vec<(String, Grid)>, String> {
    CATCHING.with(|c| c.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_sheets(bytes)));
    CATCHING.with(|c| c.set(false));
    result.unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(ToString::to_string)
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(format!("the workbook reader failed on malformed content ({message})"))
    })
}

fn read_sheets(bytes: Vec<u8>) -> Result<Vec<(String, Grid)>, String> {
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).map_err(|e| format!("sheet `{name}`: {e}"))?;
        if let Some((row, column)) = range.end()
            && (row >= MAX_ROWS || column >= MAX_COLUMNS)
        {
            return Err(format!(
                "sheet `{name}`: a cell at row {}, column {} is beyond Excel's limits ({MAX_ROWS} rows, {MAX_COLUMNS} columns)",
                u64::from(row) + 1,
                u64::from(column) + 1
            ));
        }
        let first_row = range.start().map_or(0, |(row, _)| u64::from(row));
        let first_column = range.start().map_or(0, |(_, column)| column as usize);
        let mut grid = Grid::default();
        for (index, cells) in range.rows().enumerate() {
            // Keep column positions absolute so that column letters in messages are right.
            let mut record: Vec<String> = vec![String::new(); first_column];
            record.extend(cells.iter().map(cell_text));
            grid.rows.push(Row { line: first_row + index as u64 + 1, cells: StringRecord::from(record) });
        }
        sheets.push((name, grid));
    }
    Ok(sheets)
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(stamp) => match stamp.as_datetime() {
            Some(datetime) if datetime.time() == chrono::NaiveTime::MIN => datetime.date().to_string(),
            Some(datetime) => datetime.format("%Y-%m-%dT%H:%M:%S").to_string(),
            None => stamp.as_f64().to_string(),
        },
        Data::Error(error) => format!("#{error:?}").to_uppercase(),
    }
}
