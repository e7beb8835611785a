"""The Textual reader: the story on screen, with its side panels, transcript and help."""
