//! Reading input files: container → raw tables → detected kind → canonical frames, with a report
//! per file of everything that happened (what `inspect` prints and every command summarises).

pub mod decode;
pub mod delimited;
pub mod detect;
mod fast;
mod files;
pub mod grid;
pub mod html;
pub mod parallel;
mod report;
pub mod stream;
pub mod workbook;
pub mod workstation;

use std::path::Path;

use polars::prelude::DataFrame;

use crate::model::{InputKind, Table};
use crate::normalize::dates::DateOrder;
use crate::normalize::synonyms::Synonyms;
use crate::normalize::{self, Context};
use decode::Content;
use detect::{Evidence, Score, Verdict};
pub use files::{expand, read_paths};
use grid::{Grid, RawTable};
pub use report::{ColumnMapping, FileReport, Inputs, PartReport, SkippedRow};

/// How to read inputs.
#[derive(Debug, Clone)]
pub struct Options {
    pub synonyms: Synonyms,
    pub catalog: crate::catalog::Catalog,
    /// `--kind`: skip detection.
    pub kind: Option<InputKind>,
    /// `--tenant`; otherwise a folder argument's name, else `default`.
    pub tenant: Option<String>,
    pub date_order: Option<DateOrder>,
    /// A workbook whose parts unpack to more than this is refused (zip bombs).
    pub max_workbook_bytes: u64,
    /// Seat Usage CSVs of at least this many bytes are read in batches ([`stream`]); `u64::MAX`: never.
    pub stream_bytes: u64,
}

impl Options {
    /// The built-in synonyms and catalog, detection on, no flags.
    pub fn built_in() -> Result<Self, String> {
        Ok(Self {
            synonyms: Synonyms::built_in().map_err(|e| e.to_string())?,
            catalog: crate::catalog::Catalog::built_in().map_err(|e| e.to_string())?,
            kind: None,
            tenant: None,
            date_order: None,
            max_workbook_bytes: DEFAULT_MAX_WORKBOOK_MB * 1_048_576,
            stream_bytes: stream::DEFAULT_STREAM_MB * 1_048_576,
        })
    }
}

/// The default for [`Options::max_workbook_bytes`]: 1 GiB (`--max-workbook-mb`).
pub const DEFAULT_MAX_WORKBOOK_MB: u64 = 1024;

/// Why a file yields nothing: `Unrecognised` files found in a folder are passed over,
/// everything else is an error.
enum Failure {
    Unrecognised(String),
    Error(String),
}

/// A file's bytes; a copied licensing tree's archive (the JSON its reader reads and the store keeps).
pub fn load_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    if path.is_dir() { Ok(workstation::lgs::archive(path)) } else { fs_err::read(path) }
}

