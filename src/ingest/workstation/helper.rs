//! `AdskLicensingInstHelper list` output: a JSON array of registered products, bare (one file per
//! machine, the machine named by the file) or inside the wrapper `adsk-audit scan` writes
//! (`{machine, last_user, collected_at, os, network_env, service_version, products, lgs,
//! flexnet_files}`). Selected values (`sel_*`) win over defaults (`def_*`); `lic_method` comes as
//! an integer (0 unset, 1 NETWORK, 2 STANDALONE, 4 USER) or a string.

use serde_json::Value as Json;

use crate::model::Table;
use crate::model::tables::Value;
use crate::normalize::values::{self, machine_key};
use crate::normalize::{CellError, Collector};

/// Licence methods as the canonical tables spell them.
pub fn method_name(raw: &Json) -> (&'static str, String) {
    let text = match raw {
        Json::Number(n) => n.to_string(),
        Json::String(s) => s.trim().to_owned(),
        Json::Null => String::new(),
        other => other.to_string(),
    };
    let method = match text.to_uppercase().trim_start_matches('_') {
        "" | "0" => "UNSET",
        "1" | "NETWORK" => "NETWORK",
        "2" | "STANDALONE" => "STANDALONE",
        "4" | "USER" => "USER",
        _ => "UNKNOWN",
    };
    (method, text)
}

fn products(json: &Json) -> Option<&Vec<Json>> {
    match json {
        Json::Array(items) => Some(items),
        Json::Object(map) => map.get("products").and_then(Json::as_array),
        _ => None,
    }
}

fn is_product(item: &Json) -> bool {
    ["sel_prod_key", "def_prod_key", "lic_method", "feature_id"].iter().any(|k| item.get(k).is_some())
}

/// A helper list or wrapper: JSON whose products carry helper fields.
pub fn looks_like(json: &Json) -> bool {
    let wrapper = json.get("machine").is_some() && (json.get("products").is_some() || json.get("lgs").is_some());
    wrapper || products(json).is_some_and(|items| items.iter().any(is_product))
}

/// An LGS tree archived as a wrapper (how a copied folder is read and stored).
pub fn is_lgs_archive(json: &Json) -> bool {
    json.get("kind").and_then(Json::as_str) == Some("lgs-tree")
}

