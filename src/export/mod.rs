//! Writing output files. Every file is written to a temporary sibling and renamed into place,
//! so a reader never sees half a file and a failed run leaves the old file as it was.

pub mod frame;
pub mod workbook;

use std::io::Write;
use std::path::Path;

use crate::normalize::Reject;

/// Writes `path` atomically with the bytes `write` produces.
pub fn atomic_write(path: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::io::BufWriter::new(fs_err::File::create(&temporary)?);
        write(&mut file)?;
        let file = file.into_inner().map_err(std::io::IntoInnerError::into_error)?;
        file.sync_all()?;
        fs_err::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = fs_err::remove_file(&temporary);
    }
    result
}

/// Writes rejects as CSV: file, line, column, value, reason.
pub fn write_rejects<'a>(out: &mut dyn Write, rejects: impl Iterator<Item = &'a Reject>) -> std::io::Result<()> {
    // The header is written even when there are no rejects, so the file always has a shape.
    let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(out);
    writer.write_record(["file", "line", "column", "value", "reason"])?;
    for reject in rejects {
        writer.serialize(reject)?;
    }
    writer.flush()
}
