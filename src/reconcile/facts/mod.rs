//! The facts every rule reads, prepared once: seats (active at the as-of date, deduplicated across
//! the Usage Report, Users export and By product pages), use per person × family (aggregated by
//! polars over `usage_days`, however large), who is who (aliases, hashed ids, machine users), the
//! directory, installs, licence-server checkouts, subscriptions and licence files.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Duration, NaiveDate};
use polars::prelude::*;

mod workstations;

use super::Context;
use crate::model::Table;
use crate::normalize::synonyms::fold_header as fold;

pub(crate) fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

pub(crate) fn days(date: NaiveDate) -> i32 {
    (date - epoch()).num_days() as i32
}

pub(crate) use crate::model::tables::column_strings as strings;

pub(crate) fn dates(frame: &DataFrame, column: &str) -> Vec<Option<NaiveDate>> {
    strings(frame, column).into_iter().map(|v| v.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())).collect()
}

pub(crate) fn integers(frame: &DataFrame, column: &str) -> Vec<Option<i64>> {
    strings(frame, column).into_iter().map(|v| v.and_then(|n| n.parse().ok())).collect()
}

use crate::model::tables::row_evidence as evidence_of;

/// One seat: an offering assigned to a person (or a hashed id) in a team.
#[derive(Debug, Clone)]
pub struct Seat {
    pub tenant: String,
    /// The canonical e-mail (aliases resolved) or the hashed id.
    pub person: String,
    /// The address the seat is assigned to, as Autodesk has it.
    pub account: String,
    pub offering: String,
    pub team: Option<String>,
    pub via: String,
    pub invited: bool,
    pub assigned: Option<NaiveDate>,
    pub active: bool,
    pub evidence: Vec<String>,
}

