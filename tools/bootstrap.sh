#!/bin/bash
# Installs what building and testing jpkicore needs on Debian 12, from Debian's packages only. Idempotent: installs
# only what is missing, and does nothing (and needs no root) when everything is present.
set -euo pipefail

# bazel-bootstrap: Bazel 4.2.3 (shared/notes/bazel-offline.md); clang for every config (.bazelrc); clang-rt and
# libFuzzer for the sanitizers and fuzzers; Botan, Abseil, GoogleTest, Benchmark; OpenSSL for benchmarks and
# differential tests only; valgrind for the constant-time proof; nlohmann-json for reading the public JSON suites.
packages=(
  bazel-bootstrap
  clang
  libclang-rt-14-dev
  libfuzzer-14-dev
  libbotan-2-dev
  libabsl-dev
  libgtest-dev libgmock-dev
  libbenchmark-dev
  libssl-dev openssl
  valgrind
  nlohmann-json3-dev
  clang-format clang-tidy
  pkg-config zip
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "bootstrap: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || true   # a stale index only matters when a package is missing from it
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
