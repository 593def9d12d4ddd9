//! The product catalog, compiled in: product keys 2015–2027 → product, family and release;
//! year letters for keys not in the lists; product-name aliases → family (inventory
//! `DisplayName`s); `FlexNet` feature codes → family and release; offerings → covered families.
//!
//! Data (see each file's header for its sources): `data/product-keys/` (`TWiesendanger`, MIT),
//! `data/feature-codes/` (tvapdx, MIT), `data/families.toml`, `data/offerings.toml`. Users
//! extend the families and offerings tables with a TOML file of the same layout.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::normalize::synonyms::fold_header as fold;

const KEY_LISTS: &[(i32, &str)] = &[
    (2015, include_str!("data/product-keys/ProductKeys2015.txt")),
    (2016, include_str!("data/product-keys/ProductKeys2016.txt")),
    (2017, include_str!("data/product-keys/ProductKeys2017.txt")),
    (2018, include_str!("data/product-keys/ProductKeys2018.txt")),
    (2019, include_str!("data/product-keys/ProductKeys2019.txt")),
    (2020, include_str!("data/product-keys/ProductKeys2020.txt")),
    (2021, include_str!("data/product-keys/ProductKeys2021.txt")),
    (2022, include_str!("data/product-keys/ProductKeys2022.txt")),
    (2023, include_str!("data/product-keys/ProductKeys2023.txt")),
    (2024, include_str!("data/product-keys/ProductKeys2024.txt")),
    (2025, include_str!("data/product-keys/ProductKeys2025.txt")),
    (2026, include_str!("data/product-keys/ProductKeys2026.txt")),
    (2027, include_str!("data/product-keys/ProductKeys2027.txt")),
];
const FEATURE_LISTS: &[&str] = &[
    include_str!("data/feature-codes/tvapdx_feature-codes_2014.csv"),
    include_str!("data/feature-codes/tvapdx_feature-codes_2015.csv"),
    include_str!("data/feature-codes/tvapdx_feature-codes_2016.csv"),
    include_str!("data/feature-codes/tvapdx_feature-codes_2017.csv"),
    include_str!("data/feature-codes/tvapdx_feature-codes_2018.csv"),
];
const FAMILIES: &str = include_str!("data/families.toml");
const OFFERINGS: &str = include_str!("data/offerings.toml");

/// What a product key, feature code or `DisplayName` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    /// As the source names it ("Autodesk Revit 2018").
    pub raw_name: String,
    /// Without vendor and year ("Revit").
    pub product: String,
    pub family: String,
    pub release: Option<i32>,
}

#[derive(Deserialize)]
struct FamilyFile {
    #[serde(default)]
    families: BTreeMap<String, FamilyEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilyEntry {
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    keys: Vec<String>,
    #[serde(default)]
    features: Vec<String>,
}

#[derive(Deserialize)]
struct OfferingFile {
    #[serde(default)]
    offerings: BTreeMap<String, OfferingEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfferingEntry {
    #[serde(default)]
    names: Vec<String>,
    families: Vec<String>,
}

/// Why a catalog file could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct CatalogError {
    origin: String,
    message: String,
}

/// The catalog.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    keys: HashMap<String, Product>,
    family_by_name: HashMap<String, String>,
    family_by_key_prefix: HashMap<String, String>,
    family_by_feature: HashMap<String, String>,
    /// Folded offering name → (canonical offering name, families).
    offerings: HashMap<String, (String, Vec<String>)>,
}

/// Release year of a key's 4th character: B = 2010 … S = 2027, no letter skipped.
pub fn year_of_letter(letter: char) -> Option<i32> {
    let letter = letter.to_ascii_uppercase();
    letter.is_ascii_uppercase().then(|| 2010 + (letter as i32 - 'B' as i32)).filter(|y| (2010..=2034).contains(y))
}

/// "Autodesk Revit 2018" → "Revit"; strips the vendor, the year and edition noise.
fn product_name(raw: &str) -> String {
    let name = raw.trim().trim_start_matches('\u{feff}');
    let name = name.strip_prefix("Autodesk ").unwrap_or(name);
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !(w.len() == 4 && w.parse::<i32>().is_ok_and(|y| (1990..2100).contains(&y))))
        .collect();
    words.join(" ")
}

