"""The Source tab: the paragraphs of the article and the other sources the scene on screen draws on."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from engine.i18n import _
from engine.story.labels import is_seed_paragraph, source_title
from engine.story.model import Scene, Story
from engine.tui.widgets.prose_view import ProseView


class SourceView(ProseView):
    """Each source by its title (never its id), the article's paragraph in full, then the attribution."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: str | None = None

    def forget(self) -> None:
        """Draw again on the next show, even the same scene (the theme has changed)."""
        self._shown = None

    def show(self, story: Story, scene: Scene) -> None:
        if scene.id == self._shown:
            return
        self._shown = scene.id
        styles = self.prose_styles()
        parts: list[RenderableType] = [Text(_("The sources of “{title}”").format(title=scene.title), styles.title)]
        for source in scene.sources:
            parts.append(Text())
            parts.append(Text(source_title(story, source), styles.emphasis))
            if is_seed_paragraph(source):
                paragraph = story.article.by_id.get(source)
                number = source.rsplit("/", 1)[-1]
                parts.append(Text(_("Paragraph {number} of the article").format(number=number), styles.meta))
                if paragraph is not None:
                    parts.append(Text(paragraph.text))
                continue
            citation = story.citations.get(source)
            if citation is None:
                continue
            about = ", ".join(v for v in (citation.author, citation.publisher, citation.date) if v)
            for line, style in ((about, styles.meta), (citation.url, styles.meta), (citation.note, None)):
                if line:
                    parts.append(Text(" ".join(line.split()), style or ""))
        parts.append(Text())
        parts.append(Text(" ".join(story.attribution.split()), styles.note))
        self.update(Group(*parts))
        self.scroll_home(animate=False, immediate=True)
