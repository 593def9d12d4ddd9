//! The command line (clap derive). Structs only: no I/O here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::{InputKind, Table};
use crate::normalize::dates::DateOrder;

/// Reconcile Autodesk Account seats and usage with workstation licensing and the directory.
///
/// Reads Autodesk Account exports (Usage Report, Seat Usage, Users, Subscriptions, By product
/// pages), workstation scans and inventories, licence-server logs and files, and directory
/// exports; detects each file's kind by its content; and says, with evidence, who uses Autodesk
/// software without a seat, which seats sit idle, which machines are not migrated and what to do.
#[derive(Debug, Parser)]
#[command(name = "adsk-audit", version, propagate_version = true, max_term_width = 100)]
#[command(
    after_long_help = "Examples:\n  adsk-audit inspect examples/brightline\n  adsk-audit reconcile examples/brightline --as-of 2026-11-30 --policy examples/brightline.policy.toml\n  adsk-audit ingest exports/ --store ~/adsk-store\n  adsk-audit reconcile --store ~/adsk-store --format xlsx -o findings.xlsx"
)]
pub struct Cli {
    /// Print no per-file summaries on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Inspect(InspectArgs),
    Ingest(IngestArgs),
    Reconcile(ReconcileArgs),
    /// Write the monthly compliance report (HTML + Markdown) [not available yet]
    ///
    /// Planned: adsk-audit report [PATH...] [--store DIR] [--month YYYY-MM] -o DIR
    Report(PlannedArgs),
    Query(QueryArgs),
    Scan(ScanArgs),
    /// Write per-machine scripts and bulk-assign CSVs [not available yet]
    ///
    /// Planned: adsk-audit remediate [PATH...] [--store DIR] -o DIR
    Remediate(PlannedArgs),
    /// Pull usage from the Autodesk Reporting API into the store [not available yet]
    ///
    /// Planned: adsk-audit pull --tenant T [--since DATE] [--until DATE]
    Pull(PlannedArgs),
    /// Sign in to the Autodesk Reporting API [not available yet]
    ///
    /// Planned: adsk-audit auth login|status|logout
    Auth(PlannedArgs),
}

impl Command {
    /// The subcommand's name as typed.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Inspect(_) => "inspect",
            Command::Ingest(_) => "ingest",
            Command::Reconcile(_) => "reconcile",
            Command::Report(_) => "report",
            Command::Query(_) => "query",
            Command::Scan(_) => "scan",
            Command::Remediate(_) => "remediate",
            Command::Pull(_) => "pull",
            Command::Auth(_) => "auth",
        }
    }
}

/// How input files are read; shared by every command that reads files.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Files or folders (read recursively; hidden files skipped).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read every file as this kind instead of detecting it.
    #[arg(long, value_enum)]
    pub kind: Option<InputKind>,

    /// Tenant name for the rows read [default: the folder's name, or `default` for files].
    #[arg(long)]
    pub tenant: Option<String>,

    /// Day/month order of slashed dates (03/04/2026), when the data cannot tell.
    #[arg(long, value_enum)]
    pub date_order: Option<DateOrder>,

    /// Extra header synonyms: a TOML file laid out like the built-in table (see README).
    #[arg(long, value_name = "FILE")]
    pub synonyms: Option<PathBuf>,

    /// Extra catalog entries: a TOML file with `[families.…]` and/or `[offerings.…]` tables laid
    /// out like the built-in ones (see README).
    #[arg(long, value_name = "FILE")]
    pub catalog: Option<PathBuf>,

    /// Exit 1 when any row is rejected.
    #[arg(long)]
    pub strict: bool,

    /// Refuse workbooks that unpack to more than this many MB (zip bombs).
    #[arg(long, value_name = "MB", default_value_t = crate::ingest::DEFAULT_MAX_WORKBOOK_MB)]
    pub max_workbook_mb: u64,

    /// Seat Usage CSVs of at least this many MB are read in batches of whole records, with
    /// memory bounded by the batch instead of the file (`ingest` stores them as one part file
    /// per month). 0 streams every Seat Usage CSV.
    #[arg(long, value_name = "MB", default_value_t = crate::ingest::stream::DEFAULT_STREAM_MB)]
    pub stream_mb: u64,
}

