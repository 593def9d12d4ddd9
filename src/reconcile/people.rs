//! Person- and offering-side rules: `unassigned-user`, `idle-seat`, `admin-default-seat`,
//! `orphan-assignment`, `duplicate-identity`, `pending-invite`, `over-assigned`,
//! `unused-seats`, `subscription-expiring`, `subscription-expired`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};

use super::facts::{Facts, Seat, Subscription};
use super::{Context, Finding, Severity, sorted};
use crate::normalize::synonyms::fold_header as fold;

fn window_start(context: &Context<'_>) -> NaiveDate {
    context.as_of - Duration::days(context.policy.idle_days)
}

/// The newest use of any family an offering covers (usage rows or the Usage Report), and its evidence.
fn last_use(facts: &Facts, context: &Context<'_>, seat: &Seat) -> Option<(NaiveDate, String)> {
    let families = context.catalog.covered_families(&seat.offering);
    let from_usage = families
        .iter()
        .filter_map(|family| facts.usage.get(&(seat.tenant.clone(), seat.person.clone(), family.clone())))
        .filter_map(|u| u.last.map(|d| (d, u.evidence.first().cloned().unwrap_or_default())));
    let from_report =
        facts.last_accessed.get(&(seat.tenant.clone(), seat.person.clone(), fold(&seat.offering))).cloned();
    from_usage.chain(from_report).max_by_key(|(d, _)| *d)
}

fn is_admin(role: Option<&String>) -> bool {
    role.is_some_and(|r| {
        let r = r.to_lowercase();
        (r.contains("primary") && r.contains("admin")) || r.contains("contract manager") || r.contains("primär")
    })
}

pub fn unassigned_users(facts: &Facts, context: &Context<'_>) -> Vec<Finding> {
    let start = window_start(context);
    // (tenant, person, family) → (strong evidence?, evidence)
    let mut uses: BTreeMap<(String, String, String), (bool, Vec<String>)> = BTreeMap::new();
    for ((tenant, person, family), usage) in &facts.usage {
        if usage.last.is_some_and(|d| d > start) {
            let entry = uses.entry((tenant.clone(), person.clone(), family.clone())).or_default();
            entry.0 = true;
            entry.1.extend(usage.evidence.iter().take(3).cloned());
        }
    }
    for ((tenant, person, offering), (day, evidence)) in &facts.last_accessed {
        let families = context.catalog.covered_families(offering);
        if *day > start && families.len() == 1 {
            let entry = uses.entry((tenant.clone(), person.clone(), families[0].clone())).or_default();
            entry.0 = true;
            entry.1.push(evidence.clone());
        }
    }
    for install in &facts.installs {
        let (Some(owner), Some(family)) =
            (facts.machine_users.get(&(install.tenant.clone(), install.machine_key.clone())), &install.family)
        else {
            continue;
        };
        let Some(email) = &owner.email else { continue };
        let entry = uses.entry((install.tenant.clone(), email.clone(), family.clone())).or_default();
        entry.1.push(install.evidence.clone());
        entry.1.push(format!("{} (`{}` is {email}: {})", owner.evidence, owner.user, owner.rule));
    }
    let mut held: BTreeSet<(String, String, String)> = BTreeSet::new();
    for seat in facts.seats.iter().filter(|s| s.active) {
        for family in context.catalog.covered_families(&seat.offering) {
            held.insert((seat.tenant.clone(), seat.person.clone(), family));
        }
    }
    uses.into_iter()
        .filter(|(key, _)| !held.contains(key))
        .map(|((tenant, person, family), (used, evidence))| {
            let severity = if used { Severity::High } else { Severity::Medium };
            let mut finding = Finding::new("unassigned-user", severity, &tenant, "person", &person);
            finding.person = Some(person.clone());
            finding.product = Some(family.clone());
            let how = if used {
                format!("used {family} in the last {} days", context.policy.idle_days)
            } else {
                format!("has {family} installed on a machine they use")
            };
            finding.detail = format!("{person} {how} but holds no seat that covers {family}.");
            finding.action = format!("Assign {family} (or a collection that covers it) to {person} in Autodesk Account › By product, or remove {family} from their machine.");
            finding.evidence = sorted(evidence);
            finding
        })
        .collect()
}

