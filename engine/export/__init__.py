"""Printed forms of a story: the reading edition (Markdown, HTML) and the scene graph (DOT, Mermaid)."""
