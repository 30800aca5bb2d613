"""The JSON Schemas in schemas/ are generated from the models and must not go stale."""

from __future__ import annotations

import json
from typing import Any

from bilancio.schemi import genera, testo
from conftest import ESEMPI, RADICE


def test_schemas_are_up_to_date() -> None:
    for nome, schema in genera().items():
        percorso = RADICE / "schemas" / nome
        assert percorso.exists(), f"manca {percorso}: eseguire `make schemas`"
        assert percorso.read_text(encoding="utf-8") == testo(schema), (
            f"{nome} non aggiornato: eseguire `make schemas`"
        )


def _proprieta(schema: dict[str, Any], nodo: dict[str, Any], nome: str) -> dict[str, Any]:
    """The schema of property ``nome`` of ``nodo``, following ``$ref``/``anyOf``/``oneOf``."""
    da_visitare = [nodo]
    while da_visitare:
        n = da_visitare.pop(0)
        if "$ref" in n:
            da_visitare.append(schema["$defs"][n["$ref"].rsplit("/", 1)[-1]])
        da_visitare += n.get("anyOf", []) + n.get("oneOf", [])
        if nome in n.get("properties", {}):
            return n["properties"][nome]
    raise AssertionError(f"nessuna proprietà «{nome}»")


def test_schema_has_italian_titles() -> None:
    """Editors show the guidelines' wording: sections and fields carry their Italian titles."""
    anno = json.loads((RADICE / "schemas" / "anno.schema.json").read_text(encoding="utf-8"))
    governo = _proprieta(anno, anno, "governo")
    assert governo["title"] == "3. Struttura, governo e amministrazione"
    soci = _proprieta(anno, governo, "soci")
    assert soci["title"] == "Base sociale"
    assert _proprieta(anno, soci, "lavoratori")["title"] == "Soci cooperatori lavoratori"


def test_example_files_point_editors_at_the_schema() -> None:
    for file in ESEMPI.glob("*/*.yaml"):
        prima = file.read_text(encoding="utf-8").splitlines()[0]
        atteso = "ente.schema.json" if file.stem == "ente" else "anno.schema.json"
        assert prima == f"# yaml-language-server: $schema=../../../schemas/{atteso}", file
