"""The shipped Spanish content: it mirrors the English and keeps its safety messages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from kiosk.cli import main
from kiosk.content import ContentPack, ReadingLevel
from kiosk.content.models import LanguagePack, Tier
from kiosk.content.readability import measure
from kiosk.resources import CONTENT_DIR, ROOT

LEVELS = list(ReadingLevel)
PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")
FONT_DIR = ROOT / "assets" / "fonts"
# UI icon glyphs that the English strings use as well; Qt draws them from a
# system font when the bundled one lacks them. Letters never go in this set.
ICON_GLYPHS = {"◐"}
# Words spelt the same in both languages.
SAME_IN_BOTH = {"normal"}


def _es(content: ContentPack) -> LanguagePack:
    return content.language("es")


def _en(content: ContentPack) -> LanguagePack:
    return content.language("en")


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


def _level_text(pack: LanguagePack, level: ReadingLevel) -> str:
    return _plain(" ".join(pack.topic.body_text(level)))


def _yaml(language: str, name: str) -> Any:
    return yaml.safe_load((CONTENT_DIR / language / name).read_text(encoding="utf-8"))


def _flatten(node: Any, prefix: str = "") -> dict[str, Any]:
    """Dotted key paths to leaf values; list items are keyed by their index."""
    if isinstance(node, dict):
        items: Iterator[tuple[Any, Any]] = iter(node.items())
    elif isinstance(node, list):
        items = iter(enumerate(node))
    else:
        return {prefix: node}
    out: dict[str, Any] = {}
    for key, value in items:
        out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    return out


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _paired_strings(content: ContentPack) -> Iterator[tuple[str, str, str]]:
    """(where, English, Spanish) for every string the two languages share a slot for."""
    en, es = _en(content), _es(content)
    yield "title", en.topic.title, es.topic.title
    yield "subtitle", en.topic.subtitle, es.topic.subtitle
    for en_s, es_s in zip(en.topic.sections, es.topic.sections, strict=True):
        yield f"{en_s.id}.title", en_s.title, es_s.title
        for level in LEVELS:
            yield f"{en_s.id}.{level}", en_s.levels[level], es_s.levels[level]
    for en_q, es_q in zip(en.checklist.questions, es.checklist.questions, strict=True):
        for level in LEVELS:
            yield f"{en_q.id}.text.{level}", en_q.text[level], es_q.text[level]
            if level in en_q.hint:
                yield f"{en_q.id}.hint.{level}", en_q.hint[level], es_q.hint[level]
            for i, (en_p, es_p) in enumerate(
                zip(en_q.parts_at(level), es_q.parts_at(level), strict=True)
            ):
                yield f"{en_q.id}.parts.{level}[{i}]", en_p, es_p
    for level in LEVELS:
        en_signs, es_signs = en.checklist.get_help_now(level), es.checklist.get_help_now(level)
        for en_sign, es_sign in zip(en_signs, es_signs, strict=True):
            yield f"get_help_now.{en_sign.id}.{level}", en_sign.text, es_sign.text
    for tier, en_r in en.checklist.results.items():
        es_r = es.checklist.results[tier]
        for field in ("title", "message", "action", "come_back", "how", "how_no_phone"):
            yield f"results.{tier}.{field}", getattr(en_r, field), getattr(es_r, field)
    for key, text in en.ui.items():
        yield f"ui.{key}", text, es.ui[key]


# -- structure mirrors the English ------------------------------------------------


def test_spanish_is_registered(content: ContentPack) -> None:
    assert _es(content).name == "Español"
    assert _es(content).topic.language == "es"


def test_same_sections_and_sources_in_the_same_order(content: ContentPack) -> None:
    """The same sources at every level, with MLP-ES cited beside MLP in Spanish."""
    en, es = _en(content).topic, _es(content).topic
    assert [s.id for s in es.sections] == [s.id for s in en.sections]
    for en_s, es_s in zip(en.sections, es.sections, strict=True):
        for level in LEVELS:
            es_ids = es_s.sources_at(level)
            assert [i for i in es_ids if i != "MLP-ES"] == list(en_s.sources_at(level)), en_s.id
            assert ("MLP" in es_ids) == ("MLP-ES" in es_ids), en_s.id
    assert (es.id, es.version, es.reviewed) == (en.id, en.version, en.reviewed)


def test_same_questions_and_tiers_in_the_same_order(content: ContentPack) -> None:
    en, es = _en(content).checklist, _es(content).checklist
    assert [(q.id, q.tier) for q in es.questions] == [(q.id, q.tier) for q in en.questions]
    for en_q, es_q in zip(en.questions, es.questions, strict=True):
        assert set(es_q.hint) == set(en_q.hint), en_q.id


def test_same_result_tiers_with_a_come_back_where_english_has_one(
    content: ContentPack,
) -> None:
    en, es = _en(content).checklist.results, _es(content).checklist.results
    assert set(es) == set(en) == set(Tier)
    for tier, text in en.items():
        assert bool(es[tier].come_back) == bool(text.come_back), tier


def test_same_ui_keys(content: ContentPack) -> None:
    assert set(_es(content).ui) == set(_en(content).ui)


def test_same_handout_keys() -> None:
    if not (CONTENT_DIR / "en" / "handout.yaml").exists():
        pytest.skip("no English handout.yaml to mirror")
    en = _flatten(_yaml("en", "handout.yaml"))
    es = _flatten(_yaml("es", "handout.yaml"))
    assert set(es) == set(en)


def test_spanish_handout_text_loads_and_writes_spanish_dates() -> None:
    if not (CONTENT_DIR / "es" / "handout.yaml").exists():
        pytest.skip("no Spanish handout.yaml")
    from kiosk.handout.text import load_handout_text

    text = load_handout_text("es")
    assert text.date(dt.date(2026, 11, 25)) == "25 de noviembre de 2026"
    assert text.months[0] == "enero"


def test_every_english_placeholder_is_in_the_spanish(content: ContentPack) -> None:
    for where, english, spanish in _paired_strings(content):
        assert _placeholders(spanish) == _placeholders(english), where


def test_every_english_handout_placeholder_is_in_the_spanish() -> None:
    if not (CONTENT_DIR / "es" / "handout.yaml").exists():
        pytest.skip("no Spanish handout.yaml")
    en = _flatten(_yaml("en", "handout.yaml"))
    es = _flatten(_yaml("es", "handout.yaml"))
    for key, text in en.items():
        if isinstance(text, str):
            assert _placeholders(str(es.get(key, ""))) == _placeholders(text), key


def test_emergency_result_names_the_emergency_number(content: ContentPack) -> None:
    assert "{emergency_number}" in _es(content).checklist.results[Tier.EMERGENCY].message


def test_spanish_strings_are_translated(content: ContentPack) -> None:
    same = [
        where
        for where, english, spanish in _paired_strings(content)
        if english == spanish and len(english) > 3 and english not in SAME_IN_BOTH
    ]
    assert same == []


# -- reading level and safety messages ------------------------------------------


def test_basic_scores_fernandez_huerta_70_or_more(content: ContentPack) -> None:
    score = measure(_es(content).topic, ReadingLevel.BASIC)
    assert score.fernandez_huerta is not None and score.fernandez_huerta >= 70.0
    assert score.misses() == []


def test_detailed_says_more_than_basic(content: ContentPack) -> None:
    topic = _es(content).topic
    assert measure(topic, ReadingLevel.DETAILED).words > measure(topic, ReadingLevel.BASIC).words


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize(
    "phrase",
    [
        "no deje de tomar",  # do not stop a prescribed medicine on your own
        "farmacéutico",  # ... ask your doctor or pharmacist
        "recetad",  # ... a *prescribed* medicine
        "en la recepción",  # get help now at the clinic: tell the front desk
        "llame al {emergency_number}",  # ... or call the clinic's emergency number
        "derrame cerebral",  # stroke signs
        "más de 2 semanas",  # see a doctor when it lasts over 2 weeks
        "1 a 3 días",  # sooner with weakness
    ],
)
def test_every_level_carries_the_safety_messages(
    content: ContentPack, level: ReadingLevel, phrase: str
) -> None:
    assert phrase in _level_text(_es(content), level)


@pytest.mark.parametrize("level", [ReadingLevel.BASIC, ReadingLevel.STANDARD])
@pytest.mark.parametrize(
    "word",
    [
        "ciclobenzaprina",
        "benzodiacepina",
        "benzodiazepina",
        "esclerosis múltiple",
        "lgi1",
        "caspr2",
        "isaacs",
    ],
)
def test_basic_and_standard_avoid_words(
    content: ContentPack, level: ReadingLevel, word: str
) -> None:
    assert word not in _level_text(_es(content), level)


def test_no_level_mentions_multiple_sclerosis_or_names_twitch_drugs(
    content: ContentPack,
) -> None:
    for level in LEVELS:
        text = _level_text(_es(content), level)
        for word in ("esclerosis múltiple", "ciclobenzaprina", "benzodiacepina"):
            assert word not in text, (level, word)


@pytest.mark.parametrize("term", ["fasciculación", "electrolitos", "emg", "ela", "lgi1", "isaacs"])
def test_detailed_names_the_medical_terms(content: ContentPack, term: str) -> None:
    assert re.search(rf"\b{re.escape(term)}", _level_text(_es(content), ReadingLevel.DETAILED))


def test_basic_defines_the_word_for_a_twitch(content: ContentPack) -> None:
    """Basic leads with the patients' word, the medical one beside it (issue 13, item 6)."""
    first = _plain(_es(content).topic.sections[0].levels[ReadingLevel.BASIC])
    assert first.startswith("un brinco (o salto) del músculo es")
    assert "contracción involuntaria" in first
    assert "calambre" in first  # a cramp is told apart from a twitch
    assert "fasciculaci" not in _level_text(_es(content), ReadingLevel.BASIC)


