//! The columnar path for Seat Usage CSVs, the one input that reaches millions of rows: polars
//! parses the file and each column is normalized in one pass, instead of a string record and a
//! value vector per row. It yields exactly what the row path yields (a test compares both on
//! every seat-usage fixture) and declines, leaving the file to the row path, whenever a row could
//! span several lines (quotes, carriage returns, blank lines), columns are unknown or repeated,
//! or polars cannot read the file.

use chrono::NaiveDate;
use polars::prelude::*;

use super::grid::RawTable;
use crate::model::tables::ColumnType;
use crate::model::{Field, Table};
use crate::normalize::dates::{self, DateOrder, OrderEvidence};
use crate::normalize::values;
use crate::normalize::{self, Context, NormalizeError, Normalized, Reject};

/// Rows below this go through the row path (nothing to gain).
pub const MIN_ROWS: usize = 10_000;

/// Reads a Seat Usage CSV (already decoded) whose header `head` found; `None` to decline.
pub fn seat_usage(
    text: &str,
    delimiter: u8,
    head: &RawTable,
    context: &Context<'_>,
) -> Option<Result<Normalized, NormalizeError>> {
    // The header is the first line of the text's tail at `header_line`.
    let skip = usize::try_from(head.header_line).ok()?.checked_sub(1)?;
    let start = if skip == 0 { 0 } else { text.match_indices('\n').nth(skip - 1)?.0 + 1 };
    let body = text[start..].split_once('\n')?.1;
    if body.trim_end_matches('\n').matches('\n').count() < MIN_ROWS {
        return None;
    }
    seat_usage_batch(body, delimiter, head, context, head.header_line + 1)
}

/// Reads data records only (no header), the first of them on line `first_line` of the file, with
/// `head`'s columns; `None` to decline (see the module documentation).
pub fn seat_usage_batch(
    body: &str,
    delimiter: u8,
    head: &RawTable,
    context: &Context<'_>,
    first_line: u64,
) -> Option<Result<Normalized, NormalizeError>> {
    if body.contains(['"', '\r']) || body.contains("\n\n") || body.starts_with('\n') {
        return None;
    }
    let used = super::detect::fields_of(crate::model::InputKind::SeatUsage);
    let mut seen = Vec::new();
    for (header, field) in head.headers.iter().zip(&head.fields) {
        let known = field.is_some_and(|f| used.contains(&f));
        if !known || seen.contains(header) || header.is_empty() {
            return None;
        }
        seen.push(header.clone());
    }
    let trimmed = body.trim_end_matches('\n');
    let expected_rows = if trimmed.is_empty() { 0 } else { trimmed.matches('\n').count() + 1 };
    let mut frame = CsvReadOptions::default()
        .with_has_header(false)
        .with_infer_schema_length(Some(0))
        .map_parse_options(|o| o.with_separator(delimiter).with_quote_char(None))
        .into_reader_with_file_handle(std::io::Cursor::new(body.as_bytes()))
        .finish()
        .ok()?;
    if frame.height() != expected_rows || frame.width() != head.headers.len() {
        return None;
    }
    frame.set_column_names(&head.headers.iter().map(String::as_str).collect::<Vec<_>>()).ok()?;
    let skip = usize::try_from(first_line).ok()?.checked_sub(2)?;
    Some(normalize_columns(&frame, head, context, skip))
}

/// A mapped column, borrowed from polars (one chunk).
fn column_of(head: &RawTable, frame: &DataFrame, field: Field) -> Option<(String, StringChunked)> {
    let index = head.column(field)?;
    let header = head.headers.get(index)?.clone();
    let values = frame.column(&header).ok()?.str().ok()?.rechunk().into_owned();
    Some((header, values))
}

/// A cell, trimmed, `None` when empty or a PII placeholder.
fn clean(column: &StringChunked, index: usize) -> Option<&str> {
    column.get(index).and_then(values::clean)
}

fn missing(head: &RawTable, fields: &[Field]) -> (String, String) {
    let names: Vec<String> = fields
        .iter()
        .map(|f| head.column(*f).and_then(|i| head.headers.get(i).cloned()).unwrap_or_else(|| f.name().to_owned()))
        .collect();
    (names.join(" / "), format!("{} is empty", names.join(" or ")))
}

