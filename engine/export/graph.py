"""The scene graph, for authors: Graphviz DOT or Mermaid.

Scenes are grouped by phase (in phase order) and coloured by thread, with a
legend; endings have a double border, the start a bold one, and choices that
depend on a condition are dashed.  Every label is escaped for its language.
"""

from __future__ import annotations

from engine.export.edition import ink_on, thread_colours
from engine.i18n import _
from engine.story.labels import phase_title, scenes_by_phase
from engine.story.model import Scene, Story


def dot_string(text: str) -> str:
    """A DOT quoted string: backslashes and quotes escaped, so ``\\n`` and the like stay literal."""
    flat = " ".join(text.split())
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_dot(story: Story) -> str:
    colours = thread_colours(story)
    out = [
        "digraph story {",
        f'  graph [label={dot_string(story.title)}, labelloc=t, rankdir=TB, fontname="sans-serif"];',
        '  node [shape=box, style="rounded,filled", fontname="sans-serif"];',
        '  edge [fontname="sans-serif", fontsize=10];',
    ]
    for n, (phase_id, scenes) in enumerate(scenes_by_phase(story)):
        out.append(f"  subgraph cluster_{n} {{")
        out.append(f"    label={dot_string(f'{n + 1}. {phase_title(story, phase_id)}')};")
        out.append(f"    phase={dot_string(phase_id)};")
        for scene in scenes:
            out.append(f"    {dot_string(scene.id)} [{_dot_node(story, scene, colours)}];")
        out.append("  }")
    for scene in story.scenes.values():
        for choice in scene.choices:
            style = ", style=dashed" if choice.condition is not None else ""
            out.append(
                f"  {dot_string(scene.id)} -> {dot_string(choice.target)} [label={dot_string(choice.label)}{style}];"
            )
    out.append("  subgraph cluster_legend {")
    out.append(f"    label={dot_string(_('Threads'))}; style=dashed;")
    for thread in story.threads.values():
        fill = colours[thread.id]
        out.append(
            f"    {dot_string('thread:' + thread.id)} [label={dot_string(thread.name)}, "
            f'fillcolor="{fill}", fontcolor="{ink_on(fill)}"];'
        )
    out.append("  }")
    out.append("}")
    return "\n".join(out) + "\n"


def _dot_node(story: Story, scene: Scene, colours: dict[str, str]) -> str:
    fill = colours.get(scene.thread, "#666666")
    attributes = [f"label={_with_break(scene)}", f'fillcolor="{fill}"', f'fontcolor="{ink_on(fill)}"']
    if scene.ending:
        attributes.append("peripheries=2")
    if scene.id == story.start:
        attributes.append("penwidth=3")
    return ", ".join(attributes)


def _with_break(scene: Scene) -> str:
    """The title and date on two lines: DOT's own ``\\n`` between two escaped strings."""
    return dot_string(scene.title)[:-1] + "\\n" + dot_string(scene.date.label())[1:]


def mermaid_string(text: str) -> str:
    """A Mermaid quoted label: characters Mermaid reads are written as its entity codes."""
    flat = " ".join(text.split())
    for char, code in (
        ("#", "#35;"),
        ("&", "#38;"),
        ('"', "#quot;"),
        ("<", "#lt;"),
        (">", "#gt;"),
        ("|", "#124;"),
        ("`", "#96;"),
    ):  # "#" first: the codes themselves hold one
        flat = flat.replace(char, code)
    return f'"{flat}"'


def mermaid_id(scene_id: str) -> str:
    """Scene ids may be Mermaid keywords (``end``) and hold hyphens; these ids are neither."""
    return "s_" + scene_id.replace("-", "_")


def render_mermaid(story: Story) -> str:
    colours = thread_colours(story)
    out = ["flowchart TB"]
    for n, (phase_id, scenes) in enumerate(scenes_by_phase(story)):
        out.append(f"  subgraph phase_{n}[{mermaid_string(f'{n + 1}. {phase_title(story, phase_id)}')}]")
        for scene in scenes:
            label = mermaid_string(f"{scene.title}, {scene.date.label()}")
            shape = f"[[{label}]]" if scene.ending else f"([{label}])" if scene.id == story.start else f"[{label}]"
            out.append(f"    {mermaid_id(scene.id)}{shape}")
        out.append("  end")
    for scene in story.scenes.values():
        for choice in scene.choices:
            arrow = "-.->" if choice.condition is not None else "-->"
            out.append(f"  {mermaid_id(scene.id)} {arrow}|{mermaid_string(choice.label)}| {mermaid_id(choice.target)}")
    out.append(f"  subgraph legend[{mermaid_string(_('Threads'))}]")
    for thread in story.threads.values():
        out.append(f"    t_{thread.id.replace('-', '_')}[{mermaid_string(thread.name)}]")
    out.append("  end")
    for thread in story.threads.values():
        name = f"thread_{thread.id.replace('-', '_')}"
        out.append(f"  classDef {name} fill:{colours[thread.id]},color:{ink_on(colours[thread.id])},stroke:#333333")
        members = [mermaid_id(s.id) for s in story.scenes.values() if s.thread == thread.id]
        out.append(f"  class {','.join([*members, 't_' + thread.id.replace('-', '_')])} {name}")
    endings = [mermaid_id(s.id) for s in story.scenes.values() if s.ending]
    if endings:
        out.append("  classDef ending stroke-width:4px")
        out.append(f"  class {','.join(endings)} ending")
    return "\n".join(out) + "\n"
