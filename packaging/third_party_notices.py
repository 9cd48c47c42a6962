"""The third-party notice of the frozen build, and the check that it holds no GPL-only part.

``build_installer.spec`` calls :func:`write_notice` after the build with what
PyInstaller collected; it writes ``THIRD-PARTY-NOTICES.txt`` beside the
executable, listing

- every bundled Python distribution with its licence fields and the full text
  of every licence file in its metadata (``importlib.metadata``),
- CPython itself with its ``LICENSE.txt``,
- every bundled shared library taken from the system with the Debian package
  it came from (``dpkg -S``) and that package's ``/usr/share/doc/PKG/copyright``
  (libraries shipped inside a Python distribution, like Qt inside PySide6 or
  libjpeg inside Pillow, fall under that distribution).

``python3 packaging/third_party_notices.py --check dist/twitch-kiosk`` (run by
ci/build-frozen.sh) reads the manifest the spec wrote and exits 1 when any
component is GPL-only (a GPL without an LGPL alternative or an exception), or a
system library's package is missing from ``SYSTEM_LIBRARY_LICENCES`` (so a new
library is looked at by a person before it ships).

Standard library only: it runs inside PyInstaller and in tests.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import sysconfig
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

NOTICE_NAME = "THIRD-PARTY-NOTICES.txt"
MANIFEST_NAME = "third-party-manifest.json"

# The licence of the *library* each bundled Debian package ships, read by hand
# from its /usr/share/doc/PKG/copyright (the copyright files also cover tools,
# tests and docs under other licences, so no script can tell this reliably).
# SPDX expressions. A package not listed here fails the check until added.
SYSTEM_LIBRARY_LICENCES: dict[str, str] = {
    "libasyncns0": "LGPL-2.1-or-later",
    "libatomic1": "GPL-3.0-or-later WITH GCC-exception-3.1",
    "libavahi-client3": "LGPL-2.1-or-later",
    "libavahi-common3": "LGPL-2.1-or-later",
    "libbrotli1": "MIT",
    "libbsd0": "BSD-3-Clause AND BSD-2-Clause AND ISC",
    "libbz2-1.0": "bzip2-1.0.6",
    "libcap2": "BSD-3-Clause OR GPL-2.0-only",
    "libcom-err2": "MIT",
    "libcups2": "LicenseRef-Apache-2.0-with-GPL2-LGPL2-Exception",
    "libdbus-1-3": "AFL-2.1 OR GPL-2.0-or-later",
    "libexpat1": "MIT",
    "libffi8": "MIT",
    "libflac12": "BSD-3-Clause",
    "libfontconfig1": "HPND",
    "libfreetype6": "FTL OR GPL-2.0-or-later",
    "libgcc-s1": "GPL-3.0-or-later WITH GCC-exception-3.1",
    "libgcrypt20": "LGPL-2.1-or-later",
    "libglib2.0-0": "LGPL-2.1-or-later",
    "libgmp10": "LGPL-3.0-or-later OR GPL-2.0-or-later",
    "libgnutls30": "LGPL-2.1-or-later",
    "libgpg-error0": "LGPL-2.1-or-later",
    "libgssapi-krb5-2": "MIT",
    "libhogweed6": "LGPL-3.0-or-later OR GPL-2.0-or-later",
    "libidn2-0": "LGPL-3.0-or-later OR GPL-2.0-or-later",
    "libk5crypto3": "MIT",
    "libkeyutils1": "LGPL-2.0-or-later",
    "libkrb5-3": "MIT",
    "libkrb5support0": "MIT",
    "liblz4-1": "BSD-2-Clause",
    "liblzma5": "0BSD",
    "libmd0": "BSD-2-Clause AND BSD-3-Clause AND ISC",
    "libmp3lame0": "LGPL-2.0-or-later",
    "libmpg123-0": "LGPL-2.1-only",
    "libnettle8": "LGPL-3.0-or-later OR GPL-2.0-or-later",
    "libogg0": "BSD-3-Clause",
    "libopus0": "BSD-3-Clause",
    "libp11-kit0": "BSD-3-Clause",
    "libpcre2-8-0": "BSD-3-Clause WITH PCRE2-exception",
    "libpng16-16": "libpng-2.0",
    "libpulse0": "LGPL-2.1-or-later",
    "libsndfile1": "LGPL-2.1-or-later",
    "libssl3": "Apache-2.0",
    "libstdc++6": "GPL-3.0-or-later WITH GCC-exception-3.1",
    "libsystemd0": "LGPL-2.1-or-later",
    "libtasn1-6": "LGPL-2.1-or-later",
    "libtinfo6": "X11",
    "libunistring2": "LGPL-3.0-or-later OR GPL-2.0-or-later",
    "libuuid1": "BSD-3-Clause",
    "libvorbis0a": "BSD-3-Clause",
    "libvorbisenc2": "BSD-3-Clause",
    "libwayland-client0": "MIT",
    "libwayland-cursor0": "MIT",
    "libwayland-egl1": "MIT",
    "libx11-6": "X11",
    "libx11-xcb1": "X11",
    "libxau6": "MIT",
    "libxcb-cursor0": "MIT",
    "libxcb-glx0": "MIT",
    "libxcb-icccm4": "MIT",
    "libxcb-image0": "MIT",
    "libxcb-keysyms1": "MIT",
    "libxcb-randr0": "MIT",
    "libxcb-render-util0": "MIT",
    "libxcb-render0": "MIT",
    "libxcb-shape0": "MIT",
    "libxcb-shm0": "MIT",
    "libxcb-sync1": "MIT",
    "libxcb-util1": "MIT",
    "libxcb-xfixes0": "MIT",
    "libxcb-xkb1": "MIT",
    "libxcb1": "MIT",
    "libxdmcp6": "MIT",
    "libxkbcommon-x11-0": "MIT",
    "libxkbcommon0": "MIT",
    "libzstd1": "BSD-3-Clause OR GPL-2.0-only",
    "zlib1g": "Zlib",
    # GPL-only: here so the check names them; the build must leave them out.
    "libreadline8": "GPL-3.0-or-later",
    "libgdbm6": "GPL-3.0-or-later",
}

_SHARED_LIBRARY = re.compile(r"\.(so(\.\d+)*|dll|dylib)$")


def is_gpl_only(licence: str) -> bool:
    """Whether a licence expression or free-text licence field allows only the GPL.

    ``LGPL``, an ``OR`` alternative that is not itself GPL, and a ``WITH``
    exception all make it usable by the kiosk; a plain ``GPL`` does not.
    """
    text = licence.strip()
    if not text:
        return False
    for alternative in re.split(r"\s+(?:OR|or)\s+|\s*/\s*", text):
        alt = alternative.strip("() ")
        if re.search(r"LGPL|Lesser|Library General|\bWITH\b|exception", alt, re.I):
            return False
        if not re.search(r"\bGPL|GNU General Public", alt, re.I):
            return False  # a non-GPL alternative (MIT, BSD, ...) is enough
    return True


def _distribution_licence(dist: metadata.Distribution) -> str:
    """The licence a distribution declares: expression, field, or classifiers."""
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return str(expression)
    classifiers = [
        c.split("::")[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License")
    ]
    field = (meta.get("License") or "").strip()
    short = field.splitlines()[0][:100] if field else ""
    if classifiers:
        return " OR ".join(classifiers) if len(classifiers) > 1 else classifiers[0]
    return short or "UNKNOWN"


def _licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """``(file name, text)`` of every licence file in a distribution's metadata."""
    found: list[tuple[str, str]] = []
    names = list(dict.fromkeys(dist.metadata.get_all("License-File") or []))
    for name in names:
        for candidate in (f"licenses/{name}", name):
            text = dist.read_text(candidate)
            if text is not None:
                found.append((name, text))
                break
    if not found:
        for file in dist.files or []:
            parts = PurePosixPath(str(file)).parts
            if (
                parts
                and parts[0].endswith(".dist-info")
                and re.match(r"(LICEN[CS]E|COPYING|NOTICE)", parts[-1], re.I)
            ):
                found.append((str(file), Path(str(file.locate())).read_text("utf-8", "replace")))
    if not found and (dist.metadata.get("License") or "").count("\n") > 2:
        found.append(("License field", str(dist.metadata["License"])))
    return found


