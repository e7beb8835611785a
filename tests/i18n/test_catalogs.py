"""The interface's catalogs: compiled as their sources say, holding every message the engine says."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import engine.i18n as i18n
from engine.i18n import CATALOGS, _, choose_language, ngettext, pgettext, system_language, use_language
from engine.story.model import StoryDate

ROOT = Path(__file__).parents[2]
SOURCES = sorted(CATALOGS.glob("*/LC_MESSAGES/kalbajar.po"))


def messages_in_the_code() -> set[tuple[str | None, str]]:
    """(context, message) of every string the engine marks for translation, as Babel extracts them."""
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT / "engine"), method_map=[("**.py", "python")]
    ):
        found.add((context, message if isinstance(message, str) else message[0]))
    return found


def catalog_messages(path: Path) -> set[tuple[str | None, str]]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}


def test_ru_az_and_hy_are_shipped() -> None:
    assert {p.parts[-3] for p in SOURCES} == {"ru", "az", "hy"}
    assert i18n.interface_languages() == ("en", "az", "hy", "ru")


@pytest.mark.parametrize("po", SOURCES, ids=lambda p: p.parts[-3])
def test_each_compiled_catalog_is_its_source_compiled(po: Path) -> None:
    """The .mo files are committed: compiling the .po again must give the very same bytes."""
    with po.open("rb") as handle:
        catalog = read_po(handle)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    assert po.with_suffix(".mo").read_bytes() == compiled.getvalue(), (
        "run: uv run --dev pybabel compile -d engine/i18n/locales -D kalbajar"
    )


def test_the_template_holds_every_message_of_the_engine() -> None:
    assert catalog_messages(CATALOGS / "kalbajar.pot") == messages_in_the_code(), (
        "extract and update the catalogs (docs/translating.md)"
    )


@pytest.mark.parametrize("po", SOURCES, ids=lambda p: p.parts[-3])
def test_each_catalog_has_every_message_of_the_template(po: Path) -> None:
    assert catalog_messages(po) == catalog_messages(CATALOGS / "kalbajar.pot")


def test_english_needs_no_catalog() -> None:
    assert _("Sources:") == "Sources:"
    assert ngettext("{n} problem", "{n} problems", 2) == "{n} problems"
    assert pgettext("beside a quotation", "[translation: {words}]") == "[translation: {words}]"


def test_a_language_speaks_from_its_catalog_and_english_where_it_has_no_translation() -> None:
    use_language("ru")
    assert pgettext("beside a quotation", "[translation: {words}]") == "[перевод: {words}]"
    assert _("Sources:") == "Источники:"
    absent = "A sentence no catalog holds."
    assert _(absent) == absent  # not translated: English, never an empty string
    use_language("xx")  # no catalog at all
    assert pgettext("beside a quotation", "[translation: {words}]") == "[translation: {words}]"


def test_a_language_code_is_never_a_path() -> None:
    use_language("../../etc")
    assert i18n.current_language() == "en"


def test_dates_are_written_in_the_language() -> None:
    dates = [StoryDate.parse(t) for t in ("1993-04-01", "1993-03", "~1993-03", "1993-03-30/1993-04-01", "1993")]
    assert [d.label() for d in dates] == [
        "1 April 1993",
        "March 1993",
        "c. March 1993",
        "30 March – 1 April 1993",
        "1993",
    ]
    use_language("ru")
    assert [d.label() for d in dates] == [
        "1 апреля 1993",
        "март 1993",
        "март 1993 (прибл.)",
        "30 марта – 1 апреля 1993",
        "1993",
    ]


@pytest.mark.parametrize(
    ("environ", "wished"),
    [
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LANGUAGE": "hy:en", "LANG": "ru_RU.UTF-8"}, "hy"),
        ({"LC_ALL": "az_AZ.UTF-8", "LANG": "ru_RU.UTF-8"}, "az"),
        ({"LC_MESSAGES": "ru_RU", "LANG": "en_GB.UTF-8"}, "ru"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "POSIX"}, None),
        ({}, None),
    ],
)
def test_the_system_language_is_read_as_gettext_reads_it(environ: dict[str, str], wished: str | None) -> None:
    assert system_language(environ) == wished


def test_the_system_language_is_used_only_where_the_story_has_it() -> None:
    assert choose_language(None, ("en", "ru"), {"LANG": "ru_RU.UTF-8"}) == "ru"
    assert choose_language(None, ("en",), {"LANG": "ru_RU.UTF-8"}) == "en"
    assert choose_language("ru", ("en", "ru"), {"LANG": "hy_AM.UTF-8"}) == "ru"


def test_english_reads_no_catalog() -> None:
    """Start-up is a budget: in English, the interface's words cost no file read."""
    code = (
        "import engine.i18n as i\n"
        "from engine.story.model import StoryDate\n"
        "i._('Sources:'); StoryDate.parse('1993-04-01').label()\n"
        "print(len(i._translations))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "0"
