#!/usr/bin/env bash
# The benchmark command of the README: on a machine with the .NET 10 SDK and Node.js (npm fetches PocketBase
# once) it installs wrk and redis-server if needed, builds hapta-server and the bench driver in Release, and
# runs bench/Hapta.Bench, which starts a fresh PocketBase with a seed, Hapta and a bare Kestrel endpoint on free
# loopback ports, drives W1-W4 and W7 (file downloads) against them, then the rate-limit workloads (W5, a login
# storm; W6, two silos clustered through Redis sharing a global limit) and W8 (realtime fan-out: 2,000
# subscribers on two silos, a burst of 50 posts), stops them all, counts what reached PocketBase from its own
# request log, and writes docs/benchmarks.md. About 17-21 minutes on 2 cores.
#
# usage: Scripts/bench.sh [--quick] [--only LIST]
#   --quick       a smoke run of about five minutes (3 s per wrk run, 3,000 reads per mix, shorter W5 and W6)
#   --only LIST   only the workloads named, comma-separated, from W1, W2, W1u, W7, W3, W3w, W4, W5, W6, W8
#                 (--only W7: file downloads alone, about two minutes; --only W8: realtime alone, about one)
#   Either keeps its report in bench/results/<time>/benchmarks.md and leaves docs/benchmarks.md alone.
#
# Raw outputs (wrk, process logs, results.json) go to bench/results/<time>/ (git-ignored).
# Environment: HAPTA_POCKETBASE_BIN (a PocketBase 0.22.20 binary to use instead of downloading one),
# HAPTA_BENCH_REVISION (the revision named in the report; default: git's HEAD, marked if Hapta has
# uncommitted changes).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench.sh: error: %s\n' "$*" >&2; exit 1; }

quick=false
only=""
while (($# > 0)); do
  case "$1" in
    --quick) quick=true ;;
    --only)
      [[ $# -ge 2 && -n "$2" ]] || die "--only needs a list of workloads, e.g. --only W7 or --only W1,W7"
      only="$2"
      shift
      ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1'; usage: Scripts/bench.sh [--quick] [--only LIST]" ;;
  esac
  shift
done

command -v dotnet >/dev/null 2>&1 ||
  die "dotnet not found: install the .NET 10 SDK (https://dotnet.microsoft.com/download/dotnet/10.0)"

# Debian packages the driver needs: wrk drives W1, W2 and W7, redis-server clusters the two silos of W6 and W8.
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
[[ -x /usr/bin/redis-server || -x /usr/local/bin/redis-server ]] || missing+=(redis-server)
if ((${#missing[@]} > 0)); then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]} with apt-get"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2 ||
      die "apt-get install ${missing[*]} failed"
  else
    die "${missing[*]} not found: install (Debian/Ubuntu: sudo apt-get install -y ${missing[*]}) and run again"
  fi
fi

pb_bin="$("$root/Scripts/fetch-pocketbase.sh" | tail -n 1)" || die "could not fetch PocketBase (see above)"

say "building hapta-server and the bench driver (Release)"
dotnet build "$root/Hapta.Silo/Hapta.Silo.csproj" -c Release -nologo -v quiet >&2 ||
  die "building hapta-server failed (see above)"
dotnet build "$root/bench/Hapta.Bench/Hapta.Bench.csproj" -c Release -nologo -v quiet >&2 ||
  die "building bench/Hapta.Bench failed (see above)"
hapta_dll="$root/Hapta.Silo/bin/Release/net10.0/hapta-server.dll"
bench_dll="$root/bench/Hapta.Bench/bin/Release/net10.0/hapta-bench.dll"
[[ -f "$hapta_dll" ]] || die "the build did not produce $hapta_dll"
[[ -f "$bench_dll" ]] || die "the build did not produce $bench_dll"

revision="${HAPTA_BENCH_REVISION:-}"
if [[ -z "$revision" ]]; then
  if revision="$(git -C "$root" rev-parse --short HEAD 2>/dev/null)"; then
    if [[ -n "$(git -C "$root" status --porcelain -- Hapta.Api Hapta.Grains Hapta.Silo 2>/dev/null)" ]]; then
      revision="$revision with uncommitted changes to Hapta"
    fi
  else
    revision="unknown (not a git checkout)"
  fi
fi

results="$root/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results"

# The driver stops what it started, also on Ctrl+C. This catches the rest (a driver killed with SIGKILL):
# every pid it recorded whose working folder is inside this run's results folder.
# shellcheck disable=SC2317  # reached only from the EXIT trap
cleanup() {
  local pid name cwd
  [[ -f "$results/pids" ]] || return 0
  while read -r pid name; do
    cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null)" || continue
    if [[ "$cwd" == "$results"* ]]; then
      say "stopping leftover $name (pid $pid)"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done < "$results/pids"
}
trap cleanup EXIT

args=(run
  --repo "$root"
  --pocketbase "$pb_bin"
  --hapta-dll "$hapta_dll"
  --results "$results"
  --revision "$revision")
command="Scripts/bench.sh"
if $quick; then
  command+=" --quick"
  args+=(--duration 3 --reads 3000 --mix-time-limit 60 --storm-time-limit 4 --overshoot-duration 5)
fi
if [[ -n "$only" ]]; then
  command+=" --only $only"
  args+=(--only "$only")
fi
args+=(--command "$command")
if ! $quick && [[ -z "$only" ]]; then
  args+=(--report "$root/docs/benchmarks.md")
  mkdir -p "$root/docs"
fi

say "running the benchmark (results in ${results#"$root"/})"
status=0
dotnet "$bench_dll" "${args[@]}" || status=$?
exit "$status"