@dataclass(frozen=True)
class Component:
    """One bundled third-party part."""

    kind: str  # "python", "cpython" or "library"
    name: str
    version: str
    licence: str
    files: tuple[str, ...]  # bundle paths (libraries) or top-level modules
    texts: tuple[tuple[str, str], ...]

    @property
    def gpl_only(self) -> bool:
        return is_gpl_only(self.licence)


def python_components(top_levels: Iterable[str], own: str = "twitch-kiosk") -> list[Component]:
    """The installed distributions that provide the bundled top-level modules."""
    provides = metadata.packages_distributions()
    by_dist: dict[str, set[str]] = {}
    for top in top_levels:
        for dist_name in provides.get(top, []):
            by_dist.setdefault(dist_name, set()).add(top)
    components = []
    for dist_name, tops in sorted(by_dist.items(), key=lambda item: item[0].lower()):
        dist = metadata.distribution(dist_name)
        if dist.metadata["Name"].lower() == own:
            continue
        components.append(
            Component(
                "python",
                dist.metadata["Name"],
                dist.version,
                _distribution_licence(dist),
                tuple(sorted(tops)),
                tuple(_licence_texts(dist)),
            )
        )
    return components


def cpython_component() -> Component:
    """The Python interpreter and standard library."""
    licence = Path(sysconfig.get_path("stdlib")) / "LICENSE.txt"
    text = licence.read_text(encoding="utf-8") if licence.is_file() else ""
    return Component(
        "cpython",
        "CPython",
        sys.version.split()[0],
        "PSF-2.0",
        ("libpython, python3.x/lib-dynload, base_library.zip",),
        (("LICENSE.txt", text),) if text else (),
    )


