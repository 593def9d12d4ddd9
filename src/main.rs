//! The `adsk-audit` binary: parse, run, print the error chain, exit 0/1/2.

use std::process::ExitCode;

use clap::Parser;

use adsk_audit::cli::Cli;
use adsk_audit::cmd::Exit;
use adsk_audit::output;

// Reading builds many short strings and large growing columns; glibc's allocator spent a third of
// the 20,000-person reconcile in page faults (perf), mimalloc reuses pages instead. Built without
// transparent huge pages (`no_thp`): on this VM the kernel zeroing 2 MiB pages on first touch was
// 72 % of the same run's time, and turning them off made it 5× faster (benches/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A panic inside a third-party reader that the library catches and reports as an error
    // (`ingest::workbook::read`) is not printed; every other panic is, as usual.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !adsk_audit::ingest::workbook::catching() {
            default_hook(info);
        }
    }));
    let cli = Cli::parse();
    match adsk_audit::run(&cli) {
        Ok(Exit::Success) => ExitCode::SUCCESS,
        Ok(Exit::Failed) => ExitCode::from(1),
        Err(error) => {
            // A closed pipe (`adsk-audit … | head`) is not a failure.
            if error.chain().any(|cause| {
                cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            output::message(&format!("error: {error}"));
            for cause in error.chain().skip(1) {
                output::message(&format!("caused by: {cause}"));
            }
            ExitCode::from(2)
        }
    }
}
