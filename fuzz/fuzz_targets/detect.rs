#![no_main]
//! `detect`: arbitrary bytes read with detection (no --kind).

#[allow(unused_imports)]
use adsk_audit::model::InputKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| adsk_audit_fuzz::read(data, None));
