//! Generates the example tenant: a fictional engineering firm's Autodesk Account exports and
//! directory export, deterministic for a given seed, at any size.
//!
//! ```text
//! cargo run --example generate_tenant -- --out examples/brightline                  # the bundled example
//! cargo run --release --example generate_tenant -- --people 20000 --months 12 --out /tmp/big
//! ```
//!
//! People come in blocks of 64; within a block each position plays one scenario (see
//! `examples/README.md`), so every finding of SPEC §4 has a case at every size. Usage runs for
//! `--months` months up to the as-of date 2026-11-30.

// A command-line tool whose one message goes to stderr.
#![allow(clippy::print_stderr)]

use std::error::Error;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate, Weekday};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const DOMAIN: &str = "brightline-eng.com";
const OLD_DOMAIN: &str = "brightline-old.com";
const AEC: &str = "Architecture Engineering & Construction Collection";
const FIRST: &[&str] = &[
    "Anna", "Bjørn", "Carla", "David", "Elif", "Finn", "Greta", "Hugo", "Ingrid", "Jonas", "Kari", "Lars", "Maja",
    "Nils", "Olga", "Per", "Quinn", "Rita", "Sven", "Tuva", "Ulrik", "Vera", "Wenche", "Xavier", "Yusuf", "Zoë",
];
const LAST: &[&str] = &[
    "Andersen",
    "Berg",
    "Café",
    "Dahl",
    "Eriksen",
    "Fjeld",
    "Gundersen",
    "Håland",
    "Iversen",
    "Johansen",
    "Knutsen",
    "Lie",
    "Moe",
    "Nilsen",
    "Olsen",
    "Pedersen",
    "Quist",
    "Rønning",
    "Solberg",
    "Tangen",
    "Ulstein",
    "Vik",
];

/// splitmix64: a few lines, deterministic, good enough for test data.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

struct Options {
    people: usize,
    machines: Option<usize>,
    months: u32,
    seed: u64,
    out: PathBuf,
}

fn options() -> Result<Options> {
    let mut options =
        Options { people: 64, machines: None, months: 3, seed: 7, out: PathBuf::from("examples/brightline") };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--people" => options.people = value.parse()?,
            "--months" => options.months = value.parse()?,
            "--seed" => options.seed = value.parse()?,
            "--out" => options.out = PathBuf::from(value),
            "--machines" => options.machines = Some(value.parse()?),
            other => return Err(format!("unknown flag {other}").into()),
        }
    }
    Ok(options)
}

/// One seat a person holds (or held).
#[derive(Clone)]
struct Seat {
    offering: &'static str,
    team: &'static str,
    assigned: NaiveDate,
    unassigned: Option<NaiveDate>,
    group: Option<&'static str>,
    /// Products used with this seat and how often (percent of working days).
    products: &'static [&'static str],
    use_percent: u64,
    /// Usage stops after this day (expired subscription, unassignment).
    use_until: Option<NaiveDate>,
    /// A Usage Report `last_accessed` before the exported usage window.
    last_seen_before: Option<NaiveDate>,
}

struct Person {
    first: String,
    last: String,
    email: String,
    login: String,
    department: &'static str,
    in_directory: bool,
    enabled: bool,
    alias: Option<String>,
    role: &'static str,
    invited: Option<NaiveDate>,
    /// The case Autodesk shows the e-mail in (a near miss for case-insensitive matching).
    autodesk_email: String,
    seats: Vec<Seat>,
    /// A second Autodesk account under the old e-mail alias (duplicate identity).
    second_account: Option<(String, Seat)>,
}

fn seat(
    offering: &'static str,
    team: &'static str,
    assigned: NaiveDate,
    products: &'static [&'static str],
    use_percent: u64,
) -> Seat {
    Seat {
        offering,
        team,
        assigned,
        unassigned: None,
        group: None,
        products,
        use_percent,
        use_until: None,
        last_seen_before: None,
    }
}

const AEC_PRODUCTS: &[&str] = &["Revit", "Revit", "AutoCAD", "Navisworks Manage"];

