"""The command line's own words in Italian: help layout, usage line, usage errors.

Typer bundles its own copy of Click, whose strings are hard-coded English (no gettext), so
they are replaced here, at the boundary: a Context whose HelpFormatter writes Italian section
titles and usage prefix, command classes with Italian metavars and help option, and a
``main`` that rewrites every usage error (with its exit code 2) in Italian. Validation
messages of the type layer (pydantic's «Input should be…», «Value error, …») never reach the
user: they are rebuilt from the error's type and context. tests/test_cli_italiano.py fails
if an upgrade of Typer brings English back.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer import _click
from typer._click import exceptions as eccezioni
from typer.core import TyperArgument, TyperCommand, TyperGroup

from .. import __version__

AIUTO = "Mostra questo aiuto ed esce."
OPZIONI_AIUTO = ["-h", "--help"]

_SEZIONI = {"Arguments": "Argomenti", "Options": "Opzioni", "Commands": "Comandi"}
_TIPI = {
    "path": "percorso",
    "int": "intero",
    "float": "numero",
    "decimal": "numero",
    "str": "testo",
    "text": "testo",
    "bool": "sì/no",
    "datetime": "data",
}
# Typer's type names in the help (<int>, <int range>, list[str]...)
_TIPO = re.compile(r"<(?:list\[)?(" + "|".join(_TIPI) + r")(?: range)?(\])?>")
_EXTRA = (
    (re.compile(r"\[required\]"), "[obbligatorio]"),
    (re.compile(r"\[default: "), "[predefinito: "),
    (re.compile(r"\brequired\b"), "obbligatorio"),
    (re.compile(r"\bdefault: "), "predefinito: "),
    (re.compile(r"\benv var: "), "variabile d'ambiente: "),
)


def _traduci_extra(testo: str) -> str:
    for modello, sostituto in _EXTRA:
        testo = modello.sub(sostituto, testo)
    return testo


def _tipo(m: re.Match[str]) -> str:
    tipo = _TIPI[m.group(1)]
    return f"<{tipo}, ripetibile>" if m.group(2) else f"<{tipo}>"


class Formattatore(_click.HelpFormatter):
    """Click's formatter with Italian titles, usage prefix, type names and brackets."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Uso: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_SEZIONI.get(heading, heading))

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        righe = [(_TIPO.sub(_tipo, nome), _traduci_extra(testo)) for nome, testo in rows]
        super().write_dl(righe, *args, **kwargs)


class Contesto(_click.Context):
    formatter_class = Formattatore


class _Italiano:
    """What commands and groups share: context, help option text, usage metavars."""

    context_class: type[_click.Context] = Contesto

    def get_help_option(self, ctx: _click.Context) -> Any:
        opzione = super().get_help_option(ctx)  # type: ignore[misc]
        if opzione is not None:
            opzione.help = AIUTO
        return opzione

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        pezzi = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        # Typer writes a required argument as {NOME}: the usage line of Unix tools has NOME
        return [re.sub(r"^\{(.*)\}(\.\.\.)?$", r"\1\2", p) for p in pezzi]


