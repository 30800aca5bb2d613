"""Narrative text of the data (Markdown) rendered safely into HTML.

markdown-it-py in its CommonMark preset, with raw HTML disabled (``<script>`` in the data
is shown as text, never run), images shown as their description (pictures come only
from the cooperative's logo, checked separately) and links limited to http(s) and mailto, as the printed page
can only show them anyway.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

_PROTOCOLLI = ("http:", "https:", "mailto:")


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.add_render_rule("image", _immagine_come_testo)
    md.validateLink = lambda url: url.strip().lower().startswith(_PROTOCOLLI)  # type: ignore[method-assign]
    return md


def _immagine_come_testo(self, tokens, idx, options, env) -> str:
    # an image in the narrative would be fetched from who knows where: show its description
    return self.renderInline(tokens[idx].children or [], options, env)


def markdown(testo: str | None) -> Markup:
    """Markdown (paragraphs, lists, bold) -> safe HTML; ``None`` -> empty."""
    if not testo:
        return Markup("")
    return Markup(_md().render(testo).strip())
