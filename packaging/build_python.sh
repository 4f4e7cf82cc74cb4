#!/usr/bin/env bash
# Build the Python the frozen app is made from, for the office PCs' baseline: glibc 2.28
# (Kylin V10, UOS V20, Debian 10). A Python built on this machine's Debian 12 needs glibc
# 2.36, and so would the frozen folder (issue 21). zig's C compiler (PyPI `ziglang`) links
# against glibc 2.28 from any host, so CPython and the C libraries it embeds statically
# (zlib, bzip2, libffi, SQLite, OpenSSL) are compiled with it from Debian's source packages.
#
# Prints the path of a virtual environment holding that Python and the app's dependencies,
# installed from wheels whose tags allow glibc 2.28. Everything is cached under
# $JJJDESK_BUILD_CACHE (default ~/.cache/jjjdesk-build), keyed by this script's text and the
# dependency pins: the first build takes about 10 minutes, later ones reuse it.
#
# Left out of this Python, as the app never uses them: lzma, readline, curses, dbm, tkinter,
# uuid's C helper (uuid works without it). ssl stays: fpdf2 imports urllib's HTTPSHandler.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
cache=${JJJDESK_BUILD_CACHE:-$HOME/.cache/jjjdesk-build}
mkdir -p "$cache"
# One build at a time: scripts/test.sh starts this early in the background, and build.sh
# asks again later; the second waits, then finds the cache.
exec 9>"$cache/.lock"
flock 9
ZIG_VERSION=0.17.1
PY_SOURCE=python3.11
TARGET=x86_64-linux-gnu.2.28
jobs=$(nproc)
log() { echo "build_python: $*" >&2; }

# The Python is keyed by the steps that build it, the environment by the whole script and the
# project's dependencies, so a change of pins reinstalls wheels without recompiling CPython.
# The Python's own path is fixed (libpython is found through an absolute rpath); a stamp in it
# names the build steps it was made by.
py_key=$(sed -n '/^# --- zig/,/^# --- wheels/p' "$0" | sha256sum | cut -c1-12)
key=$( (cat "$0" pyproject.toml) | sha256sum | cut -c1-12)
prefix=$cache/python-3.11-glibc2.28
venv=$cache/venv-$key
if [ -x "$venv/bin/python" ] && [ -f "$venv/.complete" ]; then
  log "cached: $venv"
  echo "$venv"
  exit 0
fi
started=$(date +%s)

# --- zig, from PyPI, in its own environment
zigenv=$cache/zig-$ZIG_VERSION
if [ ! -x "$zigenv/bin/python" ]; then
  python3 -m venv "$zigenv"
  "$zigenv/bin/pip" install -q "ziglang==$ZIG_VERSION"
fi
zig=$("$zigenv/bin/python" -c 'import ziglang, os; print(os.path.join(os.path.dirname(ziglang.__file__), "zig"))')
tools=$cache/tools
mkdir -p "$tools"
# -Wno-error=date-time: zig refuses __DATE__/__TIME__ (reproducible builds), CPython uses them.
cat >"$tools/zcc" <<EOF
#!/bin/sh
exec "$zig" cc -target $TARGET -Wno-error=date-time "\$@"
EOF
chmod +x "$tools/zcc"

# --- sources: Debian's source packages (a deb-src line is added if the system has none)
src=$cache/src
mkdir -p "$src"
if ! ls "$src"/python3.11_*.orig.tar.gz >/dev/null 2>&1; then
  if ! grep -rqs "deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    cat >/etc/apt/sources.list.d/jjjdesk-src.sources <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    apt-get update -qq
  fi
  (cd "$src" && apt-get source --download-only -qq "$PY_SOURCE" sqlite3 zlib libffi bzip2 openssl \
    2>/dev/null)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "$(cat "$prefix/.built-by" 2>/dev/null)" = "$py_key" ]; then
  log "cached: $prefix"
else
rm -rf "$prefix"
deps=$work/deps
mkdir -p "$deps/include" "$deps/lib"
export CC=$tools/zcc
export CFLAGS="-O2 -fPIC"

