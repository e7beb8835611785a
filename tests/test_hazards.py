"""The known hazards of YAML, terminals and PyYAML's loaders (docs/research: reliability.md), one test each.

Each hazard is checked with both composers: libyaml's parser (the one in use)
and PyYAML's pure-Python one (what runs where libyaml is missing).
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
import yaml

from engine.story import yamlfile
from engine.story.controls import printable
from engine.story.load import load_story
from engine.story.yamlfile import compose_text

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = FIXTURES / "hostile"
REPO = Path(__file__).parent.parent


@pytest.fixture(params=["libyaml", "pure-python"])
def composer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test once with each parser under our composer."""
    if request.param == "pure-python":
        monkeypatch.setattr(yamlfile, "PARSER", yamlfile._PureParser)
    return request.param


def problems(text: str) -> list[tuple[str, int, int, str]]:
    node, found = compose_text(text, "f.yaml")
    assert (node is None) == bool(found)
    return [(d.code, d.line, d.column, d.message) for d in found]


def test_libyaml_is_in_use() -> None:
    """Six times faster (Y7); the pure-Python parser is the fallback, not the norm."""
    assert yamlfile.USING_LIBYAML


# --- Y3: deep nesting -----------------------------------------------------------------------------


def test_the_pure_python_loader_really_recurses_out() -> None:
    """The hazard itself: PyYAML's own SafeLoader raises RecursionError, which is not a YAMLError."""
    with pytest.raises(RecursionError):
        yaml.load("[" * 2000 + "]" * 2000, Loader=yaml.SafeLoader)


@pytest.mark.parametrize(
    "text",
    [
        "x: " + "[" * 10_000 + "]" * 10_000,
        "".join(" " * level + "a:\n" for level in range(600)) + " " * 600 + "a: end\n",
        "- " * 2000 + "end\n",
    ],
    ids=["flow-10000", "block-mapping-600", "block-sequence-2000"],
)
def test_deep_nesting_is_e021_with_either_parser(composer: str, text: str) -> None:
    [(code, line, column, message)] = problems(text)
    assert code == "E021" and message == "nesting is deeper than 50 levels"
    assert line >= 1 and column >= 1


def test_nesting_a_story_needs_is_fine(composer: str) -> None:
    assert problems("a: " + "[" * 40 + "]" * 40) == []


def test_a_whole_story_with_deep_nesting_is_refused_by_the_pure_parser(composer: str) -> None:
    result = load_story(HOSTILE / "deep-nesting")
    assert [(d.code, d.line, d.message) for d in result.diagnostics] == [
        ("E021", 23, "nesting is deeper than 50 levels")
    ]


# --- Y5: YAML 1.1 implicit types ------------------------------------------------------------------


IMPLICIT = ["No", "yes", "off", "~", "2024-01-02", "12:30", "010", "0x1F", "1_000", "1e3", "null", ".inf"]


def test_plain_scalars_stay_the_text_the_author_wrote(composer: str, tmp_path: Path) -> None:
    folder = tmp_path / "story"
    shutil.copytree(HOSTILE / "valid", folder)
    scenes = ["phase: only", "scenes:"]
    for number, word in enumerate(IMPLICIT):
        following = f"s{number + 1}" if number + 1 < len(IMPLICIT) else "the-end"
        scenes += [
            f"  - id: s{number}" if number else "  - id: first",
            f"    title: {word}",
            "    date: 1993-03-27",
            "    place: town",
            "    thread: main",
            f"    text: {word}",
            "    sources: [test-source]",
            "    choices:",
            f"      - label: {word}",
            f"        target: {following}",
        ]
    scenes += [
        "  - id: the-end",
        "    title: End",
        "    date: 1993-03-28",
        "    place: town",
        "    thread: main",
        "    text: End.",
        "    sources: [test-source]",
        "    ending: true",
    ]
    (folder / "scenes" / "01.yaml").write_text("\n".join(scenes) + "\n", encoding="utf-8")
    result = load_story(folder)
    assert result.diagnostics == []
    story = result.story
    assert story is not None
    shown = [s for s in story.scenes.values() if s.id != "the-end"]
    assert [s.title for s in shown] == IMPLICIT
    assert [s.text for s in shown] == IMPLICIT
    assert [s.choices[0].label for s in shown] == IMPLICIT


def test_typed_fields_accept_only_what_they_mean(composer: str) -> None:
    from engine.story.fields import Field, NodeReader

    node, _ = compose_text("a: yes\nb: 010\nc: true\nd: 0x1F\n", "f.yaml")
    assert node is not None and node.root is not None
    reader = NodeReader("f.yaml")
    record = reader.record(
        node.root, {"a": Field("bool"), "b": Field("float"), "c": Field("bool"), "d": Field("float")}, "test"
    )
    assert record is not None and record.values == {"b": 10.0, "c": True}
    assert [(p.code, p.line) for p in reader.problems] == [("E007", 1), ("E007", 4)]


