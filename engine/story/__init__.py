"""The story: its model, the safe loader, and the checks `kalbajar validate` runs."""
