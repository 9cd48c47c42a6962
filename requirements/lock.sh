#!/usr/bin/env bash
# Remake the lock files (exact versions with hashes) from pyproject.toml.
#
#     python3 -m pip install uv && bash requirements/lock.sh
#
# app.txt            the kiosk's runtime dependencies (ci/check-wheel.sh)
# dev.txt            runtime + test + authoring + build extras + build backend
#                    (dev.py, ci/build-frozen.sh)
# build-backend.txt  setuptools and wheel alone (building the wheel)
# All for CPython 3.11 on x86-64 Linux, the CI machine and the kiosks' build
# machine (glibc 2.36, Debian 12: PySide6 6.12 wheels need manylinux_2_34);
# dev.txt is solved first and the others take its versions.
set -euo pipefail
cd "$(dirname "$0")/.."
uv="${UV:-uv}"
common=(--generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_36
        --custom-compile-command "bash requirements/lock.sh" --quiet)
"$uv" pip compile "${common[@]}" pyproject.toml requirements/build-backend.in \
    --extra test --extra authoring --extra build -o requirements/dev.txt
"$uv" pip compile "${common[@]}" pyproject.toml -c requirements/dev.txt -o requirements/app.txt
"$uv" pip compile "${common[@]}" requirements/build-backend.in -c requirements/dev.txt \
    -o requirements/build-backend.txt
echo "lock.sh: wrote requirements/dev.txt, app.txt, build-backend.txt"
