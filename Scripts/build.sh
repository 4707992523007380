#!/usr/bin/env bash
# Publishes hapta-server as one self-contained folder for linux-x64 (no .NET runtime needed on the target)
# into artifacts/hapta-server/, and prints the path of the binary as the last line of stdout.
# Extra arguments go to `dotnet publish`, e.g. Scripts/build.sh -p:Version=1.2.3
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/artifacts/hapta-server"

die() { printf 'build.sh: error: %s\n' "$*" >&2; exit 1; }

command -v dotnet >/dev/null 2>&1 ||
  die "dotnet not found: install the .NET 10 SDK (https://dotnet.microsoft.com/download/dotnet/10.0)"

# A stale file from an earlier publish (a removed dependency) must not ship with the new build.
rm -rf "$out"

printf '==> publishing hapta-server (Release, linux-x64, self-contained) to %s\n' "$out" >&2
dotnet publish "$root/Hapta.Silo/Hapta.Silo.csproj" \
  -c Release \
  -r linux-x64 \
  --self-contained true \
  -o "$out" \
  "$@" >&2 ||
  die "dotnet publish failed (see above); the first publish also downloads the linux-x64 runtime packs from NuGet"

[[ -x "$out/hapta-server" ]] || die "publish succeeded but $out/hapta-server is missing; is AssemblyName still hapta-server?"

printf '==> done; the binary needs the rest of its folder, so ship %s as a whole\n' "$out" >&2
printf '%s\n' "$out/hapta-server"
