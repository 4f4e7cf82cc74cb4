#!/usr/bin/env bash
# Package the frozen folder as packaging/dist/jjjdesk_VERSION_amd64.deb (plain dpkg-deb, no
# fpm) and packaging/dist/jjjdesk-VERSION-linux-x86_64.tar.gz, then check the .deb lists
# what it must install. Run by build.sh after the frozen self-test.
#
# Installs under /opt/jjjdesk with /usr/bin links, a .desktop entry (中文名 京津冀协同台账) and
# hicolor icons. Removing the package removes only these: users' databases, backups and
# settings live in their home folders and are never touched (no maintainer script deletes).
set -euo pipefail
cd "$(dirname "$0")/.."
dist=packaging/dist
folder=$dist/jjjdesk
icons=packaging/build/icons/hicolor
version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -n1)
[ -x "$folder/jjjdesk" ] || { echo "FAIL: build the frozen folder first ($folder)" >&2; exit 1; }
[ -d "$icons" ] || { echo "FAIL: icons missing ($icons): run make_icons.py" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/icons"
cp -a "$folder" "$root/opt/jjjdesk"
ln -s /opt/jjjdesk/jjjdesk "$root/usr/bin/jjjdesk"
ln -s /opt/jjjdesk/jjjdesk-cli "$root/usr/bin/jjjdesk-cli"
cp -a "$icons" "$root/usr/share/icons/hicolor"
cat >"$root/usr/share/applications/jjjdesk.desktop" <<'DESKTOP'
[Desktop Entry]
Type=Application
Name=jjjdesk
Name[zh_CN]=京津冀协同台账
GenericName=Coordination ledger
GenericName[zh_CN]=重点任务与项目台账
Comment=Key tasks, projects, progress rounds and Excel ledgers
Comment[zh_CN]=重点任务、重点项目、进展填报与 Excel 台账
Exec=/opt/jjjdesk/jjjdesk %F
Icon=jjjdesk
Terminal=false
Categories=Office;
StartupWMClass=jjjdesk
DESKTOP
installed_kb=$(du -sk "$root/opt" "$root/usr" | awk '{s += $1} END {print s}')
# The desktop libraries the frozen folder takes from the system (packaging/system_libs.py
# lists them with their reasons; the names are valid on Debian 10/11, UOS V20 and Kylin V10).
depends=$(python3 packaging/system_libs.py --depends)
cat >"$root/DEBIAN/control" <<CONTROL
Package: jjjdesk
Version: $version
Section: misc
Priority: optional
Architecture: amd64
Maintainer: jjjdesk <jjjdesk@localhost>
Installed-Size: $installed_kb
Depends: $depends
Recommends: fonts-noto-cjk | fonts-wqy-microhei
Description: 京津冀协同发展 重点任务与项目台账
 Desktop registry of the action plan's key tasks, key projects, responsible units and
 indicators; reporting rounds, review, lag lights and Excel ledgers. Works offline on an
 embedded SQLite file, or shared through a PostgreSQL server.
CONTROL
deb=$dist/jjjdesk_${version}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
tar -C "$dist" -czf "$dist/jjjdesk-$version-linux-x86_64.tar.gz" jjjdesk

listing=$(dpkg-deb --contents "$deb")
for want in ./opt/jjjdesk/jjjdesk ./opt/jjjdesk/jjjdesk-cli ./usr/bin/jjjdesk \
  ./usr/bin/jjjdesk-cli ./usr/share/applications/jjjdesk.desktop \
  ./usr/share/icons/hicolor/256x256/apps/jjjdesk.png ./usr/share/icons/hicolor/16x16/apps/jjjdesk.png; do
  grep -q " $want\( \|$\)" <<<"$listing" || { echo "FAIL: $deb lacks $want" >&2; exit 1; }
done
dpkg-deb --field "$deb" Package Version Depends >/dev/null
# What an install unpacks must run: extract the payload and ask the CLI for its help.
unpacked=$(mktemp -d)
dpkg-deb -x "$deb" "$unpacked"
"$unpacked/opt/jjjdesk/jjjdesk-cli" --help >/dev/null
rm -rf "$unpacked"
echo "packaged: $deb ($(du -m "$deb" | cut -f1) MB), $dist/jjjdesk-$version-linux-x86_64.tar.gz"
