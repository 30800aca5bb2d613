from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

# No deadlines: time is measured in `make bench`, never in tests (the machines are shared
# and noisy; a slow example is not a failure).
settings.register_profile("bilancio", deadline=None)
settings.load_profile("bilancio")

# A check service a developer left running (`bilancio serve`) must never answer for the
# code under test: every `bilancio check` the tests start runs in its own process, except in
# tests/test_servizio.py, which starts its own service.
os.environ["BILANCIO_SERVIZIO"] = "0"

RADICE = Path(__file__).resolve().parents[1]
ESEMPI = RADICE / "data" / "examples"
COMPLETO = RADICE / "tests" / "fixtures" / "xlsx" / "completo" / "2025.yaml"


@functools.cache
def xlsx_completo() -> bytes:
    """The workbook of the complete fixture year, written once per run (openpyxl is slow)."""
    from bilancio.conversione import leggi_anno, xlsx_anno

    return xlsx_anno(leggi_anno(COMPLETO))


def esempio(nome: str) -> Path:
    """A bundled example's folder. A missing example fails the test that needs it, never skips it."""
    cartella = ESEMPI / nome
    if not (cartella / "ente.yaml").is_file():
        pytest.fail(f"manca l'esempio «{nome}» in data/examples (cancellato o rinominato?)")
    return cartella


ENTE_MINIMO: dict[str, Any] = {
    "denominazione": "Cooperativa di prova",
    "codice_fiscale": "97162980151",
    "forma_giuridica": "cooperativa sociale",
    "tipo": "A",
}


def scrivi_coop(
    cartella: Path,
    anno: dict[str, Any] | str,
    ente: dict[str, Any] | str | None = None,
    nome: str | None = None,
) -> Path:
    """Write a cooperative folder: ente.yaml plus one year file; return the folder."""
    cartella.mkdir(parents=True, exist_ok=True)
    ente = ENTE_MINIMO if ente is None else ente
    (cartella / "ente.yaml").write_text(
        ente if isinstance(ente, str) else yaml.safe_dump(ente, allow_unicode=True),
        encoding="utf-8",
    )
    if isinstance(anno, str):
        testo = anno
        numero = nome or "2025"
    else:
        testo = yaml.safe_dump(anno, allow_unicode=True, sort_keys=False)
        numero = nome or str(anno.get("anno", 2025))
    (cartella / f"{numero}.yaml").write_text(testo, encoding="utf-8")
    return cartella


@pytest.fixture
def coop(tmp_path: Path):
    def fabbrica(
        anno: dict[str, Any] | str,
        ente: dict[str, Any] | str | None = None,
        nome: str | None = None,
    ) -> Path:
        return scrivi_coop(tmp_path / "coop", anno, ente, nome)

    return fabbrica


# --- the YAML reader's two parsers -------------------------------------------------------

# bilancio.lettura.yaml takes the events from libyaml's parser when PyYAML has it, and
# from PyYAML's pure-Python parser otherwise (and for any text libyaml refuses): the
# reading tests of these modules run with each, unchanged
LETTORI_YAML = ("libyaml", "python")
_MODULI_LETTURA_YAML = frozenset({"test_lettura", "test_robustezza"})


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.module.__name__ in _MODULI_LETTURA_YAML:
        metafunc.fixturenames.append("lettore_yaml")
        metafunc.parametrize("lettore_yaml", LETTORI_YAML, indirect=True)


@pytest.fixture
def lettore_yaml(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """``libyaml`` (the installed default) or ``python`` (libyaml switched off)."""
    from bilancio.lettura import yaml as lettura_yaml

    if request.param == "python":
        monkeypatch.setattr(lettura_yaml, "_LoaderC", None)
    elif lettura_yaml._LoaderC is None:
        pytest.skip("PyYAML senza libyaml: solo il parser in Python")
    return str(request.param)


# --- what a fresh `bilancio` process imports ----------------------------------------------

_SONDA = """
import json, sys
sys.argv = ["bilancio", *json.loads(sys.argv[1])]
from {ingresso} import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
sys.stderr.write("\\n@@moduli@@" + json.dumps(sorted(sys.modules)))
"""


def moduli_caricati(
    *argomenti: str, ingresso: str = "bilancio.cli", ambiente: dict[str, str] | None = None
) -> tuple[set[str], str]:
    """The modules a fresh `bilancio ARGOMENTI` has imported when it ends, and its output.

    ``ingresso`` is the module whose ``main`` runs: the command line itself, or
    ``bilancio.avvio`` (the installed command, which tries the check service first)."""
    esito = subprocess.run(
        [sys.executable, "-c", _SONDA.format(ingresso=ingresso), json.dumps(list(argomenti))],
        capture_output=True,
        text=True,
        timeout=120,
        env=ambiente,
    )
    _, _, moduli = esito.stderr.rpartition("@@moduli@@")
    assert moduli, esito.stderr
    return set(json.loads(moduli)), esito.stdout
