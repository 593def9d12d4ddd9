//! The workstation side: helper lists, LGS trees, inventories, `FlexLM` logs, licence files,
//! identity resolution and `scan`.

use crate::context::{run, temp};

const INSTALLS: &str = "SELECT machine, product_key, product, release, licence_method, licence_servers FROM installs ORDER BY machine_key, product, release, product_key";

#[test]
fn installs_from_every_workstation_source() {
    let result = run(&[
        "-q",
        "query",
        INSTALLS,
        "tests/data/helper-list",
        "tests/data/lgs-tree",
        "tests/data/inventory",
        // One tenant for the three folders, so inventory rows merge into scans of the same machine.
        "--tenant",
        "acme",
        "--format",
        "csv",
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    insta::assert_snapshot!(result.stdout);
}

#[test]
fn machines_and_identity_links() {
    let machines = run(&[
        "-q",
        "query",
        "SELECT machine, machine_key, last_user, service_version, flexnet_files FROM machines ORDER BY machine_key, source_line",
        "tests/data/inventory",
        "tests/data/lgs-tree",
        "--format",
        "csv",
    ]);
    assert_eq!(machines.code, 0, "{}", machines.stderr);
    insta::assert_snapshot!("machines", machines.stdout);
    let links = run(&[
        "-q",
        "query",
        "SELECT identity_kind, identity, machine, email, rule, evidence FROM identity_links ORDER BY identity_kind, identity",
        "tests/data/inventory",
        "tests/data/directory",
        "tests/data/usage-report/title-case-bom-crlf.csv",
        "--tenant",
        "acme",
        "--format",
        "csv",
    ]);
    assert_eq!(links.code, 0, "{}", links.stderr);
    insta::assert_snapshot!("identity_links", links.stdout);
}

#[test]
fn licence_files_give_expiry_and_seats() {
    let sql = "SELECT server, line_kind, feature, family, release, expiry, permanent, seats, source_line FROM licence_features ORDER BY source_file, source_line";
    let result = run(&["-q", "query", sql, "tests/data/license-file", "--format", "csv"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    insta::assert_snapshot!(result.stdout);
    let inspect = run(&["-q", "inspect", "tests/data/license-file/acme-network-expiring.lic"]);
    assert!(
        inspect.stdout.contains("rejects   line 10, `expiry` = `someday`: expiry `someday` is not a date"),
        "{}",
        inspect.stdout
    );
}

#[test]
fn flexlm_logs_date_every_event() {
    let sql = "SELECT server, event, COUNT(*) AS events, MIN(day) AS first, MAX(day) AS last, COUNT(DISTINCT host_key) AS hosts FROM checkouts GROUP BY server, event ORDER BY server, event";
    let result = run(&["-q", "query", sql, "tests/data/flexlm-log", "--format", "csv"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    insta::assert_snapshot!(result.stdout);
    // The last lines of the May log come after midnight with no TIMESTAMP line: the clock going
    // backwards is what dates them 11 May.
    let last = run(&[
        "-q",
        "query",
        "SELECT day, time FROM checkouts WHERE source_line = 3191",
        "tests/data/flexlm-log/upm_adskflex-debug_2022-05-05_to_05-11.log",
        "--format",
        "csv",
    ]);
    assert_eq!(last.stdout, "day,time\n2022-05-11,01:57:54\n");
    let lmstat = run(&[
        "-q",
        "query",
        "SELECT server, feature, family, login, host_key, day, time FROM checkouts ORDER BY source_line",
        "tests/data/flexlm-log/lmstat-several-vendors.txt",
        "--format",
        "csv",
    ]);
    assert_eq!(lmstat.code, 0, "{}", lmstat.stderr);
    insta::assert_snapshot!("lmstat", lmstat.stdout);
}

#[test]
fn scan_writes_a_wrapper_that_reads_back_as_the_same_installs() {
    let dir = temp();
    let wrapper = dir.path().join("WS-103.json");
    let wrapper_arg = wrapper.to_str().unwrap_or_default();
    let result = run(&[
        "scan",
        "--root",
        "tests/data/lgs-tree/WS-103",
        "--helper-json",
        "tests/data/helper-list/WS-101.json",
        "--machine",
        "WS-103",
        "-o",
        wrapper_arg,
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&wrapper).unwrap_or_default()).unwrap_or_default();
    assert_eq!(json["machine"], "WS-103");
    assert_eq!(json["service_version"], "13.3.1.9694", "the newest versioned AdskLicensing folder");
    assert_eq!(
        json["flexnet_files"],
        serde_json::json!(["adskflex_00691b00_tsf.data", "adskflex_00691b00_tsf.data_backup.001"])
    );
    let inspect = run(&["-q", "inspect", wrapper_arg, "--format", "json"]);
    assert_eq!(inspect.code, 0);
    let document: serde_json::Value = serde_json::from_str(&inspect.stdout).unwrap_or_default();
    assert_eq!(document["files"][0]["parts"][0]["kind"], "helper-list");

    let sql = "SELECT product_key, release, licence_method, licence_servers FROM installs ORDER BY product_key";
    let from_wrapper = run(&["-q", "query", sql, wrapper_arg, "--format", "csv"]);
    let from_sources = run(&[
        "-q",
        "query",
        sql,
        "tests/data/helper-list/WS-101.json",
        "tests/data/lgs-tree/WS-103",
        "--format",
        "csv",
    ]);
    assert_eq!(from_wrapper.stdout, from_sources.stdout);
}

#[cfg(unix)]
#[test]
fn scan_runs_the_helper_when_present() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = temp();
    let helper = dir.path().join("AdskLicensingInstHelper");
    std::fs::write(&helper, "#!/bin/sh\n[ \"$1\" = list ] && echo '[{\"sel_prod_key\":\"001Q1\",\"sel_prod_ver\":\"2025.0.0.F\",\"lic_method\":4}]'\n")
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::set_permissions(&helper, std::fs::Permissions::from_mode(0o755)).unwrap_or_else(|e| panic!("{e}"));
    let result = run(&[
        "scan",
        "--root",
        dir.path().to_str().unwrap_or_default(),
        "--helper",
        helper.to_str().unwrap_or_default(),
        "--machine",
        "WS-9",
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let json: serde_json::Value = serde_json::from_str(&result.stdout).unwrap_or_default();
    assert_eq!(json["products"][0]["sel_prod_key"], "001Q1");
    assert_eq!(json["lgs"], serde_json::json!([]));
    let missing = run(&[
        "scan",
        "--root",
        dir.path().to_str().unwrap_or_default(),
        "--helper",
        "/nonexistent/helper",
        "--machine",
        "WS-9",
    ]);
    assert_eq!(missing.code, 0);
    assert!(
        missing.stderr.starts_with("note: no AdskLicensingInstHelper at /nonexistent/helper"),
        "{}",
        missing.stderr
    );
}
