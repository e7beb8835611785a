"""Month names and date patterns in the reader's language, for the story's dates.

A month has two forms in many languages: in a date (Russian ``1 апреля``,
genitive) and alone (``апрель 1993``).  Each is a message of its own, with a
context that tells the translator which is meant; the order of day, month and
year is a message too (``{day} {month} {year}``), so a language can put the
year first.  The translation checker reads the same names to see that a
translated date keeps its month.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.i18n import SOURCE_LANGUAGE, current_language, translations

if TYPE_CHECKING:
    from gettext import NullTranslations

ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_cache: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}


def _names(catalog: NullTranslations) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(months in a date, months alone, patterns) as ``catalog`` says them; literal calls, so Babel finds them."""
    pgettext = catalog.pgettext  # the name Babel looks for
    in_date = (
        pgettext("month in a date: 1 January 1993", "January"),
        pgettext("month in a date: 1 February 1993", "February"),
        pgettext("month in a date: 1 March 1993", "March"),
        pgettext("month in a date: 1 April 1993", "April"),
        pgettext("month in a date: 1 May 1993", "May"),
        pgettext("month in a date: 1 June 1993", "June"),
        pgettext("month in a date: 1 July 1993", "July"),
        pgettext("month in a date: 1 August 1993", "August"),
        pgettext("month in a date: 1 September 1993", "September"),
        pgettext("month in a date: 1 October 1993", "October"),
        pgettext("month in a date: 1 November 1993", "November"),
        pgettext("month in a date: 1 December 1993", "December"),
    )
    alone = (
        pgettext("month alone: January 1993", "January"),
        pgettext("month alone: February 1993", "February"),
        pgettext("month alone: March 1993", "March"),
        pgettext("month alone: April 1993", "April"),
        pgettext("month alone: May 1993", "May"),
        pgettext("month alone: June 1993", "June"),
        pgettext("month alone: July 1993", "July"),
        pgettext("month alone: August 1993", "August"),
        pgettext("month alone: September 1993", "September"),
        pgettext("month alone: October 1993", "October"),
        pgettext("month alone: November 1993", "November"),
        pgettext("month alone: December 1993", "December"),
    )
    patterns = (
        pgettext("a date: day, month, year", "{day} {month} {year}"),
        pgettext("a month of a year", "{month} {year}"),
        pgettext("the start of a range within one year: day and month", "{day} {month}"),
        pgettext("a range of dates", "{start} – {end}"),
        pgettext("an approximate date", "c. {date}"),
        pgettext("a range of days within one month", "{first} – {last} {month} {year}"),
    )
    return in_date, alone, patterns


def _words(lang: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    found = _cache.get(lang)
    if found is None:
        found = _cache[lang] = _names(translations(lang)) if lang != SOURCE_LANGUAGE else _english()
    return found


def _english() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    from gettext import NullTranslations

    return _names(NullTranslations())


def day_label(day: int, month: int, year: str) -> str:
    """``1 April 1993`` in the current language."""
    in_date, _alone, patterns = _words(current_language())
    return patterns[0].format(day=day, month=in_date[month - 1], year=year)


def month_label(month: int, year: str) -> str:
    """``April 1993`` in the current language."""
    _in_date, alone, patterns = _words(current_language())
    return patterns[1].format(month=alone[month - 1], year=year)


def month_name(month: int) -> str:
    """``April``, a month named alone (a heading, the strip of days), in the current language."""
    return _words(current_language())[1][month - 1]


def day_month_label(day: int, month: int) -> str:
    """``30 March``, the start of a range that ends in the same year."""
    in_date, _alone, patterns = _words(current_language())
    return patterns[2].format(day=day, month=in_date[month - 1])


def days_range_label(first: int, last: int, month: int, year: str) -> str:
    """``25 – 26 February 1992``: days of one month, in the order the language writes a date."""
    in_date, _alone, patterns = _words(current_language())
    return patterns[5].format(first=first, last=last, month=in_date[month - 1], year=year)


def range_label(start: str, end: str) -> str:
    """``30 March – 1 April 1993``, from its two ends already in words."""
    return _words(current_language())[2][3].format(start=start, end=end)


def approximate_label(date: str) -> str:
    """``c. March 1993``."""
    return _words(current_language())[2][4].format(date=date)


def month_forms(lang: str) -> tuple[tuple[str, ...], ...]:
    """For each month, the names ``lang`` gives it (in a date, and alone); empty where it gives none of its own.

    Without a translated name the checker cannot know how the language writes
    the month, so it does not check it.
    """
    in_date, alone, _patterns = _words(lang)
    return tuple(
        tuple(dict.fromkeys(form for form in (a, b) if form != english))
        for a, b, english in zip(in_date, alone, ENGLISH_MONTHS, strict=True)
    )
