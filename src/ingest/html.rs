//! Saved HTML pages (Autodesk Account's By product / By user pages) into candidate tables.
//!
//! No public description of these pages exists and Autodesk changes them, so nothing here
//! depends on class names or layout: every `<table>` and every ARIA grid (`role="table"`,
//! `role="grid"`) is a candidate; cells are read as text, with a `mailto:` link's address added
//! when the visible text is only a name. The page's headings and short text blocks (outside the
//! candidate tables) become the preamble that the assignments reader searches for the offering,
//! the team and "N of M seats assigned".

use csv::StringRecord;
use scraper::{ElementRef, Html, Selector};

use super::grid::{Grid, Row};
use crate::normalize::values::looks_like_email;

const TABLE_SELECTOR: &str = "table, [role=table], [role=grid], [role=treegrid]";
const BLOCKS: &[&str] = &[
    "div", "p", "section", "article", "header", "footer", "main", "nav", "aside", "table", "ul", "ol", "li", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "tr", "tbody",
];
const MAX_LABELS: usize = 400;

/// What a page offers: candidate tables (as grids, with their position) and its labels.
#[derive(Debug, Default)]
pub struct Page {
    pub tables: Vec<(String, Grid)>,
    pub headings: Vec<String>,
    pub labels: Vec<String>,
}

fn selector(css: &str) -> Selector {
    // The selectors are constants of this module, covered by its tests.
    Selector::parse(css).unwrap_or_else(|_| unreachable!("invalid built-in selector {css}"))
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_of(element: ElementRef<'_>) -> String {
    collapse(&element.text().collect::<String>())
}

fn is_table(element: ElementRef<'_>) -> bool {
    element.value().name() == "table" || matches!(element.value().attr("role"), Some("table" | "grid" | "treegrid"))
}

fn is_row(element: ElementRef<'_>) -> bool {
    element.value().name() == "tr" || element.value().attr("role") == Some("row")
}

fn is_cell(element: ElementRef<'_>) -> bool {
    matches!(element.value().name(), "td" | "th")
        || matches!(element.value().attr("role"), Some("cell" | "gridcell" | "columnheader" | "rowheader"))
}

/// The nearest ancestor element satisfying `predicate`.
fn nearest(element: ElementRef<'_>, predicate: fn(ElementRef<'_>) -> bool) -> Option<ElementRef<'_>> {
    element.ancestors().filter_map(ElementRef::wrap).find(|e| predicate(*e))
}

fn cell_text(cell: ElementRef<'_>) -> String {
    let text = text_of(cell);
    if looks_like_email(&text) {
        return text;
    }
    let mailto = cell
        .select(&selector("a[href]"))
        .filter_map(|a| a.value().attr("href"))
        .find_map(|href| href.get(..7).filter(|p| p.eq_ignore_ascii_case("mailto:")).map(|_| &href[7..]))
        .map(|address| address.split('?').next().unwrap_or(address).trim().to_owned());
    match mailto {
        Some(address) if text.is_empty() => address,
        Some(address) if !text.contains(&address) => format!("{text} <{address}>"),
        _ => text,
    }
}

fn table_grid(table: ElementRef<'_>) -> Grid {
    let mut grid = Grid::default();
    let all = selector("*");
    let rows = table.select(&all).filter(|e| is_row(*e)).filter(|row| nearest(*row, is_table) == Some(table));
    for (index, row) in rows.enumerate() {
        let cells: Vec<String> = row
            .select(&all)
            .filter(|e| is_cell(*e))
            .filter(|cell| nearest(*cell, is_row) == Some(row))
            .map(cell_text)
            .collect();
        grid.rows.push(Row { line: index as u64 + 1, cells: StringRecord::from(cells) });
    }
    grid
}

fn has_block_child(element: ElementRef<'_>) -> bool {
    element.descendants().skip(1).filter_map(ElementRef::wrap).any(|e| BLOCKS.contains(&e.value().name()))
}

/// Parses a page into its candidate tables and labels.
pub fn read(text: &str) -> Page {
    let document = Html::parse_document(text);
    let mut page = Page::default();
    for (index, table) in document.select(&selector(TABLE_SELECTOR)).enumerate() {
        page.tables.push((format!("table {}", index + 1), table_grid(table)));
    }
    for heading in document.select(&selector("h1, h2, h3, [role=heading]")) {
        let text = text_of(heading);
        if !text.is_empty() && !page.headings.contains(&text) {
            page.headings.push(text);
        }
    }
    // Text inside a data table (two rows of two cells or more) is data, not a page label;
    // text inside a layout table is.
    let data_tables: Vec<_> = document
        .select(&selector(TABLE_SELECTOR))
        .filter(|t| table_grid(*t).rows.iter().filter(|r| r.cells.len() >= 2).count() >= 2)
        .map(|t| t.id())
        .collect();
    let skip = ["script", "style", "noscript", "template", "head"];
    for element in document.select(&selector("body *")) {
        if page.labels.len() >= MAX_LABELS {
            break;
        }
        let name = element.value().name();
        let in_data_table =
            element.ancestors().any(|a| data_tables.contains(&a.id())) || data_tables.contains(&element.id());
        if skip.contains(&name) || has_block_child(element) || in_data_table || is_table(element) {
            continue;
        }
        if element.ancestors().filter_map(ElementRef::wrap).any(|a| skip.contains(&a.value().name())) {
            continue;
        }
        // A text block ("3 of 5 seats assigned") and, inside it, each leaf ("Team", "Main Team"),
        // so that a label and its value can be told apart.
        let text = text_of(element);
        if !text.is_empty() && text.chars().count() <= 200 && page.labels.last() != Some(&text) {
            page.labels.push(text);
        }
        for leaf in element.descendants().skip(1).filter_map(ElementRef::wrap) {
            let text = text_of(leaf);
            let is_leaf = leaf.children().all(|c| c.value().is_text());
            if is_leaf && !text.is_empty() && page.labels.last() != Some(&text) {
                page.labels.push(text);
            }
        }
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_layout_tables_and_mailto_links() {
        let page = read(
            r#"<html><body><h1>AEC Collection</h1>
            <table><tr><td><div><p><span>12</span> of 15 seats assigned</p></div>
              <table><tr><th>Name</th><th>Email</th></tr>
                <tr><td><a href="mailto:Jane@Firm.com">Jane Doe</a></td><td></td></tr></table>
            </td></tr></table></body></html>"#,
        );
        assert_eq!(page.tables.len(), 2);
        let inner = &page.tables[1].1;
        assert_eq!(inner.rows.len(), 2);
        assert_eq!(inner.rows[1].cells.get(0), Some("Jane Doe <Jane@Firm.com>"));
        assert_eq!(page.headings, vec!["AEC Collection".to_owned()]);
        assert!(page.labels.contains(&"12 of 15 seats assigned".to_owned()), "{:?}", page.labels);
    }

    #[test]
    fn aria_grids() {
        let page = read(
            r#"<div role="grid"><div role="row"><span role="columnheader">Email</span></div>
            <div role="row"><span role="gridcell">a@b.co</span></div></div>"#,
        );
        assert_eq!(page.tables.len(), 1);
        assert_eq!(page.tables[0].1.rows[1].cells.get(0), Some("a@b.co"));
    }
}