#[allow(clippy::too_many_lines)] // one pass mirroring `kinds::seat_usage`, kept together to compare
fn normalize_columns(
    frame: &DataFrame,
    head: &RawTable,
    context: &Context<'_>,
    skip: usize,
) -> Result<Normalized, NormalizeError> {
    let height = frame.height();
    let empty = || (String::new(), StringChunked::full_null(PlSmallStr::EMPTY, height));
    let (email_header, email) = column_of(head, frame, Field::Email).unwrap_or_else(empty);
    let (_, hashed) = column_of(head, frame, Field::HashedAutodeskId).unwrap_or_else(empty);
    let (day_header, day) = column_of(head, frame, Field::Day).unwrap_or_else(empty);
    let (_, product) = column_of(head, frame, Field::Product).unwrap_or_else(empty);
    let (_, offering) = column_of(head, frame, Field::Offering).unwrap_or_else(empty);
    let (release_header, release) = column_of(head, frame, Field::Release).unwrap_or_else(empty);
    let (_, team) = column_of(head, frame, Field::Team).unwrap_or_else(empty);
    let (_, access) = column_of(head, frame, Field::AccessOption).unwrap_or_else(empty);

    let mut evidence = Vec::new();
    for (index, field) in head.fields.iter().enumerate() {
        if field.is_some_and(normalize::is_date_field) {
            let mut column_evidence = OrderEvidence::default();
            if let Ok(values) = frame.column(&head.headers[index]).and_then(|c| c.str().cloned()) {
                for value in values.iter().flatten() {
                    column_evidence.observe(value);
                }
            }
            evidence.push((head.headers[index].clone(), column_evidence));
        }
    }
    let order = normalize::decide_order(evidence, context.date_order)?;
    let order_used: Option<DateOrder> = order.map(|(o, _)| o);

    let schema = Table::UsageDays.schema();
    let mut text_columns: Vec<StringChunkedBuilder> =
        ["email", "email_display", "hashed_autodesk_id", "team", "product", "offering", "access_option"]
            .iter()
            .map(|n| StringChunkedBuilder::new(PlSmallStr::from_static(n), height))
            .collect();
    let (mut releases, mut days, mut lines) =
        (Vec::with_capacity(height), Vec::with_capacity(height), Vec::with_capacity(height));
    let mut rejects = Vec::new();
    for i in 0..height {
        // Line numbers: the header is line skip + 1; no record spans lines (checked above).
        let line = (skip + i + 2) as u64;
        let mut reject = |column: String, value: String, reason: String| {
            rejects.push(Reject { file: context.source_file.to_owned(), line, column, value, reason });
        };
        let raw_email = email.get(i).unwrap_or("");
        let parsed = match values::email(raw_email) {
            Ok(parsed) => parsed,
            Err(reason) => {
                reject(email_header.clone(), raw_email.to_owned(), reason);
                continue;
            }
        };
        let hashed_id = clean(&hashed, i);
        if parsed.is_none() && hashed_id.is_none() {
            let (column, reason) = missing(head, &[Field::Email, Field::HashedAutodeskId]);
            reject(column, String::new(), reason);
            continue;
        }
        let raw_day = day.get(i).unwrap_or("");
        let parsed_day = match values::clean(raw_day).map(|v| dates::parse(v, order_used)) {
            Some(Ok(date)) => date,
            Some(Err(reason)) => {
                reject(day_header.clone(), raw_day.to_owned(), reason);
                continue;
            }
            None => {
                let (column, reason) = missing(head, &[Field::Day]);
                reject(column, String::new(), reason);
                continue;
            }
        };
        let (product_value, offering_value) = (clean(&product, i), clean(&offering, i));
        if product_value.is_none() && offering_value.is_none() {
            let (column, reason) = missing(head, &[Field::Product, Field::Offering]);
            reject(column, String::new(), reason);
            continue;
        }
        let raw_release = release.get(i).unwrap_or("");
        let release_year = match values::release(raw_release) {
            Ok(year) => year,
            Err(reason) => {
                reject(release_header.clone(), raw_release.to_owned(), reason);
                continue;
            }
        };
        let texts = [
            parsed.as_ref().map(|e| e.key.as_str()),
            parsed.as_ref().map(|e| e.display.as_str()),
            hashed_id,
            clean(&team, i),
            product_value,
            offering_value,
            clean(&access, i),
        ];
        for (builder, value) in text_columns.iter_mut().zip(texts) {
            builder.append_option(value);
        }
        releases.push(release_year.and_then(|y| i32::try_from(y).ok()));
        days.push(Some((parsed_day - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()).num_days() as i32));
        lines.push(Some(line));
    }
    let accepted = lines.len();
    let mut by_name: std::collections::HashMap<&str, Column> = std::collections::HashMap::new();
    for builder in text_columns {
        let series = builder.finish().into_series();
        let name: &'static str =
            schema.columns.iter().map(|(n, _)| *n).find(|n| *n == series.name().as_str()).unwrap_or("extra");
        by_name.insert(name, series.into_column());
    }
    by_name.insert("release", Int32Chunked::new("release".into(), releases).into_series().into_column());
    by_name.insert("day", Int32Chunked::new("day".into(), days).into_date().into_series().into_column());
    by_name.insert("source_line", UInt64Chunked::new("source_line".into(), lines).into_series().into_column());
    let constant =
        |name: &str, value: &str| Column::new_scalar(name.into(), Scalar::from(PlSmallStr::from(value)), accepted);
    by_name.insert("tenant", constant("tenant", context.tenant));
    by_name.insert("source_file", constant("source_file", context.source_file));
    by_name.insert("source_sha256", constant("source_sha256", context.source_sha256));
    let columns: Vec<Column> = schema
        .columns
        .iter()
        .map(|(name, kind)| {
            by_name.remove(name).unwrap_or_else(|| {
                debug_assert_eq!(*kind, ColumnType::Str);
                Column::full_null((*name).into(), accepted, &DataType::String)
            })
        })
        .collect();
    let table = DataFrame::new_infer_height(columns).map_err(|e| NormalizeError::Internal(e.to_string()))?;
    let mut tables = std::collections::BTreeMap::new();
    if accepted > 0 {
        tables.insert(Table::UsageDays, table);
    }
    Ok(Normalized { tables, rows_read: height, accepted, rejects, skipped: Vec::new(), date_order: order, page: None })
}
