"""The story's small markup: paragraphs, quotations, emphasis, links; nothing else means anything."""

from __future__ import annotations

from engine.story.markup import Block, Span, links, parse, plain_text, quotations, word_count


def test_paragraphs_quotes_emphasis_and_links() -> None:
    text = (
        "The column *moved* at dawn,\nthrough [[Charektar|glossary/charektar]].\n\n"
        "> A quoted\n> passage.\n\nSee [[casualties/tunnel]]."
    )
    blocks = parse(text, {"casualties/tunnel": "The tunnel"})
    assert blocks == (
        Block(
            "paragraph",
            (
                Span("text", "The column "),
                Span("em", "moved"),
                Span("text", " at dawn, through "),
                Span("link", "Charektar", "glossary/charektar"),
                Span("text", "."),
            ),
        ),
        Block("quote", (Span("text", "A quoted passage."),)),
        Block("paragraph", (Span("text", "See "), Span("link", "The tunnel", "casualties/tunnel"), Span("text", "."))),
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


def test_a_quotation_may_carry_its_translation_after_a_bar() -> None:
    """The original words stay as the source has them; the translation is a span of its own, marked as one."""
    (block,) = parse("He said “nous   partons”{a-source|we are\n leaving} and left.")
    assert block.spans == (
        Span("text", "He said "),
        Span("quote", "“nous partons”", "a-source"),
        Span("translation", "we are leaving", "a-source"),
        Span("text", " and left."),
    )
    assert block.plain == "He said “nous partons” [we are leaving] and left."
    assert quotations("“nous partons”{a-source|we are leaving}") == [("nous partons", "a-source")]


def test_a_bar_with_nothing_after_it_is_no_translation() -> None:
    (block,) = parse("“nous partons”{a-source| }")
    assert [s.kind for s in block.spans] == ["quote"]