def _all_spanish_text(content: ContentPack) -> str:
    return _plain(" ".join(spanish for _, _, spanish in _paired_strings(content)))


@pytest.mark.parametrize(
    "wrong",
    [
        "recetada por su cuenta",  # read as "prescribed by yourself"
        "recetado por su cuenta",
        "retener los líquidos",  # fluid retention (swelling) to many readers
        "se encog",  # muscle wasting / tetany
        "como garras.",
        "no se preocupe: eso",  # dismissive
        "es muy débil para mover",  # a calque
        "que usted no decidió",
        "no tomar o no comer",  # "tomar" alone is alcohol
        "vaya al médico antes,",
        "no siente bien una parte",
        "confusión nueva",
        " tras ",
        "heces",
        "un leve temblor",
        "le sale líquido",
        "fasciculación benigna",
        "no es una emergencia",
        "no hay prisa",
    ],
)
def test_translator_corrections_leave_none_of_the_old_wording(
    content: ContentPack, wrong: str
) -> None:
    assert wrong not in _all_spanish_text(content)


@pytest.mark.parametrize(
    "right",
    [
        "convulsión (ataque epiléptico)",
        "no deje de tomar por su cuenta ninguna medicina que le haya recetado el médico",
        "vomita todo lo que toma",
        "se le engarrotan las manos (se ponen tiesas, como garras)",
        "trate de no preocuparse. la preocupación puede empeorar",
        "es tan leve que no mueve el brazo ni la pierna",
        "sin que usted lo quiera",
        "no tomar suficiente agua o no comer lo suficiente",
        "vaya al médico más pronto, en 1 a 3 días",
        "siente dormida (adormecida) una parte del cuerpo",
        "confusión que antes no tenía",
        "derrame cerebral (embolia)",
        "evacuaciones (popó) aguadas",
        "un brinquito",
        "(el chamorro)",
        "algunos refrescos (sodas)",
        "le sale pus o lagaña (secreción)",
        "síndrome de fasciculaciones benignas",
        "tic o brinco del párpado",
        "el párpado de arriba se le cae",
    ],
)
def test_translator_corrections_are_in(content: ContentPack, right: str) -> None:
    assert right in _all_spanish_text(content)


