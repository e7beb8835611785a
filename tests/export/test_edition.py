"""The reading edition, in Markdown and HTML, checked against the story it prints."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from export_stories import EXAMPLE, HOSTILE_LABEL, HOSTILE_PLACES, HOSTILE_TEXT, HOSTILE_TITLE, copy_example
from markdown_it import MarkdownIt

from engine.cli import main
from engine.export.html import render_html
from engine.export.markdown import render_markdown
from engine.story.model import PANELS, Story

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """An HTML document as the tests see it: ids, internal links, scene ids, text, and its tag balance."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: Counter[str] = Counter()
        self.links: list[str] = []
        self.external: list[str] = []
        self.scenes: list[str] = []
        self.problems: list[str] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: Counter[str] = Counter()
        self.feed(html)
        self.close()
        self.problems += [f"<{tag}> never closed" for tag in self.stack]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        found = dict(attrs)
        if found.get("id"):
            self.ids[found["id"]] += 1
        href = found.get("href") or ""
        if href:
            (self.links if href.startswith("#") else self.external).append(href)
        if "scene" in (found.get("class") or "").split() and found.get("id"):
            self.scenes.append(found["id"].removeprefix("scene-"))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def plain(self) -> str:
        return " ".join("".join(self.text).split())


def markdown_page(story: Story) -> Page:
    """The Markdown edition as a CommonMark renderer shows it; scene anchors marked as scenes."""
    html = MarkdownIt("commonmark").render(render_markdown(story))
    page = Page(html)
    page.scenes = [i.removeprefix("scene-") for i in page.ids.elements() if i.startswith("scene-")]
    return page


def html_page(story: Story) -> Page:
    return Page(render_html(story))


Edition = Callable[[Story], Page]
EDITIONS: dict[str, Edition] = {"markdown": markdown_page, "html": html_page}


@pytest.fixture(params=sorted(EDITIONS))
def edition(request: pytest.FixtureRequest) -> Edition:
    return EDITIONS[request.param]


def in_reading_order(story: Story, order: list[str]) -> bool:
    """Phase by phase; inside a phase a scene follows some scene of that phase that leads to it."""
    rank = {phase.id: n for n, phase in enumerate(story.phases)}
    if [rank[story.scenes[s].phase] for s in order] != sorted(rank[story.scenes[s].phase] for s in order):
        return False
    for n, scene_id in enumerate(order):
        phase = story.scenes[scene_id].phase
        leading = {
            s.id
            for s in story.scenes.values()
            if s.phase == phase and s.id != scene_id and any(c.target == scene_id for c in s.choices)
        }
        if leading and not leading & set(order[:n]):
            return False
    return True


def test_every_scene_appears_once_in_reading_order(edition: Edition, example_story: Story) -> None:
    page = edition(example_story)
    assert sorted(page.scenes) == sorted(example_story.scenes)
    assert len(page.scenes) == len(set(page.scenes))
    assert in_reading_order(example_story, page.scenes)


def test_every_internal_link_resolves_and_every_id_is_unique(edition: Edition, example_story: Story) -> None:
    page = edition(example_story)
    assert [i for i, n in page.ids.items() if n > 1] == []
    assert page.links and [link for link in page.links if link[1:] not in page.ids] == []


def test_choices_link_to_their_targets(edition: Edition, example_story: Story) -> None:
    page = edition(example_story)
    links = Counter(page.links)
    for scene in example_story.scenes.values():
        arriving = sum(1 for s in example_story.scenes.values() for c in s.choices if c.target == scene.id)
        assert links[f"#scene-{scene.id}"] == arriving + 2  # + the contents and the sources list


def test_notes_panels_glossary_and_sources_are_kept(edition: Edition, example_story: Story) -> None:
    page = edition(example_story)
    text = page.plain
    evacuation = example_story.scenes["evacuation"]
    assert evacuation.content_note is not None
    for kept in (
        evacuation.content_note.note,
        evacuation.content_note.summary,
        evacuation.editor_note,
        example_story.attribution,
        "27 March 1993 · Charektar · The column",
    ):
        assert kept in text
    for ref in example_story.entries:
        assert page.ids[ref.replace("/", "-")] == 1
        assert example_story.entries[ref].title in text
    for term in example_story.terms.values():
        assert page.ids[f"glossary-{term.id}"] == 1 and term.term in text
    for citation in example_story.citations.values():
        assert page.ids[f"source-{citation.id}"] == 1 and citation.url in text
    for paragraph in example_story.article.paragraphs:
        assert page.ids[f"article-{paragraph.id.replace('/', '_')}"] == 1
    for panel in PANELS:
        assert (f"appendix-{panel}" in page.ids) == bool(example_story.panel(panel))
    assert "only if you have not read “The embankment”" in text


