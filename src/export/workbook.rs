//! The findings workbook: a Findings sheet (header frozen, autofilter, widths, severities
//! coloured) and a Migration status sheet. Every cell from input is written as text, so nothing
//! starting with `=`, `+`, `-` or `@` can run as a formula.

use chrono::NaiveDate;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, XlsxError};

use crate::reconcile::{Reconciliation, Severity};

fn severity_format(severity: Severity) -> Format {
    let color = match severity {
        Severity::Critical => Color::RGB(0x00C0_0000),
        Severity::High => Color::RGB(0x00FF_6A00),
        Severity::Medium => Color::RGB(0x00FF_C000),
        Severity::Low => Color::RGB(0x009B_C2E6),
        Severity::Info => Color::RGB(0x00D9_D9D9),
    };
    Format::new().set_background_color(color)
}

/// The workbook's bytes.
pub fn findings(result: &Reconciliation, as_of: NaiveDate) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let header = Format::new().set_bold().set_border_bottom(FormatBorder::Thin);
    let sheet = workbook.add_worksheet().set_name("Findings")?;
    let columns = [
        "rule",
        "severity",
        "tenant",
        "subject_kind",
        "subject",
        "person",
        "machine",
        "team",
        "product",
        "release",
        "offering",
        "tier",
        "detail",
        "action",
        "evidence",
    ];
    let widths = [22.0, 10.0, 12.0, 12.0, 30.0, 30.0, 16.0, 12.0, 18.0, 8.0, 30.0, 10.0, 80.0, 60.0, 60.0];
    for (column, (name, width)) in columns.iter().zip(widths).enumerate() {
        let column = column as u16;
        sheet.write_string_with_format(0, column, *name, &header)?;
        sheet.set_column_width(column, width)?;
    }
    for (index, finding) in result.findings.iter().enumerate() {
        let row = index as u32 + 1;
        let cells = [
            Some(finding.rule.to_owned()),
            Some(finding.severity.name().to_owned()),
            Some(finding.tenant.clone()),
            Some(finding.subject_kind.to_owned()),
            Some(finding.subject.clone()),
            finding.person.clone(),
            finding.machine.clone(),
            finding.team.clone(),
            finding.product.clone(),
            None,
            finding.offering.clone(),
            finding.tier.map(str::to_owned),
            Some(finding.detail.clone()),
            Some(finding.action.clone()),
            Some(finding.evidence.join("; ")),
        ];
        for (column, cell) in cells.into_iter().enumerate() {
            if let Some(value) = cell {
                sheet.write_string(row, column as u16, value)?;
            }
        }
        if let Some(release) = finding.release {
            sheet.write_number(row, 9, release as f64)?;
        }
        sheet.write_string_with_format(row, 1, finding.severity.name(), &severity_format(finding.severity))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, result.findings.len() as u32, (columns.len() - 1) as u16)?;

    let status = workbook.add_worksheet().set_name("Migration status")?;
    status.write_string_with_format(0, 0, format!("As of {as_of}"), &header)?;
    for (column, name) in ["tenant", "licence_method", "release", "installs", "machines"].iter().enumerate() {
        status.write_string_with_format(2, column as u16, *name, &header)?;
        status.set_column_width(column as u16, 16.0)?;
    }
    for (index, (tenant, method, release, installs, machines)) in result.status.by_method.iter().enumerate() {
        let row = index as u32 + 3;
        status.write_string(row, 0, tenant)?;
        status.write_string(row, 1, method)?;
        if let Some(release) = release {
            status.write_number(row, 2, *release as f64)?;
        }
        status.write_number(row, 3, *installs as f64)?;
        status.write_number(row, 4, *machines as f64)?;
    }
    status.set_freeze_panes(3, 0)?;
    workbook.save_to_buffer()
}
