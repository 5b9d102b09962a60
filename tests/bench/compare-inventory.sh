#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Steward's agent against other inventory agents on the same machine, in one run:
# wall time, CPU time (user + system, children included), peak RSS (largest process of the
# tree) and output size raw and gzip-compressed, median of 5 runs each after one warm-up.
#
#   steward-agent collect --json        hardware + software + patches + antivirus, every scan
#                                       from scratch (a first scan, or one after `apt update`)
#   steward-agent collect --json --data-dir DIR
#                                       the same as the agent's scheduled scans run it: the APT
#                                       scan is reused while APT's inputs are unchanged
#   fusioninventory-inventory           hardware + software
#   ocsinventory-agent --local          hardware + software
#   facter --json                       system facts
#
# The others are Debian packages; this script installs nothing. To include them:
#   apt-get install fusioninventory-agent ocsinventory-agent facter time
# Usage: tests/bench/compare-inventory.sh [BUILD_DIR]   (default build/release, rebuilt first)
set -euo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src/build/release}
if [ -z "${1:-}" ]; then
    # Always rebuild (incrementally), so the figures are never those of a stale binary.
    (cd "$src" && cmake --workflow --preset release >/dev/null)
fi
[ -x /usr/bin/time ] || { echo "compare-inventory.sh: GNU time is missing (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# name | command (its inventory goes to $out)
tools=(
    "steward-agent (from scratch)|$build/bin/steward-agent collect --json > \$out"
    "steward-agent (APT unchanged)|$build/bin/steward-agent collect --json --data-dir $work/state > \$out"
    "fusioninventory-inventory|fusioninventory-inventory > \$out"
    "ocsinventory-agent --local|ocsinventory-agent --local=\$outdir >/dev/null && cat \$outdir/*.ocs > \$out"
    "facter --json|facter --json > \$out"
)

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME")"
printf '%-30s %9s %9s %10s %11s %11s\n' tool "wall s" "cpu s" "peak MiB" "out bytes" "gzip bytes"
for entry in "${tools[@]}"; do
    name=${entry%%|*}
    command=${entry#*|}
    program=${command%% *}
    mkdir -p "$work/state"
    if ! command -v "$program" >/dev/null 2>&1; then
        printf '%-30s %s\n' "$name" "not installed"
        continue
    fi
    : > "$work/stats"
    for run in 0 1 2 3 4 5; do
        out=$work/out; outdir=$work/outdir
        rm -rf "$out" "$outdir"; mkdir -p "$outdir"
        # Judged by its output, not its exit code: facter exits 1 for any fact it may not read
        # (e.g. /proc/1/environ without root) while still printing all the others.
        /usr/bin/time -f "%e %U %S %M" -o "$work/time" env out="$out" outdir="$outdir" bash -c "$command" 2>/dev/null || true
        if [ ! -s "$out" ]; then
            printf '%-30s %s\n' "$name" "failed (no output)"
            continue 2
        fi
        [ "$run" -eq 0 ] && continue # warm-up: caches as a scheduled run would find them
        # GNU time adds a "Command exited with non-zero status" line first when the tool fails.
        read -r wall user sys rss < <(tail -n 1 "$work/time")
        echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}') $rss $(wc -c < "$out") $(gzip -9c "$out" | wc -c)" >> "$work/stats"
    done
    printf '%-30s %9s %9s %10.1f %11s %11s\n' "$name" \
        "$(awk '{print $1}' "$work/stats" | median)" "$(awk '{print $2}' "$work/stats" | median)" \
        "$(awk '{print $3 / 1024}' "$work/stats" | median)" "$(awk '{print $4}' "$work/stats" | median)" \
        "$(awk '{print $5}' "$work/stats" | median)"
done
