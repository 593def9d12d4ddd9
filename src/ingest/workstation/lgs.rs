//! Copied licensing trees: `ProgramData\Autodesk\CLM\LGS\<key>_<ver>\` (2017–2019:
//! `LGS.data` holds `_NETWORK`, `_USER` or `_STANDALONE`; `LICPATH.lic` points at licence
//! servers) and `ProgramData\Autodesk\AdskLicensingService\<key>_<ver>\` (2020+, the same files
//! when set to NETWORK); `ProgramData\FLEXnet\adskflex_*` files are noted. Names are matched
//! case-insensitively; `LGS.data` may carry a BOM, UTF-16, stray whitespace or any case.
//!
//! A tree is read into the wrapper JSON that `adsk-audit scan` writes (with `"kind": "lgs-tree"`),
//! so the store keeps one file per tree and reads it back exactly.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::ingest::decode::{Content, sniff};

/// What one `<key>_<ver>` folder says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct LgsEntry {
    pub key: String,
    pub version: String,
    pub method: String,
    pub servers: Vec<String>,
    pub evidence: String,
}

/// A child of `dir` whose name matches `name` case-insensitively.
fn child(dir: &Path, name: &str) -> Option<PathBuf> {
    fs_err::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case(name)))
}

/// A subfolder of `<root>/ProgramData/Autodesk` or `<root>/Autodesk`, names matched
/// case-insensitively.
pub fn autodesk_child(root: &Path, name: &str) -> Option<PathBuf> {
    let base = child(root, "ProgramData").unwrap_or_else(|| root.to_path_buf());
    child(&child(&base, "Autodesk")?, name)
}

/// The `Autodesk` folder of a tree root: `<root>/ProgramData/Autodesk` or `<root>/Autodesk`.
fn autodesk_dir(root: &Path) -> Option<PathBuf> {
    let base = child(root, "ProgramData").unwrap_or_else(|| root.to_path_buf());
    let autodesk = child(&base, "Autodesk")?;
    let has_tree = child(&autodesk, "AdskLicensingService").is_some()
        || child(&autodesk, "CLM").and_then(|clm| child(&clm, "LGS")).is_some();
    has_tree.then_some(autodesk)
}

/// Whether a folder is the top of a copied licensing tree (its name is the machine's).
pub fn is_tree_root(dir: &Path) -> bool {
    autodesk_dir(dir).is_some()
}

fn text_of(path: &Path) -> Option<String> {
    let bytes = fs_err::read(path).ok()?;
    match sniff(bytes) {
        Ok(Content::Text(text) | Content::Html(text)) => Some(text.text),
        _ => None,
    }
}

/// `SERVER host hostid [port]` lines → `port@host` (or `@host`).
pub fn licpath_servers(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            if !words.next()?.eq_ignore_ascii_case("SERVER") {
                return None;
            }
            let host = words.next()?;
            let port = words.nth(1).filter(|p| p.chars().all(|c| c.is_ascii_digit()));
            Some(format!("{}@{host}", port.unwrap_or("")))
        })
        .collect()
}

fn entry(folder: &Path, service: bool) -> Option<LgsEntry> {
    let name = folder.file_name()?.to_string_lossy().into_owned();
    let (key, version) = name.split_once('_')?;
    if key.len() != 5 {
        return None;
    }
    let lgs = child(folder, "LGS.data").and_then(|p| text_of(&p));
    let licpath = child(folder, "LICPATH.lic").and_then(|p| text_of(&p));
    let servers = licpath.as_deref().map(licpath_servers).unwrap_or_default();
    let place = if service { "AdskLicensingService" } else { "CLM/LGS" };
    let (method, evidence) = match (&lgs, &licpath) {
        (Some(data), _) => {
            let value = data.trim_matches(|c: char| c.is_whitespace() || c == '\0' || c == '\u{feff}').to_uppercase();
            let method = match value.trim_start_matches('_') {
                "NETWORK" => "NETWORK",
                "USER" => "USER",
                "STANDALONE" => "STANDALONE",
                "" => "UNSET",
                _ => "UNKNOWN",
            };
            (method, format!("{place}/{name}/LGS.data says `{value}`"))
        }
        (None, Some(_)) => ("NETWORK", format!("{place}/{name}/LICPATH.lic points at {}", servers.join(", "))),
        (None, None) => ("UNKNOWN", format!("{place}/{name} has neither LGS.data nor LICPATH.lic")),
    };
    Some(LgsEntry {
        key: key.to_uppercase(),
        version: version.to_owned(),
        method: method.to_owned(),
        servers,
        evidence,
    })
}

/// Every product folder of a tree, sorted.
pub fn entries(root: &Path) -> Vec<LgsEntry> {
    let Some(autodesk) = autodesk_dir(root) else { return Vec::new() };
    let mut found = Vec::new();
    let folders = [
        (child(&autodesk, "CLM").and_then(|c| child(&c, "LGS")), false),
        (child(&autodesk, "AdskLicensingService"), true),
    ];
    for (folder, service) in folders {
        let Some(folder) = folder else { continue };
        for path in fs_err::read_dir(&folder).into_iter().flatten().flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
            found.extend(entry(&path, service));
        }
    }
    found.sort_by(|a, b| (&a.key, &a.version).cmp(&(&b.key, &b.version)));
    found
}

/// `adskflex_*` files under `FLEXnet` (trusted storage of standalone activations).
pub fn flexnet_files(root: &Path) -> Vec<String> {
    let base = child(root, "ProgramData").unwrap_or_else(|| root.to_path_buf());
    let Some(flexnet) = child(&base, "FLEXnet") else { return Vec::new() };
    let mut files: Vec<String> = fs_err::read_dir(&flexnet)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.to_lowercase().starts_with("adskflex"))
        .collect();
    files.sort();
    files
}

#[derive(Serialize)]
struct Archive {
    kind: &'static str,
    machine: String,
    lgs: Vec<LgsEntry>,
    flexnet_files: Vec<String>,
}

/// A tree as the wrapper JSON the helper-list reader reads.
pub fn archive(root: &Path) -> Vec<u8> {
    let machine = root.file_name().map_or_else(|| "unknown".to_owned(), |n| n.to_string_lossy().into_owned());
    let archive = Archive { kind: "lgs-tree", machine, lgs: entries(root), flexnet_files: flexnet_files(root) };
    serde_json::to_vec_pretty(&archive).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licpath_lines() {
        assert_eq!(licpath_servers("SERVER lic1 000000000000 27000\nUSE_SERVER\n"), vec!["27000@lic1".to_owned()]);
        assert_eq!(licpath_servers("server LIC2 0\n"), vec!["@LIC2".to_owned()]);
    }
}
