//! Delimited text (CSV, semicolon CSV from European Excel, tab-separated "Unicode text") into a
//! [`Grid`]. The delimiter is sniffed; quoted fields may hold delimiters and line breaks; CRLF
//! and LF both end a record. Line numbers are those of the file, so a record that spans three
//! lines starts at the line where it begins.

use csv::{ReaderBuilder, StringRecord};

use super::grid::{Grid, Row};

const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];
const SNIFF_RECORDS: usize = 40;

/// Picks the delimiter that splits the most of the first records into the same number (> 1)
/// of fields.
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut best = (0usize, 0usize, b',');
    for delimiter in CANDIDATES {
        let mut counts: Vec<usize> = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes())
            .records()
            .take(SNIFF_RECORDS)
            .filter_map(Result::ok)
            .map(|r| r.len())
            .filter(|n| *n > 1)
            .collect();
        counts.sort_unstable();
        let Some((mode, frequency)) = mode(&counts) else { continue };
        if (frequency, mode) > (best.0, best.1) {
            best = (frequency, mode, delimiter);
        }
    }
    best.2
}

fn mode(sorted: &[usize]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for chunk in sorted.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, frequency)| chunk.len() > frequency) {
            best = Some((chunk[0], chunk.len()));
        }
    }
    best
}

/// The name of a delimiter for messages.
pub fn delimiter_name(delimiter: u8) -> &'static str {
    match delimiter {
        b';' => "semicolon",
        b'\t' => "tab",
        _ => "comma",
    }
}

/// Parses all records. A record the CSV parser cannot read (it never happens for valid UTF-8
/// with `flexible`) ends the grid with an error naming its line.
pub fn read(text: &str, delimiter: u8) -> Result<Grid, String> {
    read_limited(text, delimiter, usize::MAX)
}

/// Parses at most `limit` records (enough to find the header and the kind).
pub fn read_limited(text: &str, delimiter: u8, limit: usize) -> Result<Grid, String> {
    let mut reader =
        ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut grid = Grid::default();
    let mut record = StringRecord::new();
    let mut lines = LineCounter::default();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) if grid.rows.len() >= limit => break,
            Ok(true) => {
                let byte = record.position().map_or(0, csv::Position::byte);
                let line = lines.line_at(text.as_bytes(), byte as usize);
                grid.rows.push(Row { line, cells: record.clone() });
            }
            Err(error) => {
                let line = error.position().map_or(0, csv::Position::line);
                return Err(format!("line {line}: {error}"));
            }
        }
    }
    Ok(grid)
}

/// Line numbers from byte offsets. The CSV parser's own line count is off by one after a CRLF
/// (it starts the next record on the `\n`), so lines are counted here from record offsets.
#[derive(Default)]
struct LineCounter {
    byte: usize,
    newlines: u64,
}

impl LineCounter {
    fn line_at(&mut self, text: &[u8], offset: usize) -> u64 {
        // A record starts after any line breaks the parser has not consumed yet.
        let start = offset
            + text.get(offset..).map_or(0, |rest| rest.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count());
        let start = start.min(text.len());
        if start >= self.byte {
            self.newlines += text[self.byte..start].iter().filter(|b| **b == b'\n').count() as u64;
            self.byte = start;
        }
        self.newlines + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n"), b'\t');
        assert_eq!(sniff_delimiter("\"x;y\",b\n\"1;2\",3\n"), b',');
    }

    #[test]
    fn records_keep_their_first_line() {
        let grid = read("a,b\r\n\"multi\nline\",2\r\nx,3\r\n", b',');
        let grid = grid.unwrap_or_default();
        let lines: Vec<u64> = grid.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 4]);
        assert_eq!(grid.rows[1].cells.get(0), Some("multi\nline"));
    }
}