def debian_packages(sources: Iterable[str]) -> dict[str, str | None]:
    """``{source path: Debian package or None}`` for system libraries, via ``dpkg -S``."""
    paths = sorted(set(sources))
    result: dict[str, str | None] = dict.fromkeys(paths)
    if not paths or not shutil_which("dpkg"):
        return result
    # usrmerge: dpkg may know /lib/x/y as /usr/lib/x/y or the other way round.
    variants: dict[str, str] = {}
    for path in paths:
        real = str(Path(path).resolve())
        for candidate in {path, real}:
            variants[candidate] = path
            if candidate.startswith("/usr/"):
                variants[candidate[4:]] = path
            else:
                variants["/usr" + candidate] = path
    done = subprocess.run(
        ["dpkg", "-S", *sorted(variants)], capture_output=True, text=True, check=False
    )
    for line in done.stdout.splitlines():
        packages, _, path = line.partition(": ")
        if path in variants and result[variants[path]] is None:
            result[variants[path]] = packages.split(",")[0].split(":")[0].strip()
    return result


def shutil_which(name: str) -> str | None:
    import shutil

    return shutil.which(name)


def library_components(
    binaries: Iterable[tuple[str, str]], owned_by_python: set[str]
) -> list[Component]:
    """System shared libraries (``(bundle path, source path)`` pairs) by Debian package."""
    system = [
        (dest.replace("\\", "/"), src)
        for dest, src in binaries
        if _SHARED_LIBRARY.search(dest)
        and dest.replace("\\", "/") not in owned_by_python
        and not _is_cpython(src)
    ]
    packages = debian_packages(src for _dest, src in system)
    grouped: dict[str, list[str]] = {}
    for dest, src in system:
        grouped.setdefault(packages[src] or f"(not from a Debian package) {src}", []).append(dest)
    components = []
    for package, dests in sorted(grouped.items()):
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        texts: tuple[tuple[str, str], ...] = ()
        if copyright_file.is_file():
            texts = (
                (str(copyright_file), copyright_file.read_text(encoding="utf-8", errors="replace")),
            )
        components.append(
            Component(
                "library",
                package,
                _debian_version(package),
                SYSTEM_LIBRARY_LICENCES.get(package, "UNREVIEWED"),
                tuple(sorted(dests)),
                texts,
            )
        )
    return components


def _is_cpython(src: str) -> bool:
    stdlib = Path(sysconfig.get_path("platstdlib")).resolve()
    libdir = Path(str(sysconfig.get_config_var("LIBDIR") or "/nonexistent")).resolve()
    path = Path(src).resolve()
    return path.is_relative_to(stdlib) or (
        path.is_relative_to(libdir) and path.name.startswith("libpython")
    )


def _debian_version(package: str) -> str:
    if not shutil_which("dpkg-query") or package.startswith("("):
        return ""
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True, check=False
    )
    return done.stdout.strip()


