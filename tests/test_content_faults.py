"""The content check catches what the app would trip on (issue 16 item 4).

A missing UI string (in both languages, so the languages still agree), a
missing or broken ``handout.yaml``, a key it lacks, a ``{placeholder}``
nothing fills, and markup: each is injected into a copy of the shipped
content and must fail ``kiosk content check`` and ``kiosk --self-test`` with
the file and the key. At run time a key that is still missing never shows
as the raw key, and markup shows as typed on every screen.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from app_helpers import run_self_test
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from yaml_writing import dump_yaml

from kiosk.cli import main
from kiosk.content import ContentError, ContentPack, ReadingLevel, load_content
from kiosk.content.cache import load_content_cached
from kiosk.handout import HandoutOptions, build_handout
from kiosk.resources import CONTENT_DIR
from kiosk.session import Session
from kiosk.ui.context import ScreenContext
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId
from kiosk.ui.strings import Strings

LANGUAGES = ("en", "es")


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def edit_yaml(path: Path, change: Callable[[dict[str, object]], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(dump_yaml(data), encoding="utf-8")


def edit_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the faults: (change to a content copy, words the one problem line must hold) ---


def ui_key_gone_in_both(folder: Path) -> None:
    for code in LANGUAGES:
        edit_yaml(folder / code / "ui.yaml", lambda d: d["result"].pop("start_over"))  # type: ignore[attr-defined]


def ui_placeholder_unknown(folder: Path) -> None:
    edit_yaml(folder / "es" / "ui.yaml", lambda d: d["result"].update(start_over="Otra vez {name}"))  # type: ignore[attr-defined]


def handout_missing(folder: Path) -> None:
    (folder / "es" / "handout.yaml").unlink()


def handout_broken(folder: Path) -> None:
    (folder / "en" / "handout.yaml").write_text("subject: [unclosed\n", encoding="utf-8")


def handout_key_gone(folder: Path) -> None:
    edit_text(folder / "en" / "handout.yaml", 'plan_heading: "My plan"\n', "")


def handout_placeholder_unknown(folder: Path) -> None:
    edit_text(folder / "es" / "handout.yaml", "Página {page}", "Página {pagina}")


def handout_brace_stray(folder: Path) -> None:
    edit_text(folder / "en" / "handout.yaml", "Printed on {date}", "Printed on {date")


def markup_in_a_question(folder: Path) -> None:
    def change(data: dict[str, object]) -> None:
        question = data["questions"][0]  # type: ignore[index]
        question["text"]["basic"] = "Is it <b>hard</b> to breathe?"

    edit_yaml(folder / "en" / "checklist.yaml", change)


def markup_in_a_heading(folder: Path) -> None:
    def change(data: dict[str, object]) -> None:
        data["sections"][1]["title"] = "How <i>common</i> is it?"  # type: ignore[index]

    edit_yaml(folder / "es" / "twitching.yaml", change)


def markup_in_the_handout(folder: Path) -> None:
    edit_text(
        folder / "en" / "handout.yaml", 'plan_heading: "My plan"', 'plan_heading: "My&nbsp;plan"'
    )


def markup_in_a_ui_string(folder: Path) -> None:
    edit_yaml(folder / "en" / "ui.yaml", lambda d: d["result"].update(start_over="<u>Again</u>"))  # type: ignore[attr-defined]


FAULTS: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "ui string missing in both languages": (
        ui_key_gone_in_both,
        ["en/ui.yaml: result.start_over: missing", "es/ui.yaml: result.start_over: missing"],
    ),
    "ui placeholder nothing fills": (
        ui_placeholder_unknown,
        ["es/ui.yaml: result.start_over: unknown placeholder {name}"],
    ),
    "handout.yaml missing": (handout_missing, ["es/handout.yaml: file is missing"]),
    "handout.yaml broken": (handout_broken, ["en/handout.yaml: line 2", "YAML syntax error"]),
    "handout key missing": (handout_key_gone, ["en/handout.yaml: plan_heading: missing"]),
    "handout placeholder nothing fills": (
        handout_placeholder_unknown,
        ["es/handout.yaml: page: unknown placeholder {pagina} (valid here: {page})"],
    ),
    "handout stray brace": (
        handout_brace_stray,
        ["en/handout.yaml: printed_on: bad {placeholder}"],
    ),
    "markup in a question": (
        markup_in_a_question,
        ["en/checklist.yaml: questions[0].text.basic: markup '<b>' is not allowed"],
    ),
    "markup in a heading": (
        markup_in_a_heading,
        ["es/twitching.yaml: sections[1].title: markup '<i>' is not allowed"],
    ),
    "markup in the handout": (
        markup_in_the_handout,
        ["en/handout.yaml: plan_heading: markup '&nbsp;' is not allowed"],
    ),
    "markup in a ui string": (
        markup_in_a_ui_string,
        ["en/ui.yaml: result.start_over: markup '<u>' is not allowed"],
    ),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_the_check_refuses_it_naming_file_and_key(
    content_copy: Path, capsys: pytest.CaptureFixture[str], fault: str
) -> None:
    make, words = FAULTS[fault]
    make(content_copy)
    code = main(["content", "check", "--content", str(content_copy)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "content check: FAILED" in err and "content check: ok" not in out
    for word in words:
        assert any(word in line for line in err.splitlines()), (word, err)
    assert "Traceback" not in err


@pytest.mark.parametrize("fault", list(FAULTS))
def test_the_app_loader_refuses_it_too(content_copy: Path, fault: str, tmp_path: Path) -> None:
    """What the app loads (through its cache) is what the check checks."""
    FAULTS[fault][0](content_copy)
    with pytest.raises(ContentError):
        load_content_cached(content_copy, tmp_path / "cache", tmp_path / "secret")


@pytest.mark.parametrize(
    "fault",
    [
        "ui string missing in both languages",
        "handout.yaml missing",
        "handout placeholder nothing fills",
        "markup in a question",
    ],
)
def test_the_self_test_refuses_it(content_copy: Path, fault: str) -> None:
    make, words = FAULTS[fault]
    make(content_copy)
    result = run_self_test(content_copy)
    assert result.returncode == 1
    assert "self-test ok" not in result.stdout
    for word in words:
        assert word in result.stderr, (word, result.stderr)
    assert "Traceback" not in result.stderr


def test_the_shipped_content_passes_the_new_rules(content: ContentPack) -> None:
    for code in LANGUAGES:
        assert content.language(code).handout is not None, "handout.yaml came with the pack"


# --- handout.yaml through the loader: --content applies to the handout wording ----------


def test_content_dir_applies_to_the_handout_wording(content_copy: Path, tmp_path: Path) -> None:
    edit_text(
        content_copy / "en" / "handout.yaml", 'plan_heading: "My plan"', 'plan_heading: "Our plan"'
    )
    for pack in (
        load_content(content_copy),
        load_content_cached(content_copy, tmp_path / "cache", tmp_path / "secret"),
        load_content_cached(content_copy, tmp_path / "cache", tmp_path / "secret"),  # the copy
    ):
        english = pack.language("en")
        assert english.handout is not None and english.handout["plan_heading"] == "Our plan"
        data = build_handout(english, pack.sources, HandoutOptions(level=ReadingLevel.BASIC))
        from test_handout import text_of

        assert "Our plan" in text_of(data) and "My plan" not in text_of(data)


def test_the_handout_command_reads_the_wording_from_content_dir(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_text(
        content_copy / "en" / "handout.yaml", 'plan_heading: "My plan"', 'plan_heading: "Our plan"'
    )
    out = tmp_path / "h.pdf"
    args = ["handout", "--level", "basic", "--content", str(content_copy), "-o", str(out)]
    assert main(args) == 0
    from test_handout import text_of

    assert "Our plan" in text_of(out.read_bytes())


# --- at run time: never a raw key, markup shown as typed ------------------------------------


def test_a_missing_key_shows_english_then_nothing_never_the_key(
    caplog: pytest.LogCaptureFixture,
) -> None:
    spanish = Strings({"nav.next": "Siguiente"}, fallback={"result.start_over": "Start again"})
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.strings"):
        assert spanish("result.start_over") == "Start again"
        assert spanish("result.start_over") == "Start again"
        assert spanish("result.nowhere") == ""
    assert spanish("nav.next") == "Siguiente"
    logged = [r.getMessage() for r in caplog.records]
    assert len(logged) == 2, "each gap is logged once"
    assert "'result.start_over' is missing; the English text shown" in logged[0]
    assert "'result.nowhere' is missing; nothing shown" in logged[1]
    assert "result.start_over" not in spanish
    assert "nav.next" in spanish


def without_ui_key(content: ContentPack, key: str, codes: tuple[str, ...]) -> ContentPack:
    languages = {
        code: dataclasses.replace(pack, ui={k: v for k, v in pack.ui.items() if k != key})
        if code in codes
        else pack
        for code, pack in content.languages.items()
    }
    return dataclasses.replace(content, languages=languages)


def result_window(qtbot: QtBot, content: ContentPack, language: str) -> MainWindow:
    window = MainWindow(ScreenContext(content=content, session=Session()))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.ctx.session.language = language
    window.show_screen(ScreenId.RESULT)
    return window


@pytest.mark.parametrize(
    ("codes", "language", "shown"),
    [
        (("es",), "es", "Start again (clears your answers)"),  # Spanish gap: the English text
        (("en", "es"), "es", ""),  # a gap in both: an empty label
        (("en", "es"), "en", ""),
    ],
)
def test_a_key_missing_at_run_time_never_reaches_a_button(
    qtbot: QtBot, content: ContentPack, codes: tuple[str, ...], language: str, shown: str
) -> None:
    window = result_window(qtbot, without_ui_key(content, "result.start_over", codes), language)
    button = window.checklist.result.start_over
    assert button.text() == shown
    assert "result.start_over" not in button.text() + button.accessibleName()


def with_markup(content: ContentPack) -> ContentPack:
    """The English pack with a tag in a question, a heading, a title and a result."""
    english = content.language("en")
    topic = english.topic
    first = topic.sections[0]
    sections = (dataclasses.replace(first, title="What <b>is</b> it?"), *topic.sections[1:])
    question = english.checklist.questions[0]
    marked = {level: f"<b>Bold</b> {text}" for level, text in question.text.items()}
    questions = (dataclasses.replace(question, text=marked), *english.checklist.questions[1:])
    checklist = dataclasses.replace(english.checklist, questions=questions)
    pack = dataclasses.replace(
        english,
        topic=dataclasses.replace(topic, title="Why do <i>muscles</i> twitch?", sections=sections),
        checklist=checklist,
    )
    return dataclasses.replace(content, languages={**content.languages, "en": pack})


def test_markup_shows_as_typed_on_every_screen(qtbot: QtBot, content: ContentPack) -> None:
    """Plain text everywhere: no label turns content into bold or italics."""
    window = MainWindow(ScreenContext(content=with_markup(content), session=Session()))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    seen: dict[str, bool] = {}
    for screen in (ScreenId.START, ScreenId.EXPLAINER, ScreenId.QUESTION):
        window.show_screen(screen)
        for widget in window.findChildren(QLabel):
            text = widget.text()
            if not text:
                continue  # a picture
            if widget.textFormat() == Qt.TextFormat.PlainText:
                for typed in ("<b>is</b>", "<i>muscles</i>", "<b>Bold</b>"):
                    if typed in text:
                        seen[typed] = True
            else:  # a label drawing its own markup (the explainer's body) escapes content
                assert widget.textFormat() == Qt.TextFormat.RichText, widget.objectName()
                assert "<b>is</b>" not in text and "<i>muscles</i>" not in text
                assert "<b>Bold</b>" not in text
    assert seen == {"<b>is</b>": True, "<i>muscles</i>": True, "<b>Bold</b>": True}
    texts = [w.text() for w in window.findChildren(QLabel) if "<b>Bold</b>" in w.text()]
    assert texts, "the question shows its tag as typed"


# --- hostile YAML in check, self-test and the app: one line, under a second and 100 MB -----

# Runs the kiosk command and prints the process's peak memory (VmHWM) at exit.
WITH_PEAK = (
    "import atexit, runpy, sys\n"
    "from pathlib import Path\n"
    "def peak():\n"
    "    status = Path('/proc/self/status').read_text()\n"
    "    kb = [line for line in status.splitlines() if line.startswith('VmHWM')][0].split()[1]\n"
    "    print('peak-kb', kb, file=sys.stderr)\n"
    "atexit.register(peak)\n"
    "sys.argv = ['kiosk', *sys.argv[1:]]\n"
    "runpy.run_module('kiosk', run_name='__main__', alter_sys=True)\n"
)
COMMANDS = {
    "check": ["content", "check"],
    "self-test": ["--self-test"],
    "app": ["--windowed"],  # the error screen, then the first-paint exit
}


def hostile_ui(kind: str) -> str:
    if kind == "billion laughs":
        from test_safe_load import billion_laughs

        return billion_laughs()
    if kind == "recursive alias":
        return "a: &loop [*loop]\n"
    return "a: [unclosed\n"  # a plain mistake: what the same command costs anyway


def run_with_peak(command: str, folder: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    import time

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_EXIT_AFTER_FIRST_PAINT="1")
    args = [sys.executable, "-c", WITH_PEAK, *COMMANDS[command], "--content", str(folder)]
    started = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    return result, time.perf_counter() - started


def peak_kb(result: subprocess.CompletedProcess[str]) -> int:
    [line] = [line for line in result.stderr.splitlines() if line.startswith("peak-kb")]
    return int(line.split()[1])


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("kind", ["billion laughs", "recursive alias"])
def test_hostile_yaml_gives_one_line_fast_and_small(
    tmp_path: Path, command: str, kind: str
) -> None:
    """Against the same command on a plain YAML mistake: at most 1 s and 100 MB more."""
    runs = {}
    for case in (kind, "plain mistake"):
        folder = tmp_path / case.replace(" ", "-")
        shutil.copytree(CONTENT_DIR, folder)
        (folder / "en" / "ui.yaml").write_text(hostile_ui(case), encoding="utf-8")
        runs[case] = run_with_peak(command, folder)
    (result, seconds), (plain, plain_seconds) = runs[kind], runs["plain mistake"]
    assert "Traceback" not in result.stderr
    expected = 0 if command == "app" else 1  # the app shows its error screen, then exits
    assert result.returncode == expected, result.stderr
    # One problem (the app prints it and logs it, both to the console).
    problems = sorted({line for line in result.stderr.splitlines() if "ui.yaml" in line})
    assert len(problems) == 1, result.stderr
    assert "line 1 column 4: YAML anchors are not allowed" in problems[0]
    assert seconds - plain_seconds < 1.0, (seconds, plain_seconds)
    assert peak_kb(result) - peak_kb(plain) < 100 * 1024, (peak_kb(result), peak_kb(plain))
