//! Workstation-side inputs that are not tables: `AdskLicensingInstHelper list` JSON (bare, or the
//! wrapper `adsk-audit scan` writes), copied LGS trees, `FlexLM` logs and lmstat output, and `FlexNet`
//! licence files. Each is recognised by its content and read into the canonical `machines`,
//! `installs`, `checkouts` and `licence_features` tables through a [`Collector`].

pub mod flexlm;
pub mod helper;
pub mod lgs;
pub mod licfile;

use crate::model::InputKind;
use crate::normalize::{Collector, Context, Normalized};

/// Recognises a text input of a workstation kind and reads it; `None` when the text is none of
/// them (it may still be a table). `file_stem` names the machine of a bare helper list.
pub fn read_text(
    text: &str,
    file_stem: &str,
    forced: Option<InputKind>,
    context: &Context<'_>,
) -> Option<(InputKind, f64, Normalized)> {
    let trimmed = text.trim_start();
    // JSON is parsed once, here.
    let json = (trimmed.starts_with('[') || trimmed.starts_with('{'))
        .then(|| serde_json::from_str::<serde_json::Value>(text).ok())
        .flatten();
    let detected = match &json {
        Some(json) => helper::looks_like(json).then_some(InputKind::HelperList),
        None if flexlm::looks_like(text) => Some(InputKind::FlexlmLog),
        None => licfile::looks_like(text).then_some(InputKind::LicenseFile),
    };
    let kind = forced.or(detected)?;
    let mut collector = Collector::new(context);
    match (kind, &json) {
        (InputKind::HelperList | InputKind::LgsTree, Some(json)) => helper::read(json, file_stem, &mut collector),
        (InputKind::FlexlmLog, _) => flexlm::read(text, file_stem, &mut collector),
        (InputKind::LicenseFile, _) => licfile::read(text, file_stem, &mut collector),
        _ => return None,
    }
    let archive = json.as_ref().is_some_and(helper::is_lgs_archive);
    let kind = if kind == InputKind::HelperList && archive { InputKind::LgsTree } else { kind };
    Some((kind, if forced.is_some() { 0.0 } else { 1.0 }, collector.finish()))
}
