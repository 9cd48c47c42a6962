#!/usr/bin/env bash
# Set up a real CUPS print queue that writes PDFs to a folder, for the
# printing tests (tests/test_printing.py).
#
#   kiosk-test-pdf          a cups-pdf queue; output lands in $KIOSK_PDF_OUT
#   kiosk-test-stopped      the same, but disabled (for the "printer stopped" test)
#
# The scheduler keeps no job files or history (PreserveJobFiles No,
# PreserveJobHistory No), so a printed handout leaves nothing in
# /var/spool/cups.
#
# Idempotent: safe to run again. Needs root (CI and the dev machines run as root).
set -euo pipefail

OUT_DIR="${KIOSK_PDF_OUT:-/var/spool/cups-pdf/kiosk}"

need=()
command -v cupsd >/dev/null 2>&1 || need+=(cups)
[ -e /usr/lib/cups/backend/cups-pdf ] || need+=(printer-driver-cups-pdf)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v lp >/dev/null 2>&1 || need+=(cups-client)
if [ "${#need[@]}" -gt 0 ]; then
    echo "setup-cups: installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# cups-pdf writes to a per-user folder by default; point every job (root's and
# anonymous ones) at one known folder so the test can find the output.
mkdir -p "$OUT_DIR"
chmod 1777 "$OUT_DIR"
conf=/etc/cups/cups-pdf.conf
if [ -f "$conf" ]; then
    sed -i -E '/^#?[[:space:]]*Out[[:space:]]/d; /^#?[[:space:]]*AnonDirName[[:space:]]/d' "$conf"
    printf 'Out %s\nAnonDirName %s\n' "$OUT_DIR" "$OUT_DIR" >>"$conf"
fi

# Start the scheduler when it is not running (no systemd in containers).
if ! lpstat -r 2>/dev/null | grep -q "is running"; then
    echo "setup-cups: starting cupsd"
    if command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
        systemctl start cups
    else
        cupsd
    fi
    for _ in $(seq 1 50); do
        lpstat -r 2>/dev/null | grep -q "is running" && break
        sleep 0.2
    done
fi
lpstat -r | grep -q "is running" || { echo "setup-cups: cupsd did not start" >&2; exit 1; }

# Privacy: keep no job files (the handout PDF) and no job history once a job
# is done (CUPS keeps both for a day by default). cupsctl writes cupsd.conf
# and the scheduler reloads itself; wait until it answers again.
cupsctl PreserveJobFiles=No PreserveJobHistory=No
for _ in $(seq 1 50); do
    lpstat -r 2>/dev/null | grep -q "is running" && break
    sleep 0.2
done
grep -q '^PreserveJobFiles No' /etc/cups/cupsd.conf \
    || { echo "setup-cups: PreserveJobFiles No did not reach cupsd.conf" >&2; exit 1; }

# The model: the cups-pdf PPD that lpinfo lists (its name varies by release).
model="$(lpinfo -m 2>/dev/null | grep -i 'cups-pdf' | head -n1 | cut -d' ' -f1 || true)"
if [ -z "$model" ]; then
    model="$(lpinfo -m 2>/dev/null | grep -i 'pdf' | head -n1 | cut -d' ' -f1 || true)"
fi
[ -n "$model" ] || { echo "setup-cups: no PDF printer model found (lpinfo -m)" >&2; exit 1; }

for queue in kiosk-test-pdf kiosk-test-stopped; do
    lpadmin -p "$queue" -E -v cups-pdf:/ -m "$model"
done
cupsdisable kiosk-test-stopped
cupsenable kiosk-test-pdf
cupsaccept kiosk-test-pdf

echo "setup-cups: queues ready (output in $OUT_DIR)"
lpstat -p kiosk-test-pdf -p kiosk-test-stopped
