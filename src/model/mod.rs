//! The vocabulary every stage shares: input kinds, header fields, and the canonical tables
//! (SPEC §3) with their column names and types.

mod fields;
mod kinds;
mod schemas;
pub mod tables;

pub use fields::Field;
pub use kinds::InputKind;
pub use tables::{Table, TableSchema};
