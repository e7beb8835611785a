"""Control characters: what may never reach a terminal, and how to show it when it must be named.

C0 and C1 controls (tab and newline allowed), DEL, and the bidirectional
overrides and isolates.  Story text holding them is refused when it is loaded;
anything else printed from outside the story (a file name, a damaged save) is
passed through ``printable`` first.
"""

from __future__ import annotations

import re

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``), safe to print anywhere."""
    return UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