fn person(index: usize, random: &mut Random) -> Person {
    let block = index / 64;
    let position = index % 64;
    let first = FIRST[(index * 7 + block) % FIRST.len()].to_owned();
    let last = LAST[(index * 11 + block * 3) % LAST.len()].to_owned();
    let ascii = |s: &str| s.to_lowercase().replace('ø', "o").replace('å', "a").replace(['é', 'ë'], "e");
    let local = format!(
        "{}.{}{}",
        ascii(&first),
        ascii(&last),
        if block > 0 || index >= 26 { format!("{index}") } else { String::new() }
    );
    let email = format!("{local}@{DOMAIN}");
    let login = format!("{}{}{}", &ascii(&first)[..1], ascii(&last), index);
    let since = day(2024, 3, 1) + Duration::days(i64::try_from(index % 200).unwrap_or(0));
    let mut p = Person {
        first,
        last,
        autodesk_email: email.clone(),
        email,
        login,
        department: "Architecture",
        in_directory: true,
        enabled: true,
        alias: None,
        role: "User",
        invited: None,
        seats: Vec::new(),
        second_account: None,
    };
    match position {
        0 => {
            p.role = "Primary Admin";
            p.department = "IT";
            p.seats.push(seat("AutoCAD", "Main", day(2024, 2, 1), &["AutoCAD"], 0));
        }
        1..=14 => p.seats.push(seat(AEC, "Main", since, AEC_PRODUCTS, 55 + random.next() % 30)),
        15 | 16 => p.seats.push(seat(AEC, "Main", day(2025, 1, 10), AEC_PRODUCTS, 0)),
        17 => {
            let mut s = seat(AEC, "Main", day(2025, 4, 2), AEC_PRODUCTS, 0);
            s.group = Some("BIM Team");
            p.seats.push(s);
        }
        18 => p.seats.push(seat(AEC, "Main", day(2026, 11, 20), AEC_PRODUCTS, 0)),
        19 => {
            let mut s = seat(AEC, "Main", day(2025, 6, 1), AEC_PRODUCTS, 0);
            s.last_seen_before = Some(day(2026, 8, 1));
            p.seats.push(s);
        }
        20..=29 => {
            p.department = "Engineering";
            p.seats.push(seat("AutoCAD", "Main", since, &["AutoCAD"], 50 + random.next() % 40));
        }
        30..=35 => p.seats.push(seat("Revit", "Studio", since, &["Revit"], 60 + random.next() % 30)),
        36..=38 => {
            p.department = "Infrastructure";
            let mut s = seat("Civil 3D", "Infra", since, &["Civil 3D"], 70);
            s.use_until = Some(day(2026, 10, 31));
            p.seats.push(s);
        }
        39 => {
            p.department = "Infrastructure";
            let mut s = seat("Civil 3D", "Infra", since, &["Civil 3D"], 80);
            s.unassigned = Some(day(2026, 11, 10));
            s.use_until = Some(day(2026, 11, 27));
            p.seats.push(s);
        }
        40 => {
            p.invited = Some(day(2026, 11, 5));
            p.seats.push(seat(AEC, "Main", day(2026, 11, 5), AEC_PRODUCTS, 0));
        }
        41 => {
            p.invited = Some(day(2026, 11, 28));
            p.seats.push(seat(AEC, "Main", day(2026, 11, 28), AEC_PRODUCTS, 0));
        }
        42 => {
            p.enabled = false;
            p.department = "Engineering";
            p.seats.push(seat("AutoCAD", "Main", day(2025, 3, 3), &["AutoCAD"], 0));
        }
        43 => {
            p.in_directory = false;
            p.department = "Contractors";
            p.seats.push(seat("AutoCAD", "Main", day(2026, 5, 5), &["AutoCAD"], 40));
        }
        44 => {
            let alias = format!("{}@{OLD_DOMAIN}", p.email.split('@').next().unwrap_or("x"));
            p.seats.push(seat(AEC, "Main", since, AEC_PRODUCTS, 60));
            p.second_account = Some((alias.clone(), seat(AEC, "Main", day(2023, 9, 1), AEC_PRODUCTS, 0)));
            p.alias = Some(alias);
        }
        45 => {
            p.autodesk_email = p
                .email
                .split('.')
                .map(|part| {
                    let mut chars = part.chars();
                    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(".");
            p.seats.push(seat(AEC, "Main", since, AEC_PRODUCTS, 65));
        }
        _ => p.department = if position.is_multiple_of(2) { "Administration" } else { "Engineering" },
    }
    p
}

fn hashed_id(email: &str) -> String {
    let mut random =
        Random(email.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)));
    format!("{:016x}{:016x}{:08x}", random.next(), random.next(), random.next() as u32)
}