impl Catalog {
    /// The built-in catalog.
    pub fn built_in() -> Result<Self, CatalogError> {
        let mut catalog = Catalog::default();
        catalog.extend_families("built-in families.toml", FAMILIES)?;
        catalog.extend_offerings("built-in offerings.toml", OFFERINGS)?;
        for (year, list) in KEY_LISTS {
            for line in list.lines() {
                let Some((name, key)) = line.rsplit_once(';') else { continue };
                let key = key.trim().to_uppercase();
                if key.len() != 5 {
                    continue;
                }
                let product = product_name(name);
                let family = catalog.family_of_name(&product).unwrap_or_else(|| product.clone());
                let raw_name = name.trim().trim_start_matches('\u{feff}').to_owned();
                catalog.keys.insert(key, Product { raw_name, product, family, release: Some(*year) });
            }
        }
        for list in FEATURE_LISTS {
            for line in list.lines() {
                let mut cells = line.split(',');
                let (Some(name), Some(feature)) = (cells.next(), cells.next()) else { continue };
                if let Some(code) = feature_product_code(feature) {
                    let product = product_name(name);
                    let family = catalog.family_of_name(&product).unwrap_or(product);
                    catalog.family_by_feature.entry(code).or_insert(family);
                }
            }
        }
        Ok(catalog)
    }

    /// Adds families from a TOML file laid out like `data/families.toml`.
    pub fn extend_families(&mut self, origin: &str, text: &str) -> Result<(), CatalogError> {
        let file: FamilyFile = toml::from_str(text)
            .map_err(|e| CatalogError { origin: origin.to_owned(), message: e.message().to_owned() })?;
        for (family, entry) in file.families {
            self.family_by_name.insert(fold(&family), family.clone());
            for name in entry.names {
                self.family_by_name.insert(fold(&name), family.clone());
            }
            for key in entry.keys {
                self.family_by_key_prefix.insert(key.to_uppercase(), family.clone());
            }
            for feature in entry.features {
                self.family_by_feature.insert(feature.to_uppercase(), family.clone());
            }
        }
        Ok(())
    }

    /// Adds offerings from a TOML file laid out like `data/offerings.toml`.
    pub fn extend_offerings(&mut self, origin: &str, text: &str) -> Result<(), CatalogError> {
        let file: OfferingFile = toml::from_str(text)
            .map_err(|e| CatalogError { origin: origin.to_owned(), message: e.message().to_owned() })?;
        for (offering, entry) in file.offerings {
            let value = (offering.clone(), entry.families.clone());
            self.offerings.insert(fold(&offering), value.clone());
            for name in entry.names {
                self.offerings.insert(fold(&name), value.clone());
            }
        }
        Ok(())
    }

    /// The family a product name belongs to, if the catalog knows it.
    pub fn family_of_name(&self, name: &str) -> Option<String> {
        self.family_by_name.get(&fold(&product_name(name))).cloned()
    }

    /// A product key: from the lists, else its prefix's family and its year letter.
    pub fn key(&self, key: &str) -> Option<Product> {
        let key = key.trim().to_uppercase();
        if let Some(product) = self.keys.get(&key) {
            return Some(product.clone());
        }
        let mut chars = key.chars();
        let prefix: String = chars.by_ref().take(3).collect();
        let release = chars.next().and_then(year_of_letter);
        if key.len() != 5 || release.is_none() {
            return None;
        }
        let family = self
            .family_by_key_prefix
            .get(&prefix)
            .cloned()
            .or_else(|| self.keys.iter().find(|(k, _)| k.starts_with(&prefix)).map(|(_, p)| p.family.clone()))?;
        Some(Product { raw_name: key.clone(), product: family.clone(), family, release })
    }

    /// A `FlexNet` feature: `87545ACD_2022_0F` (versioned) or `64300ACD_F` (package).
    pub fn feature(&self, feature: &str) -> Option<Product> {
        let code = feature_product_code(feature)?;
        let family = self.family_by_feature.get(&code)?.clone();
        let release = feature.split('_').nth(1).and_then(|y| y.parse().ok()).filter(|y| (1990..2100).contains(y));
        Some(Product { raw_name: feature.to_owned(), product: family.clone(), family, release })
    }

    /// An Add/Remove Programs `DisplayName` (`Autodesk AutoCAD 2024 - English`). `Err` says why a
    /// recognised Autodesk entry is not an install of its own (language pack, update).
    pub fn display_name(&self, display_name: &str) -> Option<Result<Product, String>> {
        let lower = display_name.to_lowercase();
        let base = display_name.split(" - ").next().unwrap_or(display_name);
        let release = base.split_whitespace().filter_map(|w| w.parse::<i32>().ok()).find(|y| (1990..2100).contains(y));
        // Longest known family name contained in the name wins ("AutoCAD LT" over "AutoCAD").
        let folded = fold(&product_name(base));
        let family = self
            .family_by_name
            .iter()
            .filter(|(name, _)| !name.is_empty() && folded.starts_with(name.as_str()))
            .max_by_key(|(name, _)| name.len())
            .map(|(_, family)| family.clone())?;
        for (marker, what) in [
            ("language pack", "language pack"),
            ("update", "update"),
            ("hotfix", "hotfix"),
            ("service pack", "service pack"),
            ("object enabler", "object enabler"),
        ] {
            if lower.contains(marker) {
                return Some(Err(format!("{what} of {family}, not a separate install")));
            }
        }
        Some(Ok(Product { raw_name: display_name.to_owned(), product: family.clone(), family, release }))
    }

