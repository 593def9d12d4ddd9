//! Which kind of input a table is, judged from its header (and, for the By product page, from
//! e-mail-shaped cells and the page's seat label). Never from the file name or column positions.
//!
//! Each kind has a signature: the fields that identify it, with weights, and groups of fields of
//! which at least one must be present. A table's confidence for a kind is the harmonic mean of
//! how much of the kind's signature the header covers (recall) and how much of the header the
//! kind explains (precision). The best kind wins; a second kind within [`TIE_MARGIN`] is a tie
//! and a best below [`MIN_CONFIDENCE`] is not recognised; both are reported, and `--kind` decides.

use serde::Serialize;

use super::grid::RawTable;
use crate::model::{Field, InputKind};
use crate::normalize::values::looks_like_email;

/// Below this, a table is not recognised as any kind.
pub const MIN_CONFIDENCE: f64 = 0.4;
/// Two kinds closer than this are a tie.
pub const TIE_MARGIN: f64 = 0.05;

struct Signature {
    kind: InputKind,
    required: &'static [&'static [Field]],
    weights: &'static [(Field, u32)],
}

use Field as F;

const SIGNATURES: &[Signature] = &[
    Signature {
        kind: InputKind::UsageReport,
        required: &[&[F::Email, F::HashedAutodeskId], &[F::Offering]],
        weights: &[
            (F::SeatAssignment, 3),
            (F::UserActivity, 3),
            (F::DaysUsed, 3),
            (F::MonthlyAverage, 3),
            (F::AssignedDate, 2),
            (F::UnassignedDate, 2),
            (F::DaysInactive, 2),
            (F::LastAccessed, 2),
            (F::Offering, 2),
            (F::Email, 1),
            (F::HashedAutodeskId, 1),
            (F::FirstName, 1),
            (F::LastName, 1),
            (F::AutodeskId, 1),
            (F::Team, 1),
            (F::Group, 1),
            (F::Release, 1),
            (F::AccessOption, 1),
            (F::TokensUsed, 1),
        ],
    },
    Signature {
        kind: InputKind::SeatUsage,
        required: &[&[F::Day], &[F::Email, F::HashedAutodeskId], &[F::Product, F::Offering]],
        weights: &[
            (F::Day, 5),
            (F::Product, 2),
            (F::Release, 2),
            (F::Offering, 1),
            (F::HashedAutodeskId, 1),
            (F::Email, 1),
            (F::FirstName, 1),
            (F::LastName, 1),
            (F::AutodeskId, 1),
            (F::Team, 1),
            (F::AccessOption, 1),
        ],
    },
    Signature {
        kind: InputKind::Users,
        required: &[&[F::Email]],
        weights: &[
            (F::Email, 2),
            (F::FirstName, 1),
            (F::LastName, 1),
            (F::Name, 1),
            (F::AutodeskId, 2),
            (F::Role, 3),
            (F::Status, 2),
            (F::Team, 1),
            (F::Offering, 1),
            (F::Product, 1),
            (F::InvitedDate, 1),
        ],
    },
    Signature {
        kind: InputKind::Subscriptions,
        required: &[&[F::SubscriptionId, F::ContractNumber], &[F::SeatQuantity, F::Offering, F::StartDate, F::EndDate]],
        weights: &[
            (F::SubscriptionId, 3),
            (F::ContractNumber, 2),
            (F::Offering, 1),
            (F::SeatQuantity, 3),
            (F::StartDate, 2),
            (F::EndDate, 2),
            (F::Term, 2),
            (F::SubscriptionStatus, 2),
            (F::Status, 1),
            (F::AutorenewDate, 2),
            (F::ResellerName, 1),
            (F::Team, 1),
        ],
    },
    Signature {
        kind: InputKind::Assignments,
        required: &[&[F::Email, F::Name]],
        weights: &[
            (F::Name, 2),
            (F::Email, 2),
            (F::Status, 1),
            (F::Team, 1),
            (F::AssignedDate, 1),
            (F::LastAccessed, 1),
            (F::InvitedDate, 1),
            (F::Offering, 1),
            (F::Via, 1),
            (F::Group, 1),
        ],
    },
    Signature {
        kind: InputKind::Inventory,
        required: &[&[F::Name], &[F::Machine, F::Publisher]],
        weights: &[
            (F::Name, 2),
            (F::Machine, 3),
            (F::Publisher, 3),
            (F::Release, 1),
            (F::InstallDate, 2),
            (F::Login, 1),
        ],
    },
    Signature {
        kind: InputKind::Directory,
        required: &[&[F::Login, F::Upn, F::Email]],
        weights: &[
            (F::Login, 3),
            (F::Upn, 3),
            (F::Aliases, 3),
            (F::Department, 2),
            (F::CostCentre, 2),
            (F::Enabled, 2),
            (F::UserAccountControl, 2),
            (F::DistinguishedName, 2),
            (F::Email, 1),
            (F::Name, 1),
            (F::FirstName, 1),
            (F::LastName, 1),
            (F::Domain, 1),
            (F::EmployeeId, 1),
        ],
    },
];

