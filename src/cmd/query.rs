//! `adsk-audit query`: polars SQL over the canonical tables.

use std::fmt::Write as _;

use anyhow::{Context as _, bail};
use polars::prelude::{IntoLazy, LazyFrame};
use polars::sql::SQLContext;

use super::{Exit, load_source, options};
use crate::cli::QueryArgs;
use crate::export::{self, frame::FrameFormat};
use crate::output;

/// The queries shipped in `queries/`: (name, SQL with its `--` header).
pub const NAMED: &[(&str, &str)] = &[
    ("assignees-not-in-directory", include_str!("../../queries/assignees-not-in-directory.sql")),
    ("seats-by-offering", include_str!("../../queries/seats-by-offering.sql")),
    ("usage-by-product-month", include_str!("../../queries/usage-by-product-month.sql")),
];

/// The first `-- Purpose:` line of a query's header.
fn purpose(sql: &str) -> &str {
    sql.lines().find_map(|l| l.strip_prefix("-- Purpose:")).map_or("", str::trim)
}

fn resolve(query: &str) -> anyhow::Result<String> {
    if let Some((_, sql)) = NAMED.iter().find(|(name, _)| *name == query) {
        return Ok((*sql).to_owned());
    }
    if query.to_lowercase().ends_with(".sql") {
        return Ok(fs_err::read_to_string(query)?);
    }
    let first = query.split_whitespace().next().unwrap_or("").to_uppercase();
    if first == "SELECT" || first == "WITH" {
        return Ok(query.to_owned());
    }
    bail!(
        "`{query}` is neither SQL, a named query nor a .sql file\nhint: `adsk-audit query --list` shows the named queries"
    )
}

pub fn run(args: &QueryArgs, quiet: bool) -> anyhow::Result<Exit> {
    if args.list {
        let mut text = String::new();
        for (name, sql) in NAMED {
            let _ = writeln!(text, "{name:<28} {}", purpose(sql));
        }
        output::data(&text)?;
        return Ok(Exit::Success);
    }
    let sql = resolve(args.query.as_deref().unwrap_or_default())?;
    let (options, _) = options(&args.input)?;
    let loaded = load_source(&args.input, &args.store, args.month.clone(), &options, quiet)?;
    let mut context = SQLContext::new();
    for (table, frame) in &loaded.tables {
        context.register(table.name(), frame.clone());
    }
    // Derived: who is who (machine users, aliases, hashed ids), with the rule behind each link.
    let links = crate::resolve::identity_links(&loaded.tables).context("resolving identities")?;
    context.register("identity_links", links.lazy());
    let mut result =
        context.execute(&sql).and_then(LazyFrame::collect).map_err(|e| anyhow::anyhow!("the query failed: {e}"))?;
    let bytes = match args.format {
        FrameFormat::Table => export::frame::to_table(&result).into_bytes(),
        FrameFormat::Csv => export::frame::to_csv(&mut result)?,
        FrameFormat::Json => export::frame::to_json(&result).into_bytes(),
        FrameFormat::Parquet if args.output.is_none() => bail!("--format parquet needs -o FILE"),
        FrameFormat::Parquet => export::frame::to_parquet(&mut result)?,
    };
    match &args.output {
        Some(path) => export::atomic_write(path, |out| out.write_all(&bytes))
            .with_context(|| format!("writing {}", path.display()))?,
        None => output::data_bytes(&bytes)?,
    }
    Ok(Exit::Success)
}
