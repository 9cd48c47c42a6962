#!/bin/sh
# Install the frozen kiosk on Linux (run as root). No Python or pip needed.
#
#   sh install.sh [--kiosk] [DIST]     install (DIST defaults to dist/twitch-kiosk)
#   sh install.sh --uninstall          remove what install.sh put in place
#
# Puts the one-folder build in /opt/twitch-kiosk, a menu entry and an icon in
# /usr/share. --kiosk also creates the user "kiosk" and starts the kiosk full
# screen under cage on tty1 at every boot (see docs/installing.md).
# DESTDIR=/some/root installs into a staging tree (used for packaging/tests).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
root="${DESTDIR:-}"
opt="$root/opt/twitch-kiosk"
apps="$root/usr/share/applications"
icons="$root/usr/share/icons/hicolor/scalable/apps"
unit="$root/etc/systemd/system/cage-kiosk.service"
pam="$root/etc/pam.d/cage"

kiosk=no
dist=""
for arg in "$@"; do
    case "$arg" in
        --kiosk) kiosk=yes ;;
        --uninstall)
            if [ -z "$root" ] && command -v systemctl >/dev/null 2>&1; then
                systemctl disable --now cage-kiosk.service 2>/dev/null || true
            fi
            rm -rf "$opt"
            rm -f "$apps/twitch-kiosk.desktop" "$icons/twitch-kiosk.svg" "$unit" "$pam"
            echo "twitch-kiosk removed (the kiosk user and its settings are kept)"
            exit 0 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) dist="$arg" ;;
    esac
done
dist="${dist:-$here/../../dist/twitch-kiosk}"
if [ ! -x "$dist/twitch-kiosk" ]; then
    echo "install.sh: no twitch-kiosk executable in $dist (build it with ci/build-frozen.sh)" >&2
    exit 1
fi

rm -rf "$opt"
mkdir -p "$opt" "$apps" "$icons"
cp -a "$dist/." "$opt/"
mkdir -p "$opt/licenses"
cp "$here/../licenses/"*.txt "$opt/licenses/"
install -m 644 "$here/twitch-kiosk.desktop" "$apps/twitch-kiosk.desktop"
install -m 644 "$here/twitch-kiosk.svg" "$icons/twitch-kiosk.svg"
echo "installed $opt"

# Privacy: this machine's CUPS keeps no handout PDF and no job history once a
# job is done (by default it keeps both for a day). Not in a staging tree.
if [ -z "$root" ] && command -v cupsctl >/dev/null 2>&1; then
    cupsctl PreserveJobFiles=No PreserveJobHistory=No \
        || echo "install.sh: note: CUPS is not running; run: cupsctl PreserveJobFiles=No PreserveJobHistory=No" >&2
fi

if [ "$kiosk" = yes ]; then
    mkdir -p "$(dirname "$unit")" "$(dirname "$pam")"
    install -m 644 "$here/cage-kiosk.service" "$unit"
    install -m 644 "$here/cage.pam" "$pam"
    if [ -z "$root" ]; then
        command -v cage >/dev/null 2>&1 || echo "install.sh: note: install cage (apt-get install cage)" >&2
        id kiosk >/dev/null 2>&1 || useradd --create-home --shell /usr/sbin/nologin \
            --groups video,render,input kiosk 2>/dev/null || useradd --create-home kiosk
        systemctl daemon-reload
        systemctl enable cage-kiosk.service
        systemctl set-default graphical.target
        echo "kiosk mode enabled: reboot, or: systemctl start cage-kiosk.service"
    fi
fi
