//! Identity resolution: who a machine's last user is, which e-mails are one person, and which
//! hashed Autodesk ids belong to which e-mail. Every link names the rule that made it and the
//! row it rests on, so a finding can say "jdoe on WS-014 is jane.doe@firm.com because of
//! directory row 42".
//!
//! Rules, in order (the first that matches wins for a machine's user):
//! 1. the user (`ACME\jdoe`, `jdoe@acme.local`, `jdoe`) is a login the directory lists
//!    (`DOMAIN\user`, UPN, sAMAccountName, mail or alias);
//! 2. without its `DOMAIN\` prefix, it is a directory sAMAccountName;
//! 3. it is itself an e-mail address;
//!
//! otherwise it stays unresolved (e-mail null). Aliases link to the directory's primary mail;
//! a hashed id links to the e-mail on any row that carries both.

use std::collections::{BTreeMap, HashMap};

use polars::prelude::*;

use crate::model::Table;
use crate::normalize::values::looks_like_email;

/// The columns of `identity_links`.
const COLUMNS: &[&str] = &["tenant", "identity_kind", "identity", "machine", "email", "rule", "evidence"];

use crate::model::tables::column_strings as strings;

fn evidence(files: &[Option<String>], lines: &[Option<String>], index: usize) -> String {
    format!("{}:{}", files[index].as_deref().unwrap_or("?"), lines[index].as_deref().unwrap_or("?"))
}

struct Links {
    rows: Vec<[Option<String>; 7]>,
}

impl Links {
    fn push(&mut self, values: [Option<String>; 7]) {
        self.rows.push(values);
    }

    fn frame(self) -> PolarsResult<DataFrame> {
        let columns = COLUMNS
            .iter()
            .enumerate()
            .map(|(i, name)| Column::new((*name).into(), self.rows.iter().map(|r| r[i].clone()).collect::<Vec<_>>()))
            .collect();
        DataFrame::new_infer_height(columns)
    }
}

/// The link table from the canonical tables.
pub fn identity_links(tables: &BTreeMap<Table, LazyFrame>) -> PolarsResult<DataFrame> {
    let collect =
        |table: Table| tables.get(&table).cloned().map_or_else(|| Ok(table.empty_frame()), LazyFrame::collect);
    let logins = collect(Table::Logins)?;
    let machines = collect(Table::Machines)?;
    let mut links = Links { rows: Vec::new() };

    let (l_tenant, l_login, l_kind, l_email) = (
        strings(&logins, "tenant"),
        strings(&logins, "login"),
        strings(&logins, "login_kind"),
        strings(&logins, "email"),
    );
    let (l_file, l_line) = (strings(&logins, "source_file"), strings(&logins, "source_line"));
    let mut by_login: HashMap<(String, String), usize> = HashMap::new();
    for index in 0..logins.height() {
        if let (Some(tenant), Some(login)) = (&l_tenant[index], &l_login[index]) {
            by_login.entry((tenant.clone(), login.to_lowercase())).or_insert(index);
        }
        if l_kind[index].as_deref() == Some("alias") {
            links.push([
                l_tenant[index].clone(),
                Some("alias".into()),
                l_login[index].clone(),
                None,
                l_email[index].clone(),
                Some("directory alias (proxyAddresses)".into()),
                Some(evidence(&l_file, &l_line, index)),
            ]);
        }
    }

    let (m_tenant, m_machine, m_user) =
        (strings(&machines, "tenant"), strings(&machines, "machine"), strings(&machines, "last_user"));
    let (m_file, m_line) = (strings(&machines, "source_file"), strings(&machines, "source_line"));
    let mut seen = std::collections::HashSet::new();
    for index in 0..machines.height() {
        let (Some(tenant), Some(user)) = (&m_tenant[index], &m_user[index]) else { continue };
        let user = user.trim().to_lowercase();
        if !seen.insert((tenant.clone(), m_machine[index].clone(), user.clone())) {
            continue;
        }
        let short = user.rsplit('\\').next().unwrap_or(&user).to_owned();
        let direct = by_login
            .get(&(tenant.clone(), user.clone()))
            .map(|i| (*i, format!("directory {}", l_kind[*i].as_deref().unwrap_or("login"))));
        let stripped = || {
            by_login
                .get(&(tenant.clone(), short.clone()))
                .filter(|i| l_kind[**i].as_deref() == Some("sam"))
                .map(|i| (*i, "directory sAMAccountName (domain prefix removed)".to_owned()))
        };
        let (email, rule, why) = match direct.or_else(stripped) {
            Some((login, rule)) => (l_email[login].clone(), rule, evidence(&l_file, &l_line, login)),
            None if looks_like_email(&user) => {
                (Some(user.clone()), "login is an e-mail".to_owned(), evidence(&m_file, &m_line, index))
            }
            None => (None, "no directory entry".to_owned(), evidence(&m_file, &m_line, index)),
        };
        links.push([
            Some(tenant.clone()),
            Some("machine_user".into()),
            Some(user),
            m_machine[index].clone(),
            email,
            Some(rule),
            Some(why),
        ]);
    }

    let mut hashed_seen = std::collections::HashSet::new();
    for table in [Table::People, Table::UsageSummary, Table::UsageDays, Table::Assignments] {
        let frame = collect(table)?;
        let (tenant, email, hashed) =
            (strings(&frame, "tenant"), strings(&frame, "email"), strings(&frame, "hashed_autodesk_id"));
        let (file, line) = (strings(&frame, "source_file"), strings(&frame, "source_line"));
        for index in 0..frame.height() {
            let (Some(t), Some(e), Some(h)) = (&tenant[index], &email[index], &hashed[index]) else { continue };
            if hashed_seen.insert((t.clone(), h.clone())) {
                links.push([
                    Some(t.clone()),
                    Some("hashed_id".into()),
                    Some(h.clone()),
                    None,
                    Some(e.clone()),
                    Some(format!("same {} row", table.name())),
                    Some(evidence(&file, &line, index)),
                ]);
            }
        }
    }
    links.frame()
}

/// Installs with inventory rows merged into scans: an inventory row (no product key, method
/// UNKNOWN) is dropped when a scan of the same machine (case-insensitive, domain suffix stripped)
/// reports the same family and release, whose licence method then stands.
pub fn merge_installs(installs: LazyFrame) -> PolarsResult<LazyFrame> {
    let keys = [col("tenant"), col("machine_key"), col("family"), col("release")];
    let scanned = installs.clone().filter(col("product_key").is_not_null());
    let inventory = installs.filter(col("product_key").is_null());
    let seen = scanned.clone().select(keys.clone()).unique(None, UniqueKeepStrategy::Any);
    let unmatched = inventory.join(seen, keys.clone(), keys, JoinArgs::new(JoinType::Anti));
    concat([scanned, unmatched], UnionArgs::default())
}