class Comando(_Italiano, TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = "[OPZIONI]"
        super().__init__(*args, **kwargs)


class Gruppo(_Italiano, TyperGroup):
    """The ``bilancio`` group: commands in the order a user needs them, errors in Italian."""

    ORDINE = ("init", "check", "build", "diff", "convert", "site", "import", "schema", "serve")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = "[OPZIONI]"
        kwargs["subcommand_metavar"] = "COMANDO [ARGOMENTI]..."
        super().__init__(*args, **kwargs)

    def list_commands(self, ctx: _click.Context) -> list[str]:
        nomi = list(super().list_commands(ctx))
        posto = {n: i for i, n in enumerate(self.ORDINE)}
        return sorted(nomi, key=lambda n: (posto.get(n, len(posto)), nomi.index(n)))

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            esito = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except eccezioni.NoArgsIsHelpError as exc:
            assert exc.ctx is not None
            _click.echo(exc.ctx.get_help(), file=sys.stderr)
            codice = exc.exit_code
        except eccezioni.UsageError as exc:
            mostra_errore_uso(exc)
            codice = exc.exit_code
        except eccezioni.ClickException as exc:
            _click.echo(f"errore: {exc.format_message()}", file=sys.stderr)
            codice = exc.exit_code
        except typer.Abort:
            _click.echo("interrotto", file=sys.stderr)
            codice = 1
        else:
            codice = esito if isinstance(esito, int) else 0
        if not standalone_mode:
            return codice
        sys.exit(codice)


def mostra_errore_uso(exc: eccezioni.UsageError) -> None:
    """Usage line, where to find help, and the Italian message: what Click prints, translated."""
    if exc.ctx is not None:
        _click.echo(exc.ctx.get_usage(), file=sys.stderr)
        _click.echo(f"Aiuto: {exc.ctx.command_path} --help\n", file=sys.stderr)
    _click.echo(f"errore: {messaggio_errore_uso(exc)}", file=sys.stderr)


def _nome(exc: eccezioni.BadParameter) -> str:
    if exc.param_hint is not None:
        suggerimento = exc.param_hint
        if isinstance(suggerimento, str):
            return suggerimento
        return " / ".join(suggerimento)
    if exc.param is not None:
        if isinstance(exc.param, TyperArgument):
            return exc.param.display_name_raw or ""
        return " / ".join(exc.param.opts)
    return ""


def _valore(errore: dict[str, Any]) -> str:
    return f"«{errore.get('input')}»"


def _scelte(param: Any) -> str | None:
    descrittore = getattr(param, "type_descriptor", None)
    scelte = getattr(descrittore, "choices", None) if descrittore is not None else None
    if not scelte:
        return None
    return ", ".join(str(getattr(s, "value", s)) for s in scelte)


def _da_validazione(exc: eccezioni.BadParameter) -> str | None:
    """The Italian message of a validation error of the type layer, from its type."""
    causa = exc.__cause__
    errori = getattr(causa, "errors", None)
    if not callable(errori):
        return None
    try:
        primo = errori()[0]
    except (IndexError, TypeError):
        return None
    tipo, ctx, valore = primo.get("type", ""), primo.get("ctx") or {}, _valore(primo)
    scelte = _scelte(exc.param)
    if scelte is not None:
        return f"{valore} non è tra i valori ammessi: {scelte}"
    limiti = {
        "greater_than_equal": ("deve essere almeno", "ge"),
        "greater_than": ("deve essere maggiore di", "gt"),
        "less_than_equal": ("deve essere al più", "le"),
        "less_than": ("deve essere minore di", "lt"),
    }
    if tipo in limiti:
        testo, chiave = limiti[tipo]
        return f"{testo} {ctx.get(chiave)}, trovato {valore}"
    if tipo.startswith("int_"):
        return f"atteso un numero intero, trovato {valore}"
    if tipo.startswith(("float_", "decimal_")):
        return f"atteso un numero, trovato {valore}"
    if tipo.startswith("bool_"):
        return f"atteso sì o no (true/false), trovato {valore}"
    return f"valore non accettato: {valore}"


def _generico(messaggio: str) -> str:
    """Click's fixed sentences (ctx.fail, the parser) in Italian; ours pass as they are."""
    if m := re.match(r"No such command '(.*)'\.(?: Did you mean (.*)\?)?$", messaggio):
        testo = f"comando sconosciuto «{m.group(1)}»"
        if m.group(2):
            testo += f" (forse {m.group(2)}?)"
        return testo
    if re.match(r"Missing command\.$", messaggio):
        return "manca il comando"
    if m := re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)$", messaggio):
        return f"argomenti in più non previsti: {m.group(1)}"
    if m := re.match(r"Option '(.*)' requires (?:an argument|(\d+) arguments)\.$", messaggio):
        quanti = "un valore" if m.group(2) is None else f"{m.group(2)} valori"
        return f"l'opzione {m.group(1)} richiede {quanti}"
    if m := re.match(r"Option '(.*)' does not take a value\.$", messaggio):
        return f"l'opzione {m.group(1)} non prende valori"
    if m := re.match(r"Argument '(.*)' takes (\d+) values\.$", messaggio):
        return f"l'argomento {m.group(1)} richiede {m.group(2)} valori"
    return messaggio


def messaggio_errore_uso(exc: eccezioni.UsageError) -> str:
    if isinstance(exc, eccezioni.MissingParameter):
        nome = _nome(exc)
        if isinstance(exc.param, TyperArgument) or exc.param_type == "argument":
            return f"manca l'argomento {nome}"
        return f"manca l'opzione {nome}"
    if isinstance(exc, eccezioni.NoSuchOption):
        testo = f"opzione sconosciuta: {exc.option_name}"
        if exc.possibilities:
            testo += f" (forse {', '.join(sorted(exc.possibilities))}?)"
        return testo
    if isinstance(exc, eccezioni.BadParameter):
        nome = _nome(exc)
        testo = _da_validazione(exc) or _generico(exc.message)
        return f"valore non valido per {nome}: {testo}" if nome else f"valore non valido: {testo}"
    return _generico(exc.message)


def versione(valore: bool) -> None:
    """The --version callback: ``bilancio <version>``, then exit 0."""
    if valore:
        _click.echo(f"bilancio {__version__}")
        raise typer.Exit(0)


class Applicazione(typer.Typer):
    """typer.Typer whose commands are Italian ``Comando`` unless told otherwise."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", Comando)
        return super().command(*args, **kwargs)