/// How `inspect` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum InspectFormat {
    #[default]
    Text,
    Json,
}

/// Show what each input file is and how it reads: kind, header mapping, row and reject counts.
///
/// For each file (folders are read recursively): the detected kind and its confidence, each
/// header and the canonical column it maps to, unknown columns (kept in `extra`), rows read,
/// accepted, rejected and skipped, and the first rejects with line, column, value and reason.
/// Files in a folder that are not a recognised input are listed as passed over; a named file
/// that cannot be read is an error (exit 2).
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  adsk-audit inspect examples/brightline\n  adsk-audit inspect usage.xlsx --format json\n  adsk-audit inspect by-product.html --table assignments\n  adsk-audit inspect exports/ --rejects rejects.csv --strict"
)]
#[command(group = clap::ArgGroup::new("inspect_paths").args(["paths"]).required(true).multiple(true))]
pub struct InspectArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: InspectFormat,

    /// Print this canonical table as CSV instead of the inspection.
    #[arg(long, value_enum, value_name = "TABLE")]
    pub table: Option<Table>,

    /// Write every rejected row (file, line, column, value, reason) to this CSV.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,

    /// How many rejects to show per file in text output.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub show_rejects: usize,
}

/// Where the store is.
#[derive(Debug, Args, Clone)]
pub struct StoreArgs {
    /// The store folder [default: the platform data directory, e.g. ~/.local/share/adsk-audit/store].
    #[arg(long, value_name = "DIR", env = "ADSK_AUDIT_STORE")]
    pub store: Option<PathBuf>,
}

/// Read exports into the store, keeping history that Autodesk deletes after 14 days.
///
/// Each file's kind is detected as in `inspect`; its rows are written as Parquet under
/// `tables/tenant=<t>/month=<YYYY-MM>/`, the file itself is kept (content-addressed) under
/// `raw/`, its rejects under `rejects/`, and the manifest records it. A file already in the store
/// is a no-op. A newer export of the same kind, tenant and month replaces the older one's rows
/// for that month (both stay in the manifest). The tenant defaults to the name of the folder
/// given. `--rebuild` re-derives every table from the raw files (after an upgrade that fixes a
/// reader). Every change is atomic: an interrupted ingest leaves the store as it was.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  adsk-audit ingest examples/brightline --store ~/adsk-store\n  adsk-audit ingest exports/2026-11/ --tenant acme --month 2026-11\n  adsk-audit ingest --rebuild --store ~/adsk-store"
)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub store: StoreArgs,

    /// The month rows without a date of their own describe [default: from the data].
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    pub month: Option<String>,

    /// Re-derive every table from the raw files in the store (no PATH).
    #[arg(long, conflicts_with_all = ["paths", "month", "kind", "tenant"])]
    pub rebuild: bool,

    /// Bytes read per batch when streaming, in KiB (records are never split).
    #[arg(long, value_name = "KIB", default_value_t = crate::ingest::stream::BATCH_BYTES / 1024, hide_short_help = true)]
    pub stream_batch_kib: usize,
}

/// Run SQL or a named query over the canonical tables.
///
/// QUERY is a SELECT statement, the name of a query in `queries/` (see `--list`), or a `.sql`
/// file. Tables: `people`, `logins`, `directory`, `subscriptions`, `assignments`, `usage_days`,
/// `usage_summary`. They come from the PATHs given (read directly, nothing written) or, without
/// PATHs, from the store for one tenant as of one month (the newest by default).
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  adsk-audit query --list\n  adsk-audit query seats-by-offering examples/brightline\n  adsk-audit query \"SELECT offering, COUNT(*) AS n FROM assignments GROUP BY offering\" --store ~/adsk-store --format csv"
)]
pub struct QueryArgs {
    /// SQL, a named query, or a .sql file.
    #[arg(value_name = "QUERY", required_unless_present = "list")]
    pub query: Option<String>,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub store: StoreArgs,

    /// With the store: the month to read as of [default: the newest].
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    pub month: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: crate::export::frame::FrameFormat,

    /// Write the result to this file instead of stdout (atomically).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// List the named queries with their purpose.
    #[arg(long)]
    pub list: bool,
}