log "zlib"
tar -C "$work" -xjf "$src"/zlib_*.orig.tar.bz2
(cd "$work"/zlib-* && ./configure --static --prefix="$deps" >/dev/null && make -s -j"$jobs" >/dev/null \
  && make -s install >/dev/null)

log "bzip2"
tar -C "$work" -xzf "$src"/bzip2_*.orig.tar.gz
(cd "$work"/bzip2-* && make -s -j"$jobs" libbz2.a CC="$CC" CFLAGS="$CFLAGS -D_FILE_OFFSET_BITS=64" >/dev/null \
  && cp libbz2.a "$deps/lib/" && cp bzlib.h "$deps/include/")

log "libffi"
tar -C "$work" -xzf "$src"/libffi_*.orig.tar.gz
(cd "$work"/libffi-* && ./configure -q --prefix="$deps" --disable-shared --enable-static --with-pic \
  --disable-docs --disable-exec-static-tramp >/dev/null && make -s -j"$jobs" >/dev/null && make -s install >/dev/null)
if [ -d "$deps/lib64" ]; then cp -a "$deps"/lib64/* "$deps/lib/"; fi

log "SQLite"
# The amalgamation is generated with the host's compiler (and tclsh), then compiled with zig.
# Options as Debian builds them, FTS5 (with its trigram tokenizer) for 搜索进展 among them.
tar -C "$work" -xJf "$src"/sqlite3_*.orig.tar.xz
(cd "$work"/sqlite3-* && CC=gcc CFLAGS= ./configure -q --disable-tcl >/dev/null \
  && make -s sqlite3.c >/dev/null \
  && "$CC" $CFLAGS -c sqlite3.c -o sqlite3.o -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_FTS3 \
    -DSQLITE_ENABLE_FTS3_PARENTHESIS -DSQLITE_ENABLE_FTS4 -DSQLITE_ENABLE_FTS5 \
    -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_JSON1 -DSQLITE_ENABLE_MATH_FUNCTIONS \
    -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ENABLE_UNLOCK_NOTIFY \
    -DSQLITE_SECURE_DELETE -DSQLITE_MAX_VARIABLE_NUMBER=250000 -DSQLITE_DEFAULT_FOREIGN_KEYS=0 \
  && ar rcs "$deps/lib/libsqlite3.a" sqlite3.o && cp sqlite3.h sqlite3ext.h "$deps/include/")

log "OpenSSL"
# Static, position-independent (linked into _ssl and _hashlib), C only: no-asm spares zig's
# assembler OpenSSL's perlasm and costs the app nothing it would notice.
tar -C "$work" -xzf "$src"/openssl_*.orig.tar.gz
(cd "$work"/openssl-* && ./Configure linux-x86_64 no-shared no-asm no-tests no-docs no-engine \
    no-module -fPIC --prefix="$deps" --libdir=lib >/dev/null \
  && make -s -j"$jobs" build_libs >/dev/null 2>&1 && make -s install_dev >/dev/null)

log "CPython (the longest step)"
tar -C "$work" -xzf "$src"/python3.11_*.orig.tar.gz
pysrc=$(echo "$work"/Python-3.11.*)
# zig's linker spells the soname flag -soname; libpython3.so (a stub for abi3 modules, which
# no wheel here links) is not built: zig cannot link a library of no objects.
sed -i 's/-Wl,-h\$(INSTSONAME)/-Wl,-soname,$(INSTSONAME)/; s/-Wl,-h\$@/-Wl,-soname,$@/' \
  "$pysrc/Makefile.pre.in"
# setup.py adds the host's /usr/include/<multiarch> and /usr/local: Debian 12's glibc headers
# there clash with zig's glibc 2.28 headers (__time64_t errors).
python3 - "$pysrc/setup.py" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
text = text.replace("        self.add_multiarch_paths()\n", "")
text = text.replace("        if not CROSS_COMPILING:\n            add_dir_to_list(self.compiler.library_dirs, '/usr/local/lib')",
                    "        if False:\n            add_dir_to_list(self.compiler.library_dirs, '/usr/local/lib')")
open(path, "w").write(text)
PY
(cd "$pysrc" \
  && ./configure -q --prefix="$prefix" --enable-shared --with-ensurepip=install \
    --without-readline --with-openssl="$deps" --with-openssl-rpath=no \
    CPPFLAGS="-I$deps/include" LDFLAGS="-L$deps/lib -Wl,-rpath,$prefix/lib" \
    LIBSQLITE3_CFLAGS="-I$deps/include" LIBSQLITE3_LIBS="-L$deps/lib -lsqlite3 -lm" \
    LIBFFI_CFLAGS="-I$deps/include" LIBFFI_LIBS="-L$deps/lib -lffi" \
    ZLIB_CFLAGS="-I$deps/include" ZLIB_LIBS="-L$deps/lib -lz" \
    BZIP2_CFLAGS="-I$deps/include" BZIP2_LIBS="-L$deps/lib -lbz2" >/dev/null \
  && sed -i 's/^PY3LIBRARY=.*/PY3LIBRARY=/' Makefile \
  && make -s -j"$jobs" >"$work/python-make.log" 2>&1 \
  && make -s install >"$work/python-install.log" 2>&1) \
  || { tail -40 "$work/python-make.log" "$work/python-install.log" 2>/dev/null >&2; exit 1; }
