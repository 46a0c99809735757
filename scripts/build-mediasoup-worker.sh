#!/usr/bin/env bash
# Build the mediasoup worker offline from the npm package's own sources against Debian's
# system libraries (mediasoup's postinstall would download a prebuilt binary or subprojects,
# which this network does not allow). The result is cached outside the repository, keyed by
# the mediasoup version and this script's hash, and its path is printed on the last line.
#
# Usage: scripts/build-mediasoup-worker.sh [path/to/node_modules/mediasoup]
# Needs (apt): build-essential meson ninja-build pkg-config libuv1-dev libssl-dev
#              libsrtp2-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev catch2
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MS_PKG=$(cd "${1:-$ROOT/node_modules/mediasoup}" && pwd)
VERSION=$(node -p "require('$MS_PKG/package.json').version")
HASH=$(sha256sum "$0" | cut -c1-12)
CACHE="${DIEMCAU_CACHE:-$HOME/.cache/diemcau}/mediasoup-worker-$VERSION-$HASH"
BIN="$CACHE/mediasoup-worker"
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi

echo "Building mediasoup-worker $VERSION from source (about 6 minutes on 2 cores)..." >&2
SRC="$CACHE/src"
rm -rf "$SRC"; mkdir -p "$SRC"
cp -r "$MS_PKG/worker" "$SRC/worker"
W="$SRC/worker"
SP="$W/subprojects"
cd "$W"

# Debian bookworm has meson 1.0.1; 3.12.x asks for >= 1.1.0 but does not need it.
sed -i "s/meson_version: '>= 1.1.0'/meson_version: '>= 0.63.0'/" meson.build

# Replace the download-wraps by shim subprojects around the system libraries
# (meson.build calls subproject() unconditionally and uses get_variable()).
rm -f "$SP"/{openssl,nlohmann_json,libuv,libsrtp2,usrsctp,abseil-cpp,catch2}.wrap
mkshim() { # name, meson body, [meson_options.txt body]
  mkdir -p "$SP/$1"
  printf "%s\n" "${3:-}" > "$SP/$1/meson_options.txt"
  echo 'int ms_shim_dummy_symbol_'"${1//-/_}"'(void) { return 0; }' > "$SP/$1/shim.c"
  printf "project('%s', 'c', 'cpp')\n%s\n" "$1" "$2" > "$SP/$1/meson.build"
}
mkshim openssl "openssl_dep = dependency('openssl', version: '>=3.0')
libcrypto_lib = static_library('crypto_shim', 'shim.c')
libssl_lib = static_library('ssl_shim', 'shim.c')"
mkshim nlohmann_json "nlohmann_json_dep = dependency('nlohmann_json')"
mkshim libuv "libuv_dep = dependency('libuv', version: '>=1.44')
libuv = static_library('uv_shim', 'shim.c')" \
"option('build_tests', type: 'boolean', value: false)
option('build_benchmarks', type: 'boolean', value: false)"
mkshim libsrtp2 "_srtp = dependency('libsrtp2', version: '>=2.4')
# Debian installs srtp.h in <includedir>/srtp2 but mediasoup does #include <srtp.h>
libsrtp2_dep = declare_dependency(dependencies: _srtp,
  compile_args: ['-I' + _srtp.get_variable(pkgconfig: 'includedir') + '/srtp2'])
libsrtp2 = static_library('srtp2_shim', 'shim.c')" \
"option('crypto-library', type: 'string', value: 'openssl')
option('crypto-library-kdf', type: 'feature', value: 'disabled')
option('tests', type: 'feature', value: 'disabled')"
mkshim usrsctp "usrsctp_dep = dependency('usrsctp')
usrsctp = static_library('usrsctp_shim', 'shim.c')" \
"option('sctp_build_programs', type: 'boolean', value: false)"
mkshim abseil-cpp "absl_strings_dep = dependency('absl_strings')
absl_types_dep = dependency('absl_optional')
absl_container_dep = dependency('absl_flat_hash_map')
absl_container_lib = static_library('absl_shim', 'shim.c')"
mkshim catch2 "catch2_dep = dependency('catch2', required: false)"

OUT="$W/out/Release"
meson setup --wrap-mode=nodownload --prefix "$OUT" --bindir '' --libdir '' \
  --buildtype release -Db_ndebug=true "$OUT/build" >&2
ninja -C "$OUT/build" -j"$(nproc)" mediasoup-worker >&2
cp "$OUT/build/mediasoup-worker" "$BIN.tmp"
strip "$BIN.tmp" || true
mv "$BIN.tmp" "$BIN"
rm -rf "$SRC"
echo "$BIN"
