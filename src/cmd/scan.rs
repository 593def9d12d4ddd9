//! `adsk-audit scan`: one workstation's licensing state as the wrapper JSON the helper-list
//! reader reads. Meant to run from a login script or an Intune/ConfigMgr script on each
//! machine, writing into one shared folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde_json::{Value as Json, json};

use super::Exit;
use crate::cli::ScanArgs;
use crate::export;
use crate::ingest::workstation::lgs;
use crate::output;

const HELPER_TIMEOUT: Duration = Duration::from_secs(60);

fn default_root() -> PathBuf {
    match std::env::consts::OS {
        "windows" => PathBuf::from(std::env::var("ProgramData").unwrap_or_else(|_| r"C:\ProgramData".into())),
        "macos" => PathBuf::from("/Library/Application Support"),
        _ => PathBuf::from("/var/opt"),
    }
}

fn default_helper() -> PathBuf {
    match std::env::consts::OS {
        "windows" => {
            let common = std::env::var("CommonProgramFiles(x86)")
                .unwrap_or_else(|_| r"C:\Program Files (x86)\Common Files".into());
            Path::new(&common).join(r"Autodesk Shared\AdskLicensing\Current\helper\AdskLicensingInstHelper.exe")
        }
        "macos" => {
            PathBuf::from("/Library/Application Support/Autodesk/AdskLicensing/Current/helper/AdskLicensingInstHelper")
        }
        _ => PathBuf::from("/opt/Autodesk/AdskLicensing/Current/helper/AdskLicensingInstHelper"),
    }
}

fn default_licensing_dirs(root: &Path) -> Vec<PathBuf> {
    let mut dirs = match std::env::consts::OS {
        "windows" => {
            let common = std::env::var("CommonProgramFiles(x86)")
                .unwrap_or_else(|_| r"C:\Program Files (x86)\Common Files".into());
            vec![Path::new(&common).join(r"Autodesk Shared\AdskLicensing")]
        }
        "macos" => vec![PathBuf::from("/Library/Application Support/Autodesk/AdskLicensing")],
        _ => vec![PathBuf::from("/opt/Autodesk/AdskLicensing")],
    };
    dirs.extend(lgs::autodesk_child(root, "AdskLicensing"));
    dirs
}

/// Versions compare numerically part by part (`9.2.1.2399` < `11.0.0.4854`).
pub fn version_key(version: &str) -> Vec<u64> {
    version.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

/// The newest version-named subfolder (`13.3.1.9694`) of the first folder that has one.
fn service_version(dirs: &[PathBuf]) -> Option<String> {
    dirs.iter().find_map(|dir| {
        fs_err::read_dir(dir)
            .ok()?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains('.') && n.chars().all(|c| c.is_ascii_digit() || c == '.'))
            .max_by_key(|n| version_key(n))
    })
}

fn machine_name() -> String {
    ["COMPUTERNAME", "HOSTNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .or_else(|| fs_err::read_to_string("/etc/hostname").ok().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "unknown".to_owned())
}

fn user_name() -> Option<String> {
    let user = std::env::var("USERNAME").or_else(|_| std::env::var("USER")).ok()?;
    Some(match std::env::var("USERDOMAIN") {
        Ok(domain) if !domain.is_empty() => format!("{domain}\\{user}"),
        _ => user,
    })
}

/// Runs `helper list`, giving it [`HELPER_TIMEOUT`] at most.
fn run_helper(helper: &Path) -> Result<Json, String> {
    let mut child = Command::new(helper)
        .arg("list")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not run {}: {e}", helper.display()))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > HELPER_TIMEOUT => {
                let _ = child.kill();
                return Err(format!("{} list did not finish within {} s", helper.display(), HELPER_TIMEOUT.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => return Err(e.to_string()),
        }
    }
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    serde_json::from_slice(&output.stdout).map_err(|e| format!("{} list printed no JSON array: {e}", helper.display()))
}

pub fn run(args: &ScanArgs, quiet: bool) -> anyhow::Result<Exit> {
    let root = args.root.clone().unwrap_or_else(default_root);
    let mut notes: Vec<String> = Vec::new();
    let products = if let Some(path) = &args.helper_json {
        let text = fs_err::read_to_string(path)?;
        let json: Json = serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
        json.get("products").cloned().unwrap_or(json)
    } else {
        let helper = args.helper.clone().unwrap_or_else(default_helper);
        if helper.exists() {
            run_helper(&helper).unwrap_or_else(|error| {
                notes.push(error);
                Json::Array(Vec::new())
            })
        } else {
            notes.push(format!(
                "no AdskLicensingInstHelper at {} (no 2020+ product registered, or not installed there)",
                helper.display()
            ));
            Json::Array(Vec::new())
        }
    };
    if !products.is_array() {
        anyhow::bail!("the helper list is not a JSON array");
    }
    let licensing_dirs = args.licensing_dir.clone().map_or_else(|| default_licensing_dirs(&root), |d| vec![d]);
    let wrapper = json!({
        "machine": args.machine.clone().unwrap_or_else(machine_name),
        "last_user": user_name(),
        "collected_at": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "os": std::env::consts::OS,
        "network_env": std::env::var("ADSKFLEX_LICENSE_FILE").ok(),
        "service_version": service_version(&licensing_dirs),
        "products": products,
        "lgs": lgs::entries(&root),
        "flexnet_files": lgs::flexnet_files(&root),
        "notes": notes,
        "tool_version": env!("CARGO_PKG_VERSION"),
    });
    let text = serde_json::to_string_pretty(&wrapper)? + "\n";
    match &args.output {
        Some(path) => export::atomic_write(path, |out| out.write_all(text.as_bytes()))
            .with_context(|| format!("writing {}", path.display()))?,
        None => output::data(&text)?,
    }
    if !quiet {
        for note in &notes {
            output::message(&format!("note: {note}"));
        }
    }
    Ok(Exit::Success)
}
