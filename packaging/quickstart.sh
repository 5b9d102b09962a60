#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Steward on one machine, from a fresh Debian 12 checkout: installs what is missing, builds,
# initialises a site server in ./steward-data, starts it on loopback, enrols a local agent
# and opens the console (or prints how to reach it when there is no display).
#
# Usage: packaging/quickstart.sh [--no-console]
# Environment: STEWARD_DATA (default ./steward-data), STEWARD_AGENT_PORT (8730), STEWARD_API_PORT (8731)
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
data=${STEWARD_DATA:-$src/steward-data}
agent_port=${STEWARD_AGENT_PORT:-8730}
api_port=${STEWARD_API_PORT:-8731}
open_console=yes
[ "${1:-}" = "--no-console" ] && open_console=no

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Packages: only what is missing, from Debian's archive.
mapfile -t wanted < <(grep -v '^\s*#' "$src/packaging/debian-packages.txt" | sed '/^\s*$/d')
missing=()
for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "Installing ${#missing[@]} Debian packages: ${missing[*]}"
    sudo_if_needed apt-get update
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

# 2. Build (release preset, no tests; `cmake --workflow --preset dev` builds and runs those).
say "Building Steward"
(cd "$src" && cmake --workflow --preset release)
bin=$src/build/release/bin

# 3. Site server: initialised once; the first admin's password is generated and kept 0600.
mkdir -p "$data"
chmod 700 "$data"
if [ ! -f "$data/server/ca.pem" ]; then
    say "Initialising a site server in $data/server"
    (umask 077 && openssl rand -base64 18 > "$data/admin-password")
    "$bin/steward-server" init --data-dir "$data/server" --admin-password-file "$data/admin-password"
fi
if [ -f "$data/server.pid" ] && kill -0 "$(cat "$data/server.pid")" 2>/dev/null; then
    say "Server already running (pid $(cat "$data/server.pid"))"
else
    say "Starting steward-server on 127.0.0.1:$agent_port (agents) and 127.0.0.1:$api_port (admin API)"
    nohup "$bin/steward-server" run --data-dir "$data/server" --agent-listen "127.0.0.1:$agent_port" \
        --api-listen "127.0.0.1:$api_port" >> "$data/server.log" 2>&1 &
    echo $! > "$data/server.pid"
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$api_port") 2>/dev/null && break
        kill -0 "$(cat "$data/server.pid")" 2>/dev/null || { echo "steward-server failed to start; see $data/server.log" >&2; exit 1; }
        sleep 0.1
    done
fi

export STEWARD_SERVER="https://localhost:$api_port" STEWARD_CA="$data/server/ca.pem" STEWARD_USER=admin
export STEWARD_PASSWORD_FILE="$data/admin-password"

# 4. A local agent, enrolled with a one-use token, reporting now and then running on.
if [ ! -f "$data/agent/agent.state" ]; then
    say "Enrolling a local agent"
    token_json=$("$bin/stewardctl" token create --uses 1 --ttl 600 --json)
    token=$(sed -n 's/.*"token": *"\([^"]*\)".*/\1/p' <<<"$token_json")
    fingerprint=$(sed -n 's/.*"caFingerprint": *"\([^"]*\)".*/\1/p' <<<"$token_json")
    "$bin/steward-agent" enroll --data-dir "$data/agent" --server "127.0.0.1:$agent_port" --token "$token" --ca-fingerprint "$fingerprint"
fi
if [ -f "$data/agent.pid" ] && kill -0 "$(cat "$data/agent.pid")" 2>/dev/null; then
    say "Agent already running (pid $(cat "$data/agent.pid"))"
else
    say "Sending a first report"
    "$bin/steward-agent" run --data-dir "$data/agent" --once 2>> "$data/agent.log"
    nohup "$bin/steward-agent" run --data-dir "$data/agent" >> "$data/agent.log" 2>&1 &
    echo $! > "$data/agent.pid"
fi
"$bin/stewardctl" devices

cat <<INFO

Steward is running.
  Admin API:   $STEWARD_SERVER   (CA: $STEWARD_CA)
  Admin user:  admin, password in $STEWARD_PASSWORD_FILE
  Logs:        $data/server.log, $data/agent.log
  CLI:         export STEWARD_SERVER=$STEWARD_SERVER STEWARD_CA=$STEWARD_CA STEWARD_USER=admin STEWARD_PASSWORD_FILE=$STEWARD_PASSWORD_FILE
               $bin/stewardctl devices
  Stop:        kill \$(cat $data/server.pid) \$(cat $data/agent.pid)
INFO

if [ "$open_console" = yes ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
    say "Opening the console"
    exec "$bin/steward-console" --server "$STEWARD_SERVER" --ca "$STEWARD_CA" --user admin
else
    echo "No display here: on a desktop, run"
    echo "  $bin/steward-console --server $STEWARD_SERVER --ca $STEWARD_CA --user admin"
fi
