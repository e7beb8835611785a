"""The story's small markup: paragraphs, quotations, emphasis, links; nothing else means anything."""

from __future__ import annotations

from engine.story.markup import Block, Span, links, parse, plain_text, word_count


def test_paragraphs_quotes_emphasis_and_links() -> None:
    text = ("The column *moved* at dawn,\nthrough [[Charektar|glossary/charektar]].\n\n"
            "> A quoted\n> passage.\n\nSee [[casualties/tunnel]].")
    blocks = parse(text, {"casualties/tunnel": "The tunnel"})
    assert blocks == (
        Block("paragraph", (Span("text", "The column "), Span("em", "moved"), Span("text", " at dawn, through "),
                            Span("link", "Charektar", "glossary/charektar"), Span("text", "."))),
        Block("quote", (Span("text", "A quoted passage."),)),
        Block("paragraph", (Span("text", "See "), Span("link", "The tunnel", "casualties/tunnel"),
                            Span("text", "."))),
    )
    assert links(text) == ["glossary/charektar", "casualties/tunnel"]


def test_other_markup_is_kept_as_written() -> None:
    text = r"[bold]Not bold[/bold] [link=x]y[/] \*not\* a [single|bracket] ![img](u) <b>"
    (block,) = parse(text)
    assert block.spans == (
        Span("text", "[bold]Not bold[/bold] [link=x]y[/] \\"),  # a backslash escapes nothing
        Span("em", "not\\"),
        Span("text", " a [single|bracket] ![img](u) <b>"),
    )


def test_a_link_without_a_known_title_shows_its_reference() -> None:
    (block,) = parse("[[politics/turkey]]")
    assert block.spans == (Span("link", "politics/turkey", "politics/turkey"),)


def test_words_are_counted_as_a_reader_hears_them() -> None:
    assert plain_text("*One* [[two|glossary/x]]\n\n> three") == "One two\n\nthree"
    assert word_count("*One* [[two words|glossary/x]]\n\n> three") == 4
    assert word_count("") == 0
