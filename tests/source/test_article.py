from pathlib import Path

from engine.source.article import clean, load_article, parse_article

SEED = Path(__file__).parents[2] / "seeds" / "000_37987845c617e723.txt"


def test_paragraph_ids_follow_the_headings() -> None:
    article = load_article(SEED)
    ids = [p.id for p in article.paragraphs]
    assert article.title == "Battle of Kalbajar"
    assert ids[:3] == ["lead/1", "lead/2", "background/1"]
    assert "the-battle/heavy-resistance/2" in ids
    assert article.by_id["the-battle/heavy-resistance/2"].text.startswith("The battered village of Charektar")
    assert ids[-1] == "political-ramifications/2"
    assert len(ids) == 19


def test_empty_sections_are_kept() -> None:
    sections = {s.path: s for s in load_article(SEED).sections}
    assert sections["the-region-of-kelbajar"].paragraphs == ()
    assert sections["the-battle"].paragraphs == ()
    assert sections["the-battle/melkonians-advance"].title == "Melkonian's advance"


def test_tokens_are_undone() -> None:
    assert clean("Nagorno @-@ Karabakh") == "Nagorno-Karabakh"
    assert clean("1 @, @ 900 square") == "1,900 square"
    assert clean("3 @,@ 000") == "3,000"
    assert clean("45 @, @ 000 ? 60 @, @ 000 was") == "45,000–60,000 was"
    assert clean("in 1993 , during") == "in 1993, during"
    assert clean("Karabakh 's population") == "Karabakh's population"
    assert clean("that isn 't conducive") == "that isn't conducive"
    assert clean("the Armenians ' most") == "the Armenians' most"
    assert clean('a " sharp rebuke " and') == "a “sharp rebuke” and"
    assert clean("approximately 75 % ethnic") == "approximately 75% ethnic"


def test_parsing_is_stable_for_a_small_article() -> None:
    article = parse_article(" = Title = \n\n Intro .\n\n = = A = = \n\n = = = B = = = \n\n One .\n\n Two .\n")
    assert [p.id for p in article.paragraphs] == ["lead/1", "a/b/1", "a/b/2"]
    assert [s.path for s in article.sections] == ["lead", "a", "a/b"]