fn seat_finding(rule: &'static str, severity: Severity, seat: &Seat) -> Finding {
    let mut finding = Finding::new(rule, severity, &seat.tenant, "person", &seat.person);
    finding.person = Some(seat.person.clone());
    finding.team.clone_from(&seat.team);
    finding.offering = Some(seat.offering.clone());
    finding.evidence = sorted(seat.evidence.iter().cloned());
    finding
}

/// One finding per seat: admin-default-seat, orphan-assignment and duplicate-identity before idle-seat.
pub fn seat_findings(facts: &Facts, context: &Context<'_>, notes: &mut Vec<String>) -> Vec<Finding> {
    let start = window_start(context);
    let grace_start = context.as_of - Duration::days(context.policy.assignment_grace_days);
    let never_start = context.as_of - Duration::days(context.policy.never_used_days);
    for tenant in facts.tenants.iter().filter(|t| !facts.tenants_with_usage.contains(*t)) {
        notes.push(format!(
            "idle-seat: tenant {tenant} has no usage data (Seat Usage or Usage Report), so idle seats cannot be judged"
        ));
    }
    let mut findings = Vec::new();
    for seat in facts.seats.iter().filter(|s| s.active) {
        let last = last_use(facts, context, seat);
        let recent = last.as_ref().is_some_and(|(d, _)| *d > start);
        let person = facts.people.get(&(seat.tenant.clone(), seat.person.clone()));
        let last_text =
            last.as_ref().map_or_else(|| "has never used it".to_owned(), |(d, _)| format!("last used it on {d}"));
        let mut evidence_of_use = last.iter().map(|(_, e)| e.clone()).collect::<Vec<_>>();
        if is_admin(person.and_then(|p| p.role.as_ref())) && !recent {
            let mut finding = seat_finding("admin-default-seat", Severity::Low, seat);
            finding.detail = format!(
                "{} is {}, holds a seat of {} and {last_text}: Autodesk assigns admins a seat by default.",
                seat.person,
                person.and_then(|p| p.role.clone()).unwrap_or_default(),
                seat.offering
            );
            finding.action = format!(
                "Unassign {} from {} in Autodesk Account › By product if they do not use it.",
                seat.offering, seat.person
            );
            finding.evidence.append(&mut evidence_of_use);
            findings.push(finding);
            continue;
        }
        if facts.tenants_with_directory.contains(&seat.tenant) && seat.person.contains('@') {
            let entry = facts
                .directory
                .get(&(seat.tenant.clone(), seat.person.clone()))
                .or_else(|| facts.directory.get(&(seat.tenant.clone(), seat.account.clone())));
            let problem = match entry {
                None => Some(("is not in the directory".to_owned(), None)),
                Some((_, Some(false), evidence)) => {
                    Some(("is disabled in the directory".to_owned(), Some(evidence.clone())))
                }
                Some(_) => None,
            };
            if let Some((why, evidence)) = problem {
                let mut finding = seat_finding("orphan-assignment", Severity::Medium, seat);
                finding.detail = format!(
                    "{} holds a seat of {} but {why} (a leaver or an outside account).",
                    seat.person, seat.offering
                );
                finding.action = format!(
                    "Unassign {} from {} in Autodesk Account, or add them to the directory if they still work for you.",
                    seat.offering, seat.person
                );
                finding.evidence.extend(evidence);
                findings.push(finding);
                continue;
            }
        }
        if seat.account != seat.person && seat.account.contains('@') {
            let families: BTreeSet<String> = context.catalog.covered_families(&seat.offering).into_iter().collect();
            let other = facts.seats.iter().find(|s| {
                s.active
                    && s.tenant == seat.tenant
                    && s.person == seat.person
                    && s.account != seat.account
                    && context.catalog.covered_families(&s.offering).iter().any(|f| families.contains(f))
            });
            if let Some(other) = other {
                let mut finding = seat_finding("duplicate-identity", Severity::Medium, seat);
                finding.detail = format!(
                    "{} and {} are one person (a directory alias) and both hold seats: {} and {}.",
                    seat.person, seat.account, other.offering, seat.offering
                );
                finding.action =
                    format!("Unassign {} from {} and keep the seat on {}.", seat.offering, seat.account, seat.person);
                if let Some((_, alias_evidence)) = facts.aliases.get(&(seat.tenant.clone(), seat.account.clone())) {
                    finding.evidence.push(alias_evidence.clone());
                }
                finding.evidence.extend(other.evidence.iter().cloned());
                findings.push(finding);
                continue;
            }
        }
        let judged = facts.tenants_with_usage.contains(&seat.tenant)
            && !seat.invited
            && seat.assigned.is_none_or(|d| d <= grace_start);
        if !judged || recent {
            continue;
        }
        let excluded = context.policy.exclusions.contains(&seat.person) || seat.via != "direct";
        let never = last.is_none() && seat.assigned.is_none_or(|d| d <= never_start);
        let (tier, severity) = match (excluded, never) {
            (true, _) => ("excluded", Severity::Info),
            (false, true) => ("certain", Severity::Medium),
            (false, false) => ("probable", Severity::Low),
        };
        let mut finding = seat_finding("idle-seat", severity, seat);
        finding.tier = Some(tier);
        let since = seat.assigned.map(|d| format!(" since {d}")).unwrap_or_default();
        finding.detail = format!(
            "{} has held a seat of {}{since} and {last_text}; no use in the last {} days.",
            seat.person, seat.offering, context.policy.idle_days
        );
        finding.action = if excluded {
            format!(
                "Review: the seat comes from {} or an exclusion, so it cannot be unassigned from the report.",
                if seat.via == "direct" { "the policy" } else { "a group or default assignment" }
            )
        } else {
            format!("Reclaim: unassign {} from {} in Autodesk Account › By product.", seat.offering, seat.person)
        };
        finding.evidence.append(&mut evidence_of_use);
        findings.push(finding);
    }
    findings
}

