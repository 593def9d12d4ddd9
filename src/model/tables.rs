//! The canonical tables (SPEC §3): their names, columns and polars types, and a row-wise
//! builder that turns normalized values into a typed `DataFrame`.
//!
//! Every table carries `tenant`, `source_file`, `source_line` and `source_sha256` (of the file's
//! bytes) so that each finding can point back at the exact input row, and the store can tell two
//! exports saved under the same name apart. Dates are `Date` (findings are day-granular; a time of day in an
//! export is converted to its UTC date). Counts are `Int64`, releases `Int32`.

use chrono::NaiveDate;
use polars::prelude::*;

/// A canonical table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum Table {
    People,
    Logins,
    Directory,
    Subscriptions,
    Assignments,
    UsageDays,
    UsageSummary,
    Machines,
    Installs,
    Checkouts,
    LicenceFeatures,
}

/// The column types canonical tables use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Str,
    Date,
    Int,
    Release,
    Float,
    Bool,
    Line,
}

impl ColumnType {
    fn dtype(self) -> DataType {
        match self {
            ColumnType::Str => DataType::String,
            ColumnType::Date => DataType::Date,
            ColumnType::Int => DataType::Int64,
            ColumnType::Release => DataType::Int32,
            ColumnType::Float => DataType::Float64,
            ColumnType::Bool => DataType::Boolean,
            ColumnType::Line => DataType::UInt64,
        }
    }
}

/// The columns of one canonical table.
#[derive(Debug)]
pub struct TableSchema {
    pub table: Table,
    pub columns: &'static [(&'static str, ColumnType)],
}

use super::schemas::{
    ASSIGNMENTS, CHECKOUTS, DIRECTORY, INSTALLS, LICENCE_FEATURES, LOGINS, MACHINES, PEOPLE, SUBSCRIPTIONS, USAGE_DAYS,
    USAGE_SUMMARY,
};
use ColumnType::{Bool, Date, Float, Int, Line, Release, Str};

impl Table {
    /// Every canonical table.
    pub const ALL: &'static [Table] = &[
        Table::People,
        Table::Logins,
        Table::Directory,
        Table::Subscriptions,
        Table::Assignments,
        Table::UsageDays,
        Table::UsageSummary,
        Table::Machines,
        Table::Installs,
        Table::Checkouts,
        Table::LicenceFeatures,
    ];

    /// The table's name as used in queries and the store.
    pub const fn name(self) -> &'static str {
        match self {
            Table::People => "people",
            Table::Logins => "logins",
            Table::Directory => "directory",
            Table::Subscriptions => "subscriptions",
            Table::Assignments => "assignments",
            Table::UsageDays => "usage_days",
            Table::UsageSummary => "usage_summary",
            Table::Machines => "machines",
            Table::Installs => "installs",
            Table::Checkouts => "checkouts",
            Table::LicenceFeatures => "licence_features",
        }
    }

    /// The table's columns.
    pub const fn schema(self) -> &'static TableSchema {
        match self {
            Table::People => &PEOPLE,
            Table::Logins => &LOGINS,
            Table::Directory => &DIRECTORY,
            Table::Subscriptions => &SUBSCRIPTIONS,
            Table::Assignments => &ASSIGNMENTS,
            Table::UsageDays => &USAGE_DAYS,
            Table::UsageSummary => &USAGE_SUMMARY,
            Table::Machines => &MACHINES,
            Table::Installs => &INSTALLS,
            Table::Checkouts => &CHECKOUTS,
            Table::LicenceFeatures => &LICENCE_FEATURES,
        }
    }

    /// Whether rows carry their own `day` and accumulate as history (usage, licence-server
    /// checkouts), rather than being a snapshot of the month.
    pub const fn is_history(self) -> bool {
        matches!(self, Table::UsageDays | Table::Checkouts)
    }

    /// An empty frame with the table's schema.
    pub fn empty_frame(self) -> DataFrame {
        TableBuilder::new(self).finish()
    }
}

