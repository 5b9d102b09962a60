#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The site server's report ingest over the real agent channel: reports acknowledged per second
# and the time from writing a report to reading its ack, with 100 and with 1,000 simulated
# agents, for small and for full reports (tests/bench/IngestLoad.cpp, steward-bench-ingest).
#
# For each server binary: a throwaway data directory, `steward-server run` on free loopback
# ports, then the generator with each agent count and each report kind in turn, against the
# same server and database (agents enrolled for one run are reused by the next). Then a table.
#
#   small  a delta: every section's hash and one small changed section (about 300 bytes framed)
#   full   all 8 sections of this machine's `steward-agent collect --json` (13–15 KB framed)
#
# Each agent sends its next report as soon as the previous one is acknowledged, so the server
# is never idle: reports/s is its ceiling, and ack latency is mostly the queue of the other
# agents' reports ahead (Little's law: latency ≈ agents ÷ reports/s).
#
# Columns: reports/s counts acks received within the measurement; p50/p99 are write-to-ack times;
# "srv ms/report" is the server's CPU time over the measurement per acknowledged report, the
# figure least disturbed by other load; "other cpu s" is what every other process on the machine
# used meanwhile (of cores × seconds, 40 s on 2 cores in 20 s): on a shared machine, the noise.
#
# Usage: tests/bench/ingest.sh [BUILD_DIR]       (default: build/release, rebuilt first)
# Environment:
#   STEWARD_SERVER_BIN       steward-server binaries to measure, separated by ":" (default: the
#                            one in BUILD_DIR), e.g. an older build and this one in one run
#   STEWARD_BENCH_AGENTS     agent counts (default "100 1000")
#   STEWARD_BENCH_KINDS      report kinds (default "small full")
#   STEWARD_BENCH_DURATION   seconds per measurement (default 20)
#   STEWARD_BENCH_REPEAT     measurements of each case (default 1); the table shows their medians
#   STEWARD_BENCH_QUIET_WAIT on a shared machine: before each measurement, wait up to this many
#                            seconds for 5 s in which the machine is at least 90 % idle, and measure
#                            again (up to 3 times) when other processes used over 10 % of the
#                            machine during the measurement (default 0: neither)
#   STEWARD_BENCH_REPORT     a report as `steward-agent collect --json` prints it (default: collect one now)
#   STEWARD_BENCH_DATABASE   the site database: "sqlite" (default), "postgresql" (this script
#                            starts a throwaway PostgreSQL server of its own, with its default,
#                            durable settings, on a Unix socket in its work directory, as nobody
#                            when run as root, and a fresh database for each server binary), or
#                            a URL passed to `steward-server init --database` (an empty database).
#                            The database's own processes count as "other cpu s", so with
#                            PostgreSQL STEWARD_BENCH_QUIET_WAIT only waits and never measures again.
# Uses only loopback. Every step has a time limit; the script stops by itself.
set -euo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src/build/release}
if [ -z "${1:-}" ]; then
    # Always rebuild (incrementally), so the figures are never those of a stale binary.
    (cd "$src" && cmake --workflow --preset release >/dev/null)
fi
bin=$build/bin
servers=${STEWARD_SERVER_BIN:-$bin/steward-server}
agent_counts=${STEWARD_BENCH_AGENTS:-100 1000}
kinds=${STEWARD_BENCH_KINDS:-small full}
duration=${STEWARD_BENCH_DURATION:-20}
repeat=${STEWARD_BENCH_REPEAT:-1}
quiet_wait=${STEWARD_BENCH_QUIET_WAIT:-0}

work=$(mktemp -d)
chmod 755 "$work"
server_pid=""
pg_bin=""
pg_data=$work/pg
run_as=()
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [ -n "$pg_bin" ] && [ -f "$pg_data/postmaster.pid" ]; then
        "${run_as[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop > /dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