fn writer(path: &Path) -> Result<csv::Writer<BufWriter<File>>> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    Ok(csv::Writer::from_writer(BufWriter::new(File::create(path)?)))
}

fn accounts(people: &[Person]) -> impl Iterator<Item = (&Person, &str, &Seat)> {
    people.iter().flat_map(|p| {
        let main = p.seats.iter().map(move |s| (p, p.autodesk_email.as_str(), s));
        let second = p.second_account.iter().map(move |(email, s)| (p, email.as_str(), s));
        main.chain(second)
    })
}

fn directory(out: &Path, people: &[Person]) -> Result<()> {
    let mut w = writer(&out.join("directory/ad-users.csv"))?;
    w.write_record([
        "SamAccountName",
        "UserPrincipalName",
        "mail",
        "DisplayName",
        "GivenName",
        "Surname",
        "Department",
        "extensionAttribute1",
        "Enabled",
        "proxyAddresses",
    ])?;
    for p in people.iter().filter(|p| p.in_directory) {
        let mut proxies = format!("SMTP:{}", p.email);
        if let Some(alias) = &p.alias {
            proxies = format!("{proxies};smtp:{alias}");
        }
        let cost = format!("CC-{}", 100 + p.department.len());
        let upn = format!("{}@brightline.local", p.login);
        let name = format!("{} {}", p.first, p.last);
        let enabled = if p.enabled { "True" } else { "False" };
        w.write_record([
            p.login.as_str(),
            &upn,
            &p.email,
            &name,
            &p.first,
            &p.last,
            p.department,
            &cost,
            enabled,
            &proxies,
        ])?;
    }
    for service in ["svc-backup", "svc-scan", "svc-plotter"] {
        w.write_record([service, &format!("{service}@brightline.local"), "", service, "", "", "IT", "", "True", ""])?;
    }
    Ok(w.flush()?)
}

fn users(out: &Path, people: &[Person]) -> Result<()> {
    let mut w = writer(&out.join("autodesk/users.csv"))?;
    w.write_record([
        "Email",
        "First name",
        "Last name",
        "Autodesk ID",
        "Role",
        "Status",
        "Team",
        "Offering",
        "Invited date",
    ])?;
    // The Users export lists current assignments: a seat already unassigned is not in it.
    for (p, email, s) in accounts(people).filter(|(_, _, s)| s.unassigned.is_none()) {
        let status = if p.invited.is_some() { "Invited" } else { "Active" };
        let id = if p.invited.is_some() { String::new() } else { hashed_id(email)[..12].to_uppercase() };
        let invited = p.invited.map(|d| d.to_string()).unwrap_or_default();
        w.write_record([email, &p.first, &p.last, &id, p.role, status, s.team, s.offering, &invited])?;
    }
    Ok(w.flush()?)
}

fn subscriptions(out: &Path, blocks: usize) -> Result<()> {
    let mut w = writer(&out.join("autodesk/subscriptions.csv"))?;
    w.write_record([
        "subscription_id",
        "contract_number",
        "offering_name",
        "seat_quantity",
        "start_date",
        "end_date",
        "term",
        "subscription_status",
        "autorenew_date",
        "reseller_name",
        "team_alias",
    ])?;
    let rows = [
        ("72001001", "110004400001", AEC, 26, "2026-06-01", "2027-05-31", "Annual", "Active", "2027-05-31", "Main"),
        ("72001002", "110004400001", "AutoCAD", 13, "2024-03-15", "2027-03-14", "3-Year", "Active", "", "Main"),
        (
            "72001003",
            "110004400002",
            "Revit",
            5,
            "2025-12-21",
            "2026-12-20",
            "Annual",
            "Active",
            "2026-12-20",
            "Studio",
        ),
        ("72001004", "110004400003", "Civil 3D", 4, "2025-11-01", "2026-10-31", "Annual", "Expired", "", "Infra"),
    ];
    for (id, contract, offering, seats, start, end, term, status, renew, team) in rows {
        let quantity = (seats * blocks).to_string();
        w.write_record([
            id,
            contract,
            offering,
            &quantity,
            start,
            end,
            term,
            status,
            renew,
            "Nordic CAD Partners AS",
            team,
        ])?;
    }
    Ok(w.flush()?)
}

