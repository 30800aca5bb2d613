"""JSON Schemas of the input files, generated from the models (``bilancio schema``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .modello import Anno, Ente
from .scrittura import prepara_cartella, scrivi_insieme

SCHEMI: dict[str, type[BaseModel]] = {"ente.schema.json": Ente, "anno.schema.json": Anno}


def genera() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, with a title and an id editors display."""
    out = {}
    for nome, modello in SCHEMI.items():
        schema = modello.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = {
            "ente.schema.json": "bilancio — informazioni generali sull'ente (ente.yaml)",
            "anno.schema.json": "bilancio — bilancio sociale di un anno (ANNO.yaml)",
        }[nome]
        out[nome] = schema
    return out


def testo(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def scrivi_schemi(cartella: Path) -> list[Path]:
    prepara_cartella(cartella)
    file = {cartella / nome: testo(schema).encode("utf-8") for nome, schema in genera().items()}
    scrivi_insieme(file)
    return list(file)
