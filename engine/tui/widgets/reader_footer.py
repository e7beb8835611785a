"""The footer of the reader's screens: Textual's Footer, without its leak on every rebuild."""

from __future__ import annotations

from textual.widgets import Footer


class ReaderFooter(Footer):
    """Footer that lets go of the keys it replaces.

    In Textual 8.2.8 each FooterKey is ``data_bind``-ed to the footer's ``compact``
    reactive; the watcher stays on the footer after the key is removed, and is
    only pruned when ``compact`` changes, which it never does.  The footer is
    rebuilt whenever the keys change (each return from the transcript, help or a
    dialog), so a long reading kept every old key: about 2 MiB per visit to the
    transcript.  Mutating ``compact`` after a rebuild runs that pruning.
    """

    async def recompose(self) -> None:
        await super().recompose()
        self.mutate_reactive(Footer.compact)
