"""The scene graph, in DOT and Mermaid, counted against the story."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from export_stories import EXAMPLE, HOSTILE_LABEL, HOSTILE_TITLE

from engine.cli import main
from engine.export.edition import thread_colours
from engine.export.graph import mermaid_id, render_dot, render_mermaid
from engine.story.model import Story

_DOT_STRING = r'"((?:[^"\\]|\\.)*)"'
_DOT_NODE = re.compile(rf"^    {_DOT_STRING} \[(.*)\];$", re.M)
_DOT_EDGE = re.compile(rf"^  {_DOT_STRING} -> {_DOT_STRING} \[label={_DOT_STRING}(, style=dashed)?\];$", re.M)
_DOT_CLUSTER = re.compile(rf'^  subgraph cluster_(\d+) {{\n    label={_DOT_STRING};\n    phase="([^"]+)";$', re.M)


def unquote_dot(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def conditional_choices(story: Story) -> int:
    return sum(1 for s in story.scenes.values() for c in s.choices if c.condition is not None)


def all_choices(story: Story) -> int:
    return sum(len(s.choices) for s in story.scenes.values())


def phases_with_scenes(story: Story) -> list[str]:
    used = {s.phase for s in story.scenes.values()}
    return [p.id for p in story.phases if p.id in used]


def test_dot_has_a_node_per_scene_and_an_edge_per_choice(example_story: Story) -> None:
    dot = render_dot(example_story)
    nodes = {unquote_dot(name): attributes for name, attributes in _DOT_NODE.findall(dot)}
    scenes = {n: a for n, a in nodes.items() if not n.startswith("thread:")}
    assert sorted(scenes) == sorted(example_story.scenes)
    assert len(_DOT_NODE.findall(dot)) == len(example_story.scenes) + len(example_story.threads)
    edges = _DOT_EDGE.findall(dot)
    assert len(edges) == all_choices(example_story) == dot.count(" -> ")
    assert sum(1 for edge in edges if edge[3]) == conditional_choices(example_story) == dot.count("dashed];")
    assert {(a, b) for a, b, _, _ in edges} == {
        (s.id, c.target) for s in example_story.scenes.values() for c in s.choices
    }


def test_dot_groups_by_phase_in_order_and_colours_by_thread(example_story: Story) -> None:
    dot = render_dot(example_story)
    clusters = _DOT_CLUSTER.findall(dot)
    assert [phase for _, _, phase in clusters] == phases_with_scenes(example_story)
    assert [int(n) for n, _, _ in clusters] == list(range(len(clusters)))
    nodes = dict(_DOT_NODE.findall(dot))
    colours = thread_colours(example_story)
    for scene in example_story.scenes.values():
        attributes = nodes[scene.id]
        assert f'fillcolor="{colours[scene.thread]}"' in attributes
        assert ("peripheries=2" in attributes) == scene.ending
        block = dot[dot.index(f'"{scene.id}" [label=') :]
        previous_cluster = dot[: dot.index(block)].rsplit("phase=", 1)[1]
        assert previous_cluster.startswith(f'"{scene.phase}"')
    for thread in example_story.threads.values():
        assert f'fillcolor="{colours[thread.id]}"' in nodes[f"thread:{thread.id}"]
        assert f'label="{thread.name}"' in nodes[f"thread:{thread.id}"]


def test_dot_labels_are_escaped(hostile_story: Story) -> None:
    dot = render_dot(hostile_story)
    nodes = dict(_DOT_NODE.findall(dot))
    label = re.match(rf"label={_DOT_STRING}", nodes["embankment"])
    assert label is not None
    title, date = label.group(1).rsplit("\\n", 1)
    assert unquote_dot(title) == HOSTILE_TITLE
    assert date == "27 March 1993"
    labels = [unquote_dot(label) for _, _, label, _ in _DOT_EDGE.findall(dot)]
    assert HOSTILE_LABEL in labels
    assert len(_DOT_EDGE.findall(dot)) == all_choices(hostile_story)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed (optional check)")
def test_graphviz_reads_the_dot(hostile_story: Story) -> None:
    done = subprocess.run(["dot", "-Tsvg"], input=render_dot(hostile_story), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "&lt;b&gt;Say &quot;hi&quot;&lt;/b&gt; \\n #1" in done.stdout


_MERMAID_NODE = re.compile(r'^    (s_\w+)(\[\[|\(\[|\[)"([^"]*)"(\]\]|\]\)|\])$', re.M)
_MERMAID_EDGE = re.compile(r'^  (s_\w+) (-->|-\.->)\|"([^"]*)"\| (s_\w+)$', re.M)
_MERMAID_PHASE = re.compile(r'^  subgraph phase_(\d+)\["([^"]*)"\]$', re.M)


def test_mermaid_has_a_node_per_scene_and_an_edge_per_choice(example_story: Story) -> None:
    mermaid = render_mermaid(example_story)
    nodes = {name: (open_, label) for name, open_, label, _ in _MERMAID_NODE.findall(mermaid)}
    assert sorted(nodes) == sorted(mermaid_id(s) for s in example_story.scenes)
    assert len(_MERMAID_NODE.findall(mermaid)) == len(example_story.scenes)
    for scene in example_story.scenes.values():
        assert (nodes[mermaid_id(scene.id)][0] == "[[") == scene.ending
    edges = _MERMAID_EDGE.findall(mermaid)
    assert len(edges) == all_choices(example_story)
    assert sum(1 for e in edges if e[1] == "-.->") == conditional_choices(example_story)


def test_mermaid_groups_by_phase_in_order_and_colours_by_thread(example_story: Story) -> None:
    mermaid = render_mermaid(example_story)
    titles = [title for _, title in _MERMAID_PHASE.findall(mermaid)]
    expected = [example_story.phase(p) for p in phases_with_scenes(example_story)]
    assert titles == [f"{n}. {p.title}" for n, p in enumerate(expected, start=1) if p]
    blocks = mermaid.split("  subgraph ")[1:]
    for scene in example_story.scenes.values():
        holder = next(b for b in blocks if f"    {mermaid_id(scene.id)}[" in b or f"    {mermaid_id(scene.id)}(" in b)
        n = int(holder.split("[", 1)[0].removeprefix("phase_"))
        assert phases_with_scenes(example_story)[n] == scene.phase
    colours = thread_colours(example_story)
    for thread in example_story.threads.values():
        assert f"classDef thread_{thread.id} fill:{colours[thread.id]}," in mermaid
        members = re.search(rf"^  class (\S+) thread_{thread.id}$", mermaid, re.M)
        assert members is not None
        expected_members = {mermaid_id(s.id) for s in example_story.scenes.values() if s.thread == thread.id}
        assert set(members.group(1).split(",")) == expected_members | {f"t_{thread.id}"}


def test_mermaid_ids_avoid_keywords_and_labels_are_escaped(hostile_story: Story) -> None:
    mermaid = render_mermaid(hostile_story)
    assert mermaid_id("end") == "s_end" and mermaid_id("the-end") == "s_the_end"
    labels = {name: label for name, _, label, _ in _MERMAID_NODE.findall(mermaid)}
    assert labels["s_embankment"] == (
        "1. #lt;b#gt;Say #quot;hi#quot;#lt;/b#gt; \\n #35;1 #38; -#gt; [x] #124; end, 27 March 1993"
    )
    assert len(_MERMAID_EDGE.findall(mermaid)) == all_choices(hostile_story)
    edge_labels = [label for _, _, label, _ in _MERMAID_EDGE.findall(mermaid)]
    assert "Go #quot;on#quot; \\ #lt;i#gt;there#lt;/i#gt; #124; #35;2 #38; #96;now#96;" in edge_labels


def test_graph_command_writes_either_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "graph.mmd"
    assert main(["graph", "--story", str(EXAMPLE), "--format", "mermaid", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("flowchart TB\n")
    assert main(["graph", "--story", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out.startswith("digraph story {\n")
