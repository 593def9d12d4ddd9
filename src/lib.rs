//! adsk-audit: reconcile Autodesk Account seats and usage with workstation licensing and the
//! company directory.
//!
//! The pipeline, one module per stage: [`ingest`] turns files (CSV in any common encoding and
//! delimiter, workbooks, saved HTML pages) into raw tables and detects their kind by content;
//! [`normalize`] maps headers through a synonym table, parses dates, e-mails and counts, and
//! builds the canonical polars frames of [`model::tables`]; [`cmd`] holds one module per
//! subcommand. Stages never print; [`output`] is the only writer to the terminal.

pub mod cli;
pub mod cmd;
pub mod export;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod output;

use anyhow::bail;

use cli::{Cli, Command};
use cmd::Exit;

/// Runs one command line.
pub fn run(cli: &Cli) -> anyhow::Result<Exit> {
    match &cli.command {
        Command::Inspect(args) => cmd::inspect::run(args, cli.quiet),
        Command::Ingest(args) => cmd::ingest::run(args, cli.quiet),
        Command::Query(args) => cmd::query::run(args, cli.quiet),
        Command::Scan(args) => cmd::scan::run(args, cli.quiet),
        Command::Reconcile(args) => cmd::reconcile::run(args, cli.quiet),
        planned => bail!(
            "`{}` is not available yet in adsk-audit {}\nhint: see README › Status for what this version does",
            planned.name(),
            env!("CARGO_PKG_VERSION")
        ),
    }
}
pub mod catalog;
pub mod reconcile;
pub mod resolve;
pub mod source;
pub mod store;
