//! Migration status: installs and machines by licence method and release, the share on USER,
//! the days left, and whether each licence server can be switched off.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Duration;
use polars::prelude::*;
use serde::Serialize;

use super::Context;
use super::facts::Facts;

/// `(tenant, licence method, release, installs, machines)`.
pub type MethodCount = (String, String, Option<i64>, usize, usize);

/// A licence server and whether it can be decommissioned.
#[derive(Debug, Clone, Serialize)]
pub struct ServerReadiness {
    pub tenant: String,
    pub server: String,
    pub network_installs: usize,
    pub recent_checkouts: i64,
    pub ready: bool,
}

/// The migration status of every tenant.
#[derive(Debug, Clone, Serialize)]
pub struct MigrationStatus {
    /// `(tenant, licence method, release, installs, machines)`.
    pub by_method: Vec<MethodCount>,
    pub percent_user: BTreeMap<String, f64>,
    pub network_end: BTreeMap<String, Option<String>>,
    pub days_to_end: BTreeMap<String, Option<i64>>,
    pub days_to_grace_end: BTreeMap<String, Option<i64>>,
    pub servers: Vec<ServerReadiness>,
}

/// Computes the status.
#[allow(clippy::type_complexity)] // one local grouping map, named by the comment beside it
pub fn migration_status(facts: &Facts, context: &Context<'_>) -> MigrationStatus {
    // (tenant, method, release) → (installs, machine keys)
    let mut groups: BTreeMap<(String, String, Option<i64>), (usize, BTreeSet<String>)> = BTreeMap::new();
    let mut totals: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for install in &facts.installs {
        let entry = groups.entry((install.tenant.clone(), install.method.clone(), install.release)).or_default();
        entry.0 += 1;
        entry.1.insert(install.machine_key.clone());
        let total = totals.entry(install.tenant.clone()).or_default();
        total.0 += 1;
        total.1 += usize::from(install.method == "USER");
    }
    let mut status = MigrationStatus {
        by_method: groups.into_iter().map(|((t, m, r), (n, machines))| (t, m, r, n, machines.len())).collect(),
        percent_user: totals
            .iter()
            .map(|(t, (all, user))| {
                (t.clone(), if *all == 0 { 0.0 } else { (*user as f64 * 1000.0 / *all as f64).round() / 10.0 })
            })
            .collect(),
        network_end: BTreeMap::new(),
        days_to_end: BTreeMap::new(),
        days_to_grace_end: BTreeMap::new(),
        servers: Vec::new(),
    };
    for tenant in &facts.tenants {
        let end = super::machines::network_end(facts, context, tenant);
        status.network_end.insert(tenant.clone(), end.map(|d| d.to_string()));
        status.days_to_end.insert(tenant.clone(), end.map(|d| (d - context.as_of).num_days()));
        status.days_to_grace_end.insert(
            tenant.clone(),
            end.map(|d| (d + Duration::days(context.policy.grace_days) - context.as_of).num_days()),
        );
    }
    let mut servers: BTreeSet<(String, String)> = facts.licence_ends.keys().cloned().collect();
    for install in facts.installs.iter().filter(|i| i.method == "NETWORK") {
        for server in install.servers.iter().flat_map(|s| s.split(';')) {
            servers.insert((install.tenant.clone(), server.rsplit('@').next().unwrap_or(server).to_owned()));
        }
    }
    for (tenant, server) in servers {
        let network_installs = facts.installs.iter().filter(|i| i.tenant == tenant && i.method == "NETWORK").count();
        let recent_checkouts: i64 =
            facts.checkouts.iter().filter(|((t, _), _)| *t == tenant).map(|(_, c)| c.events).sum();
        status.servers.push(ServerReadiness {
            tenant,
            server,
            network_installs,
            recent_checkouts,
            ready: network_installs == 0 && recent_checkouts == 0,
        });
    }
    status
}

impl MigrationStatus {
    /// The installs-by-method table as a frame.
    pub fn frame(&self) -> PolarsResult<DataFrame> {
        df!(
            "tenant" => self.by_method.iter().map(|r| r.0.clone()).collect::<Vec<_>>(),
            "licence_method" => self.by_method.iter().map(|r| r.1.clone()).collect::<Vec<_>>(),
            "release" => self.by_method.iter().map(|r| r.2).collect::<Vec<_>>(),
            "installs" => self.by_method.iter().map(|r| r.3 as u64).collect::<Vec<_>>(),
            "machines" => self.by_method.iter().map(|r| r.4 as u64).collect::<Vec<_>>(),
        )
    }
}
