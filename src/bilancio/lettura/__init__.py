"""Readers for input files. Each returns a :class:`Letto`: data plus where each value came from."""

from __future__ import annotations

from pathlib import Path

from .origini import Letto, Origini, trova_posizione
from .yaml import leggi_yaml

ESTENSIONI = (".yaml", ".yml")


def leggi(percorso: Path, nome: str | None = None) -> Letto:
    """Read a data file, choosing the reader by extension."""
    suffisso = percorso.suffix.lower()
    if suffisso in (".yaml", ".yml"):
        return leggi_yaml(percorso, nome)
    if suffisso == ".xlsx":
        try:
            from .xlsx import leggi_xlsx  # provided by the spreadsheet reader
        except ImportError:
            return Letto.illeggibile(
                nome or str(percorso), "I file XLSX non sono ancora supportati."
            )
        return leggi_xlsx(percorso, nome)
    return Letto.illeggibile(
        nome or str(percorso),
        f"Tipo di file non riconosciuto «{percorso.suffix}»: attesi .yaml o .yml.",
    )


__all__ = ["ESTENSIONI", "Letto", "Origini", "leggi", "leggi_yaml", "trova_posizione"]
