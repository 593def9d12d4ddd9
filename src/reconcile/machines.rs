//! Machine-side rules: `unmigrated-machine`, `license-server-checkout`, `prior-version-rights`,
//! `licensing-update-required`, `unresolved-login`, `network-grace-ending`.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};

use super::facts::{Facts, HostCheckouts};
use super::{Context, Finding, Severity, sorted};

/// The end of network licensing: the policy's date, else the latest licence-file expiry.
pub(crate) fn network_end(facts: &Facts, context: &Context<'_>, tenant: &str) -> Option<NaiveDate> {
    context
        .policy
        .network_end_date
        .or_else(|| facts.licence_ends.iter().filter(|((t, _), _)| t == tenant).map(|(_, (d, _))| *d).max())
}

/// Critical after end + grace, high inside grace or with no end known, medium before the end.
fn network_severity(end: Option<NaiveDate>, context: &Context<'_>) -> Severity {
    match end {
        None => Severity::High,
        Some(end) if context.as_of > end + Duration::days(context.policy.grace_days) => Severity::Critical,
        Some(end) if context.as_of > end => Severity::High,
        Some(_) => Severity::Medium,
    }
}

fn deadline(end: Option<NaiveDate>, context: &Context<'_>) -> String {
    match end {
        None => "no network end date is known".to_owned(),
        Some(end) if context.as_of > end => format!("network licensing ended on {end}"),
        Some(end) => format!("network licensing ends on {end}, in {} days", (end - context.as_of).num_days()),
    }
}

fn product_name(family: Option<&String>, release: Option<i64>) -> String {
    match (family, release) {
        (Some(f), Some(r)) => format!("{f} {r}"),
        (Some(f), None) => f.clone(),
        (None, Some(r)) => format!("an Autodesk {r} product"),
        (None, None) => "an Autodesk product".to_owned(),
    }
}

pub fn unmigrated(facts: &Facts, context: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for install in facts.installs.iter().filter(|i| i.method == "NETWORK") {
        let end = network_end(facts, context, &install.tenant);
        let product = product_name(install.family.as_ref(), install.release);
        let mut finding = Finding::new(
            "unmigrated-machine",
            network_severity(end, context),
            &install.tenant,
            "machine",
            &install.machine,
        );
        finding.machine = Some(install.machine.clone());
        finding.product.clone_from(&install.family);
        finding.release = install.release;
        finding.person = facts
            .machine_users
            .get(&(install.tenant.clone(), install.machine_key.clone()))
            .and_then(|u| u.email.clone());
        let servers = install.servers.as_deref().map(|s| format!(" (licence server {s})")).unwrap_or_default();
        finding.detail = format!(
            "{product} on {} is still set to NETWORK licensing{servers}; {}.",
            install.machine,
            deadline(end, context)
        );
        let (key, version) = (
            install.product_key.as_deref().unwrap_or("<key>"),
            install.product_version.as_deref().unwrap_or("<version>"),
        );
        finding.action = if install.release.is_some_and(|r| r >= 2020) {
            format!(
                "On {}, run AdskLicensingInstHelper change -pk {key} -pv {version} -lm USER (as administrator).",
                install.machine
            )
        } else {
            format!(
                "On {}, write _USER to ProgramData\\Autodesk\\CLM\\LGS\\{key}_{version}\\LGS.data and delete LICPATH.lic beside it.",
                install.machine
            )
        };
        finding.evidence = vec![install.evidence.clone()];
        findings.push(finding);
    }
    for (tenant, machine, _, value, evidence) in &facts.network_env {
        let end = network_end(facts, context, tenant);
        let mut finding =
            Finding::new("unmigrated-machine", network_severity(end, context), tenant, "machine", machine);
        finding.machine = Some(machine.clone());
        finding.detail = format!(
            "{machine} has ADSKFLEX_LICENSE_FILE set to `{value}`, so every Autodesk product on it looks for a licence server; {}.",
            deadline(end, context)
        );
        finding.action = format!(
            "Remove the ADSKFLEX_LICENSE_FILE variable (system and user) and the FLEXlm License Manager registry keys on {machine}."
        );
        finding.evidence = vec![evidence.clone()];
        findings.push(finding);
    }
    findings
}

pub fn license_server_checkouts(facts: &Facts, context: &Context<'_>) -> Vec<Finding> {
    facts
        .checkouts
        .iter()
        .map(|((tenant, _), HostCheckouts { host, first, last, events, families, evidence })| {
            let end = network_end(facts, context, tenant);
            let mut finding = Finding::new("license-server-checkout", network_severity(end, context), tenant, "machine", host);
            finding.machine = Some(host.clone());
            let products = if families.is_empty() { "Autodesk features".to_owned() } else { sorted(families.iter().cloned()).join(", ") };
            let (first, last) = (first.map(|d| d.to_string()).unwrap_or_default(), last.map(|d| d.to_string()).unwrap_or_default());
            finding.detail = format!(
                "The licence server handed {host} {events} network licence{} of {products} between {first} and {last}: it is still on network licensing.",
                if *events == 1 { "" } else { "s" }
            );
            finding.action = format!("Find {host}, switch its Autodesk products to USER licensing, and scan it with adsk-audit scan.");
            finding.evidence = evidence.iter().take(10).cloned().collect();
            finding
        })
        .collect()
}