fn text(json: &Json, key: &str) -> Option<String> {
    json.get(key).and_then(Json::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

fn servers(json: Option<&Json>) -> Option<String> {
    let list: Vec<String> = match json {
        Some(Json::Array(items)) => {
            items.iter().filter_map(Json::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
        }
        Some(Json::String(s)) => {
            s.split([',', ';']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
        }
        _ => Vec::new(),
    };
    (!list.is_empty()).then(|| list.join(";"))
}

fn missing(column: &str, reason: &str) -> CellError {
    CellError { column: column.to_owned(), value: String::new(), reason: reason.to_owned() }
}

/// Reads a helper list or wrapper.
pub fn read(json: &Json, file_stem: &str, collector: &mut Collector<'_>) {
    let machine = text_of_machine(json, file_stem);
    let key = machine_key(&machine);
    let service_version = text(json, "service_version");
    let network_env = text(json, "network_env");
    let mut seen = Vec::new();
    let product_count = products(json).map_or(0, Vec::len) as u64;
    // Line 0 is the file itself: the machine-wide facts.
    let scanned_at = text(json, "collected_at").and_then(|t| crate::normalize::dates::parse(&t, None).ok());
    let flexnet: Vec<String> = json
        .get("flexnet_files")
        .and_then(Json::as_array)
        .map(|a| a.iter().filter_map(Json::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    let machine_row = vec![
        ("machine", Value::Str(machine.clone())),
        ("machine_key", Value::Str(key.clone())),
        ("last_user", Value::from(text(json, "last_user"))),
        ("scanned_at", Value::from(scanned_at)),
        ("os", Value::from(text(json, "os"))),
        ("network_env", Value::from(network_env)),
        ("service_version", Value::from(service_version.clone())),
        ("flexnet_files", Value::from((!flexnet.is_empty()).then(|| flexnet.join(";")))),
    ];
    collector.accept(0, vec![(Table::Machines, machine_row)], None);
    let on_machine = OnMachine { machine, key, service_version };
    for (index, item) in products(json).into_iter().flatten().enumerate() {
        let line = index as u64 + 1;
        let product_key = text(item, "sel_prod_key").or_else(|| text(item, "def_prod_key"));
        let version = text(item, "sel_prod_ver").or_else(|| text(item, "def_prod_ver"));
        let Some(product_key) = product_key else {
            collector.reject(line, missing("sel_prod_key / def_prod_key", "no product key"));
            continue;
        };
        let (method, raw) = method_name(item.get("lic_method").unwrap_or(&Json::Null));
        seen.push((product_key.to_uppercase(), version.clone()));
        let evidence = format!("helper list: {product_key} {} lic_method {raw}", version.as_deref().unwrap_or(""));
        let found = Found { product_key, version, method, raw, servers: servers(item.get("lic_servers")), evidence };
        let row = install(collector, &on_machine, found);
        collector.accept(line, vec![(Table::Installs, row)], None);
    }
    for (index, entry) in json.get("lgs").and_then(Json::as_array).into_iter().flatten().enumerate() {
        // LGS entries are numbered after the helper's products.
        let line = product_count + index as u64 + 1;
        let Some(product_key) = text(entry, "key") else {
            collector.reject(line, missing("lgs.key", "no product key"));
            continue;
        };
        let version = text(entry, "version");
        if seen.contains(&(product_key.to_uppercase(), version.clone())) {
            collector.skip(line, format!("{product_key} is also in the helper list, which wins for 2020+ products"));
            continue;
        }
        let (method, raw) = method_name(entry.get("method").unwrap_or(&Json::Null));
        let evidence = text(entry, "evidence").unwrap_or_else(|| format!("LGS tree: {product_key}"));
        let found = Found { product_key, version, method, raw, servers: servers(entry.get("servers")), evidence };
        let row = install(collector, &on_machine, found);
        collector.accept(line, vec![(Table::Installs, row)], None);
    }
}

fn text_of_machine(json: &Json, file_stem: &str) -> String {
    text(json, "machine").unwrap_or_else(|| file_stem.to_owned())
}

/// The machine-wide facts every install row of a file repeats.
struct OnMachine {
    machine: String,
    key: String,
    service_version: Option<String>,
}

/// One product as the helper list or an LGS entry reports it.
struct Found {
    product_key: String,
    version: Option<String>,
    method: &'static str,
    raw: String,
    servers: Option<String>,
    evidence: String,
}

fn install(collector: &Collector<'_>, on: &OnMachine, found: Found) -> Vec<(&'static str, Value)> {
    let Found { product_key, version, method, raw, servers, evidence } = found;
    let product = collector.catalog().key(&product_key);
    let release = product
        .as_ref()
        .and_then(|p| p.release)
        .map(i64::from)
        .or_else(|| version.as_deref().and_then(|v| values::release(v).ok().flatten()));
    vec![
        ("machine", Value::Str(on.machine.clone())),
        ("machine_key", Value::Str(on.key.clone())),
        ("product_key", Value::Str(product_key.to_uppercase())),
        ("product_version", Value::from(version)),
        ("product", Value::from(product.as_ref().map(|p| p.product.clone()))),
        ("family", Value::from(product.map(|p| p.family))),
        ("release", Value::from(release)),
        ("licence_method", Value::from(method)),
        ("licence_method_raw", Value::Str(raw)),
        ("licence_servers", Value::from(servers)),
        ("service_version", Value::from(on.service_version.clone())),
        ("evidence", Value::Str(evidence)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods() {
        assert_eq!(method_name(&Json::from(4)).0, "USER");
        assert_eq!(method_name(&Json::from(1)).0, "NETWORK");
        assert_eq!(method_name(&Json::from("STANDALONE")).0, "STANDALONE");
        assert_eq!(method_name(&Json::from("")).0, "UNSET");
        assert_eq!(method_name(&Json::from(0)).0, "UNSET");
        assert_eq!(method_name(&Json::from(3)), ("UNKNOWN", "3".to_owned()));
        assert_eq!(method_name(&Json::from("_NETWORK")).0, "NETWORK");
    }

    #[test]
    fn shapes() {
        let looks = |text: &str| serde_json::from_str::<Json>(text).is_ok_and(|j| looks_like(&j));
        assert!(looks(r#"[{"sel_prod_key":"657P1","lic_method":4}]"#));
        assert!(looks(r#"{"machine":"WS-1","products":[]}"#));
        assert!(!looks(r#"{"name":"x"}"#));
        assert!(!looks("[1, 2]"));
        assert_eq!(servers(Some(&serde_json::json!([""]))), None);
        assert_eq!(
            servers(Some(&serde_json::json!(["27000@lic1", "27000@lic2"]))),
            Some("27000@lic1;27000@lic2".into())
        );
    }
}
