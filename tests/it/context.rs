//! Running the built binary with a clean environment from the repository root, so that the
//! paths it prints (`tests/data/…`) are the same on every machine.

use std::path::{Path, PathBuf};
use std::process::Output;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn run(args: &[&str]) -> Run {
    run_in(&root(), args)
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output: Output = assert_cmd::Command::cargo_bin("adsk-audit")
        .unwrap_or_else(|e| panic!("binary not built: {e}"))
        .env_clear()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("could not run adsk-audit: {e}"));
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A fresh temporary folder for outputs.
pub fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("no temp dir: {e}"))
}
