#!/usr/bin/env bash
# Fuzzes pjece for a bounded time and stops by itself.
#
#   scripts/fuzz.sh [SECONDS] [TARGET…]     default: 60 seconds for each of the targets below
#
# Targets (fuzz/fuzz_targets/):
#   frontmatter_markdown  bytes → front matter split, parsed as every kind of file, body rendered
#   serve_path            bytes → the dev server's clean_path, with its safety invariants asserted
#
# Only the stable toolchain is installed here. cargo-fuzz passes nightly-only flags
# (-Zsanitizer=address and friends), which stable rustc accepts with RUSTC_BOOTSTRAP=1; libFuzzer
# itself comes from the libfuzzer-sys crate and needs a C++ compiler (g++/clang).
#
# Corpora grow in fuzz/corpus/<target>/ (not committed), seeded from fuzz/seeds/<target>/.
# A crash is saved in fuzz/artifacts/<target>/, minimised with `cargo fuzz tmin`, printed, and
# makes the script exit 1. Per target the script prints the executions, and at the end a summary.
set -uo pipefail
cd "$(dirname "$0")/../fuzz"

secs="${1:-60}"
shift || true
if ! [[ "$secs" =~ ^[0-9]+$ ]] || [ "$secs" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh [SECONDS per target] [TARGET…]" >&2
  exit 2
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(frontmatter_markdown serve_path)

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "== cargo install cargo-fuzz --locked"
  cargo install cargo-fuzz --locked || { echo "cannot install cargo-fuzz" >&2; exit 2; }
fi
export RUSTC_BOOTSTRAP=1

echo "== building the fuzz targets (release, AddressSanitizer)"
if ! cargo fuzz build -O >artifacts-build.log 2>&1; then
  tail -20 artifacts-build.log >&2
  echo "cargo fuzz build failed (log: fuzz/artifacts-build.log)" >&2
  exit 2
fi
rm -f artifacts-build.log

status=0
summary=()
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  dict=()
  [ -f "dicts/$t.dict" ] && dict=("-dict=dicts/$t.dict")
  log="artifacts/$t/last-run.log"
  echo "== fuzzing $t for ${secs}s"
  # -timeout: one input taking longer than 10 s counts as a hang; -rss_limit_mb: memory cap.
  # The outer `timeout` is a safety net in case libFuzzer does not stop by itself.
  timeout --signal=INT --kill-after=30 $((secs + 300)) \
    cargo fuzz run -O "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 -max_len=16384 \
    -print_final_stats=1 "${dict[@]}" >"$log" 2>&1
  rc=$?
  execs=$(grep -a 'stat::number_of_executed_units' "$log" | tail -1 | awk '{print $2}')
  speed=$(grep -a 'stat::average_exec_per_sec' "$log" | tail -1 | awk '{print $2}')
  cov=$(grep -a -E '^#[0-9]+' "$log" | tail -1 | grep -o -E 'cov: [0-9]+' || true)
  corpus=$(find "corpus/$t" -type f | wc -l)
  if [ $rc -eq 0 ]; then
    line="$t: clean, ${execs:-?} executions (${speed:-?}/s), ${cov:-cov: ?}, corpus ${corpus} inputs"
  else
    status=1
    crash=$(grep -a -o -E 'artifacts/[^ ]+/(crash|oom|timeout|leak|slow-unit)-[0-9a-f]+' "$log" | tail -1)
    line="$t: FAILED (exit $rc) after ${execs:-?} executions; log fuzz/$log"
    grep -a -E 'panicked|ERROR: libFuzzer|ERROR: AddressSanitizer|SUMMARY' "$log" | head -5
    if [ -n "$crash" ] && [ -f "$crash" ]; then
      echo "== minimising $crash"
      cargo fuzz tmin -O "$t" "$crash" -- -runs=10000 >"$crash.tmin.log" 2>&1 || true
      min=$(grep -a -o -E 'artifacts/[^ ]+/minimized-from-[0-9a-f]+' "$crash.tmin.log" | tail -1)
      [ -n "$min" ] && [ -f "$min" ] || min="$crash"
      echo "minimised input ($min), as bytes:"
      od -c "$min" | head -20
      line="$line; crash $crash, minimised $min"
    fi
  fi
  echo "$line"
  summary+=("$line")
done

echo "== summary"
printf '%s\n' "${summary[@]}"
exit $status
