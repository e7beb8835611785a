"""Seeded fuzzing of the loader, the linter, saves and the plain reader: the same cases on every run.

Hypothesis runs derandomized (its seed is fixed by the test's name), with no
example database, so CI sees exactly the cases a developer sees; the whole
module takes well under a minute.  Whatever it ever finds is kept in
tests/fixtures/fuzz/ and replayed by the ``..._kept_cases`` tests below, so a
fixed failure stays fixed even if the generators change.

The properties:

* YAML: libyaml and the pure-Python parser compose every document alike, and
  the first thing refused is the one the document's own tree says (an
  anchor or alias, the value past the limit, the level past the limit),
  whatever line breaks and flow style it is written in;
* the loader and the linter: a mutated story never raises, every diagnostic
  is well formed, and a story that passes is read by the plain reader;
* the linter's path check agrees with a plain reference walk (sets of names);
* saves: any payload, sealed or not, is restored or set aside without a
  crash, and what is restored names only the story's scenes and labels;
* the plain reader: any line typed is answered, and no control character or
  lone surrogate reaches its output.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import tempfile
from collections import deque
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml_documents import Document, documents

from engine.plain import run_plain
from engine.reading.saves import SaveStore, envelope
from engine.story import lint as lint_module
from engine.story import yamlfile
from engine.story.controls import UNSAFE
from engine.story.diagnostics import CODES
from engine.story.lint import lint, load_checked
from engine.story.load import load_story
from engine.story.model import Story
from engine.story.yamlfile import compose_text

FIXTURES = Path(__file__).parents[1] / "fixtures"
KEPT = FIXTURES / "fuzz"
HOSTILE_VALID = FIXTURES / "hostile" / "valid"
EXAMPLE = FIXTURES / "stories" / "example"

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

SMALL_NODES, SMALL_DEPTH = 20, 4
"""The composer's limits while fuzzing, so that small documents cross them."""


# --- YAML -----------------------------------------------------------------------------------------


def composed_with(parser: type, text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, list[tuple]]:
    """What compose_text gives with ``parser``: the tree as plain data, and the diagnostics."""
    with monkeypatch.context() as patch:
        patch.setattr(yamlfile, "PARSER", parser)
        patch.setattr(yamlfile, "MAX_NODES", SMALL_NODES)
        patch.setattr(yamlfile, "MAX_DEPTH", SMALL_DEPTH)
        found, problems = compose_text(text, "f.yaml")
    tree = None if found is None or found.root is None else _plain(found.root)
    return tree, [(d.code, d.line, d.column, d.message) for d in problems]


def _plain(node: Node) -> object:
    where = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, ScalarNode):
        return (node.tag, node.value, where)
    if isinstance(node, MappingNode):
        return (node.tag, [(_plain(k), _plain(v)) for k, v in node.value], where)
    return (node.tag, [_plain(item) for item in node.value], where)


def check_yaml(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, list[tuple]]:
    """The two parsers agree on ``text``, and nothing escapes as an exception."""
    fast = composed_with(yamlfile.PARSER, text, monkeypatch)
    pure = composed_with(yamlfile._PureParser, text, monkeypatch)
    assert fast == pure
    tree, problems = fast
    assert (tree is None) or not problems
    for code, line, column, message in problems:
        assert code in CODES and line >= 1 and column >= 1 and not UNSAFE.search(message)
    return fast