database=${STEWARD_BENCH_DATABASE:-sqlite}
# A throwaway PostgreSQL server, as durable as an installed one (fsync on): PostgreSQL refuses
# to run as root, so as root it runs as nobody.
start_postgresql() {
    pg_bin=$( (pg_config --bindir 2>/dev/null) || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    [ -x "$pg_bin/initdb" ] || { echo "ingest.sh: PostgreSQL not found (Debian package postgresql)" >&2; exit 1; }
    mkdir -p "$pg_data"
    if [ "$(id -u)" -eq 0 ]; then
        chown nobody:nogroup "$pg_data"
        run_as=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
    fi
    "${run_as[@]}" "$pg_bin/initdb" -D "$pg_data" -U steward --auth=trust --encoding=UTF8 --locale=C.UTF-8 > "$work/initdb.log" 2>&1 \
        || { cat "$work/initdb.log" >&2; exit 1; }
    "${run_as[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/postgres.log" -w -t 60 \
        -o "-c listen_addresses='' -k $pg_data -c max_connections=100" start > /dev/null \
        || { cat "$pg_data/postgres.log" >&2; exit 1; }
    echo "database: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'), fsync on, Unix socket"
}
[ "$database" = postgresql ] && start_postgresql

free_port() {
    local port
    for _ in $(seq 100); do
        port=$((20000 + RANDOM % 20000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && ! (exec 3<>"/dev/tcp/127.0.0.1/$((port + 1))") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    echo "ingest.sh: no free loopback port found" >&2
    exit 1
}

# Busy and total jiffies of all cores, from the first line of /proc/stat.
cpu_jiffies() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9; exit}' /proc/stat; }
wait_for_quiet() {
    local start=$SECONDS busy0 total0 busy1 total1
    while [ $((SECONDS - start)) -lt "$quiet_wait" ]; do
        read -r busy0 total0 < <(cpu_jiffies)
        sleep 5
        read -r busy1 total1 < <(cpu_jiffies)
        if [ $(((busy1 - busy0) * 10)) -le $((total1 - total0)) ]; then
            return
        fi
    done
    [ "$quiet_wait" -gt 0 ] && echo "(the machine stayed busy for ${quiet_wait} s; measuring anyway)"
    return 0
}

json_field() { sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p" <<<"$2" | tr -d '"'; }

model=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
memory=$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)
echo "machine: $(nproc) cores ($model), $memory, $(. /etc/os-release; echo "$PRETTY_NAME"), $(uname -r)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); $duration s per measurement, $repeat of each"

report=${STEWARD_BENCH_REPORT:-$work/report.json}
if [ -z "${STEWARD_BENCH_REPORT:-}" ]; then
    "$bin/steward-agent" collect --json > "$report"
fi
echo "report: $report, $(wc -c < "$report") bytes of JSON"

# One measurement against the running server: sets summary (the generator's JSON line), warnings
# (server log lines meanwhile besides connections and enrolments) and other (other processes' CPU s).
measure() {
    wait_for_quiet
    local lines_before out
    lines_before=$(wc -l < "$log")
    # The generator bounds each phase itself; this is the backstop.
    out=$(timeout $((duration + 1800)) "$bin/steward-bench-ingest" --server "127.0.0.1:$agent_port" \
        --api "https://127.0.0.1:$api_port" --ca "$data/ca.pem" --user admin --password-file "$work/password" \
        --agents "$1" --identities "$identities" --duration "$duration" --kind "$2" \
        --report "$report" --server-pid "$server_pid" --json) || { echo "ingest.sh: the generator failed" >&2; exit 1; }
    sed '$d' <<<"$out"
    summary=$(tail -1 <<<"$out")
    warnings=$(tail -n +"$((lines_before + 1))" "$log" | grep -c -v -e "connected from" -e "enrolled device" || true)
    if [ "$warnings" -gt 0 ]; then
        echo "server log, $warnings lines besides connections and enrolments (first 5):"
        tail -n +"$((lines_before + 1))" "$log" | grep -v -e "connected from" -e "enrolled device" | head -5
    fi
    other=$(json_field otherCpuSeconds "$summary")
}

# Other processes used over 10 % of the machine during the last measurement.
noisy() { awk -v o="$other" -v c="$(nproc)" -v d="$duration" 'BEGIN {exit !(o * 10 > c * d)}'; }

record() {
    local errors server_cpu acked per_report
    errors=$(sed -n 's/.*"errors":{\([^}]*\)}.*/\1/p' <<<"$summary" | tr ',' '\n' | awk -F: '{s += $2} END {print s + 0}')
    server_cpu=$(json_field serverCpuSeconds "$summary")
    acked=$(json_field acked "$summary")
    per_report=$(awk -v c="$server_cpu" -v n="$acked" 'BEGIN {if (n > 0) printf "%.2f", c * 1000 / n; else print "-"}')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$server_number" "$1" "$(json_field connected "$summary")" "$2" \
        "$(json_field frameBytes "$summary")" "$(json_field reportsPerSecond "$summary")" "$(json_field p50Ms "$summary")" \
        "$(json_field p99Ms "$summary")" "$per_report" "$errors" "$warnings" "$other" >> "$results"
}

# A fresh random password: the server refuses weak ones (and any that contain the user name).
head -c 24 /dev/urandom | base64 > "$work/password"
results=$work/results
: > "$results"
server_number=0
IFS=: read -r -a server_list <<<"$servers"
for server in "${server_list[@]}"; do
    server_number=$((server_number + 1))
    data=$work/server-$server_number
    identities=$work/identities-$server_number
    log=$work/server-$server_number.log
    echo "server $server_number: $server ($("$server" --version))"
    init=("$server" init --data-dir "$data" --admin-password-file "$work/password")
    case "$database" in
        sqlite) ;;
        postgresql)
            "$pg_bin/psql" -h "$pg_data" -U steward -d postgres -qc "CREATE DATABASE site_$server_number" > /dev/null
            init+=(--database "postgresql://steward@/site_$server_number?host=$pg_data") ;;
        *) init+=(--database "$database") ;;
    esac
    "${init[@]}" > /dev/null 2>&1 || { echo "ingest.sh: ${init[*]} failed" >&2; exit 1; }

    agent_port=$(free_port)
    api_port=$((agent_port + 1))
    "$server" run --data-dir "$data" --agent-listen "127.0.0.1:$agent_port" --api-listen "127.0.0.1:$api_port" > "$log" 2>&1 &
    server_pid=$!
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$api_port") 2>/dev/null && break
        kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; echo "ingest.sh: the server did not start" >&2; exit 1; }
        sleep 0.1
    done

    for agents in $agent_counts; do
        for kind in $kinds; do
            for run in $(seq "$repeat"); do
                for attempt in 1 2 3 4; do
                    echo "-- $agents agents, $kind reports, measurement $run of $repeat"
                    measure "$agents" "$kind"
                    if [ "$quiet_wait" -gt 0 ] && [ "$database" = sqlite ] && [ "$attempt" -lt 4 ] && noisy; then
                        echo "(other processes used $other s of CPU meanwhile: measuring again)"
                        continue
                    fi
                    break
                done
                record "$agents" "$kind"
            done
        done
    done
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
done

