//! Integration tests: drive the real `adsk-audit` binary on the fixtures in `tests/data/`.

mod context;
mod inspect;
mod normalize;
mod query;
mod reconcile;
mod store;
mod workstation;