/// Every (day, product) a seat was used on within [from, to].
fn usage_days(seat: &Seat, email: &str, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, &'static str, u32)> {
    let mut random = Random(
        hashed_id(email).bytes().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)))
            ^ seat.offering.len() as u64,
    );
    let mut days = Vec::new();
    if seat.use_percent == 0 {
        return days;
    }
    let start = from.max(seat.assigned);
    let end = seat.use_until.map_or(to, |u| u.min(to));
    let mut current = start;
    while current <= end {
        if !matches!(current.weekday(), Weekday::Sat | Weekday::Sun) && random.chance(seat.use_percent) {
            let product = seat.products[(random.next() % seat.products.len() as u64) as usize];
            let release = if random.chance(85) { 2026 } else { 2025 };
            days.push((current, product, release));
        }
        current += Duration::days(1);
    }
    days
}

fn usage(out: &Path, people: &[Person], from: NaiveDate, to: NaiveDate) -> Result<()> {
    let mut days_file =
        writer(&out.join(format!("autodesk/seat-usage-{}-to-{}.csv", &from.to_string()[..7], &to.to_string()[..7])))?;
    days_file.write_record([
        "Team",
        "hashed_autodesk_id",
        "Email",
        "First name",
        "Last name",
        "Product",
        "Offering name",
        "Version",
        "Access option",
        "Day used",
    ])?;
    let mut report = writer(&out.join(format!("autodesk/usage-report-{}.csv", &to.to_string()[..7])))?;
    report.write_record([
        "hashed_autodesk_id",
        "first_name",
        "last_name",
        "email",
        "autodesk_id",
        "team_alias",
        "group",
        "offering_name",
        "version",
        "seat_assignment",
        "assigned_date",
        "unassigned_date",
        "user_activity",
        "days_inactive",
        "access_option",
        "days_used",
        "monthly_average",
        "tokens_used",
        "last_accessed",
    ])?;
    let months = f64::from(to.year() - from.year()) * 12.0 + f64::from(to.month()) - f64::from(from.month()) + 1.0;
    for (p, email, s) in accounts(people) {
        let hashed = hashed_id(email);
        let used = usage_days(s, email, from, to);
        for (date, product, release) in &used {
            days_file.write_record([
                s.team,
                &hashed,
                email,
                &p.first,
                &p.last,
                product,
                s.offering,
                &release.to_string(),
                "Subscription",
                &date.to_string(),
            ])?;
        }
        let last = used.last().map(|(d, _, _)| *d).or(s.last_seen_before);
        let inactive = last.map_or_else(|| (to - s.assigned).num_days().max(0), |d| (to - d).num_days());
        let activity = if used.is_empty() { "inactive" } else { "active" };
        let assignment = if s.unassigned.is_some_and(|u| u <= to) { "unassigned" } else { "assigned" };
        let id = if p.invited.is_some() { String::new() } else { hashed[..12].to_uppercase() };
        report.write_record([
            &hashed,
            &p.first,
            &p.last,
            email,
            &id,
            s.team,
            s.group.unwrap_or(""),
            s.offering,
            "2026",
            assignment,
            &format!("{}T09:00:00Z", s.assigned),
            &s.unassigned.map(|u| format!("{u}T16:30:00Z")).unwrap_or_default(),
            activity,
            &inactive.to_string(),
            "Subscription",
            &used.len().to_string(),
            &format!("{:.1}", used.len() as f64 / months),
            "",
            &last.map(|d| d.to_string()).unwrap_or_default(),
        ])?;
    }
    days_file.flush()?;
    Ok(report.flush()?)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn by_product_page(out: &Path, people: &[Person], blocks: usize) -> Result<()> {
    let mut page = BufWriter::new(File::create(out.join("autodesk/by-product-aec-collection.html"))?);
    let holders: Vec<_> = accounts(people).filter(|(_, _, s)| s.offering == AEC && s.unassigned.is_none()).collect();
    writeln!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>User management | Autodesk Account</title></head><body>"
    )?;
    writeln!(
        page,
        "<header><nav><a href=\"/products\">Products and services</a> <a href=\"/user-management\">User management</a></nav></header>"
    )?;
    writeln!(page, "<main><div class=\"tabs\"><span>By user</span><span class=\"selected\">By product</span></div>")?;
    writeln!(page, "<h1>{}</h1>\n<div class=\"team\"><span>Team</span><span>Main</span></div>", escape(AEC))?;
    writeln!(page, "<p class=\"seats\">{} of {} seats assigned</p>", holders.len(), 26 * blocks)?;
    writeln!(
        page,
        "<table class=\"assigned-users\"><thead><tr><th>Name</th><th>Status</th><th>Assigned</th></tr></thead><tbody>"
    )?;
    for (p, email, s) in holders {
        let status = if p.invited.is_some() { "Invited" } else { "Active" };
        writeln!(
            page,
            "<tr><td><a href=\"mailto:{0}\">{1} {2}</a></td><td>{status}</td><td>{3}</td></tr>",
            escape(email),
            escape(&p.first),
            escape(&p.last),
            s.assigned
        )?;
    }
    writeln!(page, "</tbody></table></main></body></html>")?;
    Ok(page.flush()?)
}

