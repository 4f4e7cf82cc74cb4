#!/usr/bin/env bash
# The .deb on an older desktop: install packaging/dist/jjjdesk_*_amd64.deb with apt into a
# Debian 11 (bullseye, glibc 2.31) userland made by debootstrap, start the frozen app there
# offscreen and under X11 (Xvfb, the xcb platform the office desktops use), then remove the
# package and check that the user's data stayed. Debian 10 (glibc 2.28) is no longer served
# by the mirror; the ELF scan in build.sh holds every file to 2.28.
#
# Needs root (chroot, mounts). The bullseye base is cached as a tarball under
# $JJJDESK_BUILD_CACHE (default ~/.cache/jjjdesk-build): about 50 s the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${JJJDESK_BUILD_CACHE:-$HOME/.cache/jjjdesk-build}
mirror=http://deb.debian.org/debian
deb=$(ls packaging/dist/jjjdesk_*_amd64.deb 2>/dev/null | head -n1)
[ -n "$deb" ] || { echo "FAIL: no .deb in packaging/dist: run packaging/build.sh" >&2; exit 1; }
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
started=$(date +%s)

base=$cache/bullseye-minbase.tar
if [ ! -s "$base" ]; then
  staging=$(mktemp -d)
  debootstrap --variant=minbase bullseye "$staging" "$mirror" >/dev/null
  tar -C "$staging" -cf "$base.part" . && mv "$base.part" "$base"
  rm -rf "$staging"
fi

root=$(mktemp -d)
cleanup() {
  umount -l "$root/proc" "$root/dev/pts" "$root/dev" 2>/dev/null || true
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
tar -C "$root" -xf "$base"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/jjjdesk.deb"
in_root() { chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

echo "== apt-get install ./$(basename "$deb") in Debian 11 ($(in_root ldd --version | head -n1))"
in_root apt-get update -qq
# A desktop brings X, fonts and GL; a minimal userland gets them from the package's Depends,
# plus Xvfb to stand in for the X server and a Chinese font (the package recommends one).
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  /tmp/jjjdesk.deb xvfb xauth fonts-wqy-microhei >/dev/null
in_root test -x /usr/bin/jjjdesk -a -x /usr/bin/jjjdesk-cli -a -f /usr/share/applications/jjjdesk.desktop
in_root jjjdesk-cli --help >/dev/null

echo "== frozen self-test, offscreen"
in_root env QT_QPA_PLATFORM=offscreen jjjdesk --self-test 2>&1 | tee "$root/tmp/offscreen.log"
grep -q "self-test ok" "$root/tmp/offscreen.log"

echo "== frozen self-test under X11 (Xvfb, xcb)"
in_root xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb jjjdesk --self-test 2>&1 \
  | tee "$root/tmp/xcb.log"
grep -q "self-test ok" "$root/tmp/xcb.log" && grep -q "Qt platform xcb" "$root/tmp/xcb.log"

echo "== remove keeps the user's data"
in_root test -d /root/.local/share/jjjdesk
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq jjjdesk >/dev/null
in_root test ! -e /opt/jjjdesk -a ! -e /usr/bin/jjjdesk
in_root test -d /root/.local/share/jjjdesk
echo "bullseye check ok in $(( $(date +%s) - started )) s"
