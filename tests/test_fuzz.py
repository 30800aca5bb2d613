"""Property tests: random structures, scalars and bytes, derived from the examples.

They feed the YAML reader, the workbook reader and ``bilancio check`` (in process,
through CliRunner, no deadline). Whatever comes in: no exception escapes, no traceback
is printed, and the exit code is a documented one (0 valid, 1 data errors, 2 unreadable
input; 3 would be an internal bug).

``make test`` runs a few hundred examples; ``make fuzz`` sets ``BILANCIO_FUZZ=1`` and runs
10.000 for YAML and 1.000 for workbooks (``BILANCIO_FUZZ_ESEMPI`` overrides the YAML count;
workbooks get a tenth of it).
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bilancio.cli import _registra, app
from bilancio.conversione import leggi_anno, xlsx_anno
from bilancio.foglio.layout import fogli
from bilancio.lettura import Letto, leggi
from bilancio.lettura import yaml as lettura_yaml
from conftest import ESEMPI, RADICE
from test_lettura_libyaml import uguali

pytestmark = pytest.mark.slow

_registra()
runner = CliRunner()

if os.environ.get("BILANCIO_FUZZ") == "1":
    _YAML = int(os.environ.get("BILANCIO_FUZZ_ESEMPI", "10000"))
    _XLSX = max(_YAML // 10, 1)
else:  # make test: a few hundred in all
    _YAML, _XLSX = 150, 25


def _impostazioni(esempi: int) -> settings:
    return settings(
        max_examples=esempi,
        deadline=None,
        derandomize=os.environ.get("BILANCIO_FUZZ") != "1",  # CI: the same examples each run
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


FILE_YAML = sorted(ESEMPI.glob("*/*.yaml"))
TESTI = {f: f.read_text(encoding="utf-8") for f in FILE_YAML}
ANNI = [f for f in FILE_YAML if re.fullmatch(r"\d{4}\.yaml", f.name)]
RIGHE_VALORE = re.compile(r"^(\s*(?:- )?[A-Za-z_][A-Za-z0-9_]*:) (\S.*)$")
CHIAVI = sorted(
    {
        m.group(1).strip(" -:")
        for t in TESTI.values()
        for r in t.splitlines()
        if (m := RIGHE_VALORE.match(r))
    }
)

# --- what goes in ------------------------------------------------------------------------

_CARATTERI = " .,:-#&*!|>%€'\"[]{}0123456789eE+\\\t\x00\x1b\x7f\x85\u2028\ufeffabcxsì"
scalari_scritti = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.from_regex(r"[-+]?[0-9]{0,5}([.,][0-9]{0,4}){0,3}", fullmatch=True),
    st.text(alphabet=_CARATTERI, max_size=24),
    st.text(max_size=12),
    st.sampled_from(
        [
            "true",
            "false",
            "null",
            "~",
            "2.000",
            "1.500",
            "1e9999",
            "-1e-9999",
            "-0",
            "0x1F",
            "0o17",
            ".inf",
            ".nan",
            "2025-02-30",
            "31/12/2025",
            "*a",
            "&a x",
            "!!binary aGk=",
            "!!python/object/apply:os.system ['true']",
            "<<: *a",
            "|",
            ">-",
            "[",
            "{",
            "'",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            "{non_presente: x}",
            "{non_presente: motivo valido}",
            "[1, 2, 3]",
            "{}",
            "[]",
            "123456789012345678901234567890.55",
            '"1.234.567,89"',
            '"1.5"',
            '"\\x00"',
        ]
    ),  # fmt: skip
)
scalari = st.one_of(
    scalari_scritti,
    scalari_scritti.map(lambda s: json.dumps(s, ensure_ascii=False)),  # "double-quoted"
    scalari_scritti.map(lambda s: "'" + s.replace("'", "''") + "'"),  # 'single-quoted'
)
foglie = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(CHIAVI),
)
strutture = st.recursive(
    foglie,
    lambda figli: st.one_of(
        st.lists(figli, max_size=4),
        st.dictionaries(st.sampled_from(CHIAVI), figli, max_size=4),
    ),
    max_leaves=30,
)


def sostituisci(testo: str, scelte: list[tuple[int, str]]) -> str:
    """Replace the value of some ``key: value`` lines of an example with other text."""
    righe = testo.splitlines()
    posti = [i for i, r in enumerate(righe) if RIGHE_VALORE.match(r)]
    for indice, valore in scelte:
        i = posti[indice % len(posti)]
        m = RIGHE_VALORE.match(righe[i])
        if m is not None:
            righe[i] = f"{m.group(1)} {valore}"
    return "\n".join(righe) + "\n"


def muta(dati: bytes, operazioni: list[tuple[int, int, bytes]]) -> bytes:
    """Delete a few bytes and insert others at a few places."""
    b = bytearray(dati)
    for posto, togli, metti in operazioni:
        p = posto % (len(b) + 1)
        b[p : p + togli] = metti
    return bytes(b)


operazioni = st.lists(
    st.tuples(st.integers(min_value=0), st.integers(0, 8), st.binary(max_size=6)),
    min_size=1,
    max_size=6,
)

# --- what must come out --------------------------------------------------------------------


def _letto_bene(letto: Letto) -> None:
    assert isinstance(letto, Letto)
    for p in letto.problemi:
        assert p.messaggio and p.posizione is not None


def _check(cartella: Path) -> None:
    r = runner.invoke(app, ["check", str(cartella)])
    assert r.exception is None or isinstance(r.exception, SystemExit), (
        f"{type(r.exception).__name__}: {r.exception}\n{r.output}"
    )
    assert r.exit_code in (0, 1, 2), r.output
    assert "Traceback" not in r.output and "errore interno" not in r.output, r.output


def _cartella(file: dict[str, bytes]) -> tempfile.TemporaryDirectory[str]:
    cartella = tempfile.TemporaryDirectory(prefix="bilancio-fuzz-")
    for nome, dati in file.items():
        (Path(cartella.name) / nome).write_bytes(dati)
    return cartella


# --- YAML ------------------------------------------------------------------------------------


@_impostazioni(_YAML)
@given(
    base=st.sampled_from(FILE_YAML),
    scelte=st.lists(st.tuples(st.integers(min_value=0), scalari), min_size=1, max_size=4),
)
def test_yaml_reader_with_random_scalars_in_the_examples(base: Path, scelte) -> None:
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "2025.yaml"
        f.write_text(sostituisci(TESTI[base], scelte), encoding="utf-8")
        _letto_bene(leggi(f))


@_impostazioni(_YAML)
@given(base=st.sampled_from(FILE_YAML), operazioni=operazioni)
def test_yaml_reader_with_random_bytes_in_the_examples(base: Path, operazioni) -> None:
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "2025.yaml"
        f.write_bytes(muta(base.read_bytes(), operazioni))
        _letto_bene(leggi(f))


@_impostazioni(_YAML // 2)
@given(dati=strutture)
def test_yaml_reader_with_random_structures(dati) -> None:
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "2025.yaml"
        f.write_text(yaml.safe_dump(dati, allow_unicode=True), encoding="utf-8")
        _letto_bene(leggi(f))


@_impostazioni(max(_YAML // 3, 1))
@given(
    anno=st.sampled_from(ANNI),
    scelte=st.lists(st.tuples(st.integers(min_value=0), scalari), min_size=1, max_size=3),
)
def test_check_with_random_scalars_in_the_examples(anno: Path, scelte) -> None:
    ente = anno.parent / "ente.yaml"
    file = {"ente.yaml": ente.read_bytes(), anno.name: sostituisci(TESTI[anno], scelte).encode()}
    with _cartella(file) as d:
        _check(Path(d))


@_impostazioni(max(_YAML // 5, 1))
@given(
    anno=st.sampled_from(ANNI),
    sezione=st.sampled_from(["governo", "persone", "attivita", "economia", "dichiarati", "soci"]),
    dati=strutture,
)
def test_check_with_random_structures_in_a_section(anno: Path, sezione: str, dati) -> None:
    testo = yaml.safe_dump({"anno": int(anno.stem), sezione: dati}, allow_unicode=True)
    file = {"ente.yaml": (anno.parent / "ente.yaml").read_bytes(), anno.name: testo.encode()}
    with _cartella(file) as d:
        _check(Path(d))


# the reader's two parsers (tests/test_lettura_libyaml.py): libyaml's and the pure-Python
# one read every text alike, to the repr of data, places and problems


@pytest.mark.skipif(lettura_yaml._LoaderC is None, reason="PyYAML senza libyaml")
@_impostazioni(_YAML)
@given(
    base=st.sampled_from(FILE_YAML),
    operazioni=operazioni,
    scelte=st.lists(st.tuples(st.integers(min_value=0), scalari), max_size=4),
)
def test_yaml_reader_libyaml_and_python_read_alike(base: Path, operazioni, scelte) -> None:
    testo = muta(sostituisci(TESTI[base], scelte).encode(), operazioni)
    with pytest.MonkeyPatch.context() as monkeypatch:
        uguali(testo, monkeypatch)


@pytest.mark.skipif(lettura_yaml._LoaderC is None, reason="PyYAML senza libyaml")
@_impostazioni(_YAML // 2)
@given(dati=strutture, stile=st.sampled_from([None, True, False]))
def test_yaml_reader_libyaml_and_python_read_random_structures_alike(dati, stile) -> None:
    testo = yaml.safe_dump(dati, allow_unicode=True, default_flow_style=stile)
    with pytest.MonkeyPatch.context() as monkeypatch:
        uguali(testo, monkeypatch)


# short texts of YAML's indicators, where the two parsers' corners are (tags, «?» and empty
# values inside [...], block scalars' headers, the end of a file without a line break)
_INDICATORI = " \n:-?[]{},#&*!|>'\"%@`ab1.\\è"


@pytest.mark.skipif(lettura_yaml._LoaderC is None, reason="PyYAML senza libyaml")
@_impostazioni(_YAML * 4)
@given(testo=st.text(alphabet=_INDICATORI, max_size=40))
def test_yaml_reader_libyaml_and_python_read_random_text_alike(testo: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        uguali(testo, monkeypatch)


# --- workbooks ----------------------------------------------------------------------------------

BASE_XLSX = xlsx_anno(leggi_anno(RADICE / "tests" / "fixtures" / "xlsx" / "completo" / "2025.yaml"))
with zipfile.ZipFile(io.BytesIO(BASE_XLSX)) as _z:
    MEMBRI = {i.filename: _z.read(i.filename) for i in _z.infolist()}
NOMI_MEMBRI = sorted(MEMBRI)
FOGLI = [f for f in fogli()]

valori_cella = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(
        alphabet=_CARATTERI.replace("\x00", "").replace("\x1b", "").replace("\x7f", ""), max_size=20
    ),
    st.sampled_from(
        ["=1/0", "=A1", "1.500", "1.234.567,89", "1.5", "2,5", "sì", "31/12/2025", "#DIV/0!"]
    ),
)


def _zip(membri: dict[str, bytes]) -> bytes:
    uscita = io.BytesIO()
    with zipfile.ZipFile(uscita, "w", zipfile.ZIP_DEFLATED) as z:
        for nome, dati in membri.items():
            z.writestr(nome, dati)
    return uscita.getvalue()


@_impostazioni(_XLSX)
@given(
    celle=st.lists(
        st.tuples(st.sampled_from(FOGLI), st.integers(1, 60), st.integers(1, 8), valori_cella),
        min_size=1,
        max_size=25,
    )
)
def test_workbook_reader_and_check_with_random_cells(celle) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    per_foglio: dict[str, openpyxl.worksheet.worksheet.Worksheet] = {}
    for foglio, riga, colonna, valore in celle:
        ws = per_foglio.get(foglio.nome) or per_foglio.setdefault(
            foglio.nome, wb.create_sheet(foglio.nome)
        )
        # half the rows carry a real label of the sheet, so values reach the model
        if riga % 2 == 0 and foglio.blocchi:
            blocco = foglio.blocchi[riga // 2 % len(foglio.blocchi)]
            etichette = [getattr(c, "intestazione", "") for c in getattr(blocco, "campi", [])]
            ws.cell(riga, 1).value = (
                blocco.titolo if not etichette else etichette[colonna % len(etichette)]
            )
        ws.cell(riga, max(colonna, 2)).value = valore
    uscita = io.BytesIO()
    wb.save(uscita)
    with _cartella({"2025.xlsx": uscita.getvalue()}) as d:
        _letto_bene(leggi(Path(d) / "2025.xlsx"))
        _check(Path(d))


@_impostazioni(_XLSX)
@given(
    membro=st.sampled_from(NOMI_MEMBRI),
    operazioni=operazioni,
    intero=st.booleans(),
)
def test_workbook_reader_with_random_bytes(membro: str, operazioni, intero: bool) -> None:
    """Bytes changed in one part of the archive, or in the archive itself."""
    if intero:
        dati = muta(BASE_XLSX, operazioni)
    else:
        dati = _zip({**MEMBRI, membro: muta(MEMBRI[membro], operazioni)})
    with _cartella({"2025.xlsx": dati}) as d:
        _letto_bene(leggi(Path(d) / "2025.xlsx"))
        _check(Path(d))
