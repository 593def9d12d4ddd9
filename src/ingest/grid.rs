//! Rows of string cells, from any container, and the search for the header row.
//!
//! Every reader turns its container (CSV text, a worksheet, an HTML table) into a [`Grid`]; the
//! header row is then found by content: the row, among the first [`HEADER_SEARCH_ROWS`], whose
//! cells name the most known fields. Text above it is kept as the preamble (a pasted page's
//! heading, "Team: …", "12 of 15 seats assigned").

use csv::StringRecord;

use crate::model::Field;
use crate::normalize::synonyms::Synonyms;

/// How many leading rows may precede the header row.
pub const HEADER_SEARCH_ROWS: usize = 50;

/// One row and the line (or worksheet row) it starts on, 1-based.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: u64,
    pub cells: StringRecord,
}

impl Row {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }

    fn text(&self) -> String {
        self.cells.iter().map(str::trim).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" ")
    }
}

/// The rows of one container.
#[derive(Debug, Default)]
pub struct Grid {
    pub rows: Vec<Row>,
}

/// A table found in an input: its header, its data rows, and the text above it.
#[derive(Debug, Default, Clone)]
pub struct RawTable {
    /// Where in the file the table is (`sheet Usage`, `table 2`), empty for plain text files.
    pub origin: String,
    pub header_line: u64,
    pub headers: Vec<String>,
    /// For each header, the field it names (None = unknown column).
    pub fields: Vec<Option<Field>>,
    pub rows: Vec<Row>,
    /// Non-blank text above the header and around the table (headings, labels).
    pub preamble: Vec<String>,
    /// Whether the table comes from a saved page (whose text is searched for page facts).
    pub from_page: bool,
    /// Rows dropped before normalization, with the reason (repeated headers, overlong rows).
    pub dropped: Vec<(u64, String)>,
}

impl RawTable {
    /// The index of the first column naming `field`.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.fields.iter().position(|f| *f == Some(field))
    }

    /// Adds data rows below the header: blank rows are passed over, repeated header rows and rows
    /// wider than the header are dropped with the reason.
    pub fn push_rows(&mut self, rows: Vec<Row>) {
        for row in rows {
            if row.is_blank() {
                continue;
            }
            if row.cells.iter().map(str::trim).eq(self.headers.iter().map(String::as_str)) {
                self.dropped.push((row.line, "repeated header row".to_owned()));
                continue;
            }
            let width = (0..row.cells.len()).rev().find(|i| !row.cells[*i].trim().is_empty()).map_or(0, |i| i + 1);
            if width > self.headers.len() {
                self.dropped
                    .push((row.line, format!("row has {width} fields but the header has {}", self.headers.len())));
                continue;
            }
            self.rows.push(row);
        }
    }

    /// The distinct fields the header names.
    pub fn known_fields(&self) -> Vec<Field> {
        let mut fields: Vec<Field> = self.fields.iter().flatten().copied().collect();
        fields.sort();
        fields.dedup();
        fields
    }
}

fn field_count(row: &Row, synonyms: &Synonyms) -> usize {
    let mut fields: Vec<Field> = row.cells.iter().filter_map(|c| synonyms.field(c)).collect();
    fields.sort();
    fields.dedup();
    fields.len()
}

/// Finds the header row of a grid and splits it into a [`RawTable`]. Returns `None` when no row
/// names at least two known fields.
pub fn into_table(grid: Grid, origin: String, synonyms: &Synonyms) -> Option<RawTable> {
    let (header_index, _) = grid
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .map(|(index, row)| (index, field_count(row, synonyms)))
        .filter(|(_, count)| *count >= 2)
        // max_by_key keeps the last maximum; rev() makes it the first.
        .rev()
        .max_by_key(|(_, count)| *count)?;
    let mut rows = grid.rows;
    let data = rows.split_off(header_index + 1);
    let header = rows.pop()?;
    let preamble = rows.iter().filter(|r| !r.is_blank()).map(Row::text).collect();
    let headers: Vec<String> = header.cells.iter().map(|c| c.trim().to_owned()).collect();
    let fields = headers.iter().map(|h| synonyms.field(h)).collect();
    let mut table = RawTable {
        origin,
        header_line: header.line,
        headers,
        fields,
        rows: Vec::with_capacity(data.len()),
        preamble,
        from_page: false,
        dropped: Vec::new(),
    };
    table.push_rows(data);
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, cells)| Row { line: i as u64 + 1, cells: StringRecord::from(cells.to_vec()) })
                .collect(),
        }
    }

    #[test]
    fn header_found_below_a_preamble() {
        let synonyms = Synonyms::built_in().unwrap_or_else(|e| panic!("{e}"));
        let table = into_table(
            grid(&[
                &["AEC Collection", ""],
                &["", ""],
                &["Name", "Email"],
                &["Jane", "jane@firm.com"],
                &["", ""],
                &["Name", "Email"],
                &["Joe", "joe@firm.com", "extra"],
            ]),
            String::new(),
            &synonyms,
        );
        let table = table.unwrap_or_else(|| panic!("header expected"));
        assert_eq!(table.header_line, 3);
        assert_eq!(table.preamble, vec!["AEC Collection".to_owned()]);
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.dropped.len(), 2);
        assert_eq!(table.column(Field::Email), Some(1));
    }

    #[test]
    fn no_header_no_table() {
        let synonyms = Synonyms::built_in().unwrap_or_else(|e| panic!("{e}"));
        assert!(into_table(grid(&[&["hello", "world"]]), String::new(), &synonyms).is_none());
    }
}
