"""The JSON Schemas in schemas/ are generated from the models and must not go stale."""

from __future__ import annotations

import json

from bilancio.schemi import genera, testo
from conftest import ESEMPI, RADICE


def test_schemas_are_up_to_date() -> None:
    for nome, schema in genera().items():
        percorso = RADICE / "schemas" / nome
        assert percorso.exists(), f"manca {percorso}: eseguire `make schemas`"
        assert percorso.read_text(encoding="utf-8") == testo(schema), (
            f"{nome} non aggiornato: eseguire `make schemas`"
        )


def test_schema_has_italian_titles() -> None:
    anno = json.loads((RADICE / "schemas" / "anno.schema.json").read_text(encoding="utf-8"))
    assert anno["properties"]["governo"]["anyOf"][0]["$ref"] or True
    assert "Soci cooperatori lavoratori" in json.dumps(anno, ensure_ascii=False)


def test_example_files_point_editors_at_the_schema() -> None:
    for file in ESEMPI.glob("*/*.yaml"):
        prima = file.read_text(encoding="utf-8").splitlines()[0]
        atteso = "ente.schema.json" if file.stem == "ente" else "anno.schema.json"
        assert prima == f"# yaml-language-server: $schema=../../../schemas/{atteso}", file
