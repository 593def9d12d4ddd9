//! What a By product page says around its user table: the offering (the page heading or a
//! `Product:` label), the team (`Team: …`, or a `Team` label followed by its value) and
//! "N of M seats assigned". Found in a saved page's headings and labels, or in the rows above the
//! header of a pasted table. Whatever is not found is reported as such by `inspect`.

use serde::Serialize;

use super::synonyms::fold_header;

const SEAT_WORDS: &[&str] = &[
    "seat",
    "seats",
    "plätze",
    "platz",
    "lizenzen",
    "postes",
    "sièges",
    "licences",
    "puestos",
    "licencias",
    "postazioni",
    "licenze",
    "plaatsen",
    "licenties",
    "seter",
    "lisenser",
    "platser",
    "licenser",
    "pladser",
    "シート",
];
const TEAM_LABELS: &[&str] = &["team", "équipe", "equipo", "チーム"];
const OFFERING_LABELS: &[&str] =
    &["product", "offering", "produkt", "produit", "producto", "prodotto", "angebot", "offre", "製品"];
/// Page chrome that is never the offering.
const CHROME: &[&str] = &[
    "autodesk account",
    "user management",
    "by product",
    "by user",
    "products",
    "users",
    "assign users",
    "manage",
    "reporting",
    "home",
    "billing and orders",
    "products and services",
    "benutzerverwaltung",
    "gestion des utilisateurs",
    "administración de usuarios",
];

/// A value found on the page and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found<T> {
    pub value: T,
    pub from: String,
}

/// The page-level facts of a By product page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PageInfo {
    pub offering: Option<Found<String>>,
    pub team: Option<Found<String>>,
    /// (assigned, total)
    pub seats: Option<Found<(i64, i64)>>,
}

fn seats(line: &str) -> Option<(i64, i64)> {
    let lower = line.to_lowercase();
    if !SEAT_WORDS.iter().any(|w| lower.contains(w)) {
        return None;
    }
    let numbers: Vec<i64> =
        lower.split(|c: char| !c.is_ascii_digit()).filter(|t| !t.is_empty()).filter_map(|t| t.parse().ok()).collect();
    match numbers[..] {
        // Not checked against each other: a page may well show more assigned than bought.
        [assigned, total, ..] => Some((assigned, total)),
        _ => None,
    }
}

/// `Label: value` where the label folds to one of `labels`.
fn labelled(line: &str, labels: &[&str]) -> Option<String> {
    let (label, value) = line.split_once([':', '：'])?;
    let label = fold_header(label);
    let value = value.trim();
    (labels.iter().any(|l| fold_header(l) == label) && !value.is_empty()).then(|| value.to_owned())
}

fn is_label(line: &str, labels: &[&str]) -> bool {
    let folded = fold_header(line);
    labels.iter().any(|l| fold_header(l) == folded)
}

impl PageInfo {
    /// Reads the page facts from the preamble lines (headings first).
    pub fn from_preamble(lines: &[String]) -> Self {
        let mut info = PageInfo::default();
        for (index, line) in lines.iter().enumerate() {
            let next = lines.get(index + 1);
            if info.seats.is_none() {
                info.seats = seats(line).map(|value| Found { value, from: format!("label `{line}`") });
            }
            if info.team.is_none() {
                info.team = labelled(line, TEAM_LABELS)
                    .or_else(|| next.filter(|_| is_label(line, TEAM_LABELS)).cloned())
                    .map(|value| Found { value, from: format!("label `{line}`") });
            }
            if info.offering.is_none() {
                info.offering = labelled(line, OFFERING_LABELS)
                    .or_else(|| next.filter(|_| is_label(line, OFFERING_LABELS)).cloned())
                    .map(|value| Found { value, from: format!("label `{line}`") });
            }
        }
        if info.offering.is_none() {
            let team = info.team.as_ref().map(|t| t.value.clone());
            info.offering = lines
                .iter()
                .find(|line| {
                    !line.contains([':', '：'])
                        && seats(line).is_none()
                        && Some((*line).clone()) != team
                        && !is_label(line, TEAM_LABELS)
                        && !is_label(line, OFFERING_LABELS)
                        && !CHROME.contains(&line.to_lowercase().as_str())
                        && line.chars().any(char::is_alphabetic)
                        && line.chars().count() <= 120
                })
                .map(|line| Found { value: line.clone(), from: format!("heading `{line}`") });
        }
        info
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn heading_team_label_and_seats() {
        let info = PageInfo::from_preamble(&lines(&[
            "User management",
            "Architecture Engineering & Construction Collection",
            "Team",
            "Studio North",
            "12 of 15 seats assigned",
        ]));
        assert_eq!(info.offering.map(|f| f.value), Some("Architecture Engineering & Construction Collection".into()));
        assert_eq!(info.team.map(|f| f.value), Some("Studio North".into()));
        assert_eq!(info.seats.map(|f| f.value), Some((12, 15)));
    }

    #[test]
    fn labelled_values_and_nothing_found() {
        let info = PageInfo::from_preamble(&lines(&["Product: AutoCAD", "Team: Main", "3 von 5 Plätzen zugewiesen"]));
        assert_eq!(info.offering.map(|f| f.value), Some("AutoCAD".into()));
        assert_eq!(info.team.map(|f| f.value), Some("Main".into()));
        assert_eq!(info.seats.map(|f| f.value), Some((3, 5)));
        assert_eq!(PageInfo::from_preamble(&[]), PageInfo::default());
    }
}
