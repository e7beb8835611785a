"""What the story's files say about each other: references, reachability, time, sources.

Paths are checked on the reading's real state space: a state is the scene, the
facts conditions can see (visited scenes and flags that some condition names)
and the present date.  So a dead end that only some readings meet, or a path
that goes back in time only after a flashback, is still found.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from engine.story.diagnostics import Diagnostic, Severity, did_you_mean, error, sort_key, warning
from engine.story.load import LoadResult, cyclic_gc_paused, load_story
from engine.story.markup import links, quotations, word_count
from engine.story.quotes import MAX_QUOTE_WORDS, quoted_in, unattributed
from engine.story.model import PANELS, Condition, Located, Scene, Story
from engine.story.position import Position

MAX_WORDS = 250
"""A scene longer than this no longer fits one screen."""

MAX_STATES = 400_000
"""Beyond this many reading states, path checks stop and say so."""


@dataclass(frozen=True, slots=True)
class Statistics:
    scenes: int
    choices: int
    endings: int
    threads: int
    words: int
    seed_paragraphs: int
    seed_cited: int

    @property
    def coverage(self) -> float:
        return 100.0 * self.seed_cited / self.seed_paragraphs if self.seed_paragraphs else 100.0

    def as_dict(self) -> dict[str, object]:
        return {"scenes": self.scenes, "choices": self.choices, "endings": self.endings,
                "threads": self.threads, "words": self.words, "seed_paragraphs": self.seed_paragraphs,
                "seed_cited": self.seed_cited, "seed_coverage": round(self.coverage, 1)}

    def as_text(self) -> str:
        return (f"{self.scenes} scenes, {self.choices} choices, {self.endings} endings, "
                f"{self.threads} threads, {self.words} words; seed coverage {self.coverage:.0f}% "
                f"({self.seed_cited} of {self.seed_paragraphs} paragraphs cited)")


@dataclass
class Report:
    """Everything ``validate`` prints."""

    diagnostics: list[Diagnostic]
    statistics: Statistics | None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity.value == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity.value == "warning"]


def load_checked(root: Path) -> tuple[Story | None, list[Diagnostic]]:
    """The story at ``root``, or None and its errors: a reader never opens a broken story (warnings pass)."""
    result = load_story(root)
    errors = lint(result).errors
    return (None if errors or result.story is None else result.story), errors


def lint(result: LoadResult) -> Report:
    """All problems with a loaded story, the loader's included, sorted by place.

    References are checked whenever every file could be read.  Paths and
    coverage are checked only on a story that loaded without errors and whose
    choices all lead somewhere: on a partial graph they would report the
    consequences of a problem already reported, not new ones.
    """
    found = list(result.diagnostics)
    stats = None
    if result.story is not None:
        checker = _Checker(result.story, result.unloaded)
        with cyclic_gc_paused():
            if result.complete:
                checker.run(whole=not any(d.severity is Severity.ERROR for d in found))
                found += checker.problems
            stats = checker.statistics()
    return Report(sorted(set(found), key=sort_key), stats)


@dataclass
class _Checker:
    story: Story
    unloaded: frozenset[str] = frozenset()
    """Items written but not loaded: references to them are not reported again."""
    problems: list[Diagnostic] = field(default_factory=list)
    cited: set[str] = field(default_factory=set)
    word_counts: dict[str, int] = field(default_factory=dict)

    def words(self, scene: Scene) -> int:
        """The scene's words, counted once (the check and the statistics both need them)."""
        if scene.id not in self.word_counts:
            self.word_counts[scene.id] = word_count(scene.text)
        return self.word_counts[scene.id]

    def run(self, *, whole: bool) -> None:
        self.check_head()
        flags = {f for s in self.story.scenes.values() for f in s.sets}
        for scene in self.story.scenes.values():
            self.check_scene(scene, flags)
        for entry in self.story.entries.values():
            self.check_text(entry, entry.text, f"entry '{entry.ref}'")
            self.check_sources(entry, entry.sources)
            self.check_refs(entry, "see", entry.see)
            self.check_panel_fields(entry)
        for term in self.story.terms.values():
            self.check_text(term, term.text, f"term '{term.id}'")
            self.check_sources(term, term.sources)
            self.check_refs(term, "see", term.see)
        for document in self.story.documents.values():
            self.check_text(document, document.text, f"document '{document.id}'")
            self.check_sources(document, document.sources)
            self.check_refs(document, "see", document.see)
        self.check_map()
        if whole and not any(d.code == "E012" for d in self.problems):
            self.check_paths()
            self.check_essential()
        if whole:
            self.check_coverage()

    def fail(self, code: str, at: Position, message: str, hint: str = "") -> None:
        self.problems.append(error(code, at, message, hint))

    def check_head(self) -> None:
        first = self.story.start
        if first and first not in self.story.scenes and first not in self.unloaded:
            self.fail("E012", self.story.where("start"),
                      f"start scene '{first}' does not exist{did_you_mean(first, self.story.scenes)}")

    def check_scene(self, scene: Scene, flags: set[str]) -> None:
        story = self.story
        what = f"scene '{scene.id}'"
        if scene.phase and story.phase(scene.phase) is None:  # no phase at all: the loader has said so
            self.missing(scene, "phase", scene.phase, "phase", [p.id for p in story.phases])
        if scene.thread not in story.threads:
            self.missing(scene, "thread", scene.thread, "thread", story.threads)
        if scene.place not in story.places:
            self.missing(scene, "place", scene.place, "place", story.places)
        self.check_text(scene, scene.text, what)
        if scene.editor_note:
            self.check_text(scene, scene.editor_note, f"the editor's note of {what}", "editor_note")
        if scene.content_note is not None:
            note = scene.content_note
            self.check_text(note, note.summary, f"the content note's summary of {what}", "summary")
        self.check_sources(scene, scene.sources)
        for ref in scene.unlocks:
            if ref.partition("/")[0] not in PANELS or ref not in story.entries:
                self.missing(scene, "unlocks", ref, "panel entry", story.entries)
        words = self.words(scene)
        if words > MAX_WORDS:
            self.problems.append(warning("W102", scene.where("text"),
                                         f"{what} has {words} words; one screen holds {MAX_WORDS}"))
        if scene.ending and scene.choices:
            self.fail("E011", scene.where("ending"), f"{what} is an ending but has choices")
        for choice in scene.choices:
            if choice.target not in story.scenes and choice.target not in self.unloaded:
                self.fail("E012", choice.where("target"), f"choice target '{choice.target}' does not exist"
                          f"{did_you_mean(choice.target, story.scenes)}")
            if choice.condition is not None:
                self.check_condition(choice.condition, flags)

    def check_condition(self, condition: Condition, flags: set[str]) -> None:
        for key in ("visited", "not_visited"):
            for name in getattr(condition, key):
                if name not in self.story.scenes and name not in self.unloaded:
                    self.fail("E013", condition.where(key), f"condition names scene '{name}', which does not exist"
                              f"{did_you_mean(name, self.story.scenes)}")
        for key in ("flag", "not_flag"):
            for name in getattr(condition, key):
                if name not in flags:
                    self.fail("E013", condition.where(key), f"no scene sets flag '{name}'{did_you_mean(name, flags)}")

    def check_text(self, item: Located, text: str, what: str, key: str = "text") -> None:
        if not text.strip():
            self.fail("E019", item.where(key), f"{what} has no text")
        self.check_refs(item, key, links(text))
        self.check_quotations(item, text, what, key)

    def check_quotations(self, item: Located, text: str, what: str, key: str) -> None:
        """Every quotation attributed, short, and recorded word for word where it is attributed."""
        story = self.story
        for words, source in quotations(text):
            opening = " ".join(words.split()[:8]) + ("…" if len(words.split()) > 8 else "")
            if len(words.split()) > MAX_QUOTE_WORDS:
                self.problems.append(warning("W105", item.where(key), f"{what} quotes {len(words.split())} words "
                                             f"(“{opening}”); a quotation keeps to {MAX_QUOTE_WORDS}"))
            paragraph = story.article.by_id.get(source)
            citation = story.citations.get(source)
            if paragraph is not None:
                passages = [paragraph.text]
                self.cited.add(source)
            elif citation is not None:
                passages = [quote.text for quote in citation.quotes]
            else:
                self.missing(item, key, source, "source of a quotation", story.citations)
                continue
            if not any(quoted_in(words, passage) for passage in passages):
                self.fail("E023", item.where(key), f"{what} quotes “{opening}” from '{source}', which records no "
                          "such words", "record the passage word for word under the source's quotes "
                          "(with where it stands), or quote only what is recorded")
        for words in unattributed(text):
            opening = " ".join(words.split()[:8]) + ("…" if len(words.split()) > 8 else "")
            self.problems.append(warning("W106", item.where(key), f"{what} has words in quotation marks with no "
                                         f"source: “{opening}”", "write “words”{source}, naming where they come "
                                         "from"))

    def check_refs(self, item: Located, key: str, refs: Iterable[str]) -> None:
        for ref in refs:
            if self.story.entry(ref) is None:
                known = [*self.story.entries, *(t.ref for t in self.story.terms.values())]
                self.missing(item, key, ref, "entry or glossary term", known)

    def check_sources(self, item: Located, sources: Iterable[str]) -> None:
        sources = tuple(sources)
        if not sources:
            self.fail("E006", item.where("sources"), "sources is empty: say where this comes from")
        for source in sources:
            if "/" in source:
                if source in self.story.article.by_id:
                    self.cited.add(source)
                elif self.story.article.paragraphs:  # without an article, the loader has said so
                    self.fail("E015", item.where("sources"), f"seed paragraph '{source}' does not exist"
                              f"{did_you_mean(source, self.story.article.by_id)}")
            elif source not in self.story.citations:
                self.missing(item, "sources", source, "source", self.story.citations,
                             hint="seed paragraphs are written with '/'; other sources are ids in sources.yaml")

    def check_panel_fields(self, entry) -> None:  # type: ignore[no-untyped-def]
        needed = {"casualties": ("figure", "counts", "qualifier"), "politics": ("actor",)}.get(entry.panel, ())
        for name in needed:
            if not getattr(entry, name):
                self.fail("E006", entry.at, f"{entry.panel} entry '{entry.id}' has no '{name}'")

    def check_map(self) -> None:
        places = self.story.places
        for place in places.values():
            self.check_sources(place, place.sources)
        for line in self.story.lines:
            self.check_sources(line, line.sources)
            for point in line.points:
                if point not in places:
                    self.missing(line, "points", point, "place", places)
        for front in self.story.fronts:
            self.check_sources(front, front.sources)
            for held in front.held:
                if held not in places:
                    self.missing(front, "held", held, "place", places)

    def missing(self, item: Located, key: str, name: str, what: str, known: Iterable[str], hint: str = "") -> None:
        if name in self.unloaded:
            return
        self.fail("E013", item.where(key), f"{what} '{name}' does not exist{did_you_mean(name, known)}", hint)

    def check_paths(self) -> None:
        story = self.story
        if story.start not in story.scenes:
            return
        walk = _StateWalk(story)
        walk.explore()
        reached = {state[0] for state in walk.states}
        for scene in story.scenes.values():
            if scene.id not in reached and not walk.overflow:
                self.fail("E016", scene.at, f"scene '{scene.id}' cannot be reached from '{story.start}'")
        for scene_id, message in walk.dead_ends.items():
            self.fail("E017", story.scenes[scene_id].at, message)
        for (source, index), message in walk.backwards.items():
            target = story.scenes[source].choices[index].target
            self.fail("E018", story.scenes[source].choices[index].where("target"), message,
                      f"if '{target}' looks back on purpose, mark it 'flashback: true'")
        if walk.overflow:
            self.problems.append(warning("W104", story.scenes[story.start].at,
                                         f"more than {MAX_STATES} reading states: path checks stopped early"))

    def check_essential(self) -> None:
        """An essential scene lies on every path from the start to an ending (conditions aside: any way round
        it that a condition might open counts as a way round)."""
        story = self.story
        for scene in story.scenes.values():
            if not scene.essential or scene.id == story.start or story.start not in story.scenes:
                continue
            seen, queue = {story.start}, deque([story.start])
            while queue:
                current = story.scenes[queue.popleft()]
                if current.ending:
                    self.fail("E024", scene.where("essential"), f"scene '{scene.id}' is essential, but a reading "
                              f"can reach the ending '{current.id}' without it",
                              "lead every path through it, or take away 'essential: true'")
                    break
                for choice in current.choices:
                    if choice.target not in seen and choice.target != scene.id and choice.target in story.scenes:
                        seen.add(choice.target)
                        queue.append(choice.target)

    def check_coverage(self) -> None:
        head = self.story.where("article")
        for paragraph in self.story.article.paragraphs:
            if paragraph.id not in self.cited:
                words = paragraph.text.split()
                opening = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
                self.problems.append(warning("W101", head, f"seed paragraph '{paragraph.id}' is cited nowhere "
                                                           f"(“{opening}”)"))
        unlocked = {ref for s in self.story.scenes.values() for ref in s.unlocks}
        for entry in self.story.entries.values():
            if entry.ref not in unlocked:
                self.problems.append(warning("W103", entry.at, f"no scene unlocks '{entry.ref}', "
                                                               "so no reader will see it in the panel"))

    def statistics(self) -> Statistics:
        scenes = self.story.scenes.values()
        if not self.cited:
            self.cited = {s for item in self._cited_items() for s in item if "/" in s}
        paragraphs = len(self.story.article.paragraphs)
        return Statistics(
            scenes=len(scenes), choices=sum(len(s.choices) for s in scenes),
            endings=sum(s.ending for s in scenes), threads=len(self.story.threads),
            words=sum(self.words(s) for s in scenes), seed_paragraphs=paragraphs,
            seed_cited=len(self.cited & set(self.story.article.by_id)),
        )

    def _cited_items(self) -> Iterable[tuple[str, ...]]:
        story = self.story
        yield from (s.sources for s in story.scenes.values())
        yield from (e.sources for e in story.entries.values())
        yield from (t.sources for t in story.terms.values())
        yield from (p.sources for p in story.places.values())
        yield from (ln.sources for ln in story.lines)
        yield from (f.sources for f in story.fronts)