# --- Y2: aliases and anchors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a: &a x\nb: *a\n", ("E008", 1, 4, "anchors ('&a') are not allowed; write the value out")),
        (
            "base: &base {x: 1}\nscene:\n  <<: *base\n",
            ("E008", 1, 7, "anchors ('&base') are not allowed; write the value out"),
        ),
        ("a: x\nb: *nowhere\n", ("E008", 2, 4, "aliases ('*nowhere') are not allowed; write the value out")),
        ("- &a [lol, lol]\n- [*a, *a]\n", ("E008", 1, 3, "anchors ('&a') are not allowed; write the value out")),
    ],
    ids=["anchor-alias", "merge-key", "undefined-alias", "bomb-seed"],
)
def test_aliases_and_anchors_are_refused_where_written(composer: str, text: str, expected: tuple) -> None:
    assert problems(text) == [expected]


BREAKS = {"LF": "\n", "CR": "\r", "CRLF": "\r\n", "NEL": "\x85", "LS": "\u2028", "PS": "\u2029"}
"""Every line break YAML knows: libyaml and PyYAML both break lines at each of these."""


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_an_anchor_is_refused_whatever_line_breaks_the_file_uses(composer: str, name: str) -> None:
    """A scan that knew only LF once let CR, LS and PS files past every check (review C2)."""
    text = "a:\n  &x val\nb:\n  *x\n".replace("\n", BREAKS[name])
    assert problems(text) == [("E008", 2, 3, "anchors ('&x') are not allowed; write the value out")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('m: {"k":&x v, "j":*x}\n', ("E008", 1, 9, "anchors ('&x') are not allowed; write the value out")),
        ('m: {"k": v, "j":*x}\n', ("E008", 1, 17, "aliases ('*x') are not allowed; write the value out")),
        ("m: [a,*x]\n", ("E008", 1, 7, "aliases ('*x') are not allowed; write the value out")),
    ],
    ids=["quoted-key-anchor", "quoted-key-alias", "after-comma"],
)
def test_an_anchor_or_alias_in_flow_style_is_refused_where_written(composer: str, text: str, expected: tuple) -> None:
    assert problems(text) == [expected]


