#!/usr/bin/env bash
# The test command of the README: on a fresh machine with the .NET SDK and Node.js it fetches PocketBase,
# makes sure redis-server is installed (with apt-get when run as root), builds, runs every test against
# real PocketBase and Redis processes (the tests start and stop their own, on free loopback ports), and ends
# with one line: "N passed, N failed" (", N skipped" when any were skipped).
#
# Extra arguments go to `dotnet test`, e.g.: Scripts/test.sh --filter "FullyQualifiedName~Records"
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { printf '[test] %s\n' "$*" >&2; }
die() { printf '[test] error: %s\n' "$*" >&2; printf '0 passed, 1 failed\n'; exit 1; }

command -v dotnet >/dev/null 2>&1 || die "dotnet not found: install the .NET 10 SDK (see global.json)"

say "PocketBase..."
HAPTA_POCKETBASE_BIN="$("$root/Scripts/fetch-pocketbase.sh" | tail -n 1)" || die "could not fetch PocketBase (see above)"
export HAPTA_POCKETBASE_BIN

if ! command -v redis-server >/dev/null 2>&1 && [[ ! -x /usr/bin/redis-server ]]; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing redis-server with apt-get..."
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2 || die "apt-get install redis-server failed"
  else
    die "redis-server not found: install it (Debian/Ubuntu: sudo apt-get install -y redis-server) and run again"
  fi
fi

results="$root/TestResults"
rm -rf "$results"
say "building and running the tests (a few minutes: each test class starts real PocketBase/Redis/Hapta processes)..."
set +e
dotnet test "$root/Hapta.sln" \
  --logger "trx;LogFileName=hapta.trx" \
  --logger "console;verbosity=normal" \
  --results-directory "$results" \
  --blame-hang-timeout 10m \
  "$@"
status=$?
set -e

trx="$(find "$results" -name '*.trx' 2>/dev/null | head -n 1)"
if [[ -z "$trx" ]]; then
  die "no test results were written (did the build fail? see above)"
fi

counter() { grep -o "<Counters [^>]*" "$trx" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
passed="$(counter passed)"
failed="$(counter failed)"
total="$(counter total)"
executed="$(counter executed)"
skipped=$((total - executed))

line="$passed passed, $failed failed"
if ((skipped > 0)); then
  line="$line, $skipped skipped"
fi
printf '%s\n' "$line"
if ((status != 0 && failed == 0)); then
  say "dotnet test exited with $status although no test failed (see above)"
fi
exit "$status"