@settings(FUZZ, max_examples=200)
@given(document=documents())
def test_fuzz_the_composer_refuses_what_the_document_holds_with_either_parser(
    document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, problems = check_yaml(document.text, monkeypatch)
    expected = document.first_refusal(SMALL_NODES, SMALL_DEPTH)
    if expected is not None:
        assert [code for code, *_ in problems][:1] == ([expected] if expected else [])


@pytest.mark.parametrize("case", sorted(p.name for p in (KEPT / "yaml").glob("*.yaml")))
def test_fuzz_kept_yaml_cases(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    check_yaml((KEPT / "yaml" / case).read_bytes().decode("utf-8"), monkeypatch)


# --- the loader and the linter, on mutated stories ------------------------------------------------

MUTATIONS = (
    "&a ",
    "*a",
    "<<: *a",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "\t",
    "\r",
    "\u2028",
    "\x85",
    '"',
    "'",
    "\\ud800",
    '"\\ud800"',
    "!!python/object/apply:os.system [x]",
    "\x1b[31m",
    "\u202e",
    "#",
    "\n  ",
    "target: nowhere",
    "if: {flag: warned}",
    "ending: true",
    "flashback: true",
    "date: 1993-02-30",
    "\xff",
    "\ufeff",
    "x" * 300,
    "../",
    "sets: [warned]",
)


def mutated_story(tmp: Path, rng: random.Random, base: Path) -> Path:
    folder = tmp / "story"
    shutil.copytree(base, folder)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for _ in range(rng.randint(1, 4)):
        path = rng.choice(files)
        data = path.read_bytes()
        at = rng.randrange(len(data) + 1)
        cut = rng.choice((0, 0, 1, rng.randint(0, 40)))
        insert = rng.choice(MUTATIONS).encode("utf-8", "surrogatepass") if rng.random() < 0.9 else b""
        path.write_bytes(data[:at] + insert + data[at + cut :])
    return folder


@settings(FUZZ, max_examples=120)
@given(seed=st.integers(0, 2**32 - 1), base=st.sampled_from([HOSTILE_VALID, EXAMPLE]))
def test_fuzz_a_mutated_story_gets_diagnostics_never_a_crash(seed: int, base: Path) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = mutated_story(Path(tmp), rng, base)
        report = lint(load_story(folder))
        for d in report.diagnostics:
            assert d.code in CODES and d.line >= 1 and d.column >= 1
            assert not UNSAFE.search(d.message + d.hint + d.file)
        story, errors = load_checked(folder)
        assert (story is None) == bool(errors)
        if story is not None:
            out = io.StringIO()
            commands = "".join(
                rng.choice(("1\n", "2\n", "b\n", "f\n", "t\n", "s\n", "p\n", "g\n", "p 1\n", "c\n")) for _ in range(12)
            )
            assert run_plain(story, Path(tmp) / "state", fresh=True, stdin=io.StringIO(commands), stdout=out) == 0
            assert not UNSAFE.search(out.getvalue())


# --- the path check against a reference walk ------------------------------------------------------


def reference_walk(story: Story) -> tuple[set[str], set[str], set[tuple[str, int]], bool]:
    """The path check as first written, with a set of names per state: what was reached, the dead ends,
    the choices that go back in time, and whether it stopped at the state limit."""
    conditions = [c.condition for s in story.scenes.values() for c in s.choices if c.condition]
    watched_scenes = {n for c in conditions for n in (*c.visited, *c.not_visited)}
    watched_flags = {n for c in conditions for n in (*c.flag, *c.not_flag)}

    def enter(scene_id: str, visited: frozenset, flags: frozenset, present: date) -> tuple:
        scene = story.scenes[scene_id]
        if scene_id in watched_scenes:
            visited = visited | {scene_id}
        flags = flags | watched_flags.intersection(scene.sets)
        return (scene_id, visited, flags, present if scene.flashback else max(present, scene.date.start))

    first = enter(story.start, frozenset(), frozenset(), story.scenes[story.start].date.start)
    states, edges, queue = {first}, {}, deque([first])
    dead, backwards = set(), set()
    while queue:
        state = queue.popleft()
        scene_id, visited, flags, present = state
        scene = story.scenes[scene_id]
        following = []
        for index, choice in enumerate(scene.choices):
            target = story.scenes.get(choice.target)
            if target is None or not choice.available(visited, flags):
                continue
            if not target.flashback and target.date.end < present:
                backwards.add((scene_id, index))
            nxt = enter(target.id, visited, flags, present)
            following.append(nxt)
            if nxt not in states:
                if len(states) >= lint_module.MAX_STATES:
                    return {s[0] for s in states}, dead, backwards, True
                states.add(nxt)
                queue.append(nxt)
        edges[state] = following
        if not following and not scene.ending:
            dead.add(scene_id)
    good = {s for s in states if story.scenes[s[0]].ending}
    changed = True
    while changed:
        changed = False
        for state, following in edges.items():
            if state not in good and any(n in good for n in following):
                good.add(state)
                changed = True
    dead |= {s[0] for s in states - good}
    return {s[0] for s in states}, dead, backwards, False


@st.composite
def story_graphs(draw: st.DrawFn) -> str:
    """A scene file of up to 12 scenes with random choices, conditions, flags, dates and flashbacks."""
    count = draw(st.integers(2, 12))
    ids = ["first", *(f"s{n}" for n in range(1, count))]
    flags = ["red", "blue", "green"]
    out = ["phase: only", "scenes:"]
    for scene_id in ids:
        day = draw(st.sampled_from(["1993-03-27", "1993-03-28", "1993-03", "1993-03-29", "1993-04-02", "1993"]))
        out += [
            f"  - id: {scene_id}",
            f"    title: {scene_id}",
            f"    date: {day}",
            "    place: town",
            "    thread: main",
            "    text: Text.",
            "    sources: [test-source]",
        ]
        if draw(st.integers(0, 5)) == 0:
            out.append("    flashback: true")
        sets = draw(st.lists(st.sampled_from(flags), max_size=2, unique=True))
        if sets:
            out.append(f"    sets: [{', '.join(sets)}]")
        choices = draw(st.lists(st.sampled_from(ids), max_size=3))
        if not choices or draw(st.integers(0, 4)) == 0:
            out.append("    ending: true")
            continue
        out.append("    choices:")
        for n, target in enumerate(choices):
            out += [f"      - label: To {target} {n}", f"        target: {target}"]
            kind = draw(st.sampled_from(["", "", "visited", "not_visited", "flag", "not_flag"]))
            if kind:
                name = draw(st.sampled_from(ids if "visited" in kind else flags))
                out.append(f"        if: {{{kind}: {name}}}")
    return "\n".join(out) + "\n"


@settings(FUZZ, max_examples=150)
@given(scenes=story_graphs(), limit=st.sampled_from([400_000, 5]))
def test_fuzz_the_path_check_agrees_with_a_reference_walk(
    scenes: str, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lint_module, "MAX_STATES", limit)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "story"
        shutil.copytree(HOSTILE_VALID, folder)
        (folder / "scenes" / "01.yaml").write_text(scenes, encoding="utf-8")
        result = load_story(folder)
    assert result.story is not None and not result.diagnostics, result.diagnostics
    walk = lint_module._StateWalk(result.story)
    walk.explore()
    reached, dead, backwards, overflow = reference_walk(result.story)
    assert walk.overflow == overflow
    assert walk.reached == reached
    assert set(walk.backwards) == backwards
    if not overflow:
        assert set(walk.dead_ends) == dead


# --- saves ----------------------------------------------------------------------------------------

_TEXT = st.text(st.sampled_from("ab-\x1b\x07\x9b\u202e\ud800 é[]"), max_size=8)
_SCENE = st.sampled_from(["overview", "evacuation", "embankment", "breakthrough", "the-end"]) | _TEXT
_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 10**30) | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=6,
)
_MOMENT = (
    st.fixed_dictionaries(
        {
            "scene": _SCENE,
            "choice": st.none()
            | _TEXT
            | st.sampled_from(["Follow the column", "No: stay with the people leaving", "Go on to 28 March"]),
        }
    )
    | _VALUE
)
_PAYLOAD = st.fixed_dictionaries(
    {
        "version": st.sampled_from([1, 1, 1, 2, True, "1"]),
        "story": st.sampled_from(["example", "example", "other"]),
        "moments": st.lists(_MOMENT, max_size=6) | _VALUE,
        "index": st.integers(-2, 8) | _VALUE,
        "seen": st.lists(_TEXT, max_size=3) | _VALUE,
    }
)


