"""The reader's screens: title, reading, transcript, help and the small dialogs."""
