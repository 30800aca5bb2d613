"""The templates a user may override, and the check of a user's templates folder.

``--templates DIR`` is searched before the built-in themes, Pelican-style. A file in it
replaces the built-in template of the same path, or extends it with the ``!`` prefix and
changes some of its blocks::

    {# DIR/completo/sezioni/3-governo.html #}
    {% extends "!completo/sezioni/3-governo.html" %}
    {% block cda %}…{% endblock %}

Jinja would silently ignore a block the parent does not have, and a file whose name
matches no template; both are mistakes a user would not see in the output, so the folder
is checked first (:func:`verifica_cartella`) and either is an Italian error that names
the file and the block (exit code 2, like any misuse). A block macro's file
(``base/blocchi/tabella.html``) must define its macro.

Images, fonts and other assets in the folder are not templates: the stylesheets may use
them (the PDF renderer reads the templates folder), so they are not checked here.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2 import nodes

from ..errori import ModelloNonValido

#: the folders of the built-in themes whose templates a user may override
CARTELLE = ("base", "completo", "sintesi")
#: what a template is (anything else in a templates folder is an asset)
ESTENSIONI = (".html", ".css")


def sovrascrivibili(radice: Path) -> dict[str, Path]:
    """Every overridable template of the built-in themes, by its path (``completo/rapporto.html``)."""
    modelli = {}
    for cartella in CARTELLE:
        for file in sorted((radice / cartella).rglob("*")):
            if file.is_file() and file.suffix in ESTENSIONI:
                modelli[file.relative_to(radice).as_posix()] = file
    return modelli


def _albero(testo: str, nome: str) -> nodes.Template:
    try:
        return jinja2.Environment().parse(testo, name=nome)
    except jinja2.TemplateSyntaxError as exc:
        raise ModelloNonValido(
            f"Errore di sintassi nel modello «{nome}», riga {exc.lineno}: {exc.message}."
        ) from None


def blocchi(testo: str, nome: str = "modello") -> list[str]:
    """The names of the blocks a template defines, in order."""
    return [b.name for b in _albero(testo, nome).find_all(nodes.Block)]


def macro(testo: str, nome: str = "modello") -> list[str]:
    """The names of the macros a template defines at its top level."""
    return [m.name for m in _albero(testo, nome).body if isinstance(m, nodes.Macro)]


def _estende(albero: nodes.Template) -> str | None:
    for e in albero.find_all(nodes.Extends):
        if isinstance(e.template, nodes.Const) and isinstance(e.template.value, str):
            return e.template.value
    return None


@lru_cache(maxsize=8)
def _blocchi_predefiniti(file: Path) -> tuple[str, ...]:
    return tuple(blocchi(file.read_text(encoding="utf-8"), file.name))


def verifica_cartella(utente: Path, radice: Path) -> None:
    """Check a user's templates folder against the built-in themes in ``radice``.

    Raises :class:`ModelloNonValido` for a template that matches no built-in one, an
    ``extends "!..."`` of a template that does not exist, a block the extended template
    does not have, or a macro file without its macro.
    """
    predefiniti = sovrascrivibili(radice)
    for file in sorted(utente.rglob("*")):
        relativo = file.relative_to(utente).as_posix()
        if not file.is_file() or file.suffix not in ESTENSIONI:
            continue
        if any(parte.startswith(".") for parte in file.relative_to(utente).parts):
            continue  # editors' and systems' hidden files
        if relativo not in predefiniti:
            raise ModelloNonValido(
                f"Il file «{file}» non corrisponde a nessun modello del report: i modelli che "
                "si possono sovrascrivere sono quelli elencati nel README (sezione «Templates»), "
                f"con lo stesso percorso (per esempio «completo/sezioni/3-governo.html»)."
            )
        if file.suffix != ".html":
            continue
        testo = file.read_text(encoding="utf-8")
        albero = _albero(testo, str(file))
        genitore = _estende(albero)
        if genitore is not None and genitore.startswith("!"):
            base = genitore[1:]
            if base not in predefiniti:
                raise ModelloNonValido(
                    f"Il file «{file}» estende «{genitore}», che non esiste tra i modelli predefiniti."
                )
            noti = _blocchi_predefiniti(predefiniti[base])
            for nome in blocchi(testo, str(file)):
                if nome not in noti:
                    raise ModelloNonValido(
                        f"Il file «{file}» ridefinisce il blocco «{nome}», che «{base}» non ha. "
                        f"Blocchi di «{base}»: {', '.join(noti) or 'nessuno'}."
                    )
        attesi = set(macro(predefiniti[relativo].read_text(encoding="utf-8"), relativo))
        if genitore is None and relativo.split("/")[-2:-1] == ["blocchi"]:
            mancanti = sorted(attesi - set(macro(testo, str(file))))
            if mancanti:
                raise ModelloNonValido(
                    f"Il file «{file}» sostituisce «{relativo}» ma non definisce la macro "
                    f"«{mancanti[0]}», che il report chiama."
                )


def elenco(radice: Path) -> list[str]:
    """The README's list of the overridable templates: each path, with its blocks (what
    ``{% extends "!..." %}`` can change) or its macros (a block macro's file is replaced whole)."""
    righe = []
    for nome, file in sovrascrivibili(radice).items():
        testo = file.read_text(encoding="utf-8") if file.suffix == ".html" else ""
        b, m = (blocchi(testo, nome), macro(testo, nome)) if testo else ([], [])
        if b:
            parti = "blocchi " + ", ".join(f"`{x}`" for x in b)
        elif m and nome.split("/")[-2:-1] == ["blocchi"]:
            parti = "macro " + ", ".join(f"`{x}`" for x in m)
        else:
            parti = "sostituito per intero"
        righe.append(f"- `{nome}`: {parti}")
    return righe