echo
[ "$repeat" -gt 1 ] && echo "medians of $repeat measurements; errors and log warnings summed"
printf '%-6s %6s %9s %-5s %6s %9s %9s %9s %13s %11s %6s %12s\n' \
    server agents connected kind bytes reports/s "p50 ms" "p99 ms" "srv ms/report" "other cpu s" errors "log warnings"
awk -F'\t' '
    function median(list,    n, v, i, j, t) {
        n = split(list, v, " ")
        for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
        return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    {
        key = $1 SUBSEP $2 SUBSEP $4
        if (!(key in seen)) { seen[key] = 1; order[++keys] = key; head[key] = $1 "\t" $2 "\t" $4; bytes[key] = $5 }
        connected[key] = connected[key] " " $3; rate[key] = rate[key] " " $6; p50[key] = p50[key] " " $7
        p99[key] = p99[key] " " $8; cost[key] = cost[key] " " $9; errors[key] += $10; warnings[key] += $11; other[key] = other[key] " " $12
    }
    END {
        for (k = 1; k <= keys; k++) {
            key = order[k]; split(head[key], h, "\t")
            printf "%-6s %6s %9s %-5s %6s %9.1f %9.1f %9.1f %13.2f %11.1f %6d %12d\n", h[1], h[2], median(connected[key]), h[3], bytes[key],
                median(rate[key]), median(p50[key]), median(p99[key]), median(cost[key]), median(other[key]), errors[key], warnings[key]
        }
    }' "$results"
