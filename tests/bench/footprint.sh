#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Steward's footprint on this machine, in one run:
#   - `steward-agent collect` wall time and peak RSS (median of 5)
#   - bytes on the wire for the first full report and for an unchanged re-report
#   - steward-server and steward-agent resident memory with one agent connected
#
# Usage: tests/bench/footprint.sh [BUILD_DIR]     (default: build/release, rebuilt first)
# Needs GNU time (Debian package "time"). Uses only loopback.
set -euo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src/build/release}
if [ -z "${1:-}" ]; then
    # Always rebuild (incrementally), so the figures are never those of a stale binary.
    (cd "$src" && cmake --workflow --preset release >/dev/null)
fi
bin=$build/bin
[ -x /usr/bin/time ] || { echo "footprint.sh: GNU time is missing (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d)
server_pid=""
agent_pid=""
cleanup() {
    [ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null || true
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), $(uname -r)"
echo "steward: $("$bin/steward-agent" --version)"

# 1. collect: wall time and peak RSS, median of 5 runs (one warm-up run first).
"$bin/steward-agent" collect --json > "$work/report.json"
for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin/steward-agent" collect --json > /dev/null
    cat "$work/time" >> "$work/times"
done
wall=$(awk '{print $1}' "$work/times" | median)
rss=$(awk '{print $2}' "$work/times" | median)
json_bytes=$(wc -c < "$work/report.json")
echo "collect: wall ${wall} s, peak RSS ${rss} KiB (median of 5); report as JSON ${json_bytes} bytes"

# 2. a server and an enrolled agent on loopback ports.
agent_port=$((20000 + RANDOM % 10000))
api_port=$((agent_port + 1))
echo "bench-admin-password" > "$work/password"
"$bin/steward-server" init --data-dir "$work/server" --admin-password-file "$work/password" > /dev/null 2>&1
"$bin/steward-server" run --data-dir "$work/server" --agent-listen "127.0.0.1:$agent_port" --api-listen "127.0.0.1:$api_port" \
    > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$api_port") 2>/dev/null && break
    sleep 0.1
done
ctl=("$bin/stewardctl" --server "https://localhost:$api_port" --ca "$work/server/ca.pem" --user admin --password-file "$work/password")
token_json=$("${ctl[@]}" token create --json)
token=$(sed -n 's/.*"token": *"\([^"]*\)".*/\1/p' <<<"$token_json")
fingerprint=$(sed -n 's/.*"caFingerprint": *"\([^"]*\)".*/\1/p' <<<"$token_json")
"$bin/steward-agent" enroll --data-dir "$work/agent" --server "127.0.0.1:$agent_port" --token "$token" --ca-fingerprint "$fingerprint" \
    > /dev/null 2>&1

sent_bytes() { sed -n 's/.*sending report [0-9]* (\(full\|delta\), \([0-9]*\) of [0-9]* sections, \([0-9]*\) bytes framed).*/\1 \2 \3/p'; }
"$bin/steward-agent" run --data-dir "$work/agent" --once 2> "$work/first.log"
"$bin/steward-agent" run --data-dir "$work/agent" --once 2> "$work/second.log"
read -r first_kind first_sections first_bytes < <(sent_bytes < "$work/first.log" | tail -1)
read -r second_kind second_sections second_bytes < <(sent_bytes < "$work/second.log" | tail -1)
echo "wire: first report ${first_bytes} bytes (${first_kind}, ${first_sections} sections, framed CBOR, compressed)"
echo "wire: re-report    ${second_bytes} bytes (${second_kind}, ${second_sections} changed sections)"

# 3. resident memory with the agent connected and idle.
"$bin/steward-agent" run --data-dir "$work/agent" > "$work/agent.log" 2>&1 &
agent_pid=$!
for _ in $(seq 100); do
    grep -q "acknowledged" "$work/agent.log" && break
    sleep 0.1
done
sleep 2
server_rss=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
agent_rss=$(awk '/VmRSS/ {print $2}' "/proc/$agent_pid/status")
read -r agent_pss agent_anon < <(awk '/^Pss:/ {p=$2} /^Anonymous:/ {a=$2} END {print p, a}' "/proc/$agent_pid/smaps_rollup")
echo "memory: steward-server RSS ${server_rss} KiB with one agent connected; steward-agent RSS ${agent_rss} KiB idle after a report"
echo "memory: steward-agent idle PSS ${agent_pss} KiB, of which anonymous (heap, stacks) ${agent_anon} KiB"
# The floor: a minimal Qt program holding one mutual-TLS connection to the same server with the
# same certificate (tests/bench/TlsClientFloor.cpp). What the agent needs above it is its own.
floor_rss=$("$bin/steward-bench-tls-floor" 127.0.0.1 "$agent_port" "$work/agent/agent.pem" "$work/agent/agent.key")
echo "memory: floor ${floor_rss} KiB (Qt + OpenSSL, one idle TLS connection); steward-agent above it $((agent_rss - floor_rss)) KiB"

# 4. idle CPU of the connected agent over 30 s (utime + stime ticks from /proc).
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
before=$(ticks "$agent_pid")
sleep 30
after=$(ticks "$agent_pid")
hz=$(getconf CLK_TCK)
awk -v t=$((after - before)) -v hz="$hz" 'BEGIN {printf "cpu: steward-agent idle %.3f%% of one core over 30 s\n", t / hz / 30 * 100}'

# 5. a heartbeat is 25 bytes framed (asserted by common-TestMessages::heartbeatFrameIsSmall);
# TLS 1.3 adds 22 bytes per record (header, content type, AEAD tag).
echo "heartbeat: 25 bytes framed (unit-tested), 47 bytes as a TLS 1.3 record"