def python_owned_files(top_levels: Iterable[str]) -> set[str]:
    """Bundle-relative paths of files shipped inside the bundled Python distributions."""
    provides = metadata.packages_distributions()
    owned: set[str] = set()
    for top in top_levels:
        for dist_name in provides.get(top, []):
            for file in metadata.distribution(dist_name).files or []:
                owned.add(PurePosixPath(str(file)).as_posix())
    return owned


def render(components: list[Component], app: str) -> str:
    """The notice text."""
    out = [
        f"{app}: third-party software in this build",
        "=" * 60,
        "",
        f"{app} itself is MIT-licensed (LICENSE). It ships the parts below, each",
        "under its own licence; the full texts follow the summary. Qt and PySide6",
        "(LGPL-3.0) are separate, replaceable shared libraries: see",
        "licenses/QT-LGPL-NOTICE.txt.",
        "",
        "Summary",
        "-------",
    ]
    for c in components:
        version = f" {c.version}" if c.version else ""
        out.append(f"- [{c.kind}] {c.name}{version}: {c.licence}")
    for c in components:
        version = f" {c.version}" if c.version else ""
        out += ["", "", "#" * 72, f"{c.name}{version} ({c.kind}): {c.licence}", "#" * 72]
        label = "Modules" if c.kind == "python" else "Files"
        out.append(f"{label}: {', '.join(c.files)}")
        if not c.texts:
            out.append("(no licence text found in its metadata)")
        for name, text in c.texts:
            out += ["", f"--- {name} ---", text.rstrip()]
    return "\n".join(out) + "\n"


def problems(components: list[Component]) -> list[str]:
    """Why the build may not ship: GPL-only or unreviewed parts."""
    found = []
    for c in components:
        if c.licence == "UNREVIEWED":
            found.append(
                f"{c.name} ({', '.join(c.files)}): licence not reviewed; read "
                f"/usr/share/doc/{c.name}/copyright and add it to SYSTEM_LIBRARY_LICENCES "
                "in packaging/third_party_notices.py"
            )
        elif c.gpl_only:
            found.append(f"{c.name} ({', '.join(c.files)}): GPL-only ({c.licence})")
    return found


def collect(top_levels: list[str], binaries: list[tuple[str, str]]) -> list[Component]:
    """Every third-party component of a build."""
    python = python_components(top_levels)
    owned = python_owned_files(top_levels)
    return [*python, cpython_component(), *library_components(binaries, owned)]


def write_notice(
    dist_dir: Path, app: str, top_levels: list[str], binaries: list[tuple[str, str]]
) -> list[str]:
    """Write the notice and the manifest into ``dist_dir``; return the problems found."""
    components = collect(top_levels, binaries)
    (dist_dir / NOTICE_NAME).write_text(render(components, app), encoding="utf-8")
    manifest = [
        {
            "kind": c.kind,
            "name": c.name,
            "version": c.version,
            "licence": c.licence,
            "files": list(c.files),
        }
        for c in components
    ]
    (dist_dir / "_internal").mkdir(exist_ok=True)
    (dist_dir / "_internal" / MANIFEST_NAME).write_text(
        json.dumps(manifest, indent=1), encoding="utf-8"
    )
    return problems(components)


def main(argv: list[str] | None = None) -> int:
    """``--check DIST``: fail on GPL-only or unreviewed parts of a finished build."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", type=Path, metavar="DIST", required=True)
    args = parser.parse_args(argv)
    manifest = args.check / "_internal" / MANIFEST_NAME
    if not manifest.is_file() or not (args.check / NOTICE_NAME).is_file():
        print(
            f"third_party_notices: no {NOTICE_NAME} / {manifest} in {args.check}", file=sys.stderr
        )
        return 1
    components = [
        Component(e["kind"], e["name"], e["version"], e["licence"], tuple(e["files"]), ())
        for e in json.loads(manifest.read_text(encoding="utf-8"))
    ]
    found = problems(components)
    for problem in found:
        print(f"third_party_notices: {problem}", file=sys.stderr)
    kinds = {kind: sum(c.kind == kind for c in components) for kind in ("python", "library")}
    print(
        f"third_party_notices: {kinds['python']} Python distributions, CPython, "
        f"{kinds['library']} system library packages; "
        + ("FAILED" if found else "no GPL-only or unreviewed part")
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