"$prefix/bin/python3.11" - <<'PY'
import bz2, ctypes, sqlite3, ssl, zlib, hashlib, decimal, pyexpat, _json  # noqa: F401
from urllib.request import HTTPSHandler  # noqa: F401 - fpdf2 imports it
con = sqlite3.connect(":memory:")
con.execute("create virtual table t using fts5(x, tokenize='trigram')")
print("build_python: this Python embeds SQLite", sqlite3.sqlite_version)
PY
echo "$py_key" >"$prefix/.built-by"
fi

# --- wheels

log "wheels for glibc 2.28"
# The host's pip downloads (it has the machine's certificates and index settings), pinned to the versions the project's
# own environment resolved, with manylinux tags up to 2_28 only (pip would otherwise take
# cryptography's manylinux_2_34 wheel on this host).
[ -x .venv/bin/python ] || bash scripts/setup.sh >&2
wheels=$cache/wheels-$key
mkdir -p "$wheels"
reqs=$work/requirements.txt
.venv/bin/python -m pip install -q "pyinstaller>=6.10,<7" >&2
# The app's run-time dependencies and PyInstaller's (not the test tools), at the versions
# .venv resolved.
.venv/bin/python - >"$reqs" <<'PY'
from importlib.metadata import PackageNotFoundError, distribution

from packaging.requirements import Requirement

seen, done = {}, set()
todo = [("jjjdesk", frozenset()), ("pyinstaller", frozenset())]
while todo:
    name, extras = todo.pop()
    try:
        dist = distribution(name)
    except PackageNotFoundError:
        continue
    key = dist.metadata["Name"].lower().replace("_", "-")
    if (key, extras) in done:
        continue
    done.add((key, extras))
    seen[key] = dist.version
    for text in dist.requires or []:
        req = Requirement(text)
        # psycopg[binary] and the like: a requirement's extras bring their own requirements.
        if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in extras | {""}):
            todo.append((req.name, frozenset(req.extras)))
seen.pop("jjjdesk")
print("\n".join(f"{name}=={version}" for name, version in sorted(seen.items())))
PY
# pip takes --platform literally: every manylinux tag up to 2_28 is named.
platforms=()
for minor in $(seq 28 -1 5); do platforms+=(--platform "manylinux_2_${minor}_x86_64"); done
platforms+=(--platform manylinux2014_x86_64 --platform manylinux2010_x86_64 --platform manylinux1_x86_64)
.venv/bin/python -m pip download -q -d "$wheels" --only-binary=:all: \
  "${platforms[@]}" --python-version 3.11 --implementation cp --abi cp311 --abi abi3 \
  --abi none -r "$reqs" >&2
"$prefix/bin/python3.11" -m venv "$venv"
"$venv/bin/python" -m pip install -q --no-index --find-links "$wheels" -r "$reqs" >&2
touch "$venv/.complete"
# Environments of earlier pins are of no further use.
find "$cache" -maxdepth 1 \( -name 'venv-*' -o -name 'wheels-*' \) ! -name "venv-$key" \
  ! -name "wheels-$key" -exec rm -rf {} +
log "built in $(( $(date +%s) - started )) s: $venv"
echo "$venv"