/// SHA-256 of bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    use std::fmt::Write as _;
    let mut hex = String::with_capacity(64);
    for byte in sha2::Sha256::digest(bytes) {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// Reads one file into its report and frames.
pub fn read_file(
    path: &Path,
    tenant: &str,
    explicit: bool,
    options: &Options,
) -> (FileReport, Vec<(Table, DataFrame)>) {
    let display = path.display().to_string();
    let size = if path.is_dir() { 0 } else { fs_err::metadata(path).map_or(0, |m| m.len()) };
    if size >= options.stream_bytes
        && let Some(read) = read_streamed(path, &display, tenant, options)
    {
        return read;
    }
    match load_bytes(path) {
        Ok(bytes) => read_bytes(&display, bytes, tenant, explicit, options),
        Err(error) => {
            let mut report = FileReport::new(&display, String::new(), tenant);
            report.error = Some(error.to_string());
            (report, Vec::new())
        }
    }
}

/// Reads a huge Seat Usage CSV in batches: what [`read_bytes`] would give, without ever holding
/// the text, its parsed columns and the canonical rows at once. `None`: it does not stream.
fn read_streamed(
    path: &Path,
    display: &str,
    tenant: &str,
    options: &Options,
) -> Option<(FileReport, Vec<(Table, DataFrame)>)> {
    let sha256 = stream::sha256_file(path).ok()?;
    let (mut batches, mut rejects) = (Vec::new(), Vec::new());
    let mut report = stream::read(path, display, &sha256, tenant, options, stream::BATCH_BYTES, |batch| {
        batches.extend(batch.rows);
        rejects.extend(batch.rejects);
        Ok(())
    })
    .ok()??;
    if let Some(part) = report.parts.first_mut() {
        part.rejects = rejects;
    }
    match stack(batches) {
        Ok(Some(rows)) => Some((report, vec![(Table::UsageDays, rows)])),
        Ok(None) => Some((report, Vec::new())),
        Err(error) => {
            report.error = Some(error.to_string());
            report.parts.clear();
            Some((report, Vec::new()))
        }
    }
}

/// Stacks a file's batches. The columns that are one value for the whole file (tenant, source
/// file, hash) stay one value: stacked, they would be materialized for every row.
fn stack(batches: Vec<DataFrame>) -> polars::prelude::PolarsResult<Option<DataFrame>> {
    use polars::prelude::{Column, Scalar};
    const CONSTANT: [&str; 3] = ["tenant", "source_file", "source_sha256"];
    let mut constants = Vec::new();
    let mut stacked: Option<DataFrame> = None;
    for mut batch in batches {
        if constants.is_empty() {
            for name in CONSTANT {
                let value = batch.column(name)?.get(0)?.into_static();
                constants.push((name, value));
            }
        }
        for name in CONSTANT {
            batch.drop_in_place(name)?;
        }
        match &mut stacked {
            Some(rows) => {
                rows.vstack_mut_owned(batch)?;
            }
            None => stacked = Some(batch),
        }
    }
    let Some(mut rows) = stacked else { return Ok(None) };
    let (height, order) = (rows.height(), Table::UsageDays.schema().columns);
    for (name, value) in constants {
        rows.with_column(Column::new_scalar(name.into(), Scalar::new(value.dtype(), value), height))?;
    }
    rows.select(order.iter().map(|(name, _)| *name)).map(Some)
}

/// Reads a file's bytes (already loaded) into its report and frames; `display` names it.
pub fn read_bytes(
    display: &str,
    bytes: Vec<u8>,
    tenant: &str,
    explicit: bool,
    options: &Options,
) -> (FileReport, Vec<(Table, DataFrame)>) {
    let mut report = FileReport::new(display, sha256_hex(&bytes), tenant);
    let mut frames = Vec::new();
    match read_tables(bytes, options, &mut report) {
        Ok(Parts::Fast(head, score, result)) => {
            match part(display, tenant, &report.sha256, head, score, options, Some(result)) {
                Ok((part, part_frames)) => {
                    report.parts.push(part);
                    frames.extend(part_frames);
                }
                Err(message) => report.error = Some(message),
            }
        }
        Ok(Parts::Direct(kind, confidence, normalized)) => {
            let (part, part_frames) = report_of(kind, confidence, options, *normalized);
            report.parts.push(part);
            frames.extend(part_frames);
        }
        Ok(Parts::Tables(tables)) => {
            for (table, verdict) in tables {
                match part(display, tenant, &report.sha256, table, verdict, options, None) {
                    Ok((part, part_frames)) => {
                        report.parts.push(part);
                        frames.extend(part_frames);
                    }
                    Err(message) => {
                        report.error = Some(message);
                        report.parts.clear();
                        frames.clear();
                        break;
                    }
                }
            }
        }
        Err(Failure::Unrecognised(reason)) if !explicit => report.skipped = Some(reason),
        Err(Failure::Unrecognised(reason) | Failure::Error(reason)) => report.error = Some(reason),
    }
    (report, frames)
}

/// What a file holds: tables to detect and normalize, or a workstation input already read.
#[allow(clippy::large_enum_variant)] // one per file, moved once
enum Parts {
    Tables(Vec<(RawTable, Score)>),
    /// A large Seat Usage CSV read column-wise ([`fast`]), with the head that found its header.
    Fast(RawTable, Score, Result<normalize::Normalized, normalize::NormalizeError>),
    Direct(InputKind, f64, Box<normalize::Normalized>),
}

/// The raw tables of a file and the kind each one is.
fn read_tables(bytes: Vec<u8>, options: &Options, report: &mut FileReport) -> Result<Parts, Failure> {
    let content = decode::sniff(bytes).map_err(|e| match e {
        decode::DecodeError::Invalid { .. } => Failure::Error(e.to_string()),
        _ => Failure::Unrecognised(e.to_string()),
    })?;
    let candidates: Vec<(RawTable, bool)> = match content {
        Content::Workbook(bytes) | Content::LegacyWorkbook(bytes) => {
            "workbook".clone_into(&mut report.format);
            workbook::check_size(&bytes, options.max_workbook_bytes).map_err(Failure::Error)?;
            let sheets = workbook::read(bytes).map_err(|e| Failure::Error(format!("not a readable workbook: {e}")))?;
            let mut tables = Vec::new();
            for (name, grid) in sheets {
                match grid::into_table(grid, format!("sheet {name}"), &options.synonyms) {
                    Some(table) => tables.push((table, false)),
                    None => report.ignored.push(format!("sheet {name}: no header row with known columns")),
                }
            }
            tables
        }
        Content::Html(text) => {
            report.format = format!("HTML ({})", text.encoding);
            let page = html::read(&text.text);
            let preamble: Vec<String> = page.headings.iter().chain(&page.labels).cloned().collect();
            let seats = normalize::PageInfo::from_preamble(&preamble).seats.is_some();
            let mut tables = Vec::new();
            for (origin, grid) in page.tables {
                match html_table(grid, origin.clone(), &options.synonyms) {
                    Some(mut table) => {
                        table.preamble.splice(0..0, preamble.iter().cloned());
                        table.from_page = true;
                        tables.push((table, seats));
                    }
                    None => report.ignored.push(format!("{origin}: no header row and no e-mail column")),
                }
            }
            tables
        }
        Content::Text(text) => {
            let workstation_kind = options.kind.filter(|k| {
                matches!(k, InputKind::HelperList | InputKind::LgsTree | InputKind::FlexlmLog | InputKind::LicenseFile)
            });
            let file_stem =
                Path::new(&report.path).file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            let text_context = Context {
                tenant: &report.tenant,
                source_file: &report.path,
                source_sha256: &report.sha256,
                catalog: &options.catalog,
                date_order: options.date_order,
            };
            if let Some((kind, confidence, normalized)) =
                workstation::read_text(&text.text, &file_stem, workstation_kind, &text_context)
            {
                let format = if text.text.trim_start().starts_with(['{', '[']) { "JSON" } else { "text" };
                report.format = format!("{format} ({})", text.encoding);
                return Ok(Parts::Direct(kind, confidence, Box::new(normalized)));
            }
            let trimmed = text.text.trim_start();
            if trimmed.starts_with('{') || trimmed.starts_with('[') {
                return Err(Failure::Unrecognised("JSON that is not an AdskLicensingInstHelper list".into()));
            }
            let delimiter = delimited::sniff_delimiter(&text.text);
            report.format = format!("CSV ({}, {})", text.encoding, delimited::delimiter_name(delimiter));
            if let Some(parts) = fast_path(&text.text, delimiter, options, report) {
                return Ok(parts);
            }
            let grid =
                delimited::read(&text.text, delimiter).map_err(|e| Failure::Error(format!("malformed CSV: {e}")))?;
            match grid::into_table(grid, String::new(), &options.synonyms) {
                Some(table) => vec![(table, false)],
                None => return Err(Failure::Unrecognised("no header row with at least two known columns".into())),
            }
        }
    };
    choose(candidates, options.kind, report).map(Parts::Tables)
}

/// The columnar path for a large Seat Usage CSV, when it applies.
fn fast_path(text: &str, delimiter: u8, options: &Options, report: &FileReport) -> Option<Parts> {
    let head = delimited::read_limited(text, delimiter, grid::HEADER_SEARCH_ROWS + 1).ok()?;
    let head = grid::into_table(head, String::new(), &options.synonyms)?;
    let ranking = detect::rank(&head, Evidence::of(&head, false));
    let score = match (options.kind, detect::decide(&ranking)) {
        (Some(InputKind::SeatUsage), _) => Score {
            kind: InputKind::SeatUsage,
            confidence: ranking.iter().find(|s| s.kind == InputKind::SeatUsage).map_or(0.0, |s| s.confidence),
        },
        (None, Verdict::Kind(score)) if score.kind == InputKind::SeatUsage => score,
        _ => return None,
    };
    let context = Context {
        tenant: &report.tenant,
        source_file: &report.path,
        source_sha256: &report.sha256,
        catalog: &options.catalog,
        date_order: options.date_order,
    };
    let result = fast::seat_usage(text, delimiter, &head, &context)?;
    Some(Parts::Fast(head, score, result))
}

/// An HTML table: by its header, or, without one, by a column of e-mail addresses.
fn html_table(grid: Grid, origin: String, synonyms: &Synonyms) -> Option<RawTable> {
    // A cell that *is* an address ("jane@firm.com", "Jane Doe <jane@firm.com>"), not a layout
    // cell whose text merely contains one.
    let is_address = |cell: &str| {
        normalize::values::looks_like_email(cell)
            || (cell.ends_with('>') && cell.matches('@').count() == 1 && normalize::values::find_email(cell).is_some())
    };
    let email_column = grid.rows.iter().find_map(|row| row.cells.iter().position(is_address));
    if let Some(table) = grid::into_table(Grid { rows: grid.rows.clone() }, origin.clone(), synonyms) {
        return Some(table);
    }
    let email_column = email_column?;
    let width = grid.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let headers: Vec<String> = (0..width)
        .map(|i| {
            if i == email_column {
                "Email".to_owned()
            } else if i == 0 {
                "Name".to_owned()
            } else {
                String::new()
            }
        })
        .collect();
    let fields = headers.iter().map(|h| synonyms.field(h)).collect();
    let rows = grid.rows.into_iter().filter(|r| !r.is_blank()).collect();
    Some(RawTable { origin, header_line: 0, headers, fields, rows, ..RawTable::default() })
}

/// Keeps the tables that are a recognised kind (or the `--kind`), reporting the others.
fn choose(
    candidates: Vec<(RawTable, bool)>,
    forced: Option<InputKind>,
    report: &mut FileReport,
) -> Result<Vec<(RawTable, Score)>, Failure> {
    let mut chosen = Vec::new();
    let mut problems = Vec::new();
    for (table, seats_label) in candidates {
        let ranking = detect::rank(&table, Evidence::of(&table, seats_label));
        let place = if table.origin.is_empty() { String::new() } else { format!("{}: ", table.origin) };
        if let Some(kind) = forced {
            let confidence = ranking.iter().find(|s| s.kind == kind).map_or(0.0, |s| s.confidence);
            chosen.push((table, Score { kind, confidence }));
            continue;
        }
        match detect::decide(&ranking) {
            Verdict::Kind(score) => chosen.push((table, score)),
            Verdict::Tie(a, b) => problems.push(format!(
                "{place}could be {} ({:.2}) or {} ({:.2})\nhint: pass --kind {} or --kind {}",
                a.kind, a.confidence, b.kind, b.confidence, a.kind, b.kind
            )),
            Verdict::Unrecognised(best) => report.ignored.push(match best {
                Some(best) => format!(
                    "{place}not recognised (best guess {} at {:.2}, below {})",
                    best.kind,
                    best.confidence,
                    detect::MIN_CONFIDENCE
                ),
                None => format!("{place}not recognised as any input kind"),
            }),
        }
    }
    if let Some(problem) = problems.into_iter().next() {
        return Err(Failure::Error(problem));
    }
    if chosen.is_empty() {
        let why = if report.ignored.is_empty() { "no table found".to_owned() } else { report.ignored.join("; ") };
        return Err(Failure::Unrecognised(format!("not a recognised input: {why}")));
    }
    Ok(chosen)
}

fn part(
    display: &str,
    tenant: &str,
    sha256: &str,
    mut table: RawTable,
    score: Score,
    options: &Options,
    fast: Option<Result<normalize::Normalized, normalize::NormalizeError>>,
) -> Result<(PartReport, Vec<(Table, DataFrame)>), String> {
    let source_file = if table.origin.is_empty() { display.to_owned() } else { format!("{display}#{}", table.origin) };
    let context = Context {
        tenant,
        source_file: &source_file,
        source_sha256: sha256,
        catalog: &options.catalog,
        date_order: options.date_order,
    };
    let place = if table.origin.is_empty() { String::new() } else { format!(" ({})", table.origin) };
    let columnar = fast.is_some();
    let normalized = match fast {
        Some(result) => result,
        None => normalize::normalize(&mut table, score.kind, &context),
    }
    .map_err(|e| format!("{}{place}: {e}", score.kind))?;
    let ranking = detect::rank(&table, Evidence::default());
    let runner_up = ranking.into_iter().find(|s| s.kind != score.kind);
    let (mut part, frames) = report_of(score.kind, score.confidence, options, normalized);
    part.origin.clone_from(&table.origin);
    part.runner_up = runner_up;
    part.header_line = table.header_line;
    part.columns =
        table.headers.iter().zip(&table.fields).map(|(h, f)| ColumnMapping { header: h.clone(), field: *f }).collect();
    part.unknown_columns = normalize::unknown_columns(&table, score.kind);
    part.page_searched = table.from_page || !table.preamble.is_empty();
    part.columnar = columnar;
    Ok((part, frames))
}

/// A part's report from what its reader made of it; the frames go along.
fn report_of(
    kind: InputKind,
    confidence: f64,
    options: &Options,
    normalized: normalize::Normalized,
) -> (PartReport, Vec<(Table, DataFrame)>) {
    let part = PartReport {
        origin: String::new(),
        kind,
        kind_from: if options.kind.is_some() { "--kind" } else { "detected" },
        confidence,
        runner_up: None,
        header_line: 0,
        columns: Vec::new(),
        unknown_columns: Vec::new(),
        columnar: false,
        rows_read: normalized.rows_read,
        accepted: normalized.accepted,
        rejected: normalized.rejects.len(),
        skipped: normalized.skipped.len(),
        date_order: normalized.date_order.map(|(o, _)| o),
        date_order_from: normalized.date_order.map(|(_, from)| from),
        page: normalized.page,
        page_searched: false,
        tables: normalized.tables.iter().map(|(t, df)| (*t, df.height())).collect(),
        rejects: normalized.rejects,
        skipped_rows: normalized.skipped.into_iter().map(|(line, reason)| SkippedRow { line, reason }).collect(),
    };
    (part, normalized.tables.into_iter().collect())
}
