//! Bounded-memory reading of huge Seat Usage CSVs (the one input that reaches gigabytes: a
//! year of `Day used` rows for a large firm). The file is read in batches of whole records; each
//! batch is normalized like a whole file would be (columnar when it can, row by row otherwise)
//! and handed to the caller, which writes it out and lets it go. Peak memory is a few batches,
//! whatever the file's size.
//!
//! What differs from reading the file whole, and why:
//! - the day/month order is decided from the first batch; when that batch cannot tell, one extra
//!   pass over the date column decides it (a later batch that contradicts the order gets its
//!   impossible dates rejected row by row, not a file-level error);
//! - UTF-8 (with or without BOM) and Windows-1252 stream; UTF-16 files are read whole;
//! - a quoted field may hold line breaks, but a record longer than [`MAX_RECORD_BYTES`] is an error
//!   (an unterminated quote would otherwise swallow the rest of the file);
//! - only the first [`KEPT_REJECTS`] rejects stay in the report; every reject goes to the caller.

use std::io::Read;
use std::path::Path;

use polars::prelude::DataFrame;

use super::detect::{self, Evidence, Score, Verdict};
use super::grid::{self, RawTable, Row};
use super::report::{ColumnMapping, FileReport, PartReport, SkippedRow};
use super::{Options, delimited, fast};
use crate::model::{InputKind, Table};
use crate::normalize::dates::{DateOrder, OrderEvidence};
use crate::normalize::{self, Context, Normalized, Reject};

/// The default for `--stream-mb`: files at least this large stream.
pub const DEFAULT_STREAM_MB: u64 = 64;
/// Bytes read per batch (records are never split; a batch ends at the last complete record).
pub const BATCH_BYTES: usize = 32 * 1_048_576;
/// Where the header is looked for.
const HEAD_BYTES: usize = 1_048_576;
/// A single record longer than this is an error.
pub const MAX_RECORD_BYTES: usize = 64 * 1_048_576;
/// Rejects kept in the report for display; all of them go to the caller.
pub const KEPT_REJECTS: usize = 1_000;

/// What the caller receives for each batch.
pub struct Batch {
    /// `usage_days` rows, absent when the batch had none.
    pub rows: Option<DataFrame>,
    pub rejects: Vec<Reject>,
}

/// How the text is decoded.
#[derive(Clone, Copy)]
enum Encoding {
    Utf8,
    /// The first megabyte is ASCII: each batch is UTF-8 if it is valid UTF-8, else Windows-1252
    /// (what reading the whole file would decide, batch by batch).
    Ascii,
    Windows1252,
}

impl Encoding {
    fn label(self, bom: bool) -> &'static str {
        match (self, bom) {
            (Encoding::Utf8 | Encoding::Ascii, true) => "UTF-8 with BOM",
            (Encoding::Utf8 | Encoding::Ascii, false) => "UTF-8",
            (Encoding::Windows1252, _) => "Windows-1252",
        }
    }

    fn decode(self, bytes: &[u8], first_line: u64) -> Result<std::borrow::Cow<'_, str>, String> {
        match self {
            Encoding::Utf8 => std::str::from_utf8(bytes).map(std::borrow::Cow::Borrowed).map_err(|e| {
                let line = first_line + bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() as u64;
                format!("line {line}: invalid UTF-8 in a file whose first megabyte is UTF-8")
            }),
            Encoding::Ascii => Ok(match std::str::from_utf8(bytes) {
                Ok(text) => std::borrow::Cow::Borrowed(text),
                Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0,
            }),
            Encoding::Windows1252 => Ok(encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0),
        }
    }
}

/// Where the data rows start, and how to read them.
struct Head {
    table: RawTable,
    score: Score,
    delimiter: u8,
    encoding: Encoding,
    bom: bool,
    /// Byte offset of the first data record (just after the header line).
    data_start: usize,
}

/// SHA-256 of a file, read in blocks.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    use sha2::Digest;
    let mut file = fs_err::File::open(path)?;
    let mut hasher = sha2::Sha256::new();
    let mut block = vec![0; 1_048_576];
    loop {
        let read = file.read(&mut block)?;
        if read == 0 {
            break;
        }
        hasher.update(&block[..read]);
    }
    Ok(hasher.finalize().iter().fold(String::with_capacity(64), |mut hex, byte| {
        use std::fmt::Write as _;
        let _ = write!(hex, "{byte:02x}");
        hex
    }))
}