fn main() -> Result<()> {
    let options = options()?;
    let mut random = Random(options.seed);
    let people: Vec<Person> = (0..options.people).map(|i| person(i, &mut random)).collect();
    let blocks = options.people.div_ceil(64);
    let to = day(2026, 11, 30);
    let from_month = 11 - i64::from(options.months.clamp(1, 120)) + 1;
    let (year, month) = (2026 + (from_month - 1).div_euclid(12) as i32, (from_month - 1).rem_euclid(12) as u32 + 1);
    let from = day(year, month, 1);
    fs::create_dir_all(options.out.join("autodesk"))?;
    directory(&options.out, &people)?;
    users(&options.out, &people)?;
    subscriptions(&options.out, blocks)?;
    usage(&options.out, &people, from, to)?;
    by_product_page(&options.out, &people, blocks)?;
    let machine_count = options.machines.unwrap_or(options.people * 50 / 64);
    machines(&options.out, &people, machine_count)?;
    eprintln!(
        "wrote {} people ({} blocks), {machine_count} machines, usage {from} to {to}, into {}",
        people.len(),
        blocks,
        options.out.display()
    );
    Ok(())
}

/// One product on a machine: key, version, licence method (helper integer), servers.
type Install = (&'static str, &'static str, u8, &'static [&'static str]);

const NETWORK_SERVER: &[&str] = &["27000@lic1.brightline.local"];

fn products_for(person: &Person) -> Vec<Install> {
    match person.seats.first().map(|s| s.offering) {
        Some(AEC) => vec![("829R1", "2026.0.0.F", 4, &[]), ("001R1", "2026.0.0.F", 4, &[])],
        Some("AutoCAD") => vec![("001Q1", "2025.0.0.F", 4, &[])],
        Some("Revit") => vec![("829R1", "2026.0.0.F", 4, &[])],
        Some("Civil 3D") => vec![("237R1", "2026.0.0.F", 4, &[])],
        _ => Vec::new(),
    }
}

