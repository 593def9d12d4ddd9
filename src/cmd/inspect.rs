//! `adsk-audit inspect`: what each input is and how it reads.

use std::fmt::Write as _;

use anyhow::Context as _;
use polars::prelude::{CsvWriter, SerWriter};
use serde::Serialize;

use super::{Exit, finish, read_inputs};
use crate::cli::{InspectArgs, InspectFormat};
use crate::export;
use crate::ingest::{FileReport, Inputs, PartReport};
use crate::output;

#[derive(Serialize)]
struct Totals {
    files: usize,
    read: usize,
    passed_over: usize,
    errors: usize,
    rows_read: usize,
    accepted: usize,
    rejected: usize,
    skipped: usize,
}

fn totals(inputs: &Inputs) -> Totals {
    Totals {
        files: inputs.files.len(),
        read: inputs.files.iter().filter(|f| !f.parts.is_empty()).count(),
        passed_over: inputs.files.iter().filter(|f| f.skipped.is_some()).count(),
        errors: inputs.files.iter().filter(|f| f.error.is_some()).count(),
        rows_read: inputs.files.iter().map(FileReport::rows_read).sum(),
        accepted: inputs.files.iter().map(FileReport::accepted).sum(),
        rejected: inputs.files.iter().map(FileReport::rejected).sum(),
        skipped: inputs.files.iter().map(FileReport::skipped_rows).sum(),
    }
}

pub fn run(args: &InspectArgs, quiet: bool) -> anyhow::Result<Exit> {
    let inputs = read_inputs(&args.input, quiet)?;
    if let Some(path) = &args.rejects {
        let rejects = inputs.files.iter().flat_map(|f| &f.parts).flat_map(|p| &p.rejects);
        export::atomic_write(path, |out| export::write_rejects(out, rejects))
            .with_context(|| format!("writing rejects to {}", path.display()))?;
    }
    if let Some(table) = args.table {
        let mut frame = inputs.frame(table);
        let mut buffer = Vec::new();
        CsvWriter::new(&mut buffer).finish(&mut frame)?;
        output::data_bytes(&buffer)?;
    } else {
        match args.format {
            InspectFormat::Json => {
                #[derive(Serialize)]
                struct Document<'a> {
                    files: &'a [FileReport],
                    totals: Totals,
                }
                let document = Document { files: &inputs.files, totals: totals(&inputs) };
                output::data(&(serde_json::to_string_pretty(&document)? + "\n"))?;
            }
            InspectFormat::Text => output::data(&render(&inputs, args.show_rejects))?,
        }
    }
    finish(&inputs, args.input.strict)
}

fn render(inputs: &Inputs, show_rejects: usize) -> String {
    let mut text = String::new();
    for file in &inputs.files {
        render_file(&mut text, file, show_rejects);
        text.push('\n');
    }
    let t = totals(inputs);
    let _ = writeln!(
        text,
        "{} file{}: {} read, {} passed over, {} error{} · {} rows read = {} accepted + {} rejected + {} skipped",
        t.files,
        if t.files == 1 { "" } else { "s" },
        t.read,
        t.passed_over,
        t.errors,
        if t.errors == 1 { "" } else { "s" },
        t.rows_read,
        t.accepted,
        t.rejected,
        t.skipped
    );
    text
}

fn render_file(text: &mut String, file: &FileReport, show_rejects: usize) {
    let _ = writeln!(text, "{}", file.path);
    if let Some(error) = &file.error {
        let _ = writeln!(text, "  error     {}", error.replace('\n', "\n            "));
        return;
    }
    if let Some(reason) = &file.skipped {
        let _ = writeln!(text, "  passed over: {reason}");
        return;
    }
    let _ = writeln!(text, "  format    {} · tenant {}", file.format, file.tenant);
    for ignored in &file.ignored {
        let _ = writeln!(text, "  ignored   {ignored}");
    }
    for part in &file.parts {
        render_part(text, part, show_rejects);
    }
}

fn render_part(text: &mut String, part: &PartReport, show_rejects: usize) {
    let mut line = |label: &str, value: String| {
        let _ = writeln!(text, "  {label:<9} {value}");
    };
    if !part.origin.is_empty() {
        line("part", part.origin.clone());
    }
    let next = part.runner_up.map_or_else(String::new, |s| format!("; next {} {:.2}", s.kind, s.confidence));
    line("kind", format!("{} ({}, confidence {:.2}{next})", part.kind, part.kind_from, part.confidence));
    if !part.columns.is_empty() {
        let header_at = if part.header_line == 0 {
            "none (columns found by their e-mail cells)".to_owned()
        } else {
            format!("line {}", part.header_line)
        };
        line("header", header_at);
    }
    for (index, column) in part.columns.iter().filter(|c| !c.header.is_empty()).enumerate() {
        let label = if index == 0 { "columns" } else { "" };
        let target = match column.field {
            Some(field) if !part.unknown_columns.contains(&column.header) => field.name().to_owned(),
            _ => "(unknown, kept in extra)".to_owned(),
        };
        line(label, format!("{} → {target}", column.header));
    }
    if let (Some(order), Some(from)) = (part.date_order, part.date_order_from) {
        line("dates", format!("slashed dates read as {} ({from})", order.pattern()));
    }
    if !part.columns.iter().any(|c| c.field == Some(crate::model::Field::Email))
        && part.kind == crate::model::InputKind::Assignments
    {
        line(
            "e-mail",
            "no e-mail column: addresses taken from other cells (mailto links, \"Name <address>\")".to_owned(),
        );
    }
    if let Some(page) = part.page.as_ref().filter(|_| part.page_searched) {
        let offering =
            page.offering.as_ref().map_or("not found".to_owned(), |f| format!("`{}` from {}", f.value, f.from));
        let team = page.team.as_ref().map_or("not found".to_owned(), |f| format!("`{}` from {}", f.value, f.from));
        let seats = page
            .seats
            .as_ref()
            .map_or("not found".to_owned(), |f| format!("{} of {} assigned, from {}", f.value.0, f.value.1, f.from));
        line("page", format!("offering {offering}"));
        line("", format!("team {team}"));
        line("", format!("seats {seats}"));
    }
    line(
        "rows",
        format!(
            "{} read = {} accepted + {} rejected + {} skipped",
            part.rows_read, part.accepted, part.rejected, part.skipped
        ),
    );
    let tables: Vec<String> = part.tables.iter().map(|(t, n)| format!("{} {n}", t.name())).collect();
    line("tables", if tables.is_empty() { "none".to_owned() } else { tables.join(" · ") });
    for (index, reject) in part.rejects.iter().take(show_rejects).enumerate() {
        let label = if index == 0 { "rejects" } else { "" };
        let place = if reject.column.is_empty() {
            format!("line {}", reject.line)
        } else {
            format!("line {}, `{}` = `{}`", reject.line, reject.column, reject.value)
        };
        line(label, format!("{place}: {}", reject.reason));
    }
    if part.rejects.len() > show_rejects {
        line("", format!("… and {} more (--rejects FILE writes them all)", part.rejects.len() - show_rejects));
    }
    for (index, skipped) in part.skipped_rows.iter().take(show_rejects).enumerate() {
        let label = if index == 0 { "skipped" } else { "" };
        line(label, format!("line {}: {}", skipped.line, skipped.reason));
    }
}
