#!/usr/bin/env bash
# Build the wheel, install it into a fresh venv with no source tree in
# sight, and run the kiosk from it: the "pip install ." / pipx / container
# kind of install (issue 19). The editable install hides packaging mistakes
# (it reads content/ from the checkout), so this is the check that the wheel
# carries content/ and assets/ as package data.
#
#     bash ci/check-wheel.sh
#
# 1. builds dist/twitch_kiosk-VERSION-py3-none-any.whl,
# 2. makes a venv in a temporary folder and installs the locked runtime
#    dependencies (requirements/app.txt, with hashes) and then the wheel,
# 3. from that folder, with an empty home: `kiosk --self-test`,
#    `kiosk handout --level basic -o x.pdf` (a real PDF), the data found
#    inside site-packages, and `kiosk content check` refusing with exit 2
#    because the `authoring` extra is not installed.
# Takes about a minute (PySide6 comes from the pip cache).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

fail() { echo "check-wheel: FAILED: $*" >&2; exit 1; }
step() { echo "check-wheel: $*"; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
venv="$work/venv"
python3 -m venv "$venv"
pip=("$venv/bin/python" -m pip --disable-pip-version-check)

step "building the wheel"
log="$work/pip.log"
# The build backend comes from the lock too (no build isolation).
"${pip[@]}" install --quiet --require-hashes --no-deps -r requirements/build-backend.txt >"$log" 2>&1 \
    || { tail -20 "$log" >&2; fail "pip install -r requirements/build-backend.txt"; }
rm -rf build/lib build/bdist.* ./*.egg-info
"${pip[@]}" wheel --quiet --no-deps --no-build-isolation --wheel-dir dist . >"$log" 2>&1 \
    || { tail -20 "$log" >&2; fail "pip wheel ."; }
version="$("$venv/bin/python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
wheel="$root/dist/twitch_kiosk-$version-py3-none-any.whl"
[ -f "$wheel" ] || fail "no $wheel"
step "built ${wheel#"$root"/}"

step "installing requirements/app.txt and the wheel into a fresh venv"
"${pip[@]}" install --quiet --require-hashes -r requirements/app.txt >"$log" 2>&1 \
    || { tail -20 "$log" >&2; fail "pip install -r requirements/app.txt"; }
"${pip[@]}" install --quiet --no-deps "$wheel" >"$log" 2>&1 \
    || { tail -20 "$log" >&2; fail "pip install the wheel"; }
"${pip[@]}" check || fail "pip check: the installed wheel's dependencies are not satisfied"

# No source tree: run from the temporary folder with an empty home.
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state" QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
cd "$work"
kiosk="$venv/bin/kiosk"

step "the data comes from site-packages"
"$venv/bin/python" - <<'PYEOF' || fail "the installed kiosk does not find its data in the wheel"
from kiosk import resources

for path in (resources.CONTENT_DIR, resources.ASSETS_DIR):
    assert "site-packages" in path.parts, path
    assert path.is_dir(), path
assert (resources.CONTENT_DIR / "languages.yaml").is_file()
assert list(resources.FONTS_DIR.glob("*.ttf"))
print(f"  data root: {resources.DATA_ROOT}")
PYEOF

step "kiosk --self-test"
"$kiosk" --self-test >"$work/selftest.out" 2>"$work/selftest.err" \
    || { cat "$work/selftest.out" "$work/selftest.err" >&2; fail "--self-test exited non-zero"; }
cat "$work/selftest.out"
grep -q "^self-test ok" "$work/selftest.out" || fail "no 'self-test ok' line"
! grep -q "no bundled font found" "$work/selftest.err" || fail "the fonts were not found"
! grep -q "Traceback" "$work/selftest.err" || fail "traceback during the self-test"

step "kiosk handout --level basic -o x.pdf"
"$kiosk" handout --level basic -o "$work/x.pdf" || fail "handout exited non-zero"
head -c 5 "$work/x.pdf" | grep -q "%PDF-" || fail "x.pdf is not a PDF"
echo "  x.pdf: $(wc -c <"$work/x.pdf") bytes"

step "kiosk content check without the authoring extra"
set +e
"$kiosk" content check >"$work/check.out" 2>"$work/check.err"
code=$?
set -e
[ "$code" -eq 2 ] || { cat "$work/check.out" "$work/check.err" >&2; fail "content check exited $code, want 2"; }
grep -q "authoring" "$work/check.err" || fail "content check did not say how to install the authoring extra"
! grep -q "Traceback" "$work/check.err" || fail "traceback from content check"
echo "  $(head -1 "$work/check.err")"
echo "check-wheel: ok"
