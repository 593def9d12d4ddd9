//! The only place that writes to the terminal. Data goes to stdout, messages to stderr.

use std::io::{self, Write};

/// Writes data to stdout.
pub fn data(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Writes raw bytes to stdout.
pub fn data_bytes(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// Writes one message line to stderr (ignoring failures: there is nowhere else to report them).
pub fn message(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}