/// Reads the first megabyte and decides whether the file streams: delimited text in UTF-8 or
/// Windows-1252 whose header says Seat Usage (or `--kind seat-usage`).
fn head(path: &Path, options: &Options) -> std::io::Result<Option<Head>> {
    let mut bytes = Vec::with_capacity(HEAD_BYTES);
    fs_err::File::open(path)?.take(HEAD_BYTES as u64).read_to_end(&mut bytes)?;
    if options.kind.is_some_and(|k| k != InputKind::SeatUsage) {
        return Ok(None);
    }
    let Some(cut) = bytes.iter().rposition(|b| *b == b'\n') else { return Ok(None) };
    bytes.truncate(cut + 1);
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let Ok(super::decode::Content::Text(text)) = super::decode::sniff(bytes) else { return Ok(None) };
    let encoding = match text.encoding {
        "UTF-8" if text.text.is_ascii() => Encoding::Ascii,
        "UTF-8" | "UTF-8 with BOM" => Encoding::Utf8,
        "Windows-1252" => Encoding::Windows1252,
        _ => return Ok(None),
    };
    let delimiter = delimited::sniff_delimiter(&text.text);
    let Ok(grid) = delimited::read_limited(&text.text, delimiter, grid::HEADER_SEARCH_ROWS + 1) else {
        return Ok(None);
    };
    let Some(mut table) = grid::into_table(grid, String::new(), &options.synonyms) else { return Ok(None) };
    let ranking = detect::rank(&table, Evidence::of(&table, false));
    let score = match (options.kind, detect::decide(&ranking)) {
        (Some(kind), _) => {
            Score { kind, confidence: ranking.iter().find(|s| s.kind == kind).map_or(0.0, |s| s.confidence) }
        }
        (None, Verdict::Kind(score)) if score.kind == InputKind::SeatUsage => score,
        _ => return Ok(None),
    };
    // The header line ends at its `header_line`-th line break (counted in the decoded text, whose
    // line breaks sit at the same places as the bytes' in both encodings).
    let header_line = usize::try_from(table.header_line).unwrap_or(usize::MAX);
    let Some((end, _)) = text.text.match_indices('\n').nth(header_line.saturating_sub(1)) else { return Ok(None) };
    let data_start = match encoding {
        Encoding::Utf8 | Encoding::Ascii => end + 1 + if bom { 3 } else { 0 },
        Encoding::Windows1252 => text.text[..=end].chars().count(),
    };
    table.rows.clear();
    table.dropped.clear();
    Ok(Some(Head { table, score, delimiter, encoding, bom, data_start }))
}

/// The end of the last complete record in `bytes` (after its line break), if any: a line break
/// outside quotes. Batches start at record boundaries, so quotes are balanced at the start.
fn record_end(bytes: &[u8]) -> Option<usize> {
    let mut quoted = false;
    let mut end = None;
    for (index, byte) in bytes.iter().enumerate() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => end = Some(index + 1),
            _ => {}
        }
    }
    end
}

/// Normalizes one batch of whole records whose first line is `first_line` of the file.
fn batch(
    text: &str,
    first_line: u64,
    head: &Head,
    context: &Context<'_>,
) -> Result<Normalized, normalize::NormalizeError> {
    if let Some(result) = fast::seat_usage_batch(text, head.delimiter, &head.table, context, first_line) {
        return result;
    }
    let grid = delimited::read(text, head.delimiter).map_err(normalize::NormalizeError::Internal)?;
    let mut table = RawTable { rows: Vec::new(), dropped: Vec::new(), preamble: Vec::new(), ..head.table.clone() };
    table.push_rows(grid.rows.into_iter().map(|row| Row { line: row.line + first_line - 1, ..row }).collect());
    normalize::normalize(&mut table, InputKind::SeatUsage, context)
}

/// Decides the day/month order from every date in the file (when the first batch could not).
fn order_from_whole_file(path: &Path, head: &Head, flag: Option<DateOrder>) -> Result<Option<DateOrder>, String> {
    let mut file = fs_err::File::open(path).map_err(|e| e.to_string())?;
    std::io::copy(&mut (&mut file).take(head.data_start as u64), &mut std::io::sink()).map_err(|e| e.to_string())?;
    let columns: Vec<(usize, String)> = head
        .table
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.is_some_and(normalize::is_date_field))
        .map(|(i, _)| (i, head.table.headers[i].clone()))
        .collect();
    let mut evidence: Vec<OrderEvidence> = columns.iter().map(|_| OrderEvidence::default()).collect();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(head.delimiter)
        .from_reader(std::io::BufReader::new(file));
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record).map_err(|e| e.to_string())? {
        for ((index, _), evidence) in columns.iter().zip(&mut evidence) {
            if let Some(value) = record.get(*index).and_then(|v| std::str::from_utf8(v).ok()) {
                evidence.observe(value.trim());
            }
        }
    }
    let columns = columns.into_iter().map(|(_, header)| header).zip(evidence).collect();
    normalize::decide_order(columns, flag).map(|o| o.map(|(order, _)| order)).map_err(|e| e.to_string())
}

