"""The reader's widgets, one file per thing on screen."""
