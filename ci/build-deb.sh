#!/usr/bin/env bash
# Build the Debian package of the frozen kiosk with dpkg-deb.
#
#     bash ci/build-deb.sh [DEBIAN_REVISION]     (default 1)
#
# Needs dist/twitch-kiosk from ci/build-frozen.sh. Writes
# dist/twitch-kiosk_VERSION-REVISION_amd64.deb, VERSION from pyproject.toml.
# Layout:
#   /opt/twitch-kiosk/                 the one-folder build, licences, notices
#   /usr/bin/twitch-kiosk, /usr/bin/kiosk   symlinks to the program (on PATH)
#   /lib/systemd/system/cage-kiosk.service  packaging/linux (not enabled)
#   /etc/pam.d/cage                    its login session
#   /etc/twitch-kiosk/                 the system folder, IT's (purge removes it)
#   /usr/share/applications, icons     the menu entry
#   /usr/share/doc/twitch-kiosk/copyright   LICENSE + THIRD-PARTY-NOTICES.txt
# postinst makes the system user "kiosk" (home /var/lib/twitch-kiosk: its
# settings, PIN and counts); postrm purge removes them. See
# packaging/linux/deb/.
set -euo pipefail
cd "$(dirname "$0")/.."
revision="${1:-1}"
APP=twitch-kiosk
DIST="dist/$APP"
fail() { echo "build-deb: FAILED: $*" >&2; exit 1; }
[ -x "$DIST/$APP" ] || fail "no $DIST/$APP: run ci/build-frozen.sh first"
[ -s "$DIST/THIRD-PARTY-NOTICES.txt" ] || fail "no $DIST/THIRD-PARTY-NOTICES.txt"
version="$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')-$revision"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/root"
here=packaging/linux
mkdir -p "$root/DEBIAN" "$root/opt/$APP/licenses" "$root/usr/bin" "$root/lib/systemd/system" \
    "$root/etc/pam.d" "$root/etc/$APP" "$root/usr/share/applications" \
    "$root/usr/share/icons/hicolor/scalable/apps" "$root/usr/share/doc/$APP"
cp -a "$DIST/." "$root/opt/$APP/"
cp packaging/licenses/*.txt "$root/opt/$APP/licenses/"
cp LICENSE "$root/opt/$APP/licenses/LICENSE.txt"
ln -s "/opt/$APP/$APP" "$root/usr/bin/$APP"
ln -s "/opt/$APP/$APP" "$root/usr/bin/kiosk"
install -m 644 "$here/cage-kiosk.service" "$root/lib/systemd/system/cage-kiosk.service"
install -m 644 "$here/cage.pam" "$root/etc/pam.d/cage"
install -m 644 "$here/deb/README.txt" "$root/etc/$APP/README"
install -m 644 "$here/$APP.desktop" "$root/usr/share/applications/$APP.desktop"
install -m 644 "$here/$APP.svg" "$root/usr/share/icons/hicolor/scalable/apps/$APP.svg"
{
    echo "Twitch Kiosk is MIT-licensed:"
    echo
    cat LICENSE
    echo
    echo "It bundles third-party software; see /opt/$APP/THIRD-PARTY-NOTICES.txt"
    echo "(every bundled component with its licence text) and /opt/$APP/licenses/."
} >"$root/usr/share/doc/$APP/copyright"
for script in postinst prerm postrm; do
    install -m 755 "$here/deb/$script" "$root/DEBIAN/$script"
done
printf '/etc/pam.d/cage\n/etc/%s/README\n' "$APP" >"$root/DEBIAN/conffiles"
size_kb="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size_kb/" "$here/deb/control.in" >"$root/DEBIAN/control"

out="dist/${APP}_${version}_amd64.deb"
# --root-owner-group: every file root:root whoever builds it. gzip, not xz:
# xz took over 2 minutes here for 30 MB less.
dpkg-deb --root-owner-group -Zgzip --build "$root" "$out" >/dev/null
echo "build-deb: built $out ($(du -m "$out" | cut -f1) MB)"
