#!/usr/bin/env bash
# Install, upgrade, remove and purge the .deb on this machine (as root; CI).
#
#     bash ci/check-deb.sh
#
# Builds revision 1 and 2 of the package (ci/build-deb.sh; needs
# dist/twitch-kiosk), then:
# 1. installs 1: the kiosk user exists, `kiosk` and `twitch-kiosk` are on
#    PATH and run (--version, --self-test offscreen as the kiosk user);
# 2. as the kiosk user sets the PIN and a setting; writes a day's counts;
# 3. installs 2 over it: settings, PIN and counts are byte for byte the same;
# 4. removes it: the program is gone, the user's data is kept;
# 5. purges it: /var/lib/twitch-kiosk, /etc/twitch-kiosk and the user are gone.
# Leaves the machine without the package. About a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "check-deb: FAILED: $*" >&2; exit 1; }
step() { echo "check-deb: $*"; }
[ "$(id -u)" -eq 0 ] || fail "run as root (it installs the package)"

bash ci/build-deb.sh 1
bash ci/build-deb.sh 2
version="$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
deb1="dist/twitch-kiosk_${version}-1_amd64.deb"
deb2="dist/twitch-kiosk_${version}-2_amd64.deb"
home=/var/lib/twitch-kiosk
as_kiosk() { (cd / && runuser -u kiosk -- env HOME="$home" QT_QPA_PLATFORM=offscreen "$@"); }

if dpkg -s twitch-kiosk >/dev/null 2>&1; then
    step "purging an earlier twitch-kiosk"
    dpkg --purge twitch-kiosk >/dev/null
fi

step "install $deb1"
dpkg -i "$deb1" >/dev/null || { apt-get install -f -y -qq >/dev/null; dpkg -i "$deb1" >/dev/null; }
getent passwd kiosk >/dev/null || fail "no kiosk user"
[ "$(getent passwd kiosk | cut -d: -f6)" = "$home" ] || fail "the kiosk user's home is not $home"
[ -d /etc/twitch-kiosk ] || fail "no /etc/twitch-kiosk"
[ -f /lib/systemd/system/cage-kiosk.service ] || fail "no cage-kiosk.service"
[ -f /opt/twitch-kiosk/THIRD-PARTY-NOTICES.txt ] || fail "no third-party notice"
for name in kiosk twitch-kiosk; do
    got="$(cd / && "$name" --version)" || fail "$name --version"
    [ "$got" = "kiosk $version" ] || fail "$name --version said '$got'"
done
echo "  on PATH: $(command -v kiosk) $(command -v twitch-kiosk): kiosk $version"
as_kiosk twitch-kiosk --self-test 2>/dev/null | grep "^self-test ok" || fail "self-test as the kiosk user"

step "PIN, a setting and counts, as the kiosk user"
echo 4821 | as_kiosk /opt/twitch-kiosk/twitch-kiosk settings set-pin --pin-stdin >/dev/null \
    || fail "set-pin as the kiosk user"
as_kiosk twitch-kiosk settings set clinic_name "Clinic 7" >/dev/null || fail "settings set"
settings="$(as_kiosk twitch-kiosk settings path)"
[ -f "$settings" ] || fail "no settings file at $settings"
case "$settings" in "$home"/*) ;; *) fail "settings at $settings, not under $home" ;; esac
counts="$home/.local/share/twitch-kiosk/counters.json"
# The counts API from the checkout writes the file as the kiosk would (as
# root: the kiosk user may not read the checkout), then it is given to kiosk.
mkdir -p "$(dirname "$counts")"
KIOSK_DATA_DIR="$(dirname "$counts")" .venv/bin/python -c '
from kiosk.counters import Counters
counters = Counters()
counters.session_started()
counters.handout_printed()
counters.flush(final=True)  # the kiosk writes at most once a minute, and at exit
' || fail "writing counts"
chown -R kiosk:kiosk "$home/.local"
[ -f "$counts" ] || fail "no $counts"
before="$(sha256sum "$settings" "$counts")"
grep -q '"pin_hash": "' "$settings" || fail "no PIN in $settings"

step "upgrade to $deb2"
dpkg -i "$deb2" >/dev/null || fail "upgrade"
[ "$(dpkg-query -W -f='${Version}' twitch-kiosk)" = "${version}-2" ] || fail "not upgraded"
[ "$(sha256sum "$settings" "$counts")" = "$before" ] || fail "settings, PIN or counts changed on upgrade"
as_kiosk twitch-kiosk settings show | grep -q "Clinic 7" || fail "the setting is gone after the upgrade"
echo "  settings, PIN and counts kept"
# IT's system file (/etc/twitch-kiosk/settings.json) wins over the user's.
printf '{"clinic_name": "Set by IT", "allow_local": []}\n' >/etc/twitch-kiosk/settings.json
as_kiosk twitch-kiosk counts --json | grep -q '"clinic_name": "Set by IT"' \
    || fail "the system settings file was not applied"
echo "  /etc/twitch-kiosk/settings.json applied"

step "a signed content pack, installed by the frozen program as the kiosk user"
keys="$(mktemp -d)"
.venv/bin/kiosk content keygen -o "$keys/signing" >/dev/null
mkdir -p /etc/twitch-kiosk/keys
cp "$keys/signing.pub" /etc/twitch-kiosk/keys/
.venv/bin/kiosk content pack --key "$keys/signing.key" --version 9.9.9 -o "$keys/pack.zip" >/dev/null
cp "$keys/pack.zip" "$home/pack.zip"
.venv/bin/kiosk content keygen -o "$keys/other" >/dev/null
.venv/bin/kiosk content pack --key "$keys/other.key" -o "$home/other.zip" >/dev/null
chown kiosk:kiosk "$home/pack.zip" "$home/other.zip"
rm -rf "$keys"
! as_kiosk twitch-kiosk content install "$home/other.zip" 2>/dev/null \
    || fail "a pack signed by an untrusted key was installed"
as_kiosk twitch-kiosk content install "$home/pack.zip" >/dev/null || fail "content install"
grep -q "^9.9.9-" "$home/.local/share/twitch-kiosk/packs/current" || fail "pack not current"
as_kiosk twitch-kiosk --self-test 2>/dev/null | grep -q "^self-test ok" \
    || fail "self-test on the installed pack"
echo "  pack 9.9.9 installed and used; the untrusted one refused"

step "remove"
dpkg -r twitch-kiosk >/dev/null
[ ! -e /opt/twitch-kiosk/twitch-kiosk ] || fail "program left after remove"
! command -v twitch-kiosk >/dev/null || fail "twitch-kiosk still on PATH after remove"
[ "$(sha256sum "$settings" "$counts")" = "$before" ] || fail "remove touched the user's data"
getent passwd kiosk >/dev/null || fail "remove deleted the kiosk user"
echo "  program gone; settings, PIN, counts and user kept"

step "purge"
dpkg --purge twitch-kiosk >/dev/null
[ ! -e "$home" ] || fail "$home left after purge"
[ ! -e /etc/twitch-kiosk ] || fail "/etc/twitch-kiosk left after purge"
! getent passwd kiosk >/dev/null || fail "kiosk user left after purge"
[ ! -e /etc/pam.d/cage ] || fail "/etc/pam.d/cage left after purge"
echo "check-deb: ok"
