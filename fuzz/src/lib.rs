//! Shared body of the fuzz targets: read arbitrary bytes as one input file, exactly as
//! `adsk-audit inspect FILE [--kind KIND]` does, and check the invariants every read must keep.

use std::sync::OnceLock;

use adsk_audit::ingest::{self, Options};
use adsk_audit::model::InputKind;

/// Lets the library catch the panics it turns into errors (a third-party reader's, see
/// `ingest::workbook::read`): libFuzzer's hook would abort on them first. Every other panic
/// still reaches libFuzzer's hook and is a crash.
fn chain_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !adsk_audit::ingest::workbook::catching() {
                previous(info);
            }
        }));
    });
}

/// Largest workbook the targets unpack: keeps every run inside libFuzzer's memory limit while
/// still exercising the refusal path (`--max-workbook-mb`).
const MAX_WORKBOOK_BYTES: u64 = 16 * 1_048_576;

/// Reads `data` as a file of `kind` (`None`: detection decides) and checks that
/// - reading never panics (libFuzzer reports any panic as a crash);
/// - every row is accounted for: read = accepted + rejected + skipped, per part;
/// - every reject names a line and a reason;
/// - a file with an error yields no rows.
pub fn read(data: &[u8], kind: Option<InputKind>) {
    static OPTIONS: OnceLock<Options> = OnceLock::new();
    chain_panic_hook();
    let options = OPTIONS.get_or_init(|| {
        let mut options = Options::built_in().expect("the built-in synonyms and catalog load");
        options.kind = kind;
        options.max_workbook_bytes = MAX_WORKBOOK_BYTES;
        options
    });
    let (report, frames) = ingest::read_bytes("fuzz-input", data.to_vec(), "fuzz", true, options);
    for part in &report.parts {
        assert_eq!(
            part.rows_read,
            part.accepted + part.rejected + part.skipped,
            "row accounting broken in {:?}",
            part.origin
        );
        assert_eq!(part.rejected, part.rejects.len(), "a reject without a record");
        for reject in &part.rejects {
            assert!(!reject.reason.is_empty(), "a reject without a reason");
        }
    }
    if report.error.is_some() {
        assert!(frames.iter().all(|(_, frame)| frame.height() == 0), "rows kept from a file with an error");
    }
}

/// Reads `data` as a Seat Usage CSV file streamed in tiny batches (64 bytes, so that records,
/// multi-byte characters and quoted line breaks fall across batch ends), and checks the same
/// accounting as [`read`], summed over the batches.
pub fn stream(data: &[u8]) {
    static OPTIONS: OnceLock<Options> = OnceLock::new();
    static FILE: OnceLock<std::path::PathBuf> = OnceLock::new();
    let options = OPTIONS.get_or_init(|| Options::built_in().expect("the built-in synonyms and catalog load"));
    let path = FILE.get_or_init(|| std::env::temp_dir().join(format!("adsk-audit-fuzz-{}.csv", std::process::id())));
    std::fs::write(path, data).expect("the temporary file is writable");
    let (mut rows, mut rejects) = (0, 0);
    let report = ingest::stream::read(path, "fuzz-input", "0", "fuzz", options, 64, |batch| {
        rows += batch.rows.map_or(0, |r| r.height());
        rejects += batch.rejects.len();
        Ok(())
    })
    .expect("the temporary file is readable");
    let Some(report) = report else { return };
    for part in &report.parts {
        assert_eq!(part.rows_read, part.accepted + part.rejected + part.skipped, "row accounting broken");
        assert_eq!(part.accepted, rows, "accepted rows not handed over");
        assert_eq!(part.rejected, rejects, "rejects not handed over");
    }
}
