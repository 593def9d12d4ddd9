//! Integration tests: drive the real `adsk-audit` binary on the fixtures in `tests/data/`.

mod context;
mod fast;
mod hostile;
mod inspect;
mod normalize;
mod properties;
mod query;
mod reconcile;
mod store;
mod stream;
mod workstation;