fn active_at(subscription: &Subscription, day: NaiveDate) -> bool {
    subscription.status.as_deref().is_none_or(|s| s == "active")
        && subscription.start.is_none_or(|d| d <= day)
        && subscription.end.is_none_or(|d| d >= day)
}

/// (tenant, folded team, folded offering).
type GroupKey = (String, String, String);

pub fn offering_findings(facts: &Facts, context: &Context<'_>) -> Vec<Finding> {
    let key = |tenant: &str, team: Option<&String>, offering: &str| {
        (tenant.to_owned(), team.map(|t| fold(t)).unwrap_or_default(), fold(offering))
    };
    let mut assignees: BTreeMap<GroupKey, (BTreeSet<String>, Vec<String>)> = BTreeMap::new();
    for seat in facts.seats.iter().filter(|s| s.active) {
        let entry = assignees.entry(key(&seat.tenant, seat.team.as_ref(), &seat.offering)).or_default();
        entry.0.insert(seat.person.clone());
        entry.1.extend(seat.evidence.iter().take(1).cloned());
    }
    let mut quantity: BTreeMap<GroupKey, (i64, Vec<&Subscription>)> = BTreeMap::new();
    for subscription in &facts.subscriptions {
        let Some(offering) = &subscription.offering else { continue };
        let entry = quantity.entry(key(&subscription.tenant, subscription.team.as_ref(), offering)).or_default();
        if active_at(subscription, context.as_of) {
            entry.0 += subscription.seats;
        }
        entry.1.push(subscription);
    }
    let mut findings = Vec::new();
    for (group, (seats, subscriptions)) in &quantity {
        let first = subscriptions[0];
        let offering = first.offering.clone().unwrap_or_default();
        let (people, seat_evidence) = assignees.get(group).cloned().unwrap_or_default();
        let count = i64::try_from(people.len()).unwrap_or(i64::MAX);
        let finding = |rule, severity, subject_kind: &'static str, subject: &str| {
            let mut f = Finding::new(rule, severity, &first.tenant, subject_kind, subject);
            f.team.clone_from(&first.team);
            f.offering = Some(offering.clone());
            f.evidence = subscriptions.iter().map(|s| s.evidence.clone()).collect();
            f
        };
        let team = first.team.as_deref().map(|t| format!(" in team {t}")).unwrap_or_default();
        if *seats > 0 && count > *seats {
            let mut f = finding("over-assigned", Severity::High, "offering", &offering);
            f.detail = format!("{count} people hold {offering}{team}, but active subscriptions cover {seats} seats.");
            let extra = count - seats;
            f.action = format!(
                "Unassign {extra} {} from {offering} or buy {extra} more seat{}.",
                if extra == 1 { "person" } else { "people" },
                if extra == 1 { "" } else { "s" }
            );
            f.evidence.extend(seat_evidence.iter().take(20).cloned());
            findings.push(f);
        } else if *seats > count {
            let mut f = finding("unused-seats", Severity::Info, "offering", &offering);
            f.detail = format!("{} of {seats} {offering} seats{team} are not assigned to anyone.", seats - count);
            "Assign the spare seats, or reduce the quantity at renewal.".clone_into(&mut f.action);
            findings.push(f);
        }
        for subscription in subscriptions {
            let Some(end) = subscription.end else { continue };
            let days = (end - context.as_of).num_days();
            if active_at(subscription, context.as_of) && days <= context.policy.expiring_days {
                let mut f = finding("subscription-expiring", Severity::Medium, "subscription", &subscription.id);
                f.detail = format!(
                    "Subscription {} ({offering}{team}, {} seats) ends on {end}, in {days} days.",
                    subscription.id, subscription.seats
                );
                "Renew it, or plan which people lose the seats.".clone_into(&mut f.action);
                f.evidence = vec![subscription.evidence.clone()];
                findings.push(f);
            } else if (end < context.as_of || subscription.status.as_deref() == Some("expired"))
                && *seats == 0
                && count > 0
            {
                let mut f = finding("subscription-expired", Severity::High, "subscription", &subscription.id);
                f.detail = format!(
                    "Subscription {} ({offering}{team}) ended on {end}, but {count} people still hold its seats.",
                    subscription.id
                );
                f.action = format!(
                    "Renew {offering}, or unassign it from the {count} people and move them to another offering."
                );
                f.evidence = vec![subscription.evidence.clone()];
                f.evidence.extend(seat_evidence.iter().take(20).cloned());
                findings.push(f);
            }
        }
    }
    findings
}

