//! Raw tables → canonical frames. Each input kind has a row function that reads the fields it
//! knows through a [`RowReader`] and returns the canonical rows it yields; the driver here adds
//! `tenant`, `source_file`, `source_line` and the unknown columns (`extra`), decides the file's
//! date order, and accounts for every row: accepted, rejected (with column, value and reason) or
//! skipped (a label row in a pasted page).

pub mod dates;
mod kinds;
pub mod page;
pub mod synonyms;
pub mod values;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use polars::prelude::{Column, DataFrame, PlSmallStr, Scalar};
use serde::Serialize;

use crate::ingest::grid::{RawTable, Row};
pub use crate::model::tables::{TableBuilder, Value};
use crate::model::{Field, InputKind, Table};
use dates::{DateOrder, OrderEvidence};
pub use page::PageInfo;

/// What the normalizer needs besides the table.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    pub tenant: &'a str,
    pub source_file: &'a str,
    /// SHA-256 of the file's bytes, hex.
    pub source_sha256: &'a str,
    pub catalog: &'a crate::catalog::Catalog,
    /// `--date-order`, when given.
    pub date_order: Option<DateOrder>,
}

/// One input row that was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reject {
    pub file: String,
    pub line: u64,
    pub column: String,
    pub value: String,
    pub reason: String,
}

/// A file-level problem that stops normalization of a table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NormalizeError {
    #[error(
        "the day/month order of {columns} cannot be told from the data (every day is 12 or less)\nhint: pass --date-order dmy or --date-order mdy"
    )]
    AmbiguousDates { columns: String },
    #[error(
        "{first} shows day-first dates but {second} shows month-first dates\nhint: pass --date-order dmy or --date-order mdy"
    )]
    ConflictingDates { first: String, second: String },
    #[error("could not build a table: {0}")]
    Internal(String),
}