/// Writes ~`count` machines: helper-list scans, an SCCM inventory, LGS tree copies, a `FlexLM`
/// debug log and the network licence file. Machine `m` belongs to person `m % people`; its
/// position in a block of 64 picks the workstation scenario (see examples/README.md).
fn machines(out: &Path, people: &[Person], count: usize) -> Result<()> {
    if people.is_empty() {
        return Ok(());
    }
    fs::create_dir_all(out.join("machines/scans"))?;
    let mut inventory = writer(&out.join("machines/sccm-add-remove-programs.csv"))?;
    inventory.write_record(["Name0", "User_Name0", "DisplayName0", "Version0", "Publisher0", "InstallDate0"])?;
    for m in 0..count {
        let person = &people[m % people.len()];
        let name = format!("BL-WS-{m:03}");
        let mut user = format!("BRIGHTLINE\\{}", person.login);
        let mut installs = products_for(person);
        let (mut network_env, mut service_version) = (None, "14.0.0.10163");
        match m % 64 {
            2 => installs = vec![("001P1", "2024.0.0.F", 1, NETWORK_SERVER), ("829R1", "2026.0.0.F", 4, &[])],
            5 => network_env = Some("27000@lic1.brightline.local"),
            7 => {
                lgs_tree(out, &name)?;
                continue;
            }
            9 => {
                inventory.write_record([
                    name.as_str(),
                    &user,
                    "Autodesk Civil 3D 2015",
                    "10.4.1",
                    "Autodesk",
                    "20150601",
                ])?;
                continue;
            }
            11 => installs = vec![("001O1", "2023.0.0.F", 4, &[])],
            12 => {
                installs = vec![("001P1", "2024.0.0.F", 4, &[])];
                service_version = "12.1.0.7121";
            }
            13 => installs = vec![("507R1", "2026.0.0.F", 0, &[]), ("128Q1", "2025.0.0.F", 2, &[])],
            21 => "BRIGHTLINE\\tempadmin".clone_into(&mut user),
            22 => user.clone_from(&person.email),
            30..=35 => {
                for (key, version, _, _) in &installs {
                    let year = &version[..4];
                    let product = if key.starts_with("829") { "Revit" } else { "AutoCAD" };
                    inventory.write_record([
                        name.as_str(),
                        &user,
                        &format!("Autodesk {product} {year}"),
                        version,
                        "Autodesk",
                        "20250901",
                    ])?;
                }
                continue;
            }
            46..=49 => installs = vec![("829Q1", "2025.0.0.F", 4, &[])],
            _ => {}
        }
        if installs.is_empty() {
            continue;
        }
        let products: Vec<serde_json::Value> = installs
            .iter()
            .map(|(key, version, method, servers)| {
                serde_json::json!({
                    "feature_id": "", "def_prod_key": key, "def_prod_ver": version, "sel_prod_key": key,
                    "sel_prod_ver": version, "lic_method": method,
                    "lic_servers": if servers.is_empty() { vec![""] } else { servers.to_vec() },
                })
            })
            .collect();
        let wrapper = serde_json::json!({
            "machine": name, "last_user": user, "collected_at": "2026-11-29T08:15:00Z", "os": "windows",
            "network_env": network_env, "service_version": service_version, "products": products,
            "lgs": [], "flexnet_files": [],
        });
        fs::write(out.join(format!("machines/scans/{name}.json")), serde_json::to_string_pretty(&wrapper)? + "\n")?;
        inventory.write_record([
            name.as_str(),
            &user,
            "Autodesk Desktop Licensing Service",
            service_version,
            "Autodesk",
            "20250901",
        ])?;
    }
    inventory.flush()?;
    flexlm(out)
}

fn lgs_tree(out: &Path, name: &str) -> Result<()> {
    let folder = out.join(format!("machines/lgs/{name}/ProgramData/Autodesk/CLM/LGS/001K1_2019.0.0.F"));
    fs::create_dir_all(&folder)?;
    fs::write(folder.join("LGS.data"), "_NETWORK\r\n")?;
    fs::write(folder.join("LICPATH.lic"), "SERVER lic1.brightline.local 000000000000 27000\r\nUSE_SERVER\r\n")?;
    Ok(())
}

fn flexlm(out: &Path) -> Result<()> {
    fs::create_dir_all(out.join("machines/flexlm"))?;
    let log = [
        " 7:58:02 (lmgrd) FlexNet Licensing (v11.18.0.0 build 275847 x64_n6) started on lic1 (IBM PC) (11/20/2026)",
        " 7:58:02 (lmgrd) TIMESTAMP 11/20/2026",
        " 8:12:40 (adskflex) OUT: \"64300ACD_F\" bhaland@BL-WS-002  ",
        " 8:12:40 (adskflex) OUT: \"87676ACD_2023_0F\" bhaland@BL-WS-002  ",
        "11:02:13 (adskflex) OUT: \"87676ACD_2023_0F\" kari@BL-LAPTOP-77  ",
        "16:40:01 (adskflex) IN: \"87676ACD_2023_0F\" bhaland@BL-WS-002  ",
        "16:40:01 (adskflex) IN: \"64300ACD_F\" bhaland@BL-WS-002  ",
        "23:59:59 (adskflex) IN: \"87676ACD_2023_0F\" kari@BL-LAPTOP-77  ",
        " 9:00:00 (adskflex) TIMESTAMP 10/01/2026",
        " 9:05:00 (adskflex) OUT: \"87676ACD_2023_0F\" oldtimer@BL-WS-OLD  ",
    ];
    fs::write(out.join("machines/flexlm/lic1-debug.log"), log.join("\n") + "\n")?;
    let licence = [
        "SERVER lic1.brightline.local 0A1B2C3D4E5F 27000",
        "USE_SERVER",
        "VENDOR adskflex port=2080",
        "INCREMENT 87676ACD_2023_0F adskflex 1.000 20-dec-2026 5 VENDOR_STRING=commercial:extendable \\",
        "\tSUPERSEDE DUP_GROUP=UH ISSUED=01-Jan-2023 SN=399-12345678",
    ];
    fs::write(out.join("machines/flexlm/brightline-network.lic"), licence.join("\n") + "\n")?;
    Ok(())
}