pub fn pending_invites(facts: &Facts, context: &Context<'_>) -> Vec<Finding> {
    let expiry = context.as_of - Duration::days(context.policy.invite_expiry_days);
    let mut invited: BTreeMap<(String, String), (Option<NaiveDate>, Vec<String>)> = BTreeMap::new();
    for ((tenant, person), facts) in facts.people.iter().filter(|(_, p)| p.invited) {
        invited.insert((tenant.clone(), person.clone()), (facts.invited_date, facts.evidence.clone()));
    }
    for seat in facts.seats.iter().filter(|s| s.active && s.invited) {
        invited.entry((seat.tenant.clone(), seat.person.clone())).or_default().1.extend(seat.evidence.iter().cloned());
    }
    invited
        .into_iter()
        .filter(|(_, (date, _))| date.is_none_or(|d| d < expiry))
        .map(|((tenant, person), (date, evidence))| {
            let mut finding = Finding::new("pending-invite", Severity::Low, &tenant, "person", &person);
            finding.person = Some(person.clone());
            let since = date.map_or_else(
                || "on an unknown date".to_owned(),
                |d| format!("on {d}, {} days ago", (context.as_of - d).num_days()),
            );
            finding.detail =
                format!("{person} was invited {since} and has not accepted; invitations expire after 7 days.");
            finding.action =
                format!("Resend the invitation to {person} in Autodesk Account › By user, or remove the user.");
            finding.evidence = sorted(evidence);
            finding
        })
        .collect()
}