/// The outcome of normalizing one raw table.
#[derive(Debug, Default)]
pub struct Normalized {
    pub tables: BTreeMap<Table, DataFrame>,
    pub rows_read: usize,
    pub accepted: usize,
    pub rejects: Vec<Reject>,
    pub skipped: Vec<(u64, String)>,
    /// The day/month order used for slashed dates, and whether data proved it or a flag set it.
    pub date_order: Option<(DateOrder, &'static str)>,
    /// What a page's preamble said (assignments only).
    pub page: Option<PageInfo>,
}

/// Why one cell stops its row.
#[derive(Debug)]
pub struct CellError {
    pub column: String,
    pub value: String,
    pub reason: String,
}

/// What a row function makes of a row.
pub enum RowOutcome {
    Rows(Vec<(Table, Vec<(&'static str, Value)>)>),
    Skip(String),
}

/// Typed access to one row's cells by field.
pub struct RowReader<'a> {
    table: &'a RawTable,
    row: &'a Row,
    order: Option<DateOrder>,
}

impl<'a> RowReader<'a> {
    fn cell(&self, field: Field) -> Option<(usize, &'a str)> {
        let index = self.table.column(field)?;
        Some((index, self.row.cells.get(index).unwrap_or("")))
    }

    fn error(&self, index: usize, value: &str, reason: impl Into<String>) -> CellError {
        CellError {
            column: self.table.headers.get(index).cloned().unwrap_or_default(),
            value: value.to_owned(),
            reason: reason.into(),
        }
    }

    /// An error for a missing value (no column, or an empty cell).
    pub fn missing(&self, fields: &[Field]) -> CellError {
        let names: Vec<String> = fields
            .iter()
            .map(|f| {
                self.table
                    .column(*f)
                    .and_then(|i| self.table.headers.get(i).cloned())
                    .unwrap_or_else(|| f.name().to_owned())
            })
            .collect();
        CellError {
            column: names.join(" / "),
            value: String::new(),
            reason: format!("{} is empty", names.join(" or ")),
        }
    }

    /// The trimmed cell, `None` when empty or a PII placeholder.
    pub fn text(&self, field: Field) -> Option<String> {
        self.cell(field).and_then(|(_, cell)| values::clean(cell)).map(str::to_owned)
    }

    /// The trimmed cell, lower-cased (statuses, activity flags).
    pub fn lower(&self, field: Field) -> Option<String> {
        self.text(field).map(|t| t.to_lowercase())
    }

    pub fn raw(&self, index: usize) -> &'a str {
        self.row.cells.get(index).unwrap_or("")
    }

    pub fn cells(&self) -> impl Iterator<Item = &'a str> + 'a {
        self.row.cells.iter()
    }

    fn parsed<T>(
        &self,
        field: Field,
        parse: impl Fn(&str) -> Result<Option<T>, String>,
    ) -> Result<Option<T>, CellError> {
        match self.cell(field) {
            None => Ok(None),
            Some((index, cell)) => parse(cell).map_err(|reason| self.error(index, cell, reason)),
        }
    }

    pub fn email(&self, field: Field) -> Result<Option<values::Email>, CellError> {
        self.parsed(field, values::email)
    }

    pub fn integer(&self, field: Field) -> Result<Option<i64>, CellError> {
        self.parsed(field, values::integer)
    }

    pub fn decimal(&self, field: Field) -> Result<Option<f64>, CellError> {
        self.parsed(field, values::decimal)
    }

    pub fn release(&self, field: Field) -> Result<Option<i64>, CellError> {
        self.parsed(field, values::release)
    }

    pub fn flag(&self, field: Field) -> Result<Option<bool>, CellError> {
        self.parsed(field, values::flag)
    }

    pub fn account_control(&self) -> Result<Option<bool>, CellError> {
        self.parsed(Field::UserAccountControl, values::account_control_enabled)
    }

    pub fn date(&self, field: Field) -> Result<Option<NaiveDate>, CellError> {
        self.parsed(field, |cell| match values::clean(cell) {
            None => Ok(None),
            Some(value) => dates::parse(value, self.order).map(Some),
        })
    }
}

const DATE_FIELDS: &[Field] = &[
    Field::AssignedDate,
    Field::UnassignedDate,
    Field::LastAccessed,
    Field::Day,
    Field::InvitedDate,
    Field::StartDate,
    Field::EndDate,
    Field::AutorenewDate,
];

/// Decides the day/month order for the whole table from its date columns.
fn date_order(table: &RawTable, flag: Option<DateOrder>) -> Result<Option<(DateOrder, &'static str)>, NormalizeError> {
    let mut columns = Vec::new();
    for (index, field) in table.fields.iter().enumerate() {
        if !field.is_some_and(|f| DATE_FIELDS.contains(&f)) {
            continue;
        }
        let mut evidence = OrderEvidence::default();
        for row in &table.rows {
            evidence.observe(row.cells.get(index).unwrap_or(""));
        }
        columns.push((table.headers[index].clone(), evidence));
    }
    decide_order(columns, flag)
}

/// Whether a field holds dates (and so takes part in the file's day/month decision).
pub fn is_date_field(field: Field) -> bool {
    DATE_FIELDS.contains(&field)
}

/// The file's day/month order from each date column's evidence (header, evidence).
pub fn decide_order(
    columns: Vec<(String, OrderEvidence)>,
    flag: Option<DateOrder>,
) -> Result<Option<(DateOrder, &'static str)>, NormalizeError> {
    let mut proven: Vec<(String, DateOrder)> = Vec::new();
    let mut undecided: Vec<String> = Vec::new();
    for (header, evidence) in columns {
        let name = format!("column `{header}`");
        match evidence.proven() {
            Some(order) => proven.push((name, order)),
            None if evidence.proves_dmy && evidence.proves_mdy => {
                proven.extend([(name.clone(), DateOrder::Dmy), (name, DateOrder::Mdy)]);
            }
            None if evidence.needs_order => undecided.push(name),
            None => {}
        }
    }
    if let Some(order) = flag {
        return Ok(Some((order, "--date-order")));
    }
    let dmy = proven.iter().find(|(_, o)| *o == DateOrder::Dmy);
    let mdy = proven.iter().find(|(_, o)| *o == DateOrder::Mdy);
    match (dmy, mdy) {
        (Some(first), Some(second)) => {
            Err(NormalizeError::ConflictingDates { first: first.0.clone(), second: second.0.clone() })
        }
        (Some((_, order)), None) | (None, Some((_, order))) => Ok(Some((*order, "proven by the data"))),
        (None, None) if undecided.is_empty() => Ok(None),
        (None, None) => Err(NormalizeError::AmbiguousDates { columns: undecided.join(", ") }),
    }
}

fn extra_json(table: &RawTable, row: &Row, used: &[Field]) -> Option<String> {
    let mut extra = serde_json::Map::new();
    for (index, header) in table.headers.iter().enumerate() {
        let known = table.fields[index].is_some_and(|f| used.contains(&f));
        let value = row.cells.get(index).unwrap_or("").trim();
        if !known && !value.is_empty() {
            let key = if header.is_empty() { format!("column {}", index + 1) } else { header.clone() };
            extra.insert(key, serde_json::Value::String(value.to_owned()));
        }
    }
    (!extra.is_empty()).then(|| serde_json::Value::Object(extra).to_string())
}

/// The header columns a kind does not read (kept in `extra`).
pub fn unknown_columns(table: &RawTable, kind: InputKind) -> Vec<String> {
    let used = crate::ingest::detect::fields_of(kind);
    table
        .headers
        .iter()
        .zip(&table.fields)
        .filter(|(header, field)| !header.is_empty() && !field.is_some_and(|f| used.contains(&f)))
        .map(|(header, _)| header.clone())
        .collect()
}

/// Collects canonical rows, rejects and skips for one input part, and accounts for them.
pub struct Collector<'a> {
    context: &'a Context<'a>,
    builders: BTreeMap<Table, TableBuilder>,
    outcome: Normalized,
}

impl<'a> Collector<'a> {
    pub fn new(context: &'a Context<'a>) -> Self {
        Self { context, builders: BTreeMap::new(), outcome: Normalized::default() }
    }