/// One normalized cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Str(String),
    Date(NaiveDate),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl From<Option<String>> for Value {
    fn from(value: Option<String>) -> Self {
        value.map_or(Value::Null, Value::Str)
    }
}

impl From<Option<NaiveDate>> for Value {
    fn from(value: Option<NaiveDate>) -> Self {
        value.map_or(Value::Null, Value::Date)
    }
}

impl From<Option<i64>> for Value {
    fn from(value: Option<i64>) -> Self {
        value.map_or(Value::Null, Value::Int)
    }
}

impl From<Option<f64>> for Value {
    fn from(value: Option<f64>) -> Self {
        value.map_or(Value::Null, Value::Float)
    }
}

impl From<Option<bool>> for Value {
    fn from(value: Option<bool>) -> Self {
        value.map_or(Value::Null, Value::Bool)
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Self {
        Value::Str(value.to_owned())
    }
}

enum Buffer {
    // Arrow string views: short strings inline, no allocation kept per cell.
    Str(StringChunkedBuilder),
    Date(Vec<Option<i32>>),
    Int(Vec<Option<i64>>),
    Release(Vec<Option<i32>>),
    Float(Vec<Option<f64>>),
    Bool(Vec<Option<bool>>),
    Line(Vec<Option<u64>>),
}

fn days_from_epoch(date: NaiveDate) -> i32 {
    // The Unix epoch is a valid date; the subtraction fits i32 for every date chrono accepts.
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    (date - epoch).num_days() as i32
}

/// Collects rows of one table, by column name, and builds its typed frame.
pub struct TableBuilder {
    schema: &'static TableSchema,
    buffers: Vec<Buffer>,
    len: usize,
}

impl TableBuilder {
    pub fn new(table: Table) -> Self {
        let schema = table.schema();
        let buffers = schema
            .columns
            .iter()
            .map(|(name, kind)| match kind {
                Str => Buffer::Str(StringChunkedBuilder::new(PlSmallStr::from_static(name), 0)),
                Date => Buffer::Date(Vec::new()),
                Int => Buffer::Int(Vec::new()),
                Release => Buffer::Release(Vec::new()),
                Float => Buffer::Float(Vec::new()),
                Bool => Buffer::Bool(Vec::new()),
                Line => Buffer::Line(Vec::new()),
            })
            .collect();
        Self { schema, buffers, len: 0 }
    }