    /// The families an offering covers (an unknown offering covers its own name's family).
    pub fn covered_families(&self, offering: &str) -> Vec<String> {
        match self.offerings.get(&fold(offering)) {
            Some((_, families)) => families.clone(),
            None => vec![self.family_of_name(offering).unwrap_or_else(|| offering.trim().to_owned())],
        }
    }

    /// Every (offering as written, family) pair for a set of offering names.
    pub fn coverage<'a>(&self, offerings: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
        offerings.flat_map(|o| self.covered_families(o).into_iter().map(move |f| (o.to_owned(), f))).collect()
    }
}

/// `87545ACD_2022_0F` → `ACD`; `64300ACD_F` → `ACD`; `868333DSMAX_2018_0F` → `3DSMAX`.
fn feature_product_code(feature: &str) -> Option<String> {
    let head = feature.trim().trim_matches('"').split('_').next()?;
    // Five digits of feature number, then the product code (which may itself start with a digit).
    let code = head.get(5..)?;
    (!code.is_empty() && head[..5].chars().all(|c| c.is_ascii_digit())).then(|| code.to_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::built_in().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn keys_from_the_lists_and_from_year_letters() {
        let catalog = catalog();
        let revit = catalog.key("829J1").unwrap_or_else(|| panic!("829J1"));
        assert_eq!((revit.family.as_str(), revit.release), ("Revit", Some(2018)));
        assert_eq!(catalog.key("001Q1").map(|p| (p.family, p.release)), Some(("AutoCAD".into(), Some(2025))));
        // Not in any list: the prefix gives the family, the letter the year.
        assert_eq!(catalog.key("001B1").map(|p| (p.family, p.release)), Some(("AutoCAD".into(), Some(2010))));
        assert_eq!(catalog.key("657S1").map(|p| p.family), Some("Maya".into()));
        assert_eq!(catalog.key("XYZ"), None);
        assert_eq!(year_of_letter('I'), Some(2017));
        assert_eq!(year_of_letter('O'), Some(2023));
        assert_eq!(year_of_letter('S'), Some(2027));
    }

    #[test]
    fn feature_codes() {
        let catalog = catalog();
        assert_eq!(
            catalog.feature("87393ACD_2021_0F").map(|p| (p.family, p.release)),
            Some(("AutoCAD".into(), Some(2021)))
        );
        assert_eq!(catalog.feature("64300ACD_F").map(|p| (p.family, p.release)), Some(("AutoCAD".into(), None)));
        assert_eq!(catalog.feature("87537INVPROSA_2022_0F").map(|p| p.family), Some("Inventor Professional".into()));
        assert_eq!(catalog.feature("868333DSMAX_2018_0F").map(|p| p.family), Some("3ds Max".into()));
    }

    #[test]
    fn display_names() {
        let catalog = catalog();
        let product = |name: &str| catalog.display_name(name).map(|r| r.map(|p| (p.family, p.release)));
        assert_eq!(product("Autodesk AutoCAD 2024 - English"), Some(Ok(("AutoCAD".into(), Some(2024)))));
        assert_eq!(product("Revit 2025"), Some(Ok(("Revit".into(), Some(2025)))));
        assert_eq!(product("AutoCAD LT 2019 Language Pack - Deutsch").map(|r| r.is_err()), Some(true));
        assert_eq!(product("Autodesk AutoCAD LT 2022"), Some(Ok(("AutoCAD LT".into(), Some(2022)))));
        assert_eq!(product("Autodesk Civil 3D 2023"), Some(Ok(("Civil 3D".into(), Some(2023)))));
        assert_eq!(product("Microsoft Edge"), None);
    }

    #[test]
    fn offerings_cover_families() {
        let catalog = catalog();
        assert!(
            catalog
                .covered_families("Architecture Engineering & Construction Collection")
                .contains(&"Revit".to_owned())
        );
        assert!(catalog.covered_families("AEC collection").contains(&"Civil 3D".to_owned()));
        assert_eq!(catalog.covered_families("Revit"), vec!["Revit".to_owned()]);
        assert_eq!(catalog.covered_families("AutoCAD"), vec!["AutoCAD".to_owned()]);
    }
}