/// Why the file could not be cut into batches.
enum ChunkError {
    Io(std::io::Error),
    /// A file-level problem, with its line: the report's error.
    Record(String),
}

/// Whole records of the file, about `batch_bytes` at a time, with the line each starts on.
struct Chunk {
    bytes: Vec<u8>,
    first_line: u64,
}

/// Cuts the data part of the file into [`Chunk`]s (quote-aware, see [`record_end`]).
struct Chunks {
    file: fs_err::File,
    /// Bytes read but not yet handed out (the start of a record).
    buffer: Vec<u8>,
    batch_bytes: usize,
    first_line: u64,
    at_end: bool,
}

impl Iterator for Chunks {
    type Item = Result<Chunk, ChunkError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.at_end {
            let want = self.buffer.len() + self.batch_bytes;
            let read = match (&mut self.file).take((want - self.buffer.len()) as u64).read_to_end(&mut self.buffer) {
                Ok(read) => read,
                Err(error) => {
                    self.at_end = true;
                    return Some(Err(ChunkError::Io(error)));
                }
            };
            self.at_end = read == 0 || self.buffer.len() < want;
            let end = if self.at_end { self.buffer.len() } else { record_end(&self.buffer).unwrap_or(0) };
            if end == 0 && !self.at_end {
                if self.buffer.len() > MAX_RECORD_BYTES {
                    self.at_end = true;
                    return Some(Err(ChunkError::Record(format!(
                        "line {}: a record runs past {} MB (an unterminated quote?)",
                        self.first_line,
                        MAX_RECORD_BYTES / 1_048_576
                    ))));
                }
                continue;
            }
            let rest = self.buffer.split_off(end);
            let bytes = std::mem::replace(&mut self.buffer, rest);
            let first_line = self.first_line;
            self.first_line += bytes.iter().filter(|b| **b == b'\n').count() as u64;
            return Some(Ok(Chunk { bytes, first_line }));
        }
        None
    }
}

/// Adds a batch's counts to the part report (keeping the first [`KEPT_REJECTS`] rejects and
/// skipped rows) and hands its rows and rejects to `sink`.
fn hand_over(
    part: &mut PartReport,
    normalized: Normalized,
    sink: &mut impl FnMut(Batch) -> Result<(), String>,
) -> Result<(), String> {
    part.rows_read += normalized.rows_read;
    part.accepted += normalized.accepted;
    part.rejected += normalized.rejects.len();
    part.skipped += normalized.skipped.len();
    part.skipped_rows.extend(
        normalized
            .skipped
            .iter()
            .take(KEPT_REJECTS.saturating_sub(part.skipped_rows.len()))
            .map(|(line, reason)| SkippedRow { line: *line, reason: reason.clone() }),
    );
    part.rejects.extend(normalized.rejects.iter().take(KEPT_REJECTS.saturating_sub(part.rejects.len())).cloned());
    let mut tables = normalized.tables;
    let rows = tables.remove(&Table::UsageDays);
    if let Some(rows) = &rows {
        *part.tables.entry(Table::UsageDays).or_default() += rows.height();
    }
    sink(Batch { rows, rejects: normalized.rejects })
}