/// The fields a kind reads; other columns are unknown and kept as `extra`.
pub fn fields_of(kind: InputKind) -> Vec<Field> {
    SIGNATURES
        .iter()
        .filter(|s| s.kind == kind)
        .flat_map(|s| s.weights.iter().map(|(f, _)| *f))
        .chain(match kind {
            InputKind::Subscriptions => vec![F::Status],
            InputKind::Users | InputKind::Assignments => vec![F::Group, F::Via],
            _ => vec![],
        })
        .collect()
}

/// A kind and how well a table matches it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    pub kind: InputKind,
    pub confidence: f64,
}

/// Signs outside the header: a seat label above the table, e-mail-shaped cells.
#[derive(Debug, Default, Clone, Copy)]
pub struct Evidence {
    pub seats_label: bool,
    pub email_cells: bool,
}

impl Evidence {
    pub fn of(table: &RawTable, seats_label: bool) -> Self {
        let email_cells = table.rows.iter().take(50).any(|row| {
            row.cells.iter().any(|cell| crate::normalize::values::find_email(cell).is_some() || looks_like_email(cell))
        });
        Self { seats_label, email_cells }
    }
}

fn score(signature: &Signature, fields: &[Field], evidence: Evidence) -> f64 {
    let present = |group: &&[Field]| group.iter().any(|f| fields.contains(f));
    let email_in_cells = signature.kind == InputKind::Assignments && evidence.email_cells;
    if !signature.required.iter().all(|g| present(g) || email_in_cells) {
        return 0.0;
    }
    let total: u32 = signature.weights.iter().map(|(_, w)| w).sum();
    let matched: u32 = signature.weights.iter().filter(|(f, _)| fields.contains(f)).map(|(_, w)| w).sum();
    let explained = fields.iter().filter(|f| signature.weights.iter().any(|(g, _)| g == *f)).count();
    if fields.is_empty() || matched == 0 {
        return 0.0;
    }
    let recall = f64::from(matched) / f64::from(total);
    let precision = explained as f64 / fields.len() as f64;
    let mut confidence = 2.0 * precision * recall / (precision + recall);
    if signature.kind == InputKind::Assignments && evidence.seats_label {
        confidence = (confidence + 0.25).min(1.0);
    }
    (confidence * 100.0).round() / 100.0
}

/// Every kind's score for a table, best first.
pub fn rank(table: &RawTable, evidence: Evidence) -> Vec<Score> {
    let fields = table.known_fields();
    let mut scores: Vec<Score> = SIGNATURES
        .iter()
        .map(|s| Score { kind: s.kind, confidence: score(s, &fields, evidence) })
        .filter(|s| s.confidence > 0.0)
        .collect();
    scores.sort_by(|a, b| b.confidence.total_cmp(&a.confidence).then(a.kind.cmp(&b.kind)));
    scores
}

/// The outcome of detection for one table.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Kind(Score),
    Tie(Score, Score),
    Unrecognised(Option<Score>),
}

/// Decides a table's kind from its ranking.
pub fn decide(ranking: &[Score]) -> Verdict {
    match ranking {
        [] => Verdict::Unrecognised(None),
        [best, ..] if best.confidence < MIN_CONFIDENCE => Verdict::Unrecognised(Some(*best)),
        [best, second, ..] if best.confidence - second.confidence < TIE_MARGIN => Verdict::Tie(*best, *second),
        [best, ..] => Verdict::Kind(*best),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::synonyms::Synonyms;

    fn table(headers: &[&str]) -> RawTable {
        let synonyms = Synonyms::built_in().unwrap_or_else(|e| panic!("{e}"));
        RawTable {
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            fields: headers.iter().map(|h| synonyms.field(h)).collect(),
            ..RawTable::default()
        }
    }

    fn kind_of(headers: &[&str]) -> Verdict {
        let table = table(headers);
        decide(&rank(&table, Evidence::default()))
    }

    #[test]
    fn documented_headers_are_detected() {
        let usage_report = "hashed_autodesk_id,first_name,last_name,email,autodesk_id,team_alias,group,offering_name,version,seat_assignment,assigned_date,unassigned_date,user_activity,days_inactive,access_option,days_used,monthly_average,tokens_used,last_accessed";
        let cases: [(&str, InputKind); 5] = [
            (usage_report, InputKind::UsageReport),
            (
                "team_alias,hashed_autodesk_id,product_name,offering_name,version,access_option,day_used",
                InputKind::SeatUsage,
            ),
            ("Email,First name,Last name,Autodesk ID,Role,Team", InputKind::Users),
            (
                "subscription_id,contract_number,offering_name,seat_quantity,start_date,end_date,term,subscription_status,team_alias",
                InputKind::Subscriptions,
            ),
            ("SamAccountName,UserPrincipalName,mail,Department,Enabled,proxyAddresses", InputKind::Directory),
        ];
        for (headers, kind) in cases {
            let headers: Vec<&str> = headers.split(',').collect();
            match kind_of(&headers) {
                Verdict::Kind(score) => assert_eq!(score.kind, kind, "{headers:?}"),
                other => panic!("{headers:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn by_product_columns_are_assignments() {
        assert!(matches!(
            kind_of(&["Name", "Email", "Status"]),
            Verdict::Kind(Score { kind: InputKind::Assignments, .. })
        ));
    }

    #[test]
    fn unknown_headers_are_not_recognised() {
        assert!(matches!(kind_of(&["Colour", "Size"]), Verdict::Unrecognised(None)));
    }
}
