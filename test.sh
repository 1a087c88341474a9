#!/usr/bin/env bash
# The one test command. On Debian, as root, it installs what the tests need (PostgreSQL,
# Chromium, CJK fonts, an SMTP server for mail tests); it starts a throwaway PostgreSQL cluster
# on a free loopback port, runs every test on SQLite and PostgreSQL, and removes the cluster.
# PORTAL_TEST_STRICT=1 makes a test whose dependency is missing fail instead of skip.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

log() { printf '\n== %s\n' "$*"; }

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

provision() {
  local missing=()
  pg_bin >/dev/null || missing+=(postgresql)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
  # Certificate PDFs need a TrueType CJK font: PDFsharp reads neither .ttc collections nor CFF outlines.
  [ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || missing+=(fonts-droid-fallback)
  /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
  command -v npm >/dev/null || missing+=(npm)
  [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
  if [ ${#missing[@]} -eq 0 ]; then return 0; fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "Missing: ${missing[*]}. Run ./test.sh as root on Debian, or install them." >&2
    return 1
  fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

pg_dir=""
pg_ctl=""
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local bin port
  bin=$(pg_bin)
  port=$(free_port)
  pg_dir=$(mktemp -d /tmp/portal-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
  pg_ctl="$bin/pg_ctl"
  as_pg "$bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_pg "$pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
  export PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

stop_postgres() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir/data" ]; then
    as_pg "$pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
# FullDiskTests fill a disk of their own while the portal runs: a small tmpfs.
small_disk=""
mount_small_disk() {
  small_disk=$(mktemp -d /tmp/portal-small-disk.XXXXXX)
  if mount -t tmpfs -o size=64m tmpfs "$small_disk"; then
    export PORTAL_TEST_SMALL_DISK="$small_disk"
    log "small disk (64 MB tmpfs) at $small_disk"
  else
    echo "Could not mount a tmpfs (needs root): the full-disk tests will fail in strict mode." >&2
  fi
}

cleanup() {
  stop_postgres
  if [ -n "$small_disk" ]; then
    umount "$small_disk" 2>/dev/null || true
    rmdir "$small_disk" 2>/dev/null || true
  fi
}
trap cleanup EXIT

provision
start_postgres
mount_small_disk
export PORTAL_TEST_STRICT=1
export PORTAL_TEST_PYTHON=/usr/bin/python3
export PORTAL_TEST_CHROMIUM=/usr/bin/chromium
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log "build"
dotnet build Portal.sln -c Release -nologo -v:q
log "test"
mkdir -p "$root/TestResults"
status=0
# A test that hangs is stopped after 8 minutes (the bad-input walk takes 2-5 minutes per database) and named in the log, instead of eating CI's time.
dotnet test Portal.sln -c Release --no-build -nologo -v:q \
  --blame-hang-timeout 8m --blame-hang-dump-type none \
  --logger "console;verbosity=normal" --results-directory "$root/TestResults" "$@" 2>&1 | tee "$root/TestResults/test.log" || status=$?
# One closing line over all test assemblies.
passed=$(awk '/^[ \t]+Passed: [0-9]+/ {s+=$2} END {print s+0}' "$root/TestResults/test.log")
failed=$(awk '/^[ \t]+Failed: [0-9]+/ {s+=$2} END {print s+0}' "$root/TestResults/test.log")
echo
echo "tests: $passed passed, $failed failed"
exit "$status"
