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
    let kind = forced.or_else(|| detect(text))?;
    let mut collector = Collector::new(context);
    match kind {
        InputKind::HelperList | InputKind::LgsTree => helper::read(text, file_stem, &mut collector)?,
        InputKind::FlexlmLog => flexlm::read(text, file_stem, &mut collector),
        InputKind::LicenseFile => licfile::read(text, file_stem, &mut collector),
        _ => return None,
    }
    let kind = if kind == InputKind::HelperList && helper::is_lgs_archive(text) { InputKind::LgsTree } else { kind };
    Some((kind, if forced.is_some() { 0.0 } else { 1.0 }, collector.finish()))
}

fn detect(text: &str) -> Option<InputKind> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') || trimmed.starts_with('{') {
        return helper::looks_like(text).then_some(InputKind::HelperList);
    }
    if flexlm::looks_like(text) {
        return Some(InputKind::FlexlmLog);
    }
    licfile::looks_like(text).then_some(InputKind::LicenseFile)
}
