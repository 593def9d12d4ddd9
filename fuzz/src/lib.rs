//! Shared body of the fuzz targets: read arbitrary bytes as one input file, exactly as
//! `adsk-audit inspect FILE [--kind KIND]` does, and check the invariants every read must keep.

use std::sync::OnceLock;

use adsk_audit::ingest::{self, Options};
use adsk_audit::model::InputKind;

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
