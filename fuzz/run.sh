#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), JOBS at a time (default 2), from the
# seed corpora (fuzz/seed.sh builds them), and prints one line per target. Crashes land in
# fuzz/artifacts/<target>/; a target that found one exits non-zero and so does this script.
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Usage: fuzz/run.sh [SECONDS] [JOBS] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
jobs=${2:-2}
shift $(( $# > 2 ? 2 : $# ))
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/adsk-audit/fuzz-target}"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && mapfile -t targets < <(cargo +nightly fuzz list)
[ -d corpus ] || ./seed.sh
cargo +nightly fuzz build -s none
mkdir -p logs
run_one() {
  local target=$1 seconds=$2
  mkdir -p "corpus/$target" "artifacts/$target"
  # -rss_limit_mb: a reader that balloons is a bug; -timeout: one input may not take 30 s.
  cargo +nightly fuzz run -s none "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=30 -print_final_stats=1 \
    >"logs/$target.log" 2>&1
  local status=$?
  local runs cov
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$target.log" | grep -o '[0-9]*$')
  cov=$(grep -o 'cov: [0-9]*' "logs/$target.log" | tail -1)
  # slow-unit-*: an input that took over 10 s once (libFuzzer's report, not a failure: re-run it
  # alone with `cargo +nightly fuzz run TARGET FILE` to see whether it is slow or the machine was).
  echo "$target: exit $status, ${runs:-?} runs, $cov, corpus $(ls "corpus/$target" | wc -l)," \
    "crashes $(ls "artifacts/$target" | grep -cv '^slow-unit-'), slow units $(ls "artifacts/$target" | grep -c '^slow-unit-')"
}
export -f run_one
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c "run_one {} $seconds"
! ls artifacts/*/ 2>/dev/null | grep -qE '^(crash|leak|timeout|oom)-'