    pub fn catalog(&self) -> &crate::catalog::Catalog {
        self.context.catalog
    }

    /// One input row accepted, yielding these canonical rows.
    pub fn accept(&mut self, line: u64, rows: Vec<(Table, Vec<(&'static str, Value)>)>, extra: Option<&String>) {
        self.outcome.rows_read += 1;
        self.outcome.accepted += 1;
        let line = Value::Int(i64::try_from(line).unwrap_or(i64::MAX));
        // tenant, source_file and source_sha256 are the same for every row: filled in `finish`.
        for (target, mut values) in rows {
            values.push(("source_line", line.clone()));
            if let Some(extra) = extra.filter(|_| target.schema().columns.iter().any(|(c, _)| *c == "extra")) {
                values.push(("extra", Value::Str(extra.clone())));
            }
            self.builders.entry(target).or_insert_with(|| TableBuilder::new(target)).push(values);
        }
    }

    /// One input row rejected.
    pub fn reject(&mut self, line: u64, error: CellError) {
        self.outcome.rows_read += 1;
        self.outcome.rejects.push(Reject {
            file: self.context.source_file.to_owned(),
            line,
            column: error.column,
            value: error.value,
            reason: error.reason,
        });
    }

    /// One input row that holds no data by its format's rules.
    pub fn skip(&mut self, line: u64, reason: String) {
        self.outcome.rows_read += 1;
        self.outcome.skipped.push((line, reason));
    }

    pub fn finish(mut self) -> Normalized {
        let constants = [
            ("tenant", self.context.tenant),
            ("source_file", self.context.source_file),
            ("source_sha256", self.context.source_sha256),
        ];
        self.outcome.tables = self
            .builders
            .into_iter()
            .map(|(table, builder)| {
                let mut frame = builder.finish();
                let height = frame.height();
                for (name, value) in constants {
                    // Every canonical table has these columns (a unit test of `tables` checks).
                    let _ = frame.with_column(Column::new_scalar(
                        name.into(),
                        Scalar::from(PlSmallStr::from(value)),
                        height,
                    ));
                }
                (table, frame)
            })
            .collect();
        self.outcome
    }
}

/// Normalizes one raw table of a known kind. Its rows are consumed as they are read, so that
/// their memory goes back while the canonical columns grow.
pub fn normalize(table: &mut RawTable, kind: InputKind, context: &Context<'_>) -> Result<Normalized, NormalizeError> {
    let order = date_order(table, context.date_order)?;
    let page = (kind == InputKind::Assignments).then(|| PageInfo::from_preamble(&table.preamble));
    let used = crate::ingest::detect::fields_of(kind);
    let mut collector = Collector::new(context);
    for (line, reason) in &table.dropped {
        collector.reject(*line, CellError { column: String::new(), value: String::new(), reason: reason.clone() });
    }
    let rows = std::mem::take(&mut table.rows);
    let table: &RawTable = table;
    for row in rows {
        let row = &row;
        let reader = RowReader { table, row, order: order.map(|(o, _)| o) };
        let result = match kind {
            InputKind::UsageReport => kinds::usage_report(&reader),
            InputKind::SeatUsage => kinds::seat_usage(&reader),
            InputKind::Users => kinds::users(&reader),
            InputKind::Subscriptions => kinds::subscriptions(&reader),
            InputKind::Assignments => kinds::assignments(&reader, page.as_ref()),
            InputKind::Directory => kinds::directory(&reader),
            InputKind::Inventory => kinds::inventory(&reader, context),
            // Not tabular: read by `ingest::workstation`, never through a header row.
            InputKind::HelperList | InputKind::LgsTree | InputKind::FlexlmLog | InputKind::LicenseFile => {
                Ok(RowOutcome::Skip(format!("{kind} is not a table")))
            }
        };
        match result {
            Ok(RowOutcome::Rows(rows)) => collector.accept(row.line, rows, extra_json(table, row, &used).as_ref()),
            Ok(RowOutcome::Skip(reason)) => collector.skip(row.line, reason),
            Err(error) => collector.reject(row.line, error),
        }
    }
    let mut outcome = collector.finish();
    outcome.date_order = order;
    outcome.page = page;
    Ok(outcome)
}
