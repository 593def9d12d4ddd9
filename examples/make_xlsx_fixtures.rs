//! Writes the workbook fixtures of `tests/data` (the text ones come from
//! `tests/make_fixtures.py`). Run from the repository root:
//! `cargo run --example make_xlsx_fixtures`.

use chrono::{NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn stamp(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    date(y, m, d).and_hms_opt(h, min, 0).unwrap_or_default()
}

fn fixed_properties(workbook: &mut Workbook) {
    // A fixed creation time keeps the files byte-identical from run to run.
    let created = ExcelDateTime::from_ymd(2026, 1, 1).unwrap_or_else(|_| unreachable!());
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created).set_author("adsk-audit fixtures"));
}

fn row(sheet: &mut Worksheet, row: u32, cells: &[&str]) -> Result<(), XlsxError> {
    for (column, cell) in cells.iter().enumerate() {
        if !cell.is_empty() {
            sheet.write_string(row, column as u16, *cell)?;
        }
    }
    Ok(())
}

fn usage_report() -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    fixed_properties(&mut workbook);
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let stamp_format = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let filters = workbook.add_worksheet().set_name("Filters")?;
    row(filters, 0, &["Usage Report"])?;
    row(filters, 2, &["Team", "All teams"])?;
    row(filters, 3, &["Date range", "2026-05-01 to 2026-07-31"])?;
    row(filters, 4, &["Offering", "All"])?;
    let sheet = workbook.add_worksheet().set_name("Usage Report")?;
    row(
        sheet,
        0,
        &[
            "hashed_autodesk_id",
            "first_name",
            "last_name",
            "email",
            "team_alias",
            "offering_name",
            "version",
            "seat_assignment",
            "assigned_date",
            "user_activity",
            "days_used",
            "monthly_average",
            "last_accessed",
        ],
    )?;
    let people = [
        (
            "a1f0",
            "Jane",
            "Doe",
            "Jane.Doe@Acme-Arch.com",
            "Architecture Engineering & Construction Collection",
            49.0,
            16.2,
            Some(date(2026, 7, 29)),
        ),
        ("b2e1", "Bjørn", "Håland", "bjorn.haland@acme-arch.com", "AutoCAD", 0.0, 0.0, None),
        ("e5f4", "Ola", "Nordmann", "ola.nordmann@acme-arch.com", "Civil 3D", 22.0, 3.5, Some(date(2026, 7, 30))),
    ];
    for (index, (hashed, first, last, email, offering, days, average, last_used)) in people.into_iter().enumerate() {
        let r = index as u32 + 1;
        row(sheet, r, &[hashed, first, last, email, "Main Team", offering])?;
        sheet.write_number(r, 6, 2026)?;
        sheet.write_string(r, 7, "assigned")?;
        sheet.write_datetime_with_format(r, 8, stamp(2025, 1, 15, 8, 30), &stamp_format)?;
        sheet.write_string(r, 9, if days > 0.0 { "active" } else { "inactive" })?;
        sheet.write_number(r, 10, days)?;
        sheet.write_number(r, 11, average)?;
        if let Some(last_used) = last_used {
            sheet.write_datetime_with_format(r, 12, last_used, &day)?;
        }
    }
    workbook.save("tests/data/usage-report/usage-report-two-sheets.xlsx")?;
    let bytes = std::fs::read("tests/data/usage-report/usage-report-two-sheets.xlsx").map_err(XlsxError::IoError)?;
    std::fs::write("tests/data/bad/truncated.xlsx", &bytes[..bytes.len() * 3 / 5]).map_err(XlsxError::IoError)
}

fn pasted_by_product() -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    fixed_properties(&mut workbook);
    let sheet = workbook.add_worksheet().set_name("Sheet1")?;
    row(sheet, 0, &["Architecture Engineering & Construction Collection"])?;
    row(sheet, 1, &["Team: Main Team"])?;
    row(sheet, 2, &["4 of 6 seats assigned"])?;
    row(sheet, 3, &["Name", "Email address", "Status", "Invited on"])?;
    row(sheet, 4, &["Assigned users"])?;
    row(sheet, 5, &["Jane Doe", "Jane.Doe@Acme-Arch.com", "Active"])?;
    row(sheet, 6, &["Bjørn Håland", "bjorn.haland@acme-arch.com", "Active"])?;
    row(sheet, 8, &["Invited users"])?;
    row(sheet, 9, &["", "new.hire@acme-arch.com", "Invited"])?;
    // An unformatted Excel serial number: 46231 is 2026-07-28.
    sheet.write_number(9, 3, 46231)?;
    row(sheet, 10, &["Ola Nordmann", "ola.nordmann@acme-arch.com", "Pending"])?;
    sheet.write_number(10, 3, 46200)?;
    row(sheet, 11, &["Someone", "someone at acme", "Active"])?;
    workbook.save("tests/data/assignments/by-product-pasted-header-row-4.xlsx")
}

fn seat_usage_sections() -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    fixed_properties(&mut workbook);
    let day = Format::new().set_num_format("mm/dd/yyyy");
    let subscriptions = workbook.add_worksheet().set_name("Subscriptions")?;
    row(
        subscriptions,
        0,
        &[
            "subscription_id",
            "contract_number",
            "offering_name",
            "seat_quantity",
            "start_date",
            "end_date",
            "team_alias",
        ],
    )?;
    row(subscriptions, 1, &["SUB-1001", "110001234567", "Architecture Engineering & Construction Collection"])?;
    subscriptions.write_number(1, 3, 3)?;
    subscriptions.write_datetime_with_format(1, 4, date(2025, 6, 15), &day)?;
    subscriptions.write_datetime_with_format(1, 5, date(2026, 6, 14), &day)?;
    subscriptions.write_string(1, 6, "Main Team")?;
    let users = workbook.add_worksheet().set_name("Users")?;
    row(users, 0, &["email", "first_name", "last_name", "role", "team_alias", "offering_name"])?;
    row(
        users,
        1,
        &[
            "jane.doe@acme-arch.com",
            "Jane",
            "Doe",
            "Primary Admin",
            "Main Team",
            "Architecture Engineering & Construction Collection",
        ],
    )?;
    let usage = workbook.add_worksheet().set_name("Usage")?;
    row(
        usage,
        0,
        &["team_alias", "hashed_autodesk_id", "product_name", "offering_name", "version", "access_option", "day_used"],
    )?;
    for (index, d) in [1u32, 2, 3].into_iter().enumerate() {
        let r = index as u32 + 1;
        row(usage, r, &["Main Team", "a1f0", "Revit", "Architecture Engineering & Construction Collection"])?;
        usage.write_number(r, 4, 2026)?;
        usage.write_string(r, 5, "Subscription")?;
        usage.write_datetime_with_format(r, 6, date(2026, 7, d), &day)?;
    }
    workbook.save("tests/data/seat-usage/seat-usage-export-three-sections.xlsx")
}

fn main() -> Result<(), XlsxError> {
    usage_report()?;
    pasted_by_product()?;
    seat_usage_sections()
}
