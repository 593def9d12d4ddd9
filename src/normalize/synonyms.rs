//! The header synonym table: header text → [`Field`]. The built-in table is data
//! (`synonyms.toml`, compiled in); a user file with the same layout extends it.

use std::collections::{BTreeMap, HashMap};

use unicode_normalization::UnicodeNormalization;

use crate::model::Field;

const BUILT_IN: &str = include_str!("synonyms.toml");

/// Why a synonym table could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SynonymError {
    #[error("{origin}: not a valid synonym table: {message}")]
    Syntax { origin: String, message: String },
    #[error("{origin}: unknown field `{field}`\nhint: fields are {known}")]
    UnknownField { origin: String, field: String, known: String },
    #[error("{origin}: header `{header}` is listed for both `{first}` and `{second}`")]
    Conflict { origin: String, header: String, first: Field, second: Field },
}

/// Folds a header for comparison: lower-case, accents removed, only letters and digits kept.
/// `"Día de uso"`, `"dia_de_uso"` and `"DIA-DE-USO"` all fold to `"diadeuso"`.
pub fn fold_header(header: &str) -> String {
    // NFKC first (full-width `ＩＤ` → `ID`), then accents off Latin letters only: decomposing
    // kana would strip their voicing marks (`ド` → `ト`).
    header
        .nfkc()
        .map(|c| match std::iter::once(c).nfd().next() {
            Some(base) if c < '\u{250}' => base,
            _ => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Folded header → field.
#[derive(Debug, Clone)]
pub struct Synonyms {
    by_header: HashMap<String, Field>,
}

type RawTable = BTreeMap<String, BTreeMap<String, Vec<String>>>;

impl Synonyms {
    /// The built-in table.
    pub fn built_in() -> Result<Self, SynonymError> {
        let mut synonyms = Self { by_header: HashMap::new() };
        synonyms.extend("built-in synonyms.toml", BUILT_IN)?;
        Ok(synonyms)
    }

    /// Adds the entries of a table in the same layout as `synonyms.toml`. `origin` names the
    /// table in errors.
    pub fn extend(&mut self, origin: &str, text: &str) -> Result<(), SynonymError> {
        let raw: RawTable = toml::from_str(text)
            .map_err(|e| SynonymError::Syntax { origin: origin.to_owned(), message: e.message().to_owned() })?;
        for (field_name, languages) in raw {
            let field: Field = field_name.parse().map_err(|_| SynonymError::UnknownField {
                origin: origin.to_owned(),
                field: field_name.clone(),
                known: Field::ALL.iter().map(|f| f.name()).collect::<Vec<_>>().join(", "),
            })?;
            for header in languages.values().flatten() {
                let folded = fold_header(header);
                if folded.is_empty() {
                    continue;
                }
                match self.by_header.get(&folded) {
                    Some(existing) if *existing != field => {
                        return Err(SynonymError::Conflict {
                            origin: origin.to_owned(),
                            header: header.clone(),
                            first: *existing,
                            second: field,
                        });
                    }
                    _ => {
                        self.by_header.insert(folded, field);
                    }
                }
            }
        }
        Ok(())
    }

    /// The field a header names, if any.
    pub fn field(&self, header: &str) -> Option<Field> {
        self.by_header.get(&fold_header(header)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in() -> Synonyms {
        Synonyms::built_in().unwrap_or_else(|e| panic!("built-in table must load: {e}"))
    }

    #[test]
    fn folding_ignores_case_space_underscore_and_accents() {
        assert_eq!(fold_header("Day used"), "dayused");
        assert_eq!(fold_header(" day_used "), "dayused");
        assert_eq!(fold_header("DAY-USED"), "dayused");
        assert_eq!(fold_header("Día de uso"), "diadeuso");
        assert_eq!(fold_header("\u{feff}E-Mail"), "email");
        assert_eq!(fold_header("メールアドレス"), "メールアドレス");
    }

    #[test]
    fn built_in_table_covers_documented_names() {
        let synonyms = built_in();
        let cases = [
            ("team_alias", Field::Team),
            ("Team", Field::Team),
            ("day_used", Field::Day),
            ("Day used", Field::Day),
            ("Product", Field::Product),
            ("product_name", Field::Product),
            ("e-post", Field::Email),
            ("versjon", Field::Release),
            ("Rolle", Field::Role),
            ("hashed_autodesk_id", Field::HashedAutodeskId),
            ("Seat assignment", Field::SeatAssignment),
            ("Vorname", Field::FirstName),
            ("Date de début", Field::StartDate),
            ("使用日", Field::Day),
            ("proxyAddresses", Field::Aliases),
            ("sAMAccountName", Field::Login),
        ];
        for (header, field) in cases {
            assert_eq!(synonyms.field(header), Some(field), "{header}");
        }
        assert_eq!(synonyms.field("Favourite colour"), None);
    }

    #[test]
    fn user_file_extends_and_conflicts_are_named() {
        let mut synonyms = built_in();
        synonyms.extend("mine.toml", "[day]\nmine = [\"Nutzdatum\"]\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(synonyms.field("nutzdatum"), Some(Field::Day));
        let conflict = synonyms.extend("mine.toml", "[team]\nx = [\"Day used\"]\n");
        assert!(matches!(conflict, Err(SynonymError::Conflict { .. })));
        let unknown = synonyms.extend("mine.toml", "[colour]\nx = [\"Farbe\"]\n");
        assert!(matches!(unknown, Err(SynonymError::UnknownField { .. })));
    }
}
