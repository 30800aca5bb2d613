"""Hostile and sloppy input, class by class (issue 13): refused early, located, in Italian.

Each class: the located Italian message, the documented exit code (2 unreadable input, 1
data errors), no traceback, and bounded memory (tracemalloc in process; the slow tests run
``bilancio check`` in a child process under address-space and CPU limits).
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import tracemalloc
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import bilancio
from bilancio.caricamento import carica
from bilancio.cli import _registra, app
from bilancio.conversione import leggi_anno, xlsx_anno
from bilancio.foglio.layout import colonna_per_percorso
from bilancio.lettura import leggi
from bilancio.lettura import yaml as lettore_yaml
from bilancio.modello import numeri
from conftest import ENTE_MINIMO, RADICE, scrivi_coop

_registra()
runner = CliRunner()
COMPLETO = RADICE / "tests" / "fixtures" / "xlsx" / "completo" / "2025.yaml"


def check(cartella: Path, *opzioni: str):
    """``bilancio check`` in process; a traceback (an exception escaping the CLI) fails here."""
    r = runner.invoke(app, ["check", str(cartella), *opzioni])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    assert "Traceback" not in r.output and "errore interno" not in r.output, r.output
    return r


def anno(testo: str, tmp_path: Path, ente: dict | str | None = None) -> Path:
    return scrivi_coop(tmp_path / "coop", testo, ente)


def un_problema(percorso: Path):
    letto = leggi(percorso, "x.yaml")
    assert not letto.leggibile
    (problema,) = letto.problemi
    return problema


BOMBA = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)
)


# --- expansion and depth ---------------------------------------------------------------


def test_alias_bomb_is_refused_at_the_alias_in_bounded_memory(tmp_path: Path) -> None:
    f = tmp_path / "2025.yaml"
    f.write_text("anno: 2025\n" + BOMBA, encoding="utf-8")
    tracemalloc.start()
    try:
        problema = un_problema(f)
        _, picco = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert picco < 20 * 1024 * 1024  # 9^9 values would be gigabytes
    assert problema.codice == "LIMITE" and "billion laughs" in problema.messaggio
    assert "50.000 valori" in problema.messaggio
    # the alias that crosses the limit: the sixth «*d» of line 6 (each stands for 7.381 values)
    assert (problema.posizione.riga, problema.posizione.colonna) == (6, 23)


def test_alias_bomb_check_exits_two_with_location(tmp_path: Path) -> None:
    cartella = anno("anno: 2025\n" + BOMBA, tmp_path)
    r = check(cartella)
    assert r.exit_code == 2
    assert f"{cartella / '2025.yaml'}:6:23" in r.output and "billion laughs" in r.output
    # build, convert and diff refuse it the same way: unreadable input, nothing written
    uscita = tmp_path / "out"
    for comando in (
        ["build", str(cartella), "--output", str(uscita)],
        ["convert", str(cartella / "2025.yaml"), str(uscita / "2025.xlsx")],
        ["diff", str(cartella)],
    ):
        r = runner.invoke(app, comando)
        assert r.exception is None or isinstance(r.exception, SystemExit), r.output
        assert r.exit_code == 2, (comando, r.output)
        assert "2025.yaml:6:23" in r.output and "Traceback" not in r.output
    assert not uscita.exists()


@pytest.mark.parametrize(
    ("testo", "riga", "colonna"),
    [
        ("anno: 2025\ngoverno: " + "[" * 10_000 + "]" * 10_000 + "\n", 2, 60),
        ("anno: 2025\ngoverno:\n  soci: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n", 3, 199),
        (
            "anno: 2025\n"
            + "".join("  " * i + f"k{i}:\n" for i in range(300))
            + "  " * 300
            + "1\n",
            51,
            99,
        ),
        ("anno: 2025\nx:\n" + "".join("  " * i + "-\n" for i in range(300)) + "\n", 52, 99),
    ],
    ids=["flow-lists", "flow-maps-in-a-field", "block-maps", "block-lists"],
)
def test_deep_nesting_is_refused_with_location(
    tmp_path: Path, testo: str, riga: int, colonna: int
) -> None:
    cartella = anno(testo, tmp_path)
    problema = un_problema(cartella / "2025.yaml")
    assert problema.codice == "LIMITE" and "Annidamento troppo profondo" in problema.messaggio
    assert f"{lettore_yaml.MAX_PROFONDITA} livelli" in problema.messaggio
    assert problema.posizione.riga == riga and problema.posizione.colonna is not None
    r = check(cartella)
    assert r.exit_code == 2 and f"2025.yaml:{riga}:" in r.output


def test_nesting_within_the_limit_is_read(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    # the section, the lists and the value inside: exactly MAX_PROFONDITA levels
    liste = lettore_yaml.MAX_PROFONDITA - 2
    f.write_text("a: " + "[" * liste + "1" + "]" * liste + "\n", encoding="utf-8")
    assert leggi(f).leggibile
    f.write_text("a: " + "[" * (liste + 1) + "1" + "]" * (liste + 1) + "\n", encoding="utf-8")
    assert not leggi(f).leggibile


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_text("anno: 2025\na: &a [1, *a]\n", encoding="utf-8")
    problema = un_problema(f)
    assert "«*a»" in problema.messaggio and "infinita" in problema.messaggio
    assert (problema.posizione.riga, problema.posizione.colonna) == (2, 11)


def test_too_many_aliases_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_text(
        "a: &a 1\nb: [" + ", ".join(["*a"] * (lettore_yaml.MAX_ALIAS + 1)) + "]\n",
        encoding="utf-8",
    )
    problema = un_problema(f)
    assert f"più di {lettore_yaml.MAX_ALIAS}" in problema.messaggio
    assert problema.posizione.riga == 2


def test_a_few_aliases_are_still_read(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_text("a: &a {x: 1}\nb: *a\nc: [*a, *a]\n", encoding="utf-8")
    letto = leggi(f)
    assert letto.leggibile and letto.dati["c"] == [{"x": 1}, {"x": 1}]
    assert letto.origini[("c", 1, "x")].riga == 1  # where the aliased value was written


def test_too_many_values_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_text("".join(f"k{i}: 1\n" for i in range(lettore_yaml.MAX_NODI // 2 + 10)))
    problema = un_problema(f)
    assert "oltre 50.000 valori" in problema.messaggio
    assert problema.posizione.riga == lettore_yaml.MAX_NODI // 2  # the key that crosses it


def test_file_too_large_is_refused_unread(tmp_path: Path) -> None:
    cartella = anno("anno: 2025\nnote: " + "x" * (lettore_yaml.MAX_BYTES + 1) + "\n", tmp_path)
    r = check(cartella)
    assert r.exit_code == 2 and "troppo grande" in r.output and "2048 KiB" in r.output


_BOMBE = {
    "alias": "anno: 2025\n" + BOMBA,
    "profondita": "anno: 2025\ngoverno: " + "[" * 500_000 + "\n",
    "valori": "anno: 2025\nx: [" + "1," * 900_000 + "1]\n",
}


@pytest.mark.slow
@pytest.mark.parametrize("tipo", sorted(_BOMBE))
def test_hostile_yaml_in_a_child_process_under_memory_and_cpu_limits(
    tmp_path: Path, tipo: str
) -> None:
    """Without the limits these exhaust memory or recursion; with them, exit 2 well within."""
    cartella = anno(_BOMBE[tipo], tmp_path)

    def limiti() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024,) * 2)
        resource.setrlimit(resource.RLIMIT_CPU, (60, 60))

    esito = subprocess.run(
        [sys.executable, "-m", "bilancio", "check", str(cartella)],
        capture_output=True,
        text=True,
        preexec_fn=limiti,
        env={**os.environ, "COLUMNS": "200"},
        timeout=300,
    )
    assert esito.returncode == 2, esito.stdout + esito.stderr
    assert "Traceback" not in esito.stderr and "2025.yaml:" in esito.stdout


# --- characters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("carattere", "nome"), [("\x00", "U+0000 (NUL)"), ("\x1b", "U+001B (ESC)"), ("\x7f", "DEL")]
)
def test_control_byte_is_located_in_italian(tmp_path: Path, carattere: str, nome: str) -> None:
    cartella = anno(
        f"anno: 2025\ngoverno:\n  soci:\n    note: ab{carattere}c\n", tmp_path, ENTE_MINIMO
    )
    problema = un_problema(cartella / "2025.yaml")
    assert problema.codice == "CARATTERE" and nome in problema.messaggio
    assert (problema.posizione.riga, problema.posizione.colonna) == (4, 13)
    assert "riga 4, colonna 13" in problema.messaggio
    r = check(cartella)
    assert r.exit_code == 2 and "2025.yaml:4:13" in r.output
    assert "special characters" not in r.output and "position" not in r.output


def test_control_character_after_a_crlf_and_a_bom_counts_lines_as_yaml(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: 2\r\nc: x\x00\r\n")
    problema = un_problema(f)
    assert (problema.posizione.riga, problema.posizione.colonna) == (3, 5)


def test_control_character_written_as_an_escape_is_a_located_data_error(tmp_path: Path) -> None:
    cartella = anno(
        'anno: 2025\ngoverno:\n  soci:\n    lavoratori: 3\n    note: "a\\x00b"\n', tmp_path
    )
    rapporto = bilancio.check(cartella)
    (problema,) = [p for p in rapporto.problemi if p.codice == "CARATTERE"]
    assert "U+0000 (NUL)" in problema.messaggio and problema.posizione.riga == 5
    assert check(cartella).exit_code == 1


# --- counts, numbers as text, bounds ----------------------------------------------------------


def _errore(cartella: Path, campo: str):
    rapporto = bilancio.check(cartella)
    trovati = [p for p in rapporto.errori if p.campo == campo]
    assert trovati, [(p.campo, p.messaggio) for p in rapporto.problemi]
    return trovati[0]


@pytest.mark.parametrize(
    ("scritto", "parole"),
    [
        ("2.000", ["«2.000» è scritto con il punto", "Scrivere 2000", "oppure 2"]),
        ("2.5", ["«2.5» è scritto con il punto", "numero intero"]),
        ("2.0", ["Scrivere 2."]),
        ("true", ["«true» è un sì/no"]),
        ("false", ["«false» è un sì/no"]),
        ('"2,5"', ["ha dei decimali"]),
        ('"2.5"', ["ha dei decimali"]),
    ],
)
def test_ambiguous_count_is_refused_at_its_line(
    tmp_path: Path, scritto: str, parole: list[str]
) -> None:
    cartella = anno(f"anno: 2025\ngoverno:\n  soci:\n    lavoratori: {scritto}\n", tmp_path)
    problema = _errore(cartella, "governo.soci.lavoratori")
    assert (problema.posizione.riga, problema.posizione.colonna) == (4, 17)
    for parola in parole:
        assert parola in problema.messaggio, problema.messaggio
    assert check(cartella).exit_code == 1


@pytest.mark.parametrize(
    ("testo", "intero", "atteso"),
    [
        ("1.500", True, 1500),
        ("1500", True, 1500),
        (" 12 ", True, 12),
        ("1.500", False, Decimal("1500")),
        ("1.234.567,89", False, Decimal("1234567.89")),
        ("1500,5", False, Decimal("1500.5")),
        ("-1.234,50", False, Decimal("-1234.50")),
        ("€ 8.924.272", False, Decimal("8924272")),
        ("1 500", True, 1500),
        ("1234.50", False, Decimal("1234.50")),  # a point that cannot separate thousands
        ("0.5", False, Decimal("0.5")),
        ("1234.567", False, Decimal("1234.567")),
        ("45,5%", False, Decimal("45.5")),
    ],
)
def test_the_rule_for_numbers_as_text(testo: str, intero: bool, atteso: object) -> None:
    valore = numeri.da_testo(testo, intero=intero, simboli="€%")
    assert valore == atteso and type(valore) is type(atteso)


@pytest.mark.parametrize(
    ("testo", "consiglio"),
    [
        ("1,234.56", "«1.234,56»"),
        ("1.234.567.89", "gruppi di tre cifre"),
        ("1.23.456", "gruppi di tre cifre"),
        ("12.", "gruppi di tre cifre"),
        ("1,2,3", "più di una virgola"),
        ("12abc", "non è un numero"),
    ],
)
def test_numbers_as_text_outside_the_rule_are_refused_with_advice(
    testo: str, consiglio: str
) -> None:
    with pytest.raises(numeri.NumeroNonValido) as info:
        numeri.da_testo(testo)
    assert consiglio in info.value.spiegazione


def test_one_rule_for_text_in_yaml_and_in_workbook_text_cells(tmp_path: Path) -> None:
    """ "1.500" as text is 1500 wherever it is typed, as "1.234.567,89" is; "1,234.50" is refused."""
    dati = leggi_anno(COMPLETO)
    percorso = tmp_path / "coop" / "2025.xlsx"
    percorso.parent.mkdir()
    percorso.write_bytes(xlsx_anno(dati))
    wb = openpyxl.load_workbook(percorso)
    celle = {
        "governo.soci.lavoratori": "1.500",
        "economia.valore_produzione": "1.500",
        "economia.ricavi_vendite_prestazioni": "1.234.567,89",
    }
    posti = _celle_per_etichetta(wb, celle)
    wb.save(percorso)
    letto = leggi(percorso)
    assert letto.leggibile, letto.problemi
    caricato = carica(percorso.parent).bilancio  # read and validated (the rules are not the point)
    assert caricato is not None
    assert caricato.anno.governo.soci.lavoratori == 1500
    assert caricato.anno.economia.valore_produzione == Decimal("1500")
    assert caricato.anno.economia.ricavi_vendite_prestazioni == Decimal("1234567.89")
    # and the same text in YAML reads the same
    testo = 'anno: 2025\ngoverno:\n  soci:\n    lavoratori: "1.500"\n'
    yaml_cartella = anno(testo, tmp_path / "y")
    da_yaml = carica(yaml_cartella).bilancio
    assert da_yaml is not None and da_yaml.anno.governo.soci.lavoratori == 1500
    # English-style text: refused at its cell, with the way to write it
    wb = openpyxl.load_workbook(percorso)
    foglio, cella = posti["economia.valore_produzione"]
    wb[foglio][cella] = "1,234.50"
    wb.save(percorso)
    rapporto = bilancio.check(percorso.parent)
    (problema,) = [p for p in rapporto.errori if p.campo == "economia.valore_produzione"]
    assert problema.posizione.cella == cella and "«1.234,50»" in problema.messaggio


def _celle_per_etichetta(wb, valori: dict[str, object]) -> dict[str, tuple[str, str]]:
    """Write ``valori`` (by data path, "economia.valore_produzione") into their form cells."""
    etichette = {
        colonna_per_percorso(tuple(percorso.split("."))).intestazione: percorso
        for percorso in valori
    }
    posti: dict[str, tuple[str, str]] = {}
    for ws in wb.worksheets:
        for riga in ws.iter_rows(min_col=1, max_col=1):
            percorso = etichette.get(riga[0].value)
            if percorso is not None and percorso not in posti:
                cella = ws.cell(riga[0].row, 2)
                cella.value = valori[percorso]
                posti[percorso] = (ws.title, cella.coordinate)
    assert set(posti) == set(valori), posti
    return posti


def test_numeric_workbook_cells_are_numbers(tmp_path: Path) -> None:
    percorso = tmp_path / "coop" / "2025.xlsx"
    percorso.parent.mkdir()
    percorso.write_bytes(xlsx_anno(leggi_anno(COMPLETO)))
    wb = openpyxl.load_workbook(percorso)
    posti = _celle_per_etichetta(
        wb, {"governo.soci.lavoratori": 2.0, "economia.valore_produzione": 1e30}
    )
    wb.save(percorso)
    rapporto = bilancio.check(percorso.parent)
    assert not [p for p in rapporto.errori if p.campo == "governo.soci.lavoratori"]
    (problema,) = [p for p in rapporto.errori if p.campo == "economia.valore_produzione"]
    assert "1.000.000.000.000" in problema.messaggio
    assert problema.posizione.cella == posti["economia.valore_produzione"][1]


@pytest.mark.parametrize(
    ("campo", "scritto", "limite"),
    [
        ("economia.valore_produzione", "1000000000000.01", "1.000.000.000.000"),
        ("economia.valore_produzione", "123456789012345678901234567890.55", "1.000.000.000.000"),
        ("economia.valore_produzione", "1e999999999999", "1.000.000.000.000"),
        ("economia.risultato_esercizio", "-123456789012345678901234567890.55", "1.000.000.000.000"),
        ("economia.valore_produzione", '"123456789012345678901234567890,55"', "1.000.000.000.000"),
        ("governo.soci.lavoratori", "10000001", "10.000.000"),
        ("governo.soci.lavoratori", "9" * 5000, "10.000.000"),
    ],
)
def test_numbers_out_of_range_are_refused_with_the_bound(
    tmp_path: Path, campo: str, scritto: str, limite: str
) -> None:
    sezione, chiave = campo.split(".", 1)
    if sezione == "governo":
        testo = f"anno: 2025\ngoverno:\n  soci:\n    lavoratori: {scritto}\n"
    else:
        testo = f"anno: 2025\neconomia:\n  {chiave}: {scritto}\n"
    cartella = anno(testo, tmp_path)
    problema = _errore(cartella, campo)
    assert limite in problema.messaggio or limite in (problema.atteso or "")
    assert problema.posizione.riga in (3, 4)
    assert check(cartella).exit_code == 1


def test_bounds_let_a_consortiums_totals_pass(tmp_path: Path) -> None:
    cartella = anno(
        "anno: 2025\ngoverno:\n  soci:\n    lavoratori: 10000000\n"
        "economia:\n  valore_produzione: 999999999999.99\n",
        tmp_path,
    )
    rapporto = bilancio.check(cartella)
    assert not [
        p
        for p in rapporto.errori
        if p.campo in ("governo.soci.lavoratori", "economia.valore_produzione")
    ]


# --- images -------------------------------------------------------------------------------

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c633821a0d7000004310187e8686fee0000000049454e44ae426082"
)


@pytest.mark.parametrize(
    ("nome", "contenuto", "parole"),
    [
        ("logo.png", b"non sono un'immagine\n", ["non contiene un'immagine", "file di testo"]),
        ("logo.jpg", b"\x00\x01\x02binario", ["non contiene un'immagine PNG, JPEG o SVG"]),
        ("logo.png", PNG_1PX[:30], ["danneggiato"]),
        ("logo.svg", b"<html><body>no</body></html>", ["non contiene un'immagine"]),
        (
            "logo.svg",
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "b">]><svg>&a;</svg>',
            ["DTD"],
        ),
        ("logo.gif", b"GIF89a", ["PNG, JPEG o SVG"]),
    ],
)
def test_logo_not_an_image_is_refused_when_loading_at_its_line(
    tmp_path: Path, nome: str, contenuto: bytes, parole: list[str]
) -> None:
    ente = "denominazione: Cooperativa di prova\ncodice_fiscale: '97162980151'\n"
    ente += f"forma_giuridica: cooperativa sociale\ntipo: A\nlogo: {nome}\n"
    cartella = anno("anno: 2025\n", tmp_path, ente)
    (cartella / nome).write_bytes(contenuto)
    rapporto = bilancio.check(cartella)
    (problema,) = [p for p in rapporto.errori if p.codice == "LOGO"]
    assert problema.posizione.file.endswith("ente.yaml")
    assert (problema.posizione.riga, problema.posizione.colonna) == (5, 7)
    for parola in parole:
        assert parola in problema.messaggio, problema.messaggio
    assert check(cartella).exit_code == 1
    r = runner.invoke(app, ["build", str(cartella), "--output", str(tmp_path / "out")])
    assert r.exit_code == 1 and "ente.yaml:5:7" in r.output, r.output
    assert "Traceback" not in r.output and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("nome", "contenuto"),
    [
        ("logo.png", PNG_1PX),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'),
        ("logo.jpg", None),
    ],
)
def test_real_images_are_accepted(tmp_path: Path, nome: str, contenuto: bytes | None) -> None:
    if contenuto is None:
        from PIL import Image

        memoria = io.BytesIO()
        Image.new("RGB", (2, 2), "red").save(memoria, format="JPEG")
        contenuto = memoria.getvalue()
    cartella = anno("anno: 2025\n", tmp_path, {**ENTE_MINIMO, "logo": nome})
    (cartella / nome).write_bytes(contenuto)
    assert not [p for p in bilancio.check(cartella).problemi if p.codice == "LOGO"]


# --- workbook structure -----------------------------------------------------------------------


def _membri(percorso: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(percorso) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def _zip(percorso: Path, membri: dict[str, bytes]) -> Path:
    percorso.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(percorso, "w", zipfile.ZIP_DEFLATED) as z:
        for nome, dati in membri.items():
            z.writestr(nome, dati)
    return percorso


@pytest.mark.parametrize(
    ("parte", "imbottitura"),
    [
        ("xl/workbook.xml", b"\n" * 20_000),
        ("xl/workbook.xml", b"<!--" + b"x" * 20_000 + b"-->"),
        ("xl/styles.xml", b" " * 20_000),
        ("[Content_Types].xml", b"<?pi " + b"x" * 9000 + b"?>"),
        ("xl/_rels/workbook.xml.rels", b"\t" * 5000),
    ],
)
def test_dtd_hidden_after_padding_in_any_part_is_refused(
    tmp_path: Path, parte: str, imbottitura: bytes
) -> None:
    buona = tmp_path / "buona.xlsx"
    buona.write_bytes(xlsx_anno(leggi_anno(COMPLETO)))
    membri = _membri(buona)
    corpo = membri[parte]
    if corpo.startswith(b"<?xml"):
        fine = corpo.index(b"?>") + 2
        prologo, corpo = corpo[:fine], corpo[fine:]
    else:
        prologo = b'<?xml version="1.0" encoding="UTF-8"?>'
    membri[parte] = prologo + imbottitura + b"<!DOCTYPE x [<!ELEMENT x ANY>]>" + corpo
    cartella = tmp_path / "coop"
    _zip(cartella / "2025.xlsx", membri)
    problema = un_problema(cartella / "2025.xlsx")
    assert "DTD non ammesso" in problema.messaggio and f"«{parte}»" in problema.messaggio
    r = check(cartella)
    assert r.exit_code == 2 and "DTD non ammesso" in r.output


def test_xml_part_with_any_name_is_screened(tmp_path: Path) -> None:
    buona = tmp_path / "buona.xlsx"
    buona.write_bytes(xlsx_anno(leggi_anno(COMPLETO)))
    membri = _membri(buona)
    membri["xl/media/dati.bin"] = (
        b'<?xml version="1.0"?>' + b" " * 9000 + b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    )
    problema = un_problema(_zip(tmp_path / "coop" / "2025.xlsx", membri))
    assert "«xl/media/dati.bin»" in problema.messaggio


def test_a_real_workbook_with_images_still_reads(tmp_path: Path) -> None:
    buona = tmp_path / "buona.xlsx"
    buona.write_bytes(xlsx_anno(leggi_anno(COMPLETO)))
    membri = _membri(buona)
    membri["xl/media/image1.png"] = PNG_1PX
    assert leggi(_zip(tmp_path / "coop" / "2025.xlsx", membri)).leggibile


# --- the README states the limits the code applies ------------------------------------------


def test_readme_security_section_states_each_limit() -> None:
    from bilancio import immagini
    from bilancio.lettura import xlsx as lettore_xlsx
    from bilancio.xbrl import lettore as lettore_xbrl

    testo = (RADICE / "README.md").read_text(encoding="utf-8")
    sezione = testo[testo.index("## Security: what is refused") :]
    sezione = sezione[: sezione.index("\n## ", 1)]
    punti = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731
    attesi = [
        f"{lettore_yaml.MAX_BYTES // (1024 * 1024)} MiB ({lettore_yaml.MAX_BYTES // 1024} KiB",
        f"{lettore_yaml.MAX_PROFONDITA} levels",
        f"{lettore_yaml.MAX_ALIAS} in a file",
        f"{punti(lettore_yaml.MAX_NODI)} values",
        f"{lettore_xlsx.MAX_BYTES // (1024 * 1024)} MiB on disk",
        f"{lettore_xlsx.MAX_ESPANSO // (1024 * 1024)} MiB uncompressed",
        f"{lettore_xlsx.MAX_RAPPORTO}:1",
        f"{punti(lettore_xlsx.MAX_MEMBRI)} parts",
        f"{punti(lettore_xlsx.MAX_RIGHE)} rows, {lettore_xlsx.MAX_COLONNE} columns, "
        f"{punti(lettore_xlsx.MAX_CELLE)} cells",
        f"({numeri.cifre(numeri.MAX_IMPORTO)} €)",
        f"({numeri.cifre(numeri.MAX_CONTEGGIO)})",
        f"{numeri.MAX_DECIMALI} for other quantities",
        f"at most {immagini.MAX_BYTES // (1024 * 1024)} MiB and {punti(immagini.MAX_LATO)} pixels",
        "PNG, JPEG or SVG",
        f"{lettore_xbrl.LIMITE_BYTE // (1024 * 1024)} MiB, {punti(lettore_xbrl.LIMITE_ELEMENTI)} elements",
    ]
    for atteso in attesi:
        assert atteso in sezione, atteso


def test_the_workbook_instructions_state_the_rule_for_numbers() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_anno(leggi_anno(COMPLETO))))
    testi = [str(c.value) for c in wb["Istruzioni"]["A"] if c.value]
    assert f"• {numeri.REGOLA_TESTO}" in testi and f"• {numeri.REGOLA_NUMERI}" in testi
    assert "1.000.000.000.000 €" in numeri.REGOLA_NUMERI and "10.000.000" in numeri.REGOLA_NUMERI