pub fn prior_version_rights(facts: &Facts, context: &Context<'_>) -> Vec<Finding> {
    let current = context.policy.current_release(context.as_of);
    let oldest = i64::from(current - (context.policy.supported_releases - 1));
    let mut seen = BTreeMap::new();
    for install in &facts.installs {
        let Some(release) = install.release.filter(|r| *r < oldest) else { continue };
        let key = (install.tenant.clone(), install.machine_key.clone(), install.family.clone(), release);
        seen.entry(key).or_insert(install);
    }
    seen.into_values()
        .map(|install| {
            let release = install.release.unwrap_or_default();
            let product = product_name(install.family.as_ref(), install.release);
            let mut finding =
                Finding::new("prior-version-rights", Severity::Medium, &install.tenant, "machine", &install.machine);
            finding.machine = Some(install.machine.clone());
            finding.product.clone_from(&install.family);
            finding.release = Some(release);
            let exception = if release <= 2015 {
                " Using it needs a previous-version exception request, which Autodesk takes up to 30 days to answer."
            } else {
                ""
            };
            finding.detail = format!(
                "{product} on {} is older than the supported releases {oldest}–{current}.{exception}",
                install.machine
            );
            finding.action = format!(
                "Upgrade {} on {} to {oldest} or newer, or uninstall it.",
                install.family.as_deref().unwrap_or("the product"),
                install.machine
            );
            finding.evidence = vec![install.evidence.clone()];
            finding
        })
        .collect()
}

pub fn licensing_update_required(facts: &Facts, context: &Context<'_>) -> Vec<Finding> {
    let version_key = crate::cmd::scan::version_key;
    let mut findings = Vec::new();
    for install in &facts.installs {
        let Some(release) = install.release.filter(|r| *r >= 2020) else { continue };
        let Some(minimum) = context.policy.min_licensing_service.get(&release.to_string()) else { continue };
        let service = install
            .service_version
            .clone()
            .or_else(|| facts.service_versions.get(&(install.tenant.clone(), install.machine_key.clone())).cloned());
        let Some(service) = service.filter(|s| version_key(s) < version_key(minimum)) else { continue };
        let product = product_name(install.family.as_ref(), install.release);
        let mut finding =
            Finding::new("licensing-update-required", Severity::Medium, &install.tenant, "machine", &install.machine);
        finding.machine = Some(install.machine.clone());
        finding.product.clone_from(&install.family);
        finding.release = Some(release);
        finding.detail = format!(
            "{product} on {} needs Autodesk licensing service {minimum} or newer, but the machine has {service}.",
            install.machine
        );
        finding.action = format!(
            "Update the Autodesk Licensing Service on {} (AdskLicensing-installer.exe --mode unattended).",
            install.machine
        );
        finding.evidence = vec![install.evidence.clone()];
        findings.push(finding);
    }
    findings
}

pub fn unresolved_logins(facts: &Facts) -> Vec<Finding> {
    facts
        .machine_users
        .iter()
        .filter(|(_, user)| user.email.is_none())
        .map(|((tenant, _), user)| {
            let mut finding = Finding::new("unresolved-login", Severity::Info, tenant, "machine", &user.machine);
            finding.machine = Some(user.machine.clone());
            finding.detail = format!(
                "The last user of {}, `{}`, matches no directory entry, so its installs count for nobody.",
                user.machine, user.user
            );
            "Add the account to the directory export, or check whether it is a service or local account."
                .clone_into(&mut finding.action);
            finding.evidence = vec![user.evidence.clone()];
            finding
        })
        .collect()
}

pub fn network_grace_ending(facts: &Facts, context: &Context<'_>) -> Vec<Finding> {
    let mut ends: Vec<(String, String, NaiveDate, Vec<String>)> =
        facts.licence_ends.iter().map(|((t, s), (d, e))| (t.clone(), s.clone(), *d, vec![e.clone()])).collect();
    // With only the policy's date known, the subject is `network`; a licence file names its server.
    if let Some(end) = context.policy.network_end_date {
        for tenant in facts.tenants.iter().filter(|t| !facts.licence_ends.keys().any(|(lt, _)| lt == *t)) {
            ends.push((tenant.clone(), "network".to_owned(), end, Vec::new()));
        }
    }
    let grace = Duration::days(context.policy.grace_days);
    ends.into_iter()
        .filter(|(_, _, end, _)| context.as_of >= *end - Duration::days(30) && context.as_of <= *end + grace)
        .map(|(tenant, server, end, evidence)| {
            let machines = sorted(facts.installs.iter().filter(|i| i.tenant == tenant && i.method == "NETWORK").map(|i| i.machine_key.clone())).len();
            let mut finding = Finding::new("network-grace-ending", Severity::High, &tenant, "licence-server", &server);
            let when = if context.as_of > end {
                format!("ended on {end}; the grace period runs until {}", end + grace)
            } else {
                format!("ends on {end}, in {} days", (end - context.as_of).num_days())
            };
            finding.detail = format!("Network licensing from {server} {when}; {machines} machine{} still use NETWORK licensing.", if machines == 1 { "" } else { "s" });
            "Migrate the remaining machines to USER licensing before the end of grace, then decommission the licence server.".clone_into(&mut finding.action);
            finding.evidence = evidence;
            finding
        })
        .collect()
}