    pub fn table(&self) -> Table {
        self.schema.table
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends one row. Columns not named in `values` are null. A value whose type does not
    /// match its column, or a name that is not a column, is a programming error caught by the
    /// unit tests of each reader; it is stored as null rather than panicking.
    pub fn push(&mut self, values: Vec<(&str, Value)>) {
        debug_assert!(
            values.iter().all(|(name, _)| self.schema.columns.iter().any(|(c, _)| c == name)),
            "unknown column in {values:?} for {}",
            self.schema.table.name()
        );
        let mut filled = vec![false; self.buffers.len()];
        for (name, value) in values {
            if let Some(index) = self.schema.columns.iter().position(|(c, _)| *c == name)
                && !filled[index]
            {
                push_value(&mut self.buffers[index], value);
                filled[index] = true;
            }
        }
        for (index, done) in filled.into_iter().enumerate() {
            if !done {
                push_value(&mut self.buffers[index], Value::Null);
            }
        }
        self.len += 1;
    }

    /// Builds the frame.
    pub fn finish(self) -> DataFrame {
        let columns: Vec<Column> = self
            .schema
            .columns
            .iter()
            .zip(self.buffers)
            .map(|((name, kind), buffer)| {
                let name = PlSmallStr::from_static(name);
                let series = match buffer {
                    Buffer::Str(v) => v.finish().into_series(),
                    Buffer::Int(v) => Series::new(name, v),
                    Buffer::Release(v) => Series::new(name, v),
                    Buffer::Float(v) => Series::new(name, v),
                    Buffer::Bool(v) => Series::new(name, v),
                    Buffer::Line(v) => Series::new(name, v),
                    Buffer::Date(v) => Int32Chunked::new(name, v).into_date().into_series(),
                };
                debug_assert_eq!(series.dtype(), &kind.dtype());
                series.into_column()
            })
            .collect();
        // Every column has the same length: `push` appends exactly one value to each buffer.
        DataFrame::new_infer_height(columns).unwrap_or_default()
    }
}

fn push_value(buffer: &mut Buffer, value: Value) {
    match (buffer, value) {
        (Buffer::Str(v), Value::Str(s)) => v.append_value(s),
        (Buffer::Date(v), Value::Date(d)) => v.push(Some(days_from_epoch(d))),
        (Buffer::Int(v), Value::Int(i)) => v.push(Some(i)),
        (Buffer::Release(v), Value::Int(i)) => v.push(i32::try_from(i).ok()),
        (Buffer::Float(v), Value::Float(f)) => v.push(Some(f)),
        (Buffer::Float(v), Value::Int(i)) => v.push(Some(i as f64)),
        (Buffer::Bool(v), Value::Bool(b)) => v.push(Some(b)),
        (Buffer::Line(v), Value::Int(i)) => v.push(u64::try_from(i).ok()),
        (Buffer::Str(v), _) => v.append_null(),
        (Buffer::Date(v) | Buffer::Release(v), _) => v.push(None),
        (Buffer::Int(v), _) => v.push(None),
        (Buffer::Float(v), _) => v.push(None),
        (Buffer::Bool(v), _) => v.push(None),
        (Buffer::Line(v), _) => v.push(None),
    }
}

/// A frame's column as strings (dates as `YYYY-MM-DD`, numbers as text), nulls kept; a missing
/// column is all nulls.
pub fn column_strings(frame: &DataFrame, column: &str) -> Vec<Option<String>> {
    frame
        .column(column)
        .ok()
        .and_then(|c| c.cast(&DataType::String).ok())
        .and_then(|c| c.str().ok().map(|s| s.iter().map(|v| v.map(str::to_owned)).collect()))
        .unwrap_or_else(|| vec![None; frame.height()])
}

/// `source_file:source_line` of every row.
pub fn row_evidence(frame: &DataFrame) -> Vec<String> {
    let (files, lines) = (column_strings(frame, "source_file"), column_strings(frame, "source_line"));
    files
        .iter()
        .zip(&lines)
        .map(|(f, l)| format!("{}:{}", f.as_deref().unwrap_or("?"), l.as_deref().unwrap_or("?")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_builds_its_declared_dtypes() {
        for table in Table::ALL {
            let df = table.empty_frame();
            let schema = table.schema();
            assert_eq!(df.width(), schema.columns.len());
            for (name, kind) in schema.columns {
                assert_eq!(df.column(name).map(|c| c.dtype().clone()).ok(), Some(kind.dtype()));
            }
        }
    }

    #[test]
    fn builder_keeps_values_and_nulls() {
        let mut builder = TableBuilder::new(Table::Subscriptions);
        let start = NaiveDate::from_ymd_opt(2026, 1, 31);
        builder.push(vec![
            ("subscription_id", "S-1".into()),
            ("seat_quantity", Value::Int(5)),
            ("start_date", start.into()),
        ]);
        let df = builder.finish();
        assert_eq!(df.height(), 1);
        let seats = df.column("seat_quantity").and_then(|c| c.i64().cloned());
        assert_eq!(seats.ok().and_then(|c| c.get(0)), Some(5));
        let days = df.column("start_date").and_then(|c| c.cast(&DataType::Int32));
        assert_eq!(days.ok().and_then(|c| c.i32().ok().and_then(|c| c.get(0))), Some(20_484));
        assert!(df.column("end_date").is_ok_and(|c| c.null_count() == 1));
    }
}
