"""What the story's files say about each other: references, reachability, time, sources.

Paths are checked on the reading's real state space: a state is the scene, the
facts conditions can see (visited scenes and flags that some condition names)
and the present date.  So a dead end that only some readings meet, or a path
that goes back in time only after a flashback, is still found.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from engine.story.diagnostics import Diagnostic, Severity, did_you_mean, error, sort_key, warning
from engine.story.load import LoadResult, cyclic_gc_paused, load_story
from engine.story.markup import links, quotations, word_count
from engine.story.model import PANELS, Condition, Located, Scene, Story, StoryDate
from engine.story.position import Position
from engine.story.quotes import MAX_QUOTE_WORDS, quoted_in, unattributed

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
        return {
            "scenes": self.scenes,
            "choices": self.choices,
            "endings": self.endings,
            "threads": self.threads,
            "words": self.words,
            "seed_paragraphs": self.seed_paragraphs,
            "seed_cited": self.seed_cited,
            "seed_coverage": round(self.coverage, 1),
        }

    def as_text(self) -> str:
        return (
            f"{self.scenes} scenes, {self.choices} choices, {self.endings} endings, "
            f"{self.threads} threads, {self.words} words; seed coverage {self.coverage:.0f}% "
            f"({self.seed_cited} of {self.seed_paragraphs} paragraphs cited)"
        )


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
            self.fail(
                "E012",
                self.story.where("start"),
                f"start scene '{first}' does not exist{did_you_mean(first, self.story.scenes)}",
            )

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
            self.problems.append(
                warning("W102", scene.where("text"), f"{what} has {words} words; one screen holds {MAX_WORDS}")
            )
        if scene.ending and scene.choices:
            self.fail("E011", scene.where("ending"), f"{what} is an ending but has choices")
        for choice in scene.choices:
            if choice.target not in story.scenes and choice.target not in self.unloaded:
                self.fail(
                    "E012",
                    choice.where("target"),
                    f"choice target '{choice.target}' does not exist{did_you_mean(choice.target, story.scenes)}",
                )
            if choice.condition is not None:
                self.check_condition(choice.condition, flags)

    def check_condition(self, condition: Condition, flags: set[str]) -> None:
        for key in ("visited", "not_visited"):
            for name in getattr(condition, key):
                if name not in self.story.scenes and name not in self.unloaded:
                    self.fail(
                        "E013",
                        condition.where(key),
                        f"condition names scene '{name}', which does not exist{did_you_mean(name, self.story.scenes)}",
                    )
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
                self.problems.append(
                    warning(
                        "W105",
                        item.where(key),
                        f"{what} quotes {len(words.split())} words "
                        f"(“{opening}”); a quotation keeps to {MAX_QUOTE_WORDS}",
                    )
                )
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
                self.fail(
                    "E023",
                    item.where(key),
                    f"{what} quotes “{opening}” from '{source}', which records no such words",
                    "record the passage word for word under the source's quotes "
                    "(with where it stands), or quote only what is recorded",
                )
        for words in unattributed(text):
            opening = " ".join(words.split()[:8]) + ("…" if len(words.split()) > 8 else "")
            self.problems.append(
                warning(
                    "W106",
                    item.where(key),
                    f"{what} has words in quotation marks with no source: “{opening}”",
                    "write “words”{source}, naming where they come from",
                )
            )

    def check_refs(self, item: Located, key: str, refs: Iterable[str]) -> None:
        for ref in refs:
            if self.story.entry(ref) is None:
                self.missing(item, key, ref, "entry or glossary term", self.entry_refs)

    @cached_property
    def entry_refs(self) -> frozenset[str]:
        """What a link may name: every panel entry and glossary term."""
        return frozenset((*self.story.entries, *(t.ref for t in self.story.terms.values())))

    def check_sources(self, item: Located, sources: Iterable[str]) -> None:
        sources = tuple(sources)
        if not sources:
            self.fail("E006", item.where("sources"), "sources is empty: say where this comes from")
        for source in sources:
            if "/" in source:
                if source in self.story.article.by_id:
                    self.cited.add(source)
                elif self.story.article.paragraphs:  # without an article, the loader has said so
                    self.fail(
                        "E015",
                        item.where("sources"),
                        f"seed paragraph '{source}' does not exist{did_you_mean(source, self.story.article.by_id)}",
                    )
            elif source not in self.story.citations:
                self.missing(
                    item,
                    "sources",
                    source,
                    "source",
                    self.story.citations,
                    hint="seed paragraphs are written with '/'; other sources are ids in sources.yaml",
                )

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
            self.check_span(line, f"line '{line.id}'", "from", line.since, line.until)
        for front in self.story.fronts:
            self.check_sources(front, front.sources)
            for held in front.held:
                if held not in places:
                    self.missing(front, "held", held, "place", places)
            self.check_span(front, f"the front of {front.date.text}", "date", front.date, front.until)

    def check_span(
        self, item: Located, what: str, start_key: str, since: StoryDate | None, until: StoryDate | None
    ) -> None:
        """E011 when ``until`` ends before ``since`` begins: the map could never draw the item.

        Vague dates overlapping is allowed (``from: 1993-03`` with ``until: 1993-03-28``): the
        sources leave both ends open, and the map draws the doubt rather than deciding it.
        """
        if since is not None and until is not None and until.end < since.start:
            self.fail(
                "E011",
                item.where("until"),
                f"{what} ends ({until.text}) before it begins ({since.text})",
                f"'until' must not come before '{start_key}'",
            )

    def missing(self, item: Located, key: str, name: str, what: str, known: Collection[str], hint: str = "") -> None:
        if name in self.unloaded:
            return
        self.fail("E013", item.where(key), f"{what} '{name}' does not exist{did_you_mean(name, known)}", hint)

    def check_paths(self) -> None:
        story = self.story
        if story.start not in story.scenes:
            return
        walk = _StateWalk(story)
        walk.explore()
        reached = walk.reached
        for scene in story.scenes.values():
            if scene.id not in reached and not walk.overflow:
                self.fail("E016", scene.at, f"scene '{scene.id}' cannot be reached from '{story.start}'")
        for scene_id, message in walk.dead_ends.items():
            self.fail("E017", story.scenes[scene_id].at, message)
        for (source, index), message in walk.backwards.items():
            target = story.scenes[source].choices[index].target
            self.fail(
                "E018",
                story.scenes[source].choices[index].where("target"),
                message,
                f"if '{target}' looks back on purpose, mark it 'flashback: true'",
            )
        if walk.overflow:
            self.problems.append(
                warning(
                    "W104",
                    story.scenes[story.start].at,
                    f"more than {MAX_STATES} reading states: path checks stopped early",
                )
            )

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
                    self.fail(
                        "E024",
                        scene.where("essential"),
                        f"scene '{scene.id}' is essential, but a reading "
                        f"can reach the ending '{current.id}' without it",
                        "lead every path through it, or take away 'essential: true'",
                    )
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
                self.problems.append(
                    warning("W101", head, f"seed paragraph '{paragraph.id}' is cited nowhere (“{opening}”)")
                )
        unlocked = {ref for s in self.story.scenes.values() for ref in s.unlocks}
        for entry in self.story.entries.values():
            if entry.ref not in unlocked:
                self.problems.append(
                    warning("W103", entry.at, f"no scene unlocks '{entry.ref}', so no reader will see it in the panel")
                )

    def statistics(self) -> Statistics:
        scenes = self.story.scenes.values()
        if not self.cited:
            self.cited = {s for item in self._cited_items() for s in item if "/" in s}
        paragraphs = len(self.story.article.paragraphs)
        return Statistics(
            scenes=len(scenes),
            choices=sum(len(s.choices) for s in scenes),
            endings=sum(s.ending for s in scenes),
            threads=len(self.story.threads),
            words=sum(self.words(s) for s in scenes),
            seed_paragraphs=paragraphs,
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


class _StateWalk:
    """Breadth-first over every reading state the story allows, each state one integer.

    A reading state is the scene, the watched scenes visited, the watched
    flags set, and the present: the latest date the reading has certainly
    reached (the greatest start date along the path, flashbacks aside).  A
    scene goes back in time when it ends before the present, so an imprecise
    date ('1993-03' after '1993-03-28') is not an error, but a scene wholly in
    the past is.

    The states of a story with many flags are many (each combination is one),
    so each is packed into one integer: the visited scenes and flags as bits,
    then the present's rank among the story's dates, then the scene's number.
    The edges are arrays of state numbers.  A state costs about 200 bytes
    however many flags it holds; when every state kept its own sets, 300
    flags took 2.2 GB.
    """

    def __init__(self, story: Story) -> None:
        self.story = story
        scenes = list(story.scenes.values())
        self.scenes = scenes
        number = {scene.id: n for n, scene in enumerate(scenes)}
        conditions = [c.condition for s in scenes for c in s.choices if c.condition]
        watched_scenes = sorted({n for c in conditions for n in (*c.visited, *c.not_visited)})
        watched_flags = sorted({n for c in conditions for n in (*c.flag, *c.not_flag)})
        visited_bit = {name: 1 << n for n, name in enumerate(watched_scenes)}
        flag_bit = {name: 1 << (n + len(watched_scenes)) for n, name in enumerate(watched_flags)}
        self.dates = sorted({scene.date.start for scene in scenes})
        rank = {day: n for n, day in enumerate(self.dates)}
        self.scene_bits = max(len(scenes) - 1, 1).bit_length()
        self.date_shift = self.scene_bits
        self.fact_shift = self.scene_bits + max(len(self.dates) - 1, 1).bit_length()
        self.date_mask = (1 << (self.fact_shift - self.date_shift)) - 1
        self.enters = [visited_bit.get(scene.id, 0) | _bits(flag_bit, scene.sets) for scene in scenes]
        self.starts = [rank[scene.date.start] for scene in scenes]
        self.ways = [
            [
                (index, number[choice.target], *_masks(choice.condition, visited_bit, flag_bit))
                for index, choice in enumerate(scene.choices)
                if choice.target in number
            ]
            for scene in scenes
        ]
        self.codes: list[int] = []
        """Every state found, in the order found (breadth first): a state's number is its place here."""
        self.following: array[int] = array("i")
        self.offsets: array[int] = array("i", [0])
        """The states following state n are following[offsets[n]:offsets[n + 1]]."""
        self.dead_ends: dict[str, str] = {}
        self.backwards: dict[tuple[str, int], str] = {}
        self.overflow = False

    def code(self, scene: int, present: int, facts: int) -> int:
        return (facts << self.fact_shift) | (present << self.date_shift) | scene

    def explore(self) -> None:
        story, scenes, codes, following, offsets = self.story, self.scenes, self.codes, self.following, self.offsets
        scene_mask, date_shift, date_mask = (1 << self.scene_bits) - 1, self.date_shift, self.date_mask
        fact_shift = self.fact_shift
        first = list(story.scenes).index(story.start)
        numbers = {self.code(first, self.starts[first], self.enters[first]): 0}
        codes.append(next(iter(numbers)))
        expanded = 0
        while expanded < len(codes):
            code = codes[expanded]
            expanded += 1
            here = code & scene_mask
            present = (code >> date_shift) & date_mask
            facts = code >> fact_shift
            scene = scenes[here]
            taken = 0
            for index, target, needed, refused in self.ways[here]:
                if facts & needed != needed or facts & refused:
                    continue
                goal = scenes[target]
                if not goal.flashback and goal.date.end < self.dates[present]:
                    self.backwards.setdefault(
                        (scene.id, index),
                        (
                            f"time runs backwards: '{goal.id}' ({goal.date.text}) follows '{scene.id}', "
                            f"but this reading has already reached {self.dates[present].isoformat()}"
                        ),
                    )
                after = present if goal.flashback else max(present, self.starts[target])
                nxt = self.code(target, after, facts | self.enters[target])
                found = numbers.get(nxt)
                if found is None:
                    if len(codes) >= MAX_STATES:
                        self.overflow = True
                        return
                    found = numbers[nxt] = len(codes)
                    codes.append(nxt)
                following.append(found)
                taken += 1
            offsets.append(len(following))
            if not taken and not scene.ending:
                self.dead_ends.setdefault(
                    scene.id,
                    (
                        f"dead end: scene '{scene.id}' is not an ending, and no choice can be taken"
                        + (" in some readings" if scene.choices else "")
                    ),
                )
        del numbers
        self.check_endings_reachable()

    @property
    def reached(self) -> set[str]:
        """The scenes some reading state is at."""
        scene_mask = (1 << self.scene_bits) - 1
        return {self.scenes[code & scene_mask].id for code in self.codes}

    def check_endings_reachable(self) -> None:
        """Every state must still have a way to some ending: a loop with no way out is a dead end too."""
        count, following, offsets = len(self.codes), self.following, self.offsets
        scene_mask = (1 << self.scene_bits) - 1
        starts = array("i", [0]) * (count + 1)  # the states before state n: before[starts[n]:starts[n + 1]]
        for nxt in following:
            starts[nxt + 1] += 1
        for n in range(count):
            starts[n + 1] += starts[n]
        before = array("i", [0]) * len(following)
        filled = array("i", starts)
        for state in range(count):
            for nxt in following[offsets[state] : offsets[state + 1]]:
                before[filled[nxt]] = state
                filled[nxt] += 1
        good = bytearray(count)
        queue = deque(n for n, code in enumerate(self.codes) if self.scenes[code & scene_mask].ending)
        for n in queue:
            good[n] = 1
        while queue:
            state = queue.popleft()
            for earlier in before[starts[state] : starts[state + 1]]:
                if not good[earlier]:
                    good[earlier] = 1
                    queue.append(earlier)
        for n, code in enumerate(self.codes):
            scene_id = self.scenes[code & scene_mask].id
            if not good[n] and scene_id not in self.dead_ends:
                self.dead_ends[scene_id] = f"no ending can be reached from scene '{scene_id}' in some readings"


def _bits(bit: dict[str, int], names: Iterable[str]) -> int:
    found = 0
    for name in names:
        found |= bit.get(name, 0)
    return found


def _masks(condition: Condition | None, visited_bit: dict[str, int], flag_bit: dict[str, int]) -> tuple[int, int]:
    """The facts a choice needs, and the facts that hide it."""
    if condition is None:
        return 0, 0
    return (
        _bits(visited_bit, condition.visited) | _bits(flag_bit, condition.flag),
        _bits(visited_bit, condition.not_visited) | _bits(flag_bit, condition.not_flag),
    )