def sealed(payload: dict, story: Story) -> dict:
    """The payload in its envelope; one holding a lone surrogate cannot be checksummed, so its seal is wrong."""
    try:
        return envelope(payload, story)
    except UnicodeEncodeError:
        return {**envelope({}, story), "payload": payload}


def check_restore(story: Story, directory: Path, raw: bytes) -> None:
    store = SaveStore(directory, story)
    directory.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(raw)
    restored = store.restore()
    for message in restored.messages:
        assert not UNSAFE.search(message) and not any("\ud800" <= ch <= "\udfff" for ch in message)
    if restored.moved_to is not None:
        assert restored.moved_to.read_bytes() == raw
    if restored.session is not None:
        labels = {c.label for s in story.scenes.values() for c in s.choices}
        for moment in restored.session.moments:
            assert moment.scene in story.scenes and (moment.choice is None or moment.choice in labels)
        assert 0 <= restored.session.index < len(restored.session.moments)
        store.write(restored.session)


@settings(FUZZ, max_examples=150)
@given(
    payload=_PAYLOAD,
    damage=st.sampled_from(["sealed", "sealed", "cut", "flipped", "bare"]),
    where=st.integers(0, 10**6),
)
def test_fuzz_any_save_is_restored_or_set_aside_never_a_crash(
    payload: dict, damage: str, where: int, example_story: Story
) -> None:
    text = json.dumps(sealed(payload, example_story) if damage != "bare" else payload, ensure_ascii=False)
    raw = text.encode("utf-8", "surrogatepass")
    if damage == "cut":
        raw = raw[: where % (len(raw) + 1)]
    elif damage == "flipped":
        at = where % len(raw)
        raw = raw[:at] + bytes([raw[at] ^ 0x5A]) + raw[at + 1 :]
    with tempfile.TemporaryDirectory() as tmp:
        check_restore(example_story, Path(tmp) / "state", raw)


