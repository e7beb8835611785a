"""The edition's maps: the same data as the screen's, readable printed without colour, story text escaped."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

from engine.export.html import render_html
from engine.export.markdown import render_markdown
from engine.map.svg import LINE_STYLES, scene_map_svg
from engine.story.labels import scenes_by_phase
from engine.story.load import load_story
from engine.story.model import Story

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def test_every_kind_of_line_has_its_own_dash_pattern_or_width() -> None:
    looks = [(dashes, width) for _colour, width, dashes in LINE_STYLES.values()]
    assert len(set(looks)) == len(looks), "without colour, two kinds of line would look alike"
    # The two solid lines: a river, and an attack, thicker and with an arrowhead.
    assert [kind for kind, (_c, _w, dashes) in LINE_STYLES.items() if not dashes] == ["river", "attack"]


def test_the_map_of_the_fall_draws_places_lines_front_scale_north_and_legend(map_story: Story) -> None:
    root = parsed(scene_map_svg(map_story, map_story.scenes["fall"]))
    text = "".join(root.itertext())
    assert root.find(f"{SVG}title") is not None and "3 April 1993" in root.find(f"{SVG}title").text  # type: ignore[union-attr]
    assert "★" in text and "Kalbajar×" in text.replace("\n", "")  # the scene's place, held since 3 April
    assert "N" in text and " km" in text  # north arrow and scale bar
    lines = root.findall(f"{SVG}polyline")
    names = {line.find(f"{SVG}title").text for line in lines}  # type: ignore[union-attr]
    assert {"Tartar River", "Melkonian's column", "The refugees' road north"} <= names
    dashed = {line.find(f"{SVG}title").text: line.get("stroke-dasharray") for line in lines}  # type: ignore[union-attr]
    assert dashed["The refugees' road north"] == LINE_STYLES["uncertain"][2]  # dated only "about 1 April"
    assert dashed["Melkonian's column"] is None
    for meaning in (
        "river",
        "this scene's place",
        "after a name: held by the attackers",
        "attack or route on a date the sources leave vague",
    ):
        assert meaning in text
    # The front's sources and the lines', by title.
    assert "Sources: Battle of Kalbajar; Azerbaijan: Seven Years of Conflict in Nagorno-Karabakh." in text
    assert "Lines' sources: Coordinates from Wikipedia infoboxes." in text


def test_before_the_offensive_no_attack_is_drawn(map_story: Story) -> None:
    from dataclasses import replace

    scene = replace(map_story.scenes["offensive"], date=map_story.scenes["offensive"].date.parse("1993-03-20"))
    root = parsed(scene_map_svg(map_story, scene))
    names = {line.find(f"{SVG}title").text for line in root.findall(f"{SVG}polyline")}  # type: ignore[union-attr]
    assert "Melkonian's column" not in names and "Tartar River" in names


def test_story_text_in_the_map_is_escaped(map_story: Story, tmp_path: Path) -> None:
    folder = tmp_path / "map"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "stories" / "map", folder)
    places = folder / "places.yaml"
    hostile = '<script>alert("x")</script> & ]]>'
    places.write_text(
        places.read_text(encoding="utf-8")
        .replace("name: Melkonian's column", f"name: '{hostile}'")
        .replace("name: Kalbajar\n", f"name: '{hostile}'\n", 1),
        encoding="utf-8",
    )
    story = load_story(folder).story
    assert story is not None
    svg = scene_map_svg(story, story.scenes["fall"])
    assert "<script>" not in svg
    root = parsed(svg)  # well formed despite the name
    assert hostile in "".join(root.itertext())


def test_the_html_edition_has_one_map_per_phase_and_markdown_names_the_places(map_story: Story) -> None:
    html = render_html(map_story)
    phases = list(scenes_by_phase(map_story))
    assert html.count('<figure class="map">') == len(phases)
    for match in re.finditer(r"<svg .*?</svg>", html, flags=re.S):
        parsed(match.group(0))
    markdown = render_markdown(map_story)
    places_lines = [line for line in markdown.splitlines() if line.startswith("Places:")]
    assert len(places_lines) == len(phases)
    assert "Places: Kalbajar tunnel; Kalbajar; Omar Pass" in places_lines


def test_a_phase_map_shows_the_phase_at_its_latest_scene_not_a_look_back(bundled_story: Story) -> None:
    html = render_html(bundled_story)
    flight = html[html.index('id="phase-flight"') :]
    title = re.search(r"<title id=\"map-title-[^\"]+\">([^<]*)</title>", flight)
    assert title is not None and title.group(1).startswith("Map: Dashkasan and Yevlakh")
