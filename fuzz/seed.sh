#!/usr/bin/env bash
# Builds the seed corpora from tests/data: each kind's target gets its own folder's fixtures,
# `detect` gets every fixture, `seat_usage_stream` the Seat Usage CSVs. A copied licensing tree is a folder, so its seeds are the JSON
# archives `adsk-audit ingest` keeps under raw/ (the bytes the lgs-tree reader reads).
# Usage: fuzz/seed.sh [ADSK_AUDIT_BINARY]   (default: cargo run)
set -euo pipefail
cd "$(dirname "$0")"
data=../tests/data
bin=${1:-}
run() { if [ -n "$bin" ]; then "$bin" "$@"; else cargo run --quiet --manifest-path ../Cargo.toml -- "$@"; fi; }

rm -rf corpus
for folder in "$data"/*/; do
  kind=$(basename "$folder")
  [ "$kind" = bad ] && continue
  target=${kind//-/_}
  mkdir -p "corpus/$target" corpus/detect
  if [ "$kind" = lgs-tree ]; then
    store=$(mktemp -d)
    run ingest --store "$store" --tenant seed "$folder"* >/dev/null
    find "$store/raw" -type f -exec cp {} "corpus/$target/" \;
    rm -rf "$store"
  else
    find "$folder" -maxdepth 1 -type f ! -name '*.md' ! -name 'LICENSE*' -exec cp {} "corpus/$target/" \;
  fi
  cp "corpus/$target/"* corpus/detect/
done
cp "$data"/bad/* corpus/detect/
# The streamed Seat Usage reader (64-byte batches): the small CSV fixtures.
mkdir -p corpus/seat_usage_stream
cp "$data"/seat-usage/*.csv corpus/seat_usage_stream/
for d in corpus/*/; do echo "$(basename "$d"): $(ls "$d" | wc -l) seeds"; done