@pytest.mark.parametrize("name", ["CR", "LS", "PS"])
def test_the_value_and_depth_limits_hold_whatever_line_breaks_the_file_uses(
    composer: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the limits stop a file is counted in its own line breaks.  The value limit is lowered
    here: the file that passes the real one is test_too_many_values_are_refused's."""
    monkeypatch.setattr(yamlfile, "MAX_NODES", 1000)
    many = "a: b\n".replace("\n", BREAKS[name]) * (1000 // 2 + 10)
    [(code, line, _column, message)] = problems(many)
    assert (code, line, message) == ("E003", 1000 // 2, "the file holds more than 1000 values")
    deep = "".join(" " * level + "a:\n" for level in range(600)).replace("\n", BREAKS[name])
    [(code, line, column, message)] = problems(deep + " " * 600 + "a: end\n")
    assert (code, line, column, message) == ("E021", 50, 50, "nesting is deeper than 50 levels")


@pytest.mark.parametrize(
    "text, line, column",
    [
        ('a: "\\ud800"\n', 1, 7),
        ('a: "ok \\uDFFF"\n', 1, 10),
        ('a: "x\\\n  y \\U0000d800"\n', 2, 7),
        ('a: "\\U00110000"\n', 1, 7),
    ],
    ids=["high-surrogate", "low-surrogate", "after-an-escaped-break", "past-unicode"],
)
def test_an_escape_that_names_no_character_is_e001_with_either_parser(
    composer: str, text: str, line: int, column: int
) -> None:
    """libyaml refuses these; PyYAML's own scanner made a lone surrogate (review m6) or raised ValueError."""
    assert problems(text) == [
        (
            "E001",
            line,
            column,
            "invalid YAML: while parsing a quoted scalar found invalid Unicode character escape code",
        )
    ]


def test_an_escaped_backslash_before_a_u_is_no_escape(composer: str) -> None:
    node, found = compose_text('a: "\\\\ud800"\n', "f.yaml")
    assert found == [] and node is not None and node.root is not None
    assert node.root.value[0][1].value == "\\ud800"


def test_the_alias_bomb_is_refused_before_it_grows(composer: str) -> None:
    bomb = (HOSTILE / "alias-bomb" / "scenes" / "01.yaml").read_text(encoding="utf-8")
    assert bomb.count("*a") == 8 * 9
    assert problems(bomb) == [("E008", 1, 7, "anchors ('&a0') are not allowed; write the value out")]


# --- Y4, Y1 and size ------------------------------------------------------------------------------


def test_duplicate_keys_nested_in_a_choice_are_reported() -> None:
    from engine.story.fields import Field, NodeReader

    node, _ = compose_text("choices:\n  - label: a\n    label: b\n", "f.yaml")
    assert node is not None and node.root is not None
    reader = NodeReader("f.yaml")
    reader.record(node.root, {"choices": Field("records", schema={"label": Field("line")})}, "scene")
    assert [(p.code, p.line, p.column) for p in reader.problems] == [("E004", 3, 5)]


def test_a_python_tag_is_composed_as_data_and_never_constructed(composer: str) -> None:
    node, found = compose_text('a: !!python/object/apply:os.system ["exit 3"]\n', "f.yaml")
    assert found == [] and node is not None and node.root is not None
    value = node.root.value[0][1]
    assert value.tag == "tag:yaml.org,2002:python/object/apply:os.system"
    assert [item.value for item in value.value] == ["exit 3"]


def test_too_many_values_are_refused(composer: str) -> None:
    [(code, line, _column, message)] = problems("x: [" + "a," * (yamlfile.MAX_NODES + 10) + "a]\n")
    assert (code, line, message) == ("E003", 1, f"the file holds more than {yamlfile.MAX_NODES} values")


# --- T1: escape sequences never reach the terminal ------------------------------------------------


@pytest.mark.parametrize(
    "raw, column", [("a: x\x1b]2;pwned\x07\n", 5), ("a: ok\nb: \x9b5m\n", 4), ("a: ok\nb: caf\u00e9 \x7f\n", 9)]
)
def test_raw_control_characters_in_a_file_are_e010(composer: str, raw: str, column: int) -> None:
    [(code, _line, found_column, message)] = problems(raw)
    assert code == "E010" and found_column == column and "is not allowed in a story file" in message


def test_escaped_control_characters_and_bidi_overrides_in_values_are_e010() -> None:
    from engine.story.fields import Field, NodeReader

    node, _ = compose_text('a: "\\e[5m"\nb: "\\u202Eevil"\nc: "tab\\tok"\nd: raw \u2066isolate\n', "f.yaml")
    assert node is not None and node.root is not None
    reader = NodeReader("f.yaml")
    record = reader.record(node.root, {name: Field("text") for name in "abcd"}, "test")
    assert record is not None and record.values == {"c": "tab\tok"}
    assert [(p.code, p.line) for p in reader.problems] == [("E010", 1), ("E010", 2), ("E010", 4)]


def test_printable_makes_control_characters_visible() -> None:
    assert printable("a\x1b]2;x\x07b\x9b\u202ec\td") == "a\\x1b]2;x\\x07b\\x9b\\u202ec\td"


def run_in_pty(*args: str, stdin: str, cwd: Path, **environ: str) -> tuple[int, bytes]:
    """``python -m engine ARGS`` on a real 80x24 pseudo-terminal; every byte it wrote to the terminal."""
    main, child_end = pty.openpty()
    fcntl.ioctl(child_end, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = dict(os.environ, PYTHONPATH=str(REPO), TERM="xterm-256color", **environ)
    child = subprocess.Popen(
        [sys.executable, "-m", "engine", *args],
        stdin=child_end,
        stdout=child_end,
        stderr=child_end,
        cwd=cwd,
        env=env,
        close_fds=True,
    )
    os.close(child_end)
    os.write(main, stdin.encode())
    output = bytearray()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
        elif child.poll() is not None:
            break
    os.close(main)
    return child.wait(timeout=30), bytes(output)


ESCAPE_BYTES = (b"\x1b", b"\x07", b"\xc2\x9b", b"\x9b")
_OWN_STYLE = re.compile(rb"\x1b\[[012]m")
"""The plain reader's own bold, dim and reset; any other escape would have come from the story."""


def foreign_escapes(output: bytes) -> list[bytes]:
    rest = _OWN_STYLE.sub(b"", output)
    return [marker for marker in ESCAPE_BYTES if marker in rest]


def test_a_story_with_escape_sequences_is_refused_and_none_reach_the_terminal(tmp_path: Path) -> None:
    status, output = run_in_pty(
        "--plain", "--new", "--story", str((HOSTILE / "escapes").resolve()), stdin="q\n", cwd=tmp_path
    )
    assert status == 1
    assert b"U+001B" in output and b"[E010]" in output
    assert foreign_escapes(output) == [], output


@pytest.mark.parametrize("colour", ["colour", "NO_COLOR"])
def test_the_plain_reader_shows_markup_literally_on_a_terminal(tmp_path: Path, colour: str) -> None:
    environ = {"NO_COLOR": "1"} if colour == "NO_COLOR" else {}
    status, output = run_in_pty(
        "--plain",
        "--new",
        "--story",
        str((HOSTILE / "markup-brackets").resolve()),
        stdin="1\nq\n",
        cwd=tmp_path,
        **environ,
    )
    assert status == 0
    text = b" ".join(output.split())
    assert b"[bold]here[/] and [/] closes nothing;" in text
    assert b"[@click=app.quit]click me[/]" in text and b"[b]Not bold[/b]" in text
    assert b"The reading ends here." in text  # the injected [@click=app.quit] did not quit anything
    assert foreign_escapes(output) == [], output
    if environ:
        assert b"\x1b" not in output