@pytest.mark.parametrize("case", sorted(p.name for p in (KEPT / "saves").glob("*.json")))
def test_fuzz_kept_save_cases(case: str, tmp_path: Path, example_story: Story) -> None:
    check_restore(example_story, tmp_path / "state", (KEPT / "saves" / case).read_bytes())


# --- the plain reader -----------------------------------------------------------------------------

_TYPED = st.text(
    st.sampled_from("0123456789 -+pgbfqtshc²٣１\x1b\x9b\x07\u202e\ud800\x00\t/é"), max_size=12
) | st.sampled_from(["9" * 5000, "p " + "9" * 5000, "g " + "x" * 2000, "p background/district"])


def check_plain(story: Story, directory: Path, lines: list[str]) -> None:
    out = io.StringIO()
    typed = "".join(line.replace("\n", " ") + "\n" for line in lines)
    assert run_plain(story, directory, stdin=io.StringIO(typed), stdout=out) == 0
    shown = out.getvalue()
    assert not UNSAFE.search(shown) and not any("\ud800" <= ch <= "\udfff" for ch in shown)


@settings(FUZZ, max_examples=150)
@given(lines=st.lists(_TYPED, max_size=8))
def test_fuzz_any_line_typed_is_answered_and_nothing_typed_reaches_the_terminal(
    lines: list[str], example_story: Story
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        check_plain(example_story, Path(tmp), lines)


@pytest.mark.parametrize("case", sorted(p.name for p in (KEPT / "plain").glob("*.txt")))
def test_fuzz_kept_plain_cases(case: str, tmp_path: Path, example_story: Story) -> None:
    lines = (KEPT / "plain" / case).read_bytes().decode("utf-8", "surrogateescape").split("\n")
    check_plain(example_story, tmp_path, lines)
