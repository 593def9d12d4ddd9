#![no_main]
//! `license-file`: arbitrary bytes read with --kind license-file.

#[allow(unused_imports)]
use adsk_audit::model::InputKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| adsk_audit_fuzz::read(data, Some(InputKind::LicenseFile)));
