//! One row function per input kind: which canonical rows a row of that kind yields.
//!
//! Conventions: e-mails are keyed lower-case with the original kept in `email_display`;
//! statuses, `seat_assignment`, `user_activity` and `via` are lower-cased; a row that names
//! neither an e-mail nor a hashed Autodesk id (the PII-off form) identifies nobody and is rejected.

use super::values::{self, Email};
use super::{CellError, PageInfo, RowOutcome, RowReader};
use crate::model::Field;
use crate::model::Table;
use crate::model::tables::Value;

type Values = Vec<(&'static str, Value)>;

fn email_values(email: Option<&Email>) -> [(&'static str, Value); 2] {
    [
        ("email", Value::from(email.map(|e| e.key.clone()))),
        ("email_display", Value::from(email.map(|e| e.display.clone()))),
    ]
}

/// The person a usage row is about: an e-mail, or the hashed id when personal data is off.
fn identity(row: &RowReader<'_>) -> Result<(Option<Email>, Option<String>), CellError> {
    let email = row.email(Field::Email)?;
    let hashed = row.text(Field::HashedAutodeskId);
    if email.is_none() && hashed.is_none() {
        return Err(row.missing(&[Field::Email, Field::HashedAutodeskId]));
    }
    Ok((email, hashed))
}

fn required(row: &RowReader<'_>, field: Field) -> Result<String, CellError> {
    row.text(field).ok_or_else(|| row.missing(&[field]))
}

/// `direct` unless the row names a group or an explicit assignment type.
fn via(row: &RowReader<'_>) -> String {
    match (row.lower(Field::Via), row.text(Field::Group)) {
        (Some(via), _) if via.contains("group") => "group".to_owned(),
        (Some(via), _) if via.contains("default") => "default".to_owned(),
        (Some(via), _) if via.contains("direct") || via.contains("user") => "direct".to_owned(),
        (_, Some(_)) => "group".to_owned(),
        _ => "direct".to_owned(),
    }
}

fn person(row: &RowReader<'_>, email: Option<&Email>, hashed: Option<String>) -> Values {
    let mut values: Values = email_values(email).into();
    values.extend([
        ("first_name", Value::from(row.text(Field::FirstName))),
        ("last_name", Value::from(row.text(Field::LastName))),
        ("display_name", Value::from(display_name(row))),
        ("autodesk_id", Value::from(row.text(Field::AutodeskId))),
        ("hashed_autodesk_id", Value::from(hashed)),
        ("team", Value::from(row.text(Field::Team))),
    ]);
    values
}

fn display_name(row: &RowReader<'_>) -> Option<String> {
    if let Some(name) = row.text(Field::Name) {
        // A pasted page cell may read "Jane Doe <jane@firm.com>".
        let name = name.split('<').next().unwrap_or("").trim().to_owned();
        if !name.is_empty() && !values::looks_like_email(&name) {
            return Some(name);
        }
    }
    match (row.text(Field::FirstName), row.text(Field::LastName)) {
        (Some(first), Some(last)) => Some(format!("{first} {last}")),
        (first, last) => first.or(last),
    }
}

pub fn usage_report(row: &RowReader<'_>) -> Result<RowOutcome, CellError> {
    let (email, hashed) = identity(row)?;
    let offering = required(row, Field::Offering)?;
    let team = row.text(Field::Team);
    let mut summary: Values = email_values(email.as_ref()).into();
    summary.extend([
        ("hashed_autodesk_id", Value::from(hashed.clone())),
        ("team", Value::from(team.clone())),
        ("offering", Value::Str(offering.clone())),
        ("release", Value::from(row.release(Field::Release)?)),
        ("user_activity", Value::from(row.lower(Field::UserActivity))),
        ("days_used", Value::from(row.integer(Field::DaysUsed)?)),
        ("days_inactive", Value::from(row.integer(Field::DaysInactive)?)),
        ("monthly_average", Value::from(row.decimal(Field::MonthlyAverage)?)),
        ("tokens_used", Value::from(row.decimal(Field::TokensUsed)?)),
        ("last_accessed", Value::from(row.date(Field::LastAccessed)?)),
        ("access_option", Value::from(row.text(Field::AccessOption))),
    ]);
    let mut assignment: Values = email_values(email.as_ref()).into();
    assignment.extend([
        ("hashed_autodesk_id", Value::from(hashed.clone())),
        ("offering", Value::Str(offering)),
        ("team", Value::from(team)),
        ("group", Value::from(row.text(Field::Group))),
        ("via", Value::Str(via(row))),
        ("seat_assignment", Value::from(row.lower(Field::SeatAssignment))),
        ("assigned_date", Value::from(row.date(Field::AssignedDate)?)),
        ("unassigned_date", Value::from(row.date(Field::UnassignedDate)?)),
    ]);
    let mut rows = vec![(Table::UsageSummary, summary), (Table::Assignments, assignment)];
    if email.is_some() {
        rows.push((Table::People, person(row, email.as_ref(), hashed)));
    }
    Ok(RowOutcome::Rows(rows))
}

pub fn seat_usage(row: &RowReader<'_>) -> Result<RowOutcome, CellError> {
    let (email, hashed) = identity(row)?;
    let day = row.date(Field::Day)?.ok_or_else(|| row.missing(&[Field::Day]))?;
    let product = row.text(Field::Product);
    let offering = row.text(Field::Offering);
    if product.is_none() && offering.is_none() {
        return Err(row.missing(&[Field::Product, Field::Offering]));
    }
    let mut usage: Values = email_values(email.as_ref()).into();
    usage.extend([
        ("hashed_autodesk_id", Value::from(hashed)),
        ("team", Value::from(row.text(Field::Team))),
        ("product", Value::from(product)),
        ("offering", Value::from(offering)),
        ("release", Value::from(row.release(Field::Release)?)),
        ("day", Value::Date(day)),
        ("access_option", Value::from(row.text(Field::AccessOption))),
    ]);
    Ok(RowOutcome::Rows(vec![(Table::UsageDays, usage)]))
}

pub fn users(row: &RowReader<'_>) -> Result<RowOutcome, CellError> {
    let email = row.email(Field::Email)?.ok_or_else(|| row.missing(&[Field::Email]))?;
    let mut people = person(row, Some(&email), None);
    let status = row.text(Field::Status).map(|s| values::status(&s));
    people.extend([
        ("role", Value::from(row.text(Field::Role))),
        ("status", Value::from(status.clone())),
        ("invited_date", Value::from(row.date(Field::InvitedDate)?)),
    ]);
    let mut rows = vec![(Table::People, people)];
    // The Users export lists a user once per assigned offering.
    if let Some(offering) = row.text(Field::Offering) {
        let mut assignment: Values = email_values(Some(&email)).into();
        assignment.extend([
            ("offering", Value::Str(offering)),
            ("team", Value::from(row.text(Field::Team))),
            ("group", Value::from(row.text(Field::Group))),
            ("via", Value::Str(via(row))),
            ("seat_assignment", Value::from("assigned")),
            ("status", Value::from(status)),
        ]);
        rows.push((Table::Assignments, assignment));
    }
    Ok(RowOutcome::Rows(rows))
}

pub fn subscriptions(row: &RowReader<'_>) -> Result<RowOutcome, CellError> {
    let id = row.text(Field::SubscriptionId);
    let contract = row.text(Field::ContractNumber);
    if id.is_none() && contract.is_none() {
        return Err(row.missing(&[Field::SubscriptionId, Field::ContractNumber]));
    }
    let status = row.lower(Field::SubscriptionStatus).or_else(|| row.text(Field::Status).map(|s| values::status(&s)));
    let values: Values = vec![
        ("subscription_id", Value::from(id)),
        ("contract_number", Value::from(contract)),
        ("offering", Value::from(row.text(Field::Offering))),
        ("team", Value::from(row.text(Field::Team))),
        ("seat_quantity", Value::from(row.integer(Field::SeatQuantity)?)),
        ("start_date", Value::from(row.date(Field::StartDate)?)),
        ("end_date", Value::from(row.date(Field::EndDate)?)),
        ("term", Value::from(row.text(Field::Term))),
        ("status", Value::from(status)),
        ("autorenew_date", Value::from(row.date(Field::AutorenewDate)?)),
        ("reseller_name", Value::from(row.text(Field::ResellerName))),
    ];
    Ok(RowOutcome::Rows(vec![(Table::Subscriptions, values)]))
}

pub fn assignments(row: &RowReader<'_>, page: Option<&PageInfo>) -> Result<RowOutcome, CellError> {
    let email = match row.email(Field::Email) {
        Ok(Some(email)) => Some(email),
        // A pasted row may carry the address inside another cell ("Jane Doe <jane@firm.com>").
        Ok(None) | Err(_) => row.cells().find_map(values::find_email).and_then(|e| values::email(e).ok().flatten()),
    };
    let Some(email) = email else {
        let filled = row.cells().filter(|c| values::clean(c).is_some()).count();
        if filled <= 1 {
            return Ok(RowOutcome::Skip("label row without an e-mail address".to_owned()));
        }
        return Err(row.email(Field::Email).err().unwrap_or_else(|| row.missing(&[Field::Email])));
    };
    let offering =
        row.text(Field::Offering).or_else(|| page.and_then(|p| p.offering.as_ref()).map(|f| f.value.clone()));
    let team = row.text(Field::Team).or_else(|| page.and_then(|p| p.team.as_ref()).map(|f| f.value.clone()));
    let status = row.text(Field::Status).map(|s| values::status(&s));
    let mut assignment: Values = email_values(Some(&email)).into();
    assignment.extend([
        ("offering", Value::from(offering.clone())),
        ("team", Value::from(team.clone())),
        ("group", Value::from(row.text(Field::Group))),
        ("via", Value::Str(via(row))),
        ("seat_assignment", Value::from("assigned")),
        ("status", Value::from(status.clone())),
        ("assigned_date", Value::from(row.date(Field::AssignedDate)?)),
    ]);
    let mut people: Values = email_values(Some(&email)).into();
    people.extend([
        ("display_name", Value::from(display_name(row))),
        ("status", Value::from(status)),
        ("team", Value::from(team.clone())),
        ("invited_date", Value::from(row.date(Field::InvitedDate)?)),
    ]);
    let mut rows = vec![(Table::Assignments, assignment), (Table::People, people)];
    // The page's "Last used" column is usage evidence per user × offering.
    if let Some(last_accessed) = row.date(Field::LastAccessed)? {
        let mut summary: Values = email_values(Some(&email)).into();
        summary.extend([
            ("offering", Value::from(offering)),
            ("team", Value::from(team)),
            ("last_accessed", Value::Date(last_accessed)),
        ]);
        rows.push((Table::UsageSummary, summary));
    }
    Ok(RowOutcome::Rows(rows))
}

pub fn directory(row: &RowReader<'_>) -> Result<RowOutcome, CellError> {
    let aliases = row.text(Field::Aliases).map(|cell| values::aliases(&cell)).unwrap_or_default();
    let upn = row.text(Field::Upn);
    let upn_email = upn.as_deref().and_then(|u| values::email(u).ok().flatten());
    // `mail` is the address people use; without it, the primary SMTP alias, then the UPN.
    let email = row
        .email(Field::Email)?
        .or_else(|| aliases.first().and_then(|a| values::email(a).ok().flatten()))
        .or(upn_email);
    let login = row.text(Field::Login);
    if email.is_none() && login.is_none() {
        return Err(row.missing(&[Field::Email, Field::Login, Field::Upn]));
    }
    let enabled = match row.flag(Field::Enabled)? {
        Some(enabled) => Some(enabled),
        None => row.account_control()?,
    };
    let domain = row.text(Field::Domain);
    let mut entry: Values = email_values(email.as_ref()).into();
    entry.extend([
        ("display_name", Value::from(display_name(row))),
        ("first_name", Value::from(row.text(Field::FirstName))),
        ("last_name", Value::from(row.text(Field::LastName))),
        ("login", Value::from(login.clone())),
        ("upn", Value::from(upn.clone())),
        ("domain", Value::from(domain.clone())),
        ("department", Value::from(row.text(Field::Department))),
        ("cost_centre", Value::from(row.text(Field::CostCentre))),
        ("enabled", Value::from(enabled)),
        ("aliases", Value::from((!aliases.is_empty()).then(|| aliases.join(";")))),
        ("employee_id", Value::from(row.text(Field::EmployeeId))),
    ]);
    let mut rows = vec![(Table::Directory, entry)];
    if let Some(email) = &email {
        let mut logins: Vec<(String, &'static str)> = Vec::new();
        if let Some(login) = &login {
            logins.push((login.to_lowercase(), "sam"));
            if let Some(domain) = &domain {
                logins.push((format!("{domain}\\{login}").to_lowercase(), "domain_login"));
            }
        }
        if let Some(upn) = &upn {
            logins.push((upn.to_lowercase(), "upn"));
        }
        logins.push((email.key.clone(), "email"));
        logins.extend(aliases.iter().filter(|a| **a != email.key).map(|a| (a.clone(), "alias")));
        let mut seen: Vec<String> = Vec::new();
        for (login, kind) in logins {
            if seen.contains(&login) {
                continue;
            }
            seen.push(login.clone());
            rows.push((
                Table::Logins,
                vec![
                    ("login", Value::Str(login)),
                    ("login_kind", Value::from(kind)),
                    ("email", Value::Str(email.key.clone())),
                ],
            ));
        }
    }
    Ok(RowOutcome::Rows(rows))
}

/// A software inventory row: an Autodesk product install (licence method unknown: inventory
/// cannot tell), the licensing service's version, or a row about something else (skipped).
pub fn inventory(row: &RowReader<'_>, context: &super::Context<'_>) -> Result<RowOutcome, CellError> {
    let name = required(row, Field::Name)?;
    let version = row.text(Field::Release);
    let publisher = row.text(Field::Publisher).unwrap_or_default();
    let autodesk = publisher.to_lowercase().contains("autodesk") || name.to_lowercase().contains("autodesk");
    let product = match context.catalog.display_name(&name) {
        Some(Ok(product)) => product,
        Some(Err(reason)) => return Ok(RowOutcome::Skip(reason)),
        None if autodesk && name.to_lowercase().contains("licensing service") => {
            let machine = required(row, Field::Machine)?;
            let values = vec![
                ("machine_key", Value::Str(values::machine_key(&machine))),
                ("machine", Value::Str(machine)),
                ("last_user", Value::from(row.text(Field::Login))),
                ("service_version", Value::from(version)),
            ];
            return Ok(RowOutcome::Rows(vec![(Table::Machines, values)]));
        }
        None if autodesk => {
            return Ok(RowOutcome::Skip(format!("Autodesk component `{name}` is not a product in the catalog")));
        }
        None => return Ok(RowOutcome::Skip("not an Autodesk product".to_owned())),
    };
    let machine = required(row, Field::Machine)?;
    let release = match product.release {
        Some(year) => Some(i64::from(year)),
        None => row.release(Field::Release)?,
    };
    let key = values::machine_key(&machine);
    let install = vec![
        ("machine", Value::Str(machine.clone())),
        ("machine_key", Value::Str(key.clone())),
        ("product_version", Value::from(version)),
        ("product", Value::Str(product.product)),
        ("family", Value::Str(product.family)),
        ("release", Value::from(release)),
        ("licence_method", Value::from("UNKNOWN")),
        ("evidence", Value::Str(format!("inventory lists `{name}`"))),
    ];
    let mut rows = vec![(Table::Installs, install)];
    if let Some(user) = row.text(Field::Login) {
        let machine_row =
            vec![("machine", Value::Str(machine)), ("machine_key", Value::Str(key)), ("last_user", Value::Str(user))];
        rows.push((Table::Machines, machine_row));
    }
    Ok(RowOutcome::Rows(rows))
}
