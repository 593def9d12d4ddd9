# adsk-audit developer tasks. `make check` is the test command CI runs (.ci/run).
CARGO_TARGET_DIR ?= $(HOME)/.cache/adsk-audit/target
export CARGO_TARGET_DIR

.PHONY: check fmt clippy test doc fixtures example build

## check: format check, clippy with warnings as errors, all tests, doc tests
check: fmt clippy test doc

fmt:
	cargo fmt --all --check

clippy:
	cargo clippy --all-targets --locked -- -D warnings

test:
	cargo test --locked --all-targets

doc:
	cargo test --locked --doc

build:
	cargo build --locked

## fixtures: regenerate tests/data (text fixtures, then workbooks); review `git diff` after
fixtures:
	python3 tests/make_fixtures.py
	cargo run --locked --example make_xlsx_fixtures
