//! A frame as text: a terminal table, CSV or JSON. Dates print as `YYYY-MM-DD`.

use polars::prelude::*;

/// How a frame is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum FrameFormat {
    /// A readable terminal table.
    #[default]
    Table,
    Csv,
    /// One JSON array of row objects.
    Json,
    /// Parquet (needs -o).
    Parquet,
}

fn cell_json(value: &AnyValue<'_>) -> serde_json::Value {
    match value {
        AnyValue::Null => serde_json::Value::Null,
        AnyValue::Boolean(b) => (*b).into(),
        AnyValue::Int8(v) => (*v).into(),
        AnyValue::Int16(v) => (*v).into(),
        AnyValue::Int32(v) => (*v).into(),
        AnyValue::Int64(v) => (*v).into(),
        AnyValue::UInt8(v) => (*v).into(),
        AnyValue::UInt16(v) => (*v).into(),
        AnyValue::UInt32(v) => (*v).into(),
        AnyValue::UInt64(v) => (*v).into(),
        AnyValue::Float32(v) => serde_json::Number::from_f64(f64::from(*v)).map_or(serde_json::Value::Null, Into::into),
        AnyValue::Float64(v) => serde_json::Number::from_f64(*v).map_or(serde_json::Value::Null, Into::into),
        AnyValue::String(s) => (*s).into(),
        AnyValue::StringOwned(s) => s.as_str().into(),
        other => cell_text(other).into(),
    }
}

fn cell_text(value: &AnyValue<'_>) -> String {
    match value {
        AnyValue::Null => String::new(),
        AnyValue::String(s) => (*s).to_owned(),
        AnyValue::StringOwned(s) => s.to_string(),
        other => other.to_string().trim_matches('"').to_owned(),
    }
}

fn rows(df: &DataFrame) -> impl Iterator<Item = Vec<AnyValue<'_>>> + '_ {
    let columns = df.columns();
    (0..df.height()).map(move |i| columns.iter().map(|c| c.get(i).unwrap_or(AnyValue::Null)).collect())
}

/// A terminal table.
pub fn to_table(df: &DataFrame) -> String {
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    table.set_header(df.get_column_names().iter().map(|n| n.as_str()));
    for row in rows(df) {
        table.add_row(row.iter().map(cell_text));
    }
    format!("{table}\n{} row{}\n", df.height(), if df.height() == 1 { "" } else { "s" })
}

/// CSV with a header row.
pub fn to_csv(df: &mut DataFrame) -> PolarsResult<Vec<u8>> {
    let mut bytes = Vec::new();
    CsvWriter::new(&mut bytes).finish(df)?;
    Ok(bytes)
}

/// A JSON array of objects.
pub fn to_json(df: &DataFrame) -> String {
    let names: Vec<String> = df.get_column_names().iter().map(ToString::to_string).collect();
    let array: Vec<serde_json::Value> = rows(df)
        .map(|row| {
            let object = names.iter().cloned().zip(row.iter().map(cell_json)).collect::<serde_json::Map<_, _>>();
            serde_json::Value::Object(object)
        })
        .collect();
    serde_json::to_string_pretty(&array).unwrap_or_else(|_| "[]".to_owned()) + "\n"
}

/// Parquet.
pub fn to_parquet(df: &mut DataFrame) -> PolarsResult<Vec<u8>> {
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes).finish(df)?;
    Ok(bytes)
}