/// Streams a Seat Usage CSV at `path`, whose SHA-256 is `sha256`, handing each batch to `sink`.
/// `Ok(None)`: the file does not stream (not Seat Usage, not UTF-8/Windows-1252): read it whole.
/// A file-level problem (a malformed record, undecidable dates) is the report's `error`, after
/// which nothing more is handed over; batches already handed over must then be discarded.
pub fn read(
    path: &Path,
    display: &str,
    sha256: &str,
    tenant: &str,
    options: &Options,
    batch_bytes: usize,
    mut sink: impl FnMut(Batch) -> Result<(), String>,
) -> std::io::Result<Option<FileReport>> {
    let Some(head) = head(path, options)? else { return Ok(None) };
    let mut report = FileReport::new(display, sha256.to_owned(), tenant);
    report.format = format!(
        "CSV ({}, {}), streamed in batches of {} MB",
        head.encoding.label(head.bom),
        delimited::delimiter_name(head.delimiter),
        batch_bytes / 1_048_576
    );
    let mut part = PartReport {
        origin: String::new(),
        kind: head.score.kind,
        kind_from: if options.kind.is_some() { "--kind" } else { "detected" },
        confidence: head.score.confidence,
        runner_up: detect::rank(&head.table, Evidence::default()).into_iter().find(|s| s.kind != head.score.kind),
        header_line: head.table.header_line,
        columns: head
            .table
            .headers
            .iter()
            .zip(&head.table.fields)
            .map(|(h, f)| ColumnMapping { header: h.clone(), field: *f })
            .collect(),
        unknown_columns: normalize::unknown_columns(&head.table, head.score.kind),
        columnar: false,
        rows_read: 0,
        accepted: 0,
        rejected: 0,
        skipped: 0,
        date_order: None,
        date_order_from: None,
        page: None,
        page_searched: false,
        tables: std::collections::BTreeMap::new(),
        rejects: Vec::new(),
        skipped_rows: Vec::new(),
    };
    let mut context = Context {
        tenant,
        source_file: display,
        source_sha256: sha256,
        catalog: &options.catalog,
        date_order: options.date_order,
    };
    let mut file = fs_err::File::open(path)?;
    std::io::copy(&mut (&mut file).take(head.data_start as u64), &mut std::io::sink())?;
    let mut chunks = Chunks {
        file,
        buffer: Vec::with_capacity(batch_bytes + 1_048_576),
        batch_bytes,
        first_line: head.table.header_line + 1,
        at_end: false,
    };
    // The first batch alone: it decides the date order every later batch is read with.
    let first = match chunks.next() {
        None => None,
        Some(Err(ChunkError::Io(error))) => return Err(error),
        Some(Err(ChunkError::Record(message))) => {
            report.error = Some(message);
            None
        }
        Some(Ok(chunk)) => {
            let outcome = head.encoding.decode(&chunk.bytes, chunk.first_line).and_then(|text| {
                let mut result = batch(&text, chunk.first_line, &head, &context);
                if matches!(result, Err(normalize::NormalizeError::AmbiguousDates { .. })) {
                    let order = order_from_whole_file(path, &head, options.date_order)?;
                    context.date_order = order;
                    part.date_order_from = order.map(|_| "proven by the data");
                    result = batch(&text, chunk.first_line, &head, &context);
                }
                result.map_err(|e| format!("{}: {e}", head.score.kind))
            });
            match outcome {
                Ok(normalized) => {
                    if let Some((order, from)) = normalized.date_order {
                        context.date_order = Some(order);
                        part.date_order = Some(order);
                        part.date_order_from = part.date_order_from.or(Some(from));
                    }
                    Some(normalized)
                }
                Err(message) => {
                    report.error = Some(message);
                    None
                }
            }
        }
    };
    let mut io_error = None;
    if let Some(normalized) = first
        && let Err(message) = hand_over(&mut part, normalized, &mut sink)
    {
        report.error = Some(message);
    } else if report.error.is_none() {
        // The rest on every core, handed over in file order; at most one batch per thread
        // waits, so memory stays a few batches whatever the file's size.
        let threads = super::parallel::threads();
        let context = &context;
        let head = &head;
        let work = |chunk: Result<Chunk, ChunkError>| {
            chunk.map(|chunk| {
                head.encoding.decode(&chunk.bytes, chunk.first_line).and_then(|text| {
                    batch(&text, chunk.first_line, head, context).map_err(|e| format!("{}: {e}", head.score.kind))
                })
            })
        };
        let handed = super::parallel::map_in_order_window(chunks, threads, threads, work, |result| match result {
            Ok(Ok(normalized)) => hand_over(&mut part, normalized, &mut sink),
            Ok(Err(message)) | Err(ChunkError::Record(message)) => Err(message),
            Err(ChunkError::Io(error)) => {
                io_error = Some(error);
                Err(String::new())
            }
        });
        if let Err(message) = handed
            && io_error.is_none()
        {
            report.error = Some(message);
        }
    }
    if let Some(error) = io_error {
        return Err(error);
    }
    if report.error.is_none() {
        report.parts.push(part);
    }
    Ok(Some(report))
}