State = tuple[str, frozenset[str], frozenset[str], date]
"""A reading state: the scene, the watched scenes visited, the watched flags set, and the present.

The present is the latest date the reading has certainly reached: the
greatest start date along the path, flashbacks aside.  A scene goes back in
time when it ends before the present, so an imprecise date ('1993-03' after
'1993-03-28') is not an error, but a scene wholly in the past is.
"""


class _StateWalk:
    """Breadth-first over every reading state the story allows."""

    def __init__(self, story: Story) -> None:
        self.story = story
        conditions = [c.condition for s in story.scenes.values() for c in s.choices if c.condition]
        self.watched_scenes = {n for c in conditions for n in (*c.visited, *c.not_visited)}
        self.watched_flags = {n for c in conditions for n in (*c.flag, *c.not_flag)}
        self.states: set[State] = set()
        self.edges: dict[State, list[State]] = {}
        self.dead_ends: dict[str, str] = {}
        self.backwards: dict[tuple[str, int], str] = {}
        self.overflow = False

    def enter(self, scene: Scene, visited: frozenset[str], flags: frozenset[str], present: date) -> State:
        if scene.id in self.watched_scenes:
            visited = visited | {scene.id}
        if scene.sets:
            flags = flags | self.watched_flags.intersection(scene.sets)
        return (scene.id, visited, flags, present if scene.flashback else max(present, scene.date.start))

    def explore(self) -> None:
        story = self.story
        first = self.enter(story.scenes[story.start], frozenset(), frozenset(), story.scenes[story.start].date.start)
        queue = deque([first])
        self.states.add(first)
        while queue:
            state = queue.popleft()
            scene_id, visited, flags, present = state
            scene = story.scenes[scene_id]
            following: list[State] = []
            for index, choice in enumerate(scene.choices):
                target = story.scenes.get(choice.target)
                if target is None or not choice.available(visited, flags):
                    continue
                if not target.flashback and target.date.end < present:
                    self.backwards.setdefault((scene_id, index), (
                        f"time runs backwards: '{target.id}' ({target.date.text}) follows '{scene_id}', "
                        f"but this reading has already reached {present.isoformat()}"))
                nxt = self.enter(target, visited, flags, present)
                following.append(nxt)
                if nxt not in self.states:
                    if len(self.states) >= MAX_STATES:
                        self.overflow = True
                        return
                    self.states.add(nxt)
                    queue.append(nxt)
            self.edges[state] = following
            if not following and not scene.ending:
                self.dead_ends.setdefault(scene_id, (
                    f"dead end: scene '{scene_id}' is not an ending, and no choice can be taken"
                    + (" in some readings" if scene.choices else "")))
        self.check_endings_reachable()

    def check_endings_reachable(self) -> None:
        """Every state must still have a way to some ending: a loop with no way out is a dead end too."""
        reverse: dict[State, list[State]] = {}
        for state, following in self.edges.items():
            for nxt in following:
                reverse.setdefault(nxt, []).append(state)
        good = {s for s in self.states if self.story.scenes[s[0]].ending}
        queue = deque(good)
        while queue:
            for before in reverse.get(queue.popleft(), ()):
                if before not in good:
                    good.add(before)
                    queue.append(before)
        for state in self.states - good:
            scene_id = state[0]
            if scene_id not in self.dead_ends:
                self.dead_ends[scene_id] = f"no ending can be reached from scene '{scene_id}' in some readings"