def test_ataque_is_never_alone(content: ContentPack) -> None:
    text = _all_spanish_text(content)
    for match in re.finditer(r"ataque", text):
        around = text[max(0, match.start() - 12) : match.end() + 12]
        assert "ataque epiléptico" in around or "ataque de pánico" in around, around


# -- the command line in Spanish --------------------------------------------------


def test_content_text_prints_spanish_lines(
    content: ContentPack, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content", "text", "--level", "basic", "--lang", "es"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == _es(content).topic.body_text(ReadingLevel.BASIC)
    assert lines[0].startswith("Un brinco (o salto) del músculo")
    assert not set(lines) & set(_en(content).topic.body_text(ReadingLevel.BASIC))


def test_triage_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["triage", "--lang", "es", "--answer", "breathing=yes"])
    out = capsys.readouterr().out
    assert code == 0
    assert "tier: emergency" in out
    assert "Pida ayuda ahora" in out
    assert "llame al 911" in out
    assert "{emergency_number}" not in out


def test_triage_in_spanish_with_another_emergency_number(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        ["triage", "--lang", "es", "--answer", "stroke_signs=unsure", "--emergency-number", "112"]
    )
    assert code == 0
    assert "llame al 112" in capsys.readouterr().out


def test_triage_in_spanish_self_care(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage", "--lang", "es"]) == 0
    out = capsys.readouterr().out
    assert "tier: self_care" in out
    assert "Cuidados en casa" in out


# -- the bundled font draws every character -----------------------------------------


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _characters(language: str) -> set[str]:
    chars: set[str] = set()
    for path in sorted((CONTENT_DIR / language).glob("*.yaml")):
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            chars.update(c for c in text if not c.isspace())
    return chars


def _fonts() -> list[Path]:
    return sorted(FONT_DIR.glob("*.ttf"))


def test_spanish_uses_the_accented_letters() -> None:
    assert set("áéíóúñ¿") <= _characters("es")


@pytest.mark.parametrize("font", _fonts() or [None], ids=lambda p: p.name if p else "none")
def test_bundled_font_draws_every_spanish_character(font: Path | None) -> None:
    if font is None:
        pytest.skip("no font bundled under assets/fonts/")
    from reportlab.pdfbase.ttfonts import TTFont

    cmap = TTFont("spanish-check", str(font)).face.charToGlyph
    excused = ICON_GLYPHS & _characters("en")  # only icons the English shares
    needed = (_characters("es") | set("áéíóúñüÁÉÍÓÚÑÜ¿¡")) - excused
    missing = sorted(c for c in needed if ord(c) not in cmap)
    assert missing == []
