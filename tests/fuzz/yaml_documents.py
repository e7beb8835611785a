"""Random YAML documents that know what they hold: the fuzz tests' oracle for the composer's limits.

A document is built as a tree (scalars in every quoting style, block and flow
collections, anchors, aliases, tags, comments), then written out with one of
YAML's six line breaks.  Because the tree is known, so is the first thing the
composer must refuse, in the order its events arrive: an anchor or an alias
(E008), the value past the limit (E003), the level past the limit (E021).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

BREAKS = ("\n", "\r", "\r\n", "\x85", "\u2028", "\u2029")
WORDS = ("scene", "go on", "Kəlbəcər", "1993-04-02", "No", "12:30", "010", "x", "long road north", "ε", "日本")
ESCAPES = ("\\e[5m", "\\u202e", "\\t", '\\"', "\\\\", "\\U0001F600", "\\x41", "\\n")
BAD_ESCAPES = ("\\ud800", "\\U00110000")
TAGS = ("!!python/object/apply:os.system", "!local", "!!str")


@dataclass
class Node:
    anchor: str | None = None
    tag: str | None = None


@dataclass
class Scalar(Node):
    text: str = "x"
    style: str = "plain"  # plain, single, double, literal


@dataclass
class Alias(Node):
    name: str = "a"


@dataclass
class Seq(Node):
    items: list[Node] = field(default_factory=list)
    flow: bool = False


@dataclass
class Map(Node):
    pairs: list[tuple[Scalar, Node]] = field(default_factory=list)
    flow: bool = False


@dataclass
class Document:
    root: Node
    line_break: str
    raw_control: bool

    @property
    def text(self) -> str:
        root = self.root
        block = (
            isinstance(root, (Seq, Map)) and not root.flow and bool(root.items if isinstance(root, Seq) else root.pairs)
        )
        lines = ([_props(root).rstrip()] if _props(root) else []) + _block(root, 0) if block else [_inline(root)]  # type: ignore[arg-type]
        text = "# a generated document\n" + "\n".join(lines) + "\n"
        if self.raw_control:
            text = text.replace("scene", "sc\x1bene", 1) if "scene" in text else text + "# \x1b\n"
        return text.replace("\n", self.line_break)

    def first_refusal(self, max_nodes: int, max_depth: int) -> str | None:
        """The code the composer must give first, or None when it must accept the document.

        None too when the document holds what the scanner refuses (an escape that
        names no character, a raw control character): where that error falls
        among the events depends on how far ahead the parser reads.
        """
        if self.raw_control or _has_bad_escape(self.root):
            return None
        count = 0

        def visit(node: Node, depth: int) -> str | None:
            nonlocal count
            if isinstance(node, Alias) or node.anchor is not None:
                return "E008"
            count += 1
            if count > max_nodes:
                return "E003"
            if depth >= max_depth:
                return "E021"
            children: list[Node] = []
            if isinstance(node, Seq):
                children = node.items
            elif isinstance(node, Map):
                children = [child for pair in node.pairs for child in pair]
            return next((found for child in children if (found := visit(child, depth + 1))), None)

        return visit(self.root, 0) or ""


def _has_bad_escape(node: Node) -> bool:
    if isinstance(node, Scalar):
        return node.style == "double" and any(bad in node.text for bad in BAD_ESCAPES)
    if isinstance(node, Seq):
        return any(_has_bad_escape(item) for item in node.items)
    if isinstance(node, Map):
        return any(_has_bad_escape(k) or _has_bad_escape(v) for k, v in node.pairs)
    return False


def _props(node: Node) -> str:
    return "".join(f"{part} " for part in (f"&{node.anchor}" if node.anchor else None, node.tag) if part)


def _scalar(node: Scalar) -> str:
    if node.style == "single":
        return "'" + node.text.replace("'", "''") + "'"
    if node.style == "double":
        return '"' + node.text + '"'
    return node.text


def _inline(node: Node) -> str:
    """A node written on one line: a flow collection, a quoted or plain scalar, or an alias."""
    if isinstance(node, Alias):
        return f"*{node.name}"
    if isinstance(node, Seq):
        return _props(node) + "[" + ", ".join(_inline(item) for item in node.items) + "]"
    if isinstance(node, Map):
        # JSON-like keys may meet their value with no space: the form a scan once missed ("k":&x v)
        pairs = [
            (_inline(key) + (":" if key.style in ("single", "double") and not key.anchor else ": ") + _inline(value))
            for key, value in node.pairs
        ]
        return _props(node) + "{" + ", ".join(pairs) + "}"
    assert isinstance(node, Scalar)
    if node.style == "literal":
        return _props(node) + '"' + node.text + '"'
    return _props(node) + _scalar(node)


def _block(node: Seq | Map, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    entries = (
        [("- ", item) for item in node.items]
        if isinstance(node, Seq)
        else [(_inline(key) + ": ", value) for key, value in node.pairs]
    )
    for head, value in entries:
        if (
            isinstance(value, (Seq, Map))
            and not value.flow
            and (value.items if isinstance(value, Seq) else value.pairs)
        ):
            lines.append(pad + head + _props(value).rstrip())
            lines += _block(value, indent + 2)
        elif isinstance(value, Scalar) and value.style == "literal":
            lines.append(pad + head + _props(value) + "|")
            lines += [" " * (indent + 2) + line for line in value.text.split(" ")]
        else:
            if isinstance(value, (Seq, Map)):  # an empty block collection is written in flow style
                value.flow = True
            lines.append(pad + head + _inline(value))
    return lines


_anchors = st.sampled_from(["a", "x", "base", "a0"])


@st.composite
def scalars(draw: st.DrawFn, key: bool = False) -> Scalar:
    style = draw(st.sampled_from(["plain", "single", "double"] if key else ["plain", "single", "double", "literal"]))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))
    text = " ".join(words)
    if style == "plain":
        text = "".join(ch for ch in text if ch.isalnum() or ch == " ").strip() or "x"
        if text in ("No", "x") or text[0].isdigit():
            text = "w" + text
    if style == "double":
        text += "".join(draw(st.lists(st.sampled_from(ESCAPES), max_size=2)))
        if draw(st.integers(0, 29)) == 0:
            text += draw(st.sampled_from(BAD_ESCAPES))
    if style == "literal":
        text = text.replace(":", "")
    anchor = draw(_anchors) if draw(st.integers(0, 39)) == 0 else None
    tag = draw(st.sampled_from(TAGS)) if not key and draw(st.integers(0, 19)) == 0 else None
    return Scalar(anchor=anchor, tag=tag, text=text, style=style)


def nodes() -> st.SearchStrategy[Node]:
    leaves = st.integers(0, 29).flatmap(lambda n: st.builds(Alias, name=_anchors) if n == 0 else scalars())

    def extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
        rare_anchor = st.integers(0, 29).flatmap(lambda n: _anchors if n == 0 else st.none())
        return st.builds(Seq, items=st.lists(children, max_size=4), flow=st.booleans(), anchor=rare_anchor) | st.builds(
            Map,
            pairs=st.lists(
                st.tuples(scalars(key=True), children), max_size=4, unique_by=lambda pair: (pair[0].text, pair[0].style)
            ),
            flow=st.booleans(),
            anchor=rare_anchor,
        )

    return st.recursive(leaves, extend, max_leaves=50)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    root = draw(nodes())
    if isinstance(root, (Seq, Map)) and not root.flow and draw(st.booleans()):
        _flowless(root)
    return Document(root, draw(st.sampled_from(BREAKS)), draw(st.integers(0, 29)) == 0)


def _flowless(node: Node) -> None:
    """Block style all the way down, as story files are written (a flow collection cannot hold a block one)."""
    if isinstance(node, Seq):
        children: list[Node] = node.items
    elif isinstance(node, Map):
        children = [value for _, value in node.pairs]
    else:
        return
    for child in children:
        if isinstance(child, (Seq, Map)):
            child.flow = False
            _flowless(child)