def test_both_editions_hold_the_same_pieces_in_the_same_order(
    example_story: Story, map_story: Story, hostile_story: Story
) -> None:
    """One walk writes both: the Markdown edition's anchors are the HTML edition's ids, in its order.

    The HTML edition's maps add ids of their own, so only the ids Markdown has are compared.
    """
    for story in (example_story, map_story, hostile_story):
        markdown = list(markdown_page(story).ids.elements())
        html = [i for i in html_page(story).ids.elements() if i in set(markdown)]
        assert markdown and html == markdown


def test_each_scene_lists_the_paragraphs_it_cites(edition: Edition, example_story: Story) -> None:
    text = edition(example_story).plain
    cites = text.split("What each scene cites", 1)[1]
    for scene in example_story.scenes.values():
        assert f"{scene.title}: {', '.join(scene.sources)}" in cites


def test_text_that_looks_like_markup_is_shown_as_written(
    edition: Edition, hostile_story: Story, example_story: Story
) -> None:
    page, plain = edition(hostile_story), edition(example_story)
    text = page.plain
    assert text.count(HOSTILE_TEXT) == HOSTILE_PLACES
    assert HOSTILE_TITLE in text and HOSTILE_LABEL in text
    assert page.tags["script"] == page.tags["b"] == page.tags["i"] == page.tags["code"] == 0
    for structure in ("h1", "h2", "h3", "ul", "ol", "li", "blockquote", "em", "a"):
        assert page.tags[structure] == plain.tags[structure], structure
    assert "1. Kelbajar lay between" in text and "- A district of Azerbaijan" in text
    assert "http://example.com" not in page.external
    assert page.problems == []


def test_the_html_is_well_formed_and_self_contained(example_story: Story, hostile_story: Story) -> None:
    for story in (example_story, hostile_story):
        html = render_html(story)
        page = Page(html)
        assert page.problems == []
        assert page.tags["link"] == page.tags["script"] == page.tags["img"] == 0
        assert "src=" not in html and "@import" not in html and "url(" not in html
        assert all(href.startswith("https://") for href in page.external)
    assert "@media print" in html and "break-before: page" in html


def test_export_writes_a_file_or_standard_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "edition.html"
    assert main(["export", "--story", str(EXAMPLE), "--format", "html", "-o", str(target)]) == 0
    assert Page(target.read_text(encoding="utf-8")).scenes
    assert main(["export", "--story", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out.startswith("# The Example\n")


def test_a_story_with_errors_is_not_exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = copy_example(tmp_path, [("scenes/01-plan.yaml", "target: embankment", "target: nowhere")])
    target = tmp_path / "edition.md"
    assert main(["export", "--story", str(broken), "-o", str(target)]) == 1
    assert not target.exists()
    err = capsys.readouterr().err
    assert "E012" in err and "has errors" in err


def test_documents_are_printed_in_full_with_where_their_text_was_taken_from(
    edition: Edition, example_story: Story
) -> None:
    page = edition(example_story)
    assert "documents-a-statement" in page.ids
    text = " ".join(" ".join(page.text).split())
    assert "It calls for the fighting to stop." in text and "Written for the example story" in text


def test_an_edition_in_russian(example_story: Story) -> None:
    from engine.i18n import use_language
    from engine.story.locale import in_language

    use_language("ru")
    russian = in_language(example_story, "ru").story
    html = render_html(russian)
    assert '<html lang="ru">' in html and "<title>Пример</title>" in html
    assert (
        '“a city in the Kalbajar District of Azerbaijan” <span class="translation">[перевод: город в '
        "Кельбаджарском районе Азербайджана]</span>"
    ) in html
    assert "28 марта 1993" in html
    markdown = render_markdown(russian)
    assert "“a city in the Kalbajar District of Azerbaijan” *\\[перевод: город в Кельбаджарском районе " in markdown