/// Collect this workstation's Autodesk licensing state into one JSON file.
///
/// Writes the wrapper `{machine, last_user, collected_at, os, network_env, service_version,
/// products, lgs, flexnet_files}`: `products` is `AdskLicensingInstHelper list` (run if present,
/// 60 s at most, or read from `--helper-json`), `lgs` what the `CLM/LGS` and
/// `AdskLicensingService` folders under `--root` say, `network_env` the `ADSKFLEX_LICENSE_FILE`
/// variable, `service_version` the newest Autodesk licensing service found. Collect the files of
/// all machines in one folder and point `inspect`, `ingest` or `query` at it.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  adsk-audit scan -o \\\\fileserver\\adsk-scans\\%COMPUTERNAME%.json\n  adsk-audit scan --root tests/data/lgs-tree/WS-103 --helper-json tests/data/helper-list/WS-101.json --machine WS-103"
)]
pub struct ScanArgs {
    /// The `ProgramData`-like folder to read [default: `%ProgramData%` on Windows,
    /// /Library/Application Support on macOS, /var/opt on Linux].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// `AdskLicensingInstHelper` to run [default: its standard location, when present].
    #[arg(long, value_name = "PATH", conflicts_with = "helper_json")]
    pub helper: Option<PathBuf>,

    /// Use this saved `AdskLicensingInstHelper list` output instead of running the helper.
    #[arg(long, value_name = "FILE")]
    pub helper_json: Option<PathBuf>,

    /// The `AdskLicensing` folder whose versioned subfolders name the licensing service's version
    /// [default: its standard location, else `Autodesk/AdskLicensing` under the root].
    #[arg(long, value_name = "DIR")]
    pub licensing_dir: Option<PathBuf>,

    /// The machine name to record [default: this computer's name].
    #[arg(long)]
    pub machine: Option<String>,

    /// Write the JSON here (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// How `reconcile` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ReconcileFormat {
    /// Findings grouped by rule, then the migration status.
    #[default]
    Table,
    Csv,
    /// One JSON array of finding objects, nothing else on stdout.
    Json,
    /// A workbook (needs -o): Findings and Migration status sheets.
    Xlsx,
}

/// Reconcile Autodesk Account, the workstations and the directory into findings with evidence.
///
/// Each finding has a rule, a severity, the person/machine/offering it is about, one plain
/// sentence of detail, what to do, and the `file:line` of every input row it rests on. Findings
/// are sorted by severity, rule and subject. The as-of date is today unless `--as-of` or
/// `--month` (its last day) says otherwise; the policy's defaults are printed by
/// `--print-policy`. With `--fail-on SEVERITY` the command exits 1 when a finding is at least that
/// severe (for scheduled jobs).
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  adsk-audit reconcile examples/brightline --as-of 2026-11-30\n  adsk-audit reconcile --store ~/adsk-store --month 2026-11 --format xlsx -o findings.xlsx\n  adsk-audit reconcile exports/ --fail-on high --format json > findings.json\n  adsk-audit reconcile --print-policy > policy.toml"
)]
pub struct ReconcileArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub store: StoreArgs,

    /// The date findings are judged at [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", conflicts_with = "month")]
    pub as_of: Option<chrono::NaiveDate>,

    /// Judge at the last day of this month (and read the store as of it).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    pub month: Option<String>,

    /// Policy file (TOML; see --print-policy).
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,

    /// Print the effective policy, defaults included, as TOML and exit.
    #[arg(long)]
    pub print_policy: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ReconcileFormat,

    /// Write to this file instead of stdout (atomically).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Exit 1 when any finding is at least this severe.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<crate::reconcile::Severity>,

    /// Only these rules (repeatable).
    #[arg(long, value_name = "RULE")]
    pub rule: Vec<String>,
}

/// `YYYY-MM`, checked.
pub fn parse_month(value: &str) -> Result<String, String> {
    chrono::NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d")
        .map(|_| value.to_owned())
        .map_err(|_| format!("`{value}` is not a month (YYYY-MM)"))
}

/// Not available yet in this version (see README › Status).
#[derive(Debug, Args)]
pub struct PlannedArgs {
    /// Arguments of the planned command.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    pub args: Vec<String>,
}
