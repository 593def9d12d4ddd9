#![no_main]
//! `seat-usage`, streamed: arbitrary bytes as a file read in 64-byte batches.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| adsk_audit_fuzz::stream(data));