/// Use of a family by a person.
#[derive(Debug, Clone, Default)]
pub struct Use {
    pub last: Option<NaiveDate>,
    pub recent_days: i64,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Install {
    pub tenant: String,
    pub product_key: Option<String>,
    pub product_version: Option<String>,
    pub machine: String,
    pub machine_key: String,
    pub family: Option<String>,
    pub release: Option<i64>,
    pub method: String,
    pub servers: Option<String>,
    pub service_version: Option<String>,
    pub evidence: String,
}

#[derive(Debug, Clone)]
pub struct MachineUser {
    pub machine: String,
    pub user: String,
    pub email: Option<String>,
    pub rule: String,
    pub evidence: String,
}

#[derive(Debug, Clone)]
pub struct Subscription {
    pub tenant: String,
    pub id: String,
    pub offering: Option<String>,
    pub team: Option<String>,
    pub seats: i64,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub status: Option<String>,
    pub evidence: String,
}

#[derive(Debug, Clone, Default)]
pub struct PersonFacts {
    pub role: Option<String>,
    pub invited: bool,
    pub invited_date: Option<NaiveDate>,
    pub evidence: Vec<String>,
}

/// A host's licence-server checkouts in the window.
#[derive(Debug, Clone, Default)]
pub struct HostCheckouts {
    pub host: String,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    pub events: i64,
    pub families: BTreeSet<String>,
    pub evidence: Vec<String>,
}

/// Everything the rules read.
#[derive(Debug, Default)]
pub struct Facts {
    pub tenants: BTreeSet<String>,
    pub seats: Vec<Seat>,
    /// `(tenant, person, family)` → use.
    pub usage: HashMap<(String, String, String), Use>,
    /// `(tenant, person, folded offering)` → newest `last_accessed`.
    pub last_accessed: HashMap<(String, String, String), (NaiveDate, String)>,
    pub tenants_with_usage: BTreeSet<String>,
    pub people: HashMap<(String, String), PersonFacts>,
    /// `(tenant, address)` → (primary e-mail, enabled, evidence), for every mail, UPN and alias.
    pub directory: HashMap<(String, String), (String, Option<bool>, String)>,
    pub tenants_with_directory: BTreeSet<String>,
    /// `(tenant, alias)` → (primary e-mail, evidence).
    pub aliases: HashMap<(String, String), (String, String)>,
    pub installs: Vec<Install>,
    /// `(tenant, machine_key)` → the machine's user.
    pub machine_users: HashMap<(String, String), MachineUser>,
    /// `(tenant, machine, machine_key, network_env, evidence)` of machines with the variable set.
    pub network_env: Vec<(String, String, String, String, String)>,
    /// `(tenant, machine_key)` → service version.
    pub service_versions: HashMap<(String, String), String>,
    /// Checkouts in the window per `(tenant, host_key)`.
    pub checkouts: BTreeMap<(String, String), HostCheckouts>,
    pub subscriptions: Vec<Subscription>,
    /// `(tenant, server)` → (latest non-permanent expiry, evidence).
    pub licence_ends: BTreeMap<(String, String), (NaiveDate, String)>,
}

pub(crate) fn collect(tables: &BTreeMap<Table, LazyFrame>, table: Table) -> PolarsResult<DataFrame> {
    tables.get(&table).cloned().map_or_else(|| Ok(table.empty_frame()), LazyFrame::collect)
}

impl Facts {
    pub fn canonical(&self, tenant: &str, email: &str) -> String {
        self.aliases
            .get(&(tenant.to_owned(), email.to_owned()))
            .map_or_else(|| email.to_owned(), |(primary, _)| primary.clone())
    }
}

/// Prepares the facts.
pub fn prepare(tables: &BTreeMap<Table, LazyFrame>, context: &Context<'_>) -> PolarsResult<Facts> {
    let mut facts = Facts::default();
    let links = crate::resolve::identity_links(tables)?;
    let mut hashed: HashMap<(String, String), String> = HashMap::new();
    let (kind, tenant, identity, email, machine, rule, why) = (
        strings(&links, "identity_kind"),
        strings(&links, "tenant"),
        strings(&links, "identity"),
        strings(&links, "email"),
        strings(&links, "machine"),
        strings(&links, "rule"),
        strings(&links, "evidence"),
    );
    for i in 0..links.height() {
        let (Some(t), Some(id)) = (tenant[i].clone(), identity[i].clone()) else { continue };
        match kind[i].as_deref() {
            Some("alias") => {
                if let Some(e) = &email[i] {
                    facts.aliases.insert((t, id), (e.clone(), why[i].clone().unwrap_or_default()));
                }
            }
            Some("hashed_id") => {
                if let Some(e) = &email[i] {
                    hashed.insert((t, id), e.clone());
                }
            }
            _ => {}
        }
    }
    for i in 0..links.height() {
        if kind[i].as_deref() != Some("machine_user") {
            continue;
        }
        let (Some(t), Some(m)) = (tenant[i].clone(), machine[i].clone()) else { continue };
        let person = email[i].as_ref().map(|e| facts.canonical(&t, e));
        let key = crate::normalize::values::machine_key(&m);
        facts.machine_users.insert(
            (t, key),
            MachineUser {
                machine: m,
                user: identity[i].clone().unwrap_or_default(),
                email: person,
                rule: rule[i].clone().unwrap_or_default(),
                evidence: why[i].clone().unwrap_or_default(),
            },
        );
    }
    let person_of =
        |facts: &Facts, tenant: &str, email: Option<&String>, hashed_id: Option<&String>| -> Option<String> {
            match (email, hashed_id) {
                (Some(e), _) => Some(facts.canonical(tenant, e)),
                (None, Some(h)) => Some(
                    hashed
                        .get(&(tenant.to_owned(), h.clone()))
                        .map_or_else(|| h.clone(), |e| facts.canonical(tenant, e)),
                ),
                (None, None) => None,
            }
        };

    usage(tables, context, &mut facts, &person_of)?;
    seats(tables, context, &mut facts, &person_of)?;
    people_and_directory(tables, &mut facts)?;
    workstations::read(tables, context, &mut facts)?;
    Ok(facts)
}

type PersonOf<'a> = dyn Fn(&Facts, &str, Option<&String>, Option<&String>) -> Option<String> + 'a;

/// Use per person × family, aggregated by polars; `last_accessed` per person × offering.
/// (tenant, e-mail, hashed id, family).
type FamilyKey = (String, Option<String>, Option<String>, String);
/// (latest (day, line), recent days, the evidence of that latest row).
type FamilyUse = ((Option<NaiveDate>, Option<i64>), i64, String);

fn usage(
    tables: &BTreeMap<Table, LazyFrame>,
    context: &Context<'_>,
    facts: &mut Facts,
    person_of: &PersonOf<'_>,
) -> PolarsResult<()> {
    let as_of = days(context.as_of);
    let window_start = days(context.as_of - Duration::days(context.policy.idle_days));
    let usage = tables.get(&Table::UsageDays).cloned().unwrap_or_else(|| Table::UsageDays.empty_frame().lazy());
    // Aggregated per product by polars (no sort or join of the whole table), then folded into
    // families here: the product level is small (people × products).
    let day = col("day").cast(DataType::Int32);
    let latest =
        |c: &str| col(c).sort_by([col("day"), col("source_line")], SortMultipleOptions::default()).last().alias(c);
    let aggregated = usage
        .filter(day.clone().lt_eq(lit(as_of)))
        .group_by([col("tenant"), col("email"), col("hashed_autodesk_id"), col("product"), col("offering")])
        .agg([
            col("day").max().alias("last_day"),
            day.gt(lit(window_start)).sum().alias("recent_days"),
            latest("source_file"),
            latest("source_line"),
        ])
        .collect()?;
    let (tenant, email, hashed_id, product, offering, last, recent, line) = (
        strings(&aggregated, "tenant"),
        strings(&aggregated, "email"),
        strings(&aggregated, "hashed_autodesk_id"),
        strings(&aggregated, "product"),
        strings(&aggregated, "offering"),
        dates(&aggregated, "last_day"),
        integers(&aggregated, "recent_days"),
        integers(&aggregated, "source_line"),
    );
    let evidence = evidence_of(&aggregated);
    let mut family_of: HashMap<String, String> = HashMap::new();
    let mut by_family: BTreeMap<FamilyKey, FamilyUse> = BTreeMap::new();
    for i in 0..aggregated.height() {
        let Some(t) = &tenant[i] else { continue };
        let family = match &product[i] {
            Some(p) => Some(
                family_of
                    .entry(p.clone())
                    .or_insert_with(|| context.catalog.family_of_name(p).unwrap_or_else(|| p.clone()))
                    .clone(),
            ),
            None => offering[i].clone(),
        };
        let Some(family) = family else { continue };
        let key = (t.clone(), email[i].clone(), hashed_id[i].clone(), family);
        let at = (last[i], line[i]);
        let entry = by_family.entry(key).or_insert_with(|| (at, 0, evidence[i].clone()));
        if at > entry.0 {
            (entry.0, entry.2) = (at, evidence[i].clone());
        }
        entry.1 += recent[i].unwrap_or(0);
    }
    for ((t, email, hashed_id, family), ((last, _), recent_days, evidence)) in by_family {
        facts.tenants_with_usage.insert(t.clone());
        let Some(person) = person_of(facts, &t, email.as_ref(), hashed_id.as_ref()) else { continue };
        let entry = facts.usage.entry((t, person, family)).or_default();
        if last > entry.last {
            entry.last = last;
            entry.evidence.insert(0, evidence);
        } else {
            entry.evidence.push(evidence);
        }
        entry.recent_days += recent_days;
    }
    let summary = collect(tables, Table::UsageSummary)?;
    let (tenant, email, hashed_id, offering, last) = (
        strings(&summary, "tenant"),
        strings(&summary, "email"),
        strings(&summary, "hashed_autodesk_id"),
        strings(&summary, "offering"),
        dates(&summary, "last_accessed"),
    );
    let evidence = evidence_of(&summary);
    for i in 0..summary.height() {
        let (Some(t), Some(o)) = (&tenant[i], &offering[i]) else { continue };
        facts.tenants_with_usage.insert(t.clone());
        let (Some(person), Some(day)) = (person_of(facts, t, email[i].as_ref(), hashed_id[i].as_ref()), last[i]) else {
            continue;
        };
        if day > context.as_of {
            continue;
        }
        let key = (t.clone(), person, fold(o));
        if facts.last_accessed.get(&key).is_none_or(|(d, _)| day > *d) {
            facts.last_accessed.insert(key, (day, evidence[i].clone()));
        }
    }
    Ok(())
}

/// Seats from every assignment source, one per (tenant, person, offering, team).
fn seats(
    tables: &BTreeMap<Table, LazyFrame>,
    context: &Context<'_>,
    facts: &mut Facts,
    person_of: &PersonOf<'_>,
) -> PolarsResult<()> {
    let frame = collect(tables, Table::Assignments)?;
    let (tenant, email, hashed_id, offering, team, via, status, seat_assignment) = (
        strings(&frame, "tenant"),
        strings(&frame, "email"),
        strings(&frame, "hashed_autodesk_id"),
        strings(&frame, "offering"),
        strings(&frame, "team"),
        strings(&frame, "via"),
        strings(&frame, "status"),
        strings(&frame, "seat_assignment"),
    );
    let (assigned, unassigned) = (dates(&frame, "assigned_date"), dates(&frame, "unassigned_date"));
    let evidence = evidence_of(&frame);
    let mut by_key: BTreeMap<(String, String, String, String), Seat> = BTreeMap::new();
    let mut ended: BTreeSet<(String, String, String, String)> = BTreeSet::new();
    for i in 0..frame.height() {
        let (Some(t), Some(o)) = (&tenant[i], &offering[i]) else { continue };
        facts.tenants.insert(t.clone());
        let Some(person) = person_of(facts, t, email[i].as_ref(), hashed_id[i].as_ref()) else { continue };
        // Keyed by the account the seat is on: two addresses of one person are two seats.
        let account = email[i].clone().or_else(|| hashed_id[i].clone()).unwrap_or_default();
        let key = (t.clone(), account, fold(o), team[i].as_deref().map(fold).unwrap_or_default());
        let was_unassigned =
            seat_assignment[i].as_deref() == Some("unassigned") || unassigned[i].is_some_and(|d| d <= context.as_of);
        if was_unassigned {
            ended.insert(key.clone());
        }
        let seat = by_key.entry(key).or_insert_with(|| Seat {
            tenant: t.clone(),
            person,
            account: email[i].clone().or_else(|| hashed_id[i].clone()).unwrap_or_default(),
            offering: o.clone(),
            team: team[i].clone(),
            via: "direct".into(),
            invited: false,
            assigned: None,
            active: true,
            evidence: Vec::new(),
        });
        if let Some(kind) = via[i].as_ref().filter(|v| *v != "direct") {
            seat.via.clone_from(kind);
        }
        seat.invited |= status[i].as_deref() == Some("invited");
        seat.assigned = match (seat.assigned, assigned[i]) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        seat.evidence.push(evidence[i].clone());
    }
    for (key, mut seat) in by_key {
        seat.active = !ended.contains(&key) && seat.assigned.is_none_or(|d| d <= context.as_of);
        facts.seats.push(seat);
    }
    Ok(())
}

fn people_and_directory(tables: &BTreeMap<Table, LazyFrame>, facts: &mut Facts) -> PolarsResult<()> {
    let people = collect(tables, Table::People)?;
    let (tenant, email, role, status, invited) = (
        strings(&people, "tenant"),
        strings(&people, "email"),
        strings(&people, "role"),
        strings(&people, "status"),
        dates(&people, "invited_date"),
    );
    let evidence = evidence_of(&people);
    for i in 0..people.height() {
        let (Some(t), Some(e)) = (&tenant[i], &email[i]) else { continue };
        let key = (t.clone(), facts.canonical(t, e));
        let entry = facts.people.entry(key).or_default();
        if role[i].is_some() {
            entry.role.clone_from(&role[i]);
        }
        if status[i].as_deref() == Some("invited") {
            entry.invited = true;
            entry.invited_date = entry.invited_date.max(invited[i]);
            entry.evidence.push(evidence[i].clone());
        }
    }
    let directory = collect(tables, Table::Directory)?;
    let (tenant, email, upn, aliases, enabled) = (
        strings(&directory, "tenant"),
        strings(&directory, "email"),
        strings(&directory, "upn"),
        strings(&directory, "aliases"),
        strings(&directory, "enabled"),
    );
    let evidence = evidence_of(&directory);
    for i in 0..directory.height() {
        let Some(t) = &tenant[i] else { continue };
        facts.tenants_with_directory.insert(t.clone());
        let Some(primary) = &email[i] else { continue };
        let enabled = enabled[i].as_deref().map(|e| e == "true");
        let mut addresses = vec![primary.clone()];
        addresses.extend(upn[i].iter().map(|u| u.to_lowercase()));
        addresses.extend(aliases[i].iter().flat_map(|a| a.split(';').map(str::to_owned)));
        for address in addresses {
            facts.directory.insert((t.clone(), address), (primary.clone(), enabled, evidence[i].clone()));
        }
    }
    Ok(())
}
