//! Workstation facts: installs, machines (network variable, licensing service), licence-server
//! checkouts in the window, subscriptions and licence-file end dates.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Duration;
use polars::prelude::*;

use super::{Facts, HostCheckouts, Install, Subscription, collect, dates, evidence_of, integers, strings};
use crate::model::Table;
use crate::reconcile::Context;

pub(super) fn read(tables: &BTreeMap<Table, LazyFrame>, context: &Context<'_>, facts: &mut Facts) -> PolarsResult<()> {
    let installs = collect(tables, Table::Installs)?;
    let (product_key, product_version) = (strings(&installs, "product_key"), strings(&installs, "product_version"));
    let (tenant, machine, key, family, release, method, servers, service) = (
        strings(&installs, "tenant"),
        strings(&installs, "machine"),
        strings(&installs, "machine_key"),
        strings(&installs, "family"),
        integers(&installs, "release"),
        strings(&installs, "licence_method"),
        strings(&installs, "licence_servers"),
        strings(&installs, "service_version"),
    );
    let evidence = evidence_of(&installs);
    for i in 0..installs.height() {
        let (Some(t), Some(m), Some(k)) = (&tenant[i], &machine[i], &key[i]) else { continue };
        facts.tenants.insert(t.clone());
        facts.installs.push(Install {
            tenant: t.clone(),
            product_key: product_key[i].clone(),
            product_version: product_version[i].clone(),
            machine: m.clone(),
            machine_key: k.clone(),
            family: family[i].clone(),
            release: release[i],
            method: method[i].clone().unwrap_or_else(|| "UNKNOWN".into()),
            servers: servers[i].clone(),
            service_version: service[i].clone(),
            evidence: evidence[i].clone(),
        });
    }
    let machines = collect(tables, Table::Machines)?;
    let (tenant, machine, key, env, service) = (
        strings(&machines, "tenant"),
        strings(&machines, "machine"),
        strings(&machines, "machine_key"),
        strings(&machines, "network_env"),
        strings(&machines, "service_version"),
    );
    let evidence = evidence_of(&machines);
    for i in 0..machines.height() {
        let (Some(t), Some(m), Some(k)) = (&tenant[i], &machine[i], &key[i]) else { continue };
        facts.tenants.insert(t.clone());
        if let Some(value) = &env[i] {
            facts.network_env.push((t.clone(), m.clone(), k.clone(), value.clone(), evidence[i].clone()));
        }
        if let Some(version) = &service[i] {
            facts.service_versions.insert((t.clone(), k.clone()), version.clone());
        }
    }
    let checkouts = collect(tables, Table::Checkouts)?;
    let (tenant, host, host_key, event, family, day) = (
        strings(&checkouts, "tenant"),
        strings(&checkouts, "host"),
        strings(&checkouts, "host_key"),
        strings(&checkouts, "event"),
        strings(&checkouts, "family"),
        dates(&checkouts, "day"),
    );
    let evidence = evidence_of(&checkouts);
    let start = context.as_of - Duration::days(context.policy.checkout_window_days);
    for i in 0..checkouts.height() {
        let (Some(t), Some(h), Some(k), Some(d)) = (&tenant[i], &host[i], &host_key[i], day[i]) else { continue };
        if !matches!(event[i].as_deref(), Some("OUT" | "IN_USE")) || d <= start || d > context.as_of {
            continue;
        }
        let entry = facts
            .checkouts
            .entry((t.clone(), k.clone()))
            .or_insert_with(|| HostCheckouts { host: h.clone(), ..HostCheckouts::default() });
        entry.first = Some(entry.first.map_or(d, |f| f.min(d)));
        entry.last = Some(entry.last.map_or(d, |l| l.max(d)));
        entry.events += 1;
        entry.families.extend(family[i].clone());
        entry.evidence.push(evidence[i].clone());
    }
    let subscriptions = collect(tables, Table::Subscriptions)?;
    let (tenant, id, contract, offering, team, seats, status) = (
        strings(&subscriptions, "tenant"),
        strings(&subscriptions, "subscription_id"),
        strings(&subscriptions, "contract_number"),
        strings(&subscriptions, "offering"),
        strings(&subscriptions, "team"),
        integers(&subscriptions, "seat_quantity"),
        strings(&subscriptions, "status"),
    );
    let (start, end) = (dates(&subscriptions, "start_date"), dates(&subscriptions, "end_date"));
    let evidence = evidence_of(&subscriptions);
    let mut seen = BTreeSet::new();
    for i in 0..subscriptions.height() {
        let Some(t) = &tenant[i] else { continue };
        let Some(sub_id) = id[i].clone().or_else(|| contract[i].clone()) else { continue };
        // The same subscription may come from several exports; the first row stands.
        if !seen.insert((t.clone(), sub_id.clone(), offering[i].clone())) {
            continue;
        }
        facts.subscriptions.push(Subscription {
            tenant: t.clone(),
            id: sub_id,
            offering: offering[i].clone(),
            team: team[i].clone(),
            seats: seats[i].unwrap_or(0),
            start: start[i],
            end: end[i],
            status: status[i].clone(),
            evidence: evidence[i].clone(),
        });
    }
    let features = collect(tables, Table::LicenceFeatures)?;
    let (tenant, server, expiry) =
        (strings(&features, "tenant"), strings(&features, "server"), dates(&features, "expiry"));
    let evidence = evidence_of(&features);
    for i in 0..features.height() {
        let (Some(t), Some(s), Some(e)) = (&tenant[i], &server[i], expiry[i]) else { continue };
        let key = (t.clone(), s.clone());
        if facts.licence_ends.get(&key).is_none_or(|(d, _)| e > *d) {
            facts.licence_ends.insert(key, (e, evidence[i].clone()));
        }
    }
    Ok(())
}
