"""Errors: one hierarchy (bilancio.errori), one exit code per kind for every command, a rule
that raises, output that cannot be written, faults while writing, ambiguous hours.

Every failure must give a located Italian message, its documented exit code, no
traceback, and leave nothing half-written.
"""

from __future__ import annotations

import errno
import importlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import bilancio
from bilancio import errori
from bilancio.caricamento import carica
from bilancio.cli import app
from bilancio.cli.comune import CODICI_USCITA, codice_uscita
from bilancio.errori import (
    ECCEZIONI,
    DatiNonValidi,
    ErroreBilancio,
    ErroreDati,
    ErroreInterno,
    Gravita,
    InputIlleggibile,
    Rapporto,
    UscitaNonScrivibile,
    UsoNonValido,
)
from bilancio.regole import base as regole_base
from bilancio.scrittura import scrivi_atomico, scrivi_insieme
from conftest import esempio, scrivi_coop

runner = CliRunner()

KINDS = (ErroreDati, InputIlleggibile, UsoNonValido, UscitaNonScrivibile, ErroreInterno)


# --- one hierarchy in one module ------------------------------------------------------------


def test_ogni_eccezione_e_in_errori_esportata_e_di_un_tipo() -> None:
    for classe in ECCEZIONI:
        assert classe.__module__ == "bilancio.errori", classe
        assert issubclass(classe, ErroreBilancio)
        assert getattr(bilancio, classe.__name__) is classe
        assert classe.__name__ in bilancio.__all__
        if classe is not ErroreBilancio:
            assert any(issubclass(classe, k) for k in KINDS), f"{classe} has no kind"
    # every ErroreBilancio subclass defined in errori is listed
    definite = {
        v
        for v in vars(errori).values()
        if isinstance(v, type) and issubclass(v, ErroreBilancio) and v.__module__ == errori.__name__
    }
    assert definite == set(ECCEZIONI)


@pytest.mark.parametrize(
    ("modulo", "nome"),
    [
        ("bilancio.conversione", "ConversioneNonRiuscita"),
        ("bilancio.conversione", "DestinazioneEsistente"),
        ("bilancio.scheletro", "CartellaEsistente"),
        ("bilancio.prosecuzione", "AnnoGiaPresente"),
        ("bilancio.immagini", "ImmagineNonValida"),
        ("bilancio.modello.numeri", "NumeroNonValido"),
        ("bilancio.lettura.xlsx", "FileRifiutato"),
        ("bilancio.report", "ErroreReport"),
        ("bilancio.report", "AvvisiNonAmmessi"),
        ("bilancio.report.stampa", "ErroreReport"),
        ("bilancio.report.costruzione", "SceltaNonValida"),
        ("bilancio.report.caratteri", "GlifoMancante"),
        ("bilancio.xbrl.importa", "ImportazioneNonRiuscita"),
        ("bilancio.sito", "ErroreSito"),
        ("bilancio.foglio.layout", "LayoutNonSupportato"),
        ("bilancio.xbrl.lettore", "XbrlNonValido"),
    ],
)
def test_i_vecchi_percorsi_di_import_funzionano(modulo: str, nome: str) -> None:
    assert getattr(importlib.import_module(modulo), nome) is getattr(errori, nome)


def test_niente_valueerror_nudo_verso_chi_chiama() -> None:
    from bilancio.esporta import come_csv

    with pytest.raises(UsoNonValido, match="Dialetto CSV «tedesco» sconosciuto"):
        come_csv(bilancio.diff(esempio("cipm")), "tedesco")
    regola = next(iter(regole_base.REGOLE.values()))
    with pytest.raises(errori.RegolaNonValida, match="regola duplicata"):
        regole_base.regola(regola.codice, "x", Gravita.ERRORE, "x")(regola.funzione)
    # a pydantic validator still sees a ValueError (it reports it at the field's line)
    assert issubclass(errori.NumeroNonValido, ValueError)
    # output errors are OSErrors too, for code that already handles those
    assert issubclass(UscitaNonScrivibile, OSError)


# --- one exit code per kind, for every command ---------------------------------------------


def test_la_mappa_dei_codici() -> None:
    assert [c for _, c in CODICI_USCITA] == [2, 2, 2, 3, 1]
    attesi = {
        errori.ErroreDati("x"): 1,
        errori.ErroreReport("x"): 1,
        errori.ImmagineNonValida("x"): 1,
        errori.ConversioneNonRiuscita("x", [], leggibile=True): 1,
        errori.ConversioneNonRiuscita("x", [], leggibile=False): 2,
        errori.InputIlleggibile("x"): 2,
        errori.FileRifiutato("x"): 2,
        errori.ErroreSito("x"): 2,
        errori.UsoNonValido("x"): 2,
        errori.SceltaNonValida("x"): 2,  # a report error too, but misuse wins
        errori.DestinazioneEsistente("x"): 2,
        errori.UscitaNonScrivibile("x"): 2,
        errori.ErroreInterno("x"): 3,
        errori.LayoutNonSupportato("x"): 3,
        RuntimeError("x"): 3,
        DatiNonValidi(Rapporto(percorso="p", leggibile=False)): 2,
        DatiNonValidi(Rapporto(percorso="p")): 1,
    }
    for exc, codice in attesi.items():
        assert codice_uscita(exc) == codice, exc


# each command, its arguments, and the library function it calls (patched to fail where it
# is defined: the command line imports it when the command runs)
COMANDI: dict[str, tuple[list[str], str]] = {
    "check": (["check", "{cipm}"], "bilancio.controllo.controlla"),
    "build": (
        ["build", "{cipm}", "-o", "{tmp}/out", "--format", "html"],
        "bilancio.report.build",
    ),
    "diff": (["diff", "{cipm}"], "bilancio.confronto.diff"),
    "convert": (
        ["convert", "{cipm}/2020.yaml", "{tmp}/2020.xlsx"],
        "bilancio.conversione.converti",
    ),
    "init": (["init", "{tmp}/nuova"], "bilancio.scheletro.crea"),
    "site": (
        ["site", "{cipm}", "-o", "{tmp}/public", "-j", "1"],
        "bilancio.sito.costruisci_sito",
    ),
    "import": (["import", "{tmp}/bilancio.xbrl", "{tmp}/coop"], "bilancio.xbrl.importa.importa"),
    "schema": (["schema", "-o", "{tmp}/schemi"], "bilancio.schemi.scrivi_schemi"),
}

GUASTI: list[tuple[BaseException, int, str]] = [
    (ErroreDati("dati sbagliati in prova.yaml:3:1"), 1, "errore: dati sbagliati in prova.yaml:3:1"),
    (InputIlleggibile("Il percorso «x» non esiste."), 2, "errore: Il percorso «x» non esiste."),
    (UsoNonValido("Tema «x» sconosciuto."), 2, "errore: Tema «x» sconosciuto."),
    (UscitaNonScrivibile("«out» è un file, non una cartella."), 2, "errore: «out» è un file"),
    (ErroreInterno("regola duplicata: X"), 3, "errore interno: regola duplicata: X"),
    (RuntimeError("boom"), 3, "errore interno: RuntimeError: boom"),
]


def _argomenti(argomenti: list[str], tmp_path: Path) -> list[str]:
    return [a.format(cipm=esempio("cipm"), tmp=tmp_path) for a in argomenti]


@pytest.mark.parametrize("comando", list(COMANDI))
@pytest.mark.parametrize(("guasto", "codice", "messaggio"), GUASTI, ids=lambda g: type(g).__name__)
def test_ogni_comando_ogni_tipo_di_errore(
    comando: str,
    guasto: BaseException,
    codice: int,
    messaggio: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    argomenti, funzione = COMANDI[comando]

    def fallisci(*args: Any, **kwargs: Any) -> Any:
        raise guasto

    monkeypatch.setattr(funzione, fallisci)
    r = runner.invoke(app, _argomenti(argomenti, tmp_path))
    assert r.exit_code == codice, r.output
    assert messaggio in " ".join(r.output.split()), r.output
    assert "Traceback" not in r.output
    if codice == 3:
        assert "segnalarlo agli sviluppatori" in r.output
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.parametrize("comando", list(COMANDI))
def test_ogni_comando_uso_scorretto(comando: str, tmp_path: Path) -> None:
    argomenti, _ = COMANDI[comando]
    r = runner.invoke(app, [*_argomenti(argomenti, tmp_path), "--opzione-che-non-esiste"])
    assert r.exit_code == 2, r.output
    assert "opzione sconosciuta" in r.output
    assert "Traceback" not in r.output


def _coop_con_errori(tmp_path: Path) -> Path:
    """A folder whose year does not validate (a count written as a word)."""
    cartella = tmp_path / "rotta"
    scrivi_coop(cartella, "anno: 2025\ngoverno:\n  soci:\n    lavoratori: venti\n")
    return cartella


@pytest.mark.parametrize(
    ("argomenti", "codice"),
    [
        (["check", "{rotta}"], 1),
        (["check", "{tmp}/non-esiste"], 2),
        (["build", "{rotta}", "-o", "{tmp}/out", "--format", "html"], 1),
        (["build", "{tmp}/non-esiste", "-o", "{tmp}/out"], 2),
        (["build", "{cipm}", "-o", "{tmp}/out", "--format", "docx"], 2),
        (["diff", "{rotta}", "--da", "2024"], 2),  # an option diff does not have
        (["diff", "{rotta}"], 1),  # data errors: 1, as check and build (never 2)
        (["diff", "{tmp}/non-esiste"], 2),
        (["diff", "{cipm}", "--fail-over", "0"], 4),
        (["convert", "{rotta}/2025.yaml", "{tmp}/2025.xlsx"], 1),
        (["convert", "{tmp}/non-esiste.yaml", "{tmp}/2025.xlsx"], 2),
        (["convert", "{cipm}/2020.yaml", "{cipm}/ente.yaml"], 2),  # exists: --force needed
        (["init", "{cipm}", "--year", "2020"], 2),  # the year exists
        (["schema", "-o", "{cipm}/ente.yaml"], 2),  # a file, not a folder
    ],
)
def test_errori_veri_e_loro_codice(argomenti: list[str], codice: int, tmp_path: Path) -> None:
    rotta = _coop_con_errori(tmp_path)
    prima = {p: p.read_bytes() for p in esempio("cipm").iterdir()}
    r = runner.invoke(
        app, [a.format(cipm=esempio("cipm"), tmp=tmp_path, rotta=rotta) for a in argomenti]
    )
    assert r.exit_code == codice, r.output
    assert "Traceback" not in r.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    assert {p: p.read_bytes() for p in esempio("cipm").iterdir()} == prima


# --- a rule that raises ----------------------------------------------------------------------


@pytest.fixture
def regola_rotta(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """One rule of those that apply to CIPM raises, as a bug would."""
    bilancio_cipm = bilancio.load(esempio("cipm"))
    codice = regole_base.applicabili(bilancio_cipm)[0].codice
    originale = regole_base.REGOLE[codice]

    def rotta(ctx: Any) -> Iterator[Any]:
        raise ZeroDivisionError("divisione per zero")
        yield  # pragma: no cover - a generator, as every rule

    monkeypatch.setitem(
        regole_base.REGOLE, codice, regole_base.Regola(**{**vars(originale), "funzione": rotta})
    )
    yield codice


def test_una_regola_che_solleva_non_ferma_le_altre(regola_rotta: str) -> None:
    rapporto = bilancio.check(esempio("cipm"))
    (interno,) = rapporto.interni
    assert interno.codice == regola_rotta and interno.gravita is Gravita.ERRORE
    assert interno.messaggio.startswith(f"Errore interno della regola {regola_rotta}")
    assert "ZeroDivisionError: divisione per zero" in interno.messaggio
    assert "segnalarlo agli sviluppatori" in interno.messaggio
    assert rapporto.esito() == 3
    assert interno in rapporto.errori  # the check is not passed: it is incomplete


def test_cosper_le_altre_regole_trovano_gli_stessi_problemi(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Cosper's data has errors: with one rule broken, every other rule still finds its own."""
    sano = bilancio.check(esempio("cosper"))
    trovate = {p.codice for p in sano.problemi}
    caricato = carica(esempio("cosper"))
    assert caricato.bilancio is not None
    applicabili = regole_base.applicabili(caricato.bilancio)
    rotta_codice = next(r.codice for r in applicabili if r.codice in trovate)
    originale = regole_base.REGOLE[rotta_codice]

    def rotta(ctx: Any) -> Iterator[Any]:
        yield from originale.funzione(ctx)
        raise KeyError("manca")

    monkeypatch.setitem(
        regole_base.REGOLE,
        rotta_codice,
        regole_base.Regola(**{**vars(originale), "funzione": rotta}),
    )
    rotto = bilancio.check(esempio("cosper"))
    altri = [p for p in sano.problemi if p.codice != rotta_codice]
    assert [p for p in rotto.problemi if p.codice != rotta_codice] == altri
    (interno,) = rotto.interni
    assert interno.codice == rotta_codice
    assert "KeyError" in interno.messaggio


def test_cli_check_e_build_con_una_regola_rotta(regola_rotta: str, tmp_path: Path) -> None:
    r = runner.invoke(app, ["check", str(esempio("cipm"))])
    assert r.exit_code == 3, r.output
    assert f"errore {regola_rotta}" in r.output
    assert "Errore interno della regola" in " ".join(r.output.split())
    assert "Traceback" not in r.output
    r = runner.invoke(app, ["check", str(esempio("cipm")), "--json"])
    assert r.exit_code == 3
    assert '"interno": true' in r.output
    # build: the data cannot be certified when a rule could not run; nothing is written
    r = runner.invoke(
        app, ["build", str(esempio("cipm")), "-o", str(tmp_path / "out"), "--format", "html"]
    )
    assert r.exit_code == 3, r.output
    assert "nessun file scritto" in r.output
    assert not (tmp_path / "out").exists()


# --- output paths --------------------------------------------------------------------------


def test_build_output_e_un_file(tmp_path: Path) -> None:
    file = tmp_path / "uscita"
    file.write_text("mio", encoding="utf-8")
    r = runner.invoke(app, ["build", str(esempio("cipm")), "-o", str(file), "--format", "html"])
    assert r.exit_code == 2, r.output
    assert "è un file, non una cartella" in " ".join(r.output.split())
    assert "Traceback" not in r.output
    assert file.read_text(encoding="utf-8") == "mio"
    sotto = file / "report"
    r = runner.invoke(app, ["build", str(esempio("cipm")), "-o", str(sotto), "--format", "html"])
    assert r.exit_code == 2, r.output
    assert "è un file, non una cartella" in " ".join(r.output.split())


def test_build_cartella_non_scrivibile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only folder (os.access says no: tests may run as root, who may write anyway)."""
    uscita = tmp_path / "sola-lettura"
    uscita.mkdir()
    monkeypatch.setattr("bilancio.scrittura._scrivibile", lambda p: Path(p) != uscita)
    r = runner.invoke(app, ["build", str(esempio("cipm")), "-o", str(uscita), "--format", "html"])
    assert r.exit_code == 2, r.output
    assert "permesso negato" in r.output
    assert list(uscita.iterdir()) == []


def _guasto_alla(monkeypatch: pytest.MonkeyPatch, nome: str, k: int, exc: OSError) -> list[int]:
    """Make ``bilancio.scrittura``'s ``nome`` (os.replace, tempfile.mkstemp...) fail at call k."""
    modulo, attributo = nome.rsplit(".", 1)
    bersaglio = importlib.import_module("bilancio.scrittura").__dict__[modulo]
    vero = getattr(bersaglio, attributo)
    chiamate = [0]

    def guasto(*args: Any, **kwargs: Any) -> Any:
        chiamate[0] += 1
        if chiamate[0] == k:
            raise exc
        return vero(*args, **kwargs)

    monkeypatch.setattr(bersaglio, attributo, guasto)
    return chiamate


def _stato(cartella: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(cartella.iterdir())} if cartella.exists() else {}


def test_destinazione_aperta_da_un_altro_programma(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to replace a PDF a viewer holds open: PermissionError on os.replace."""
    uscita = tmp_path / "out"
    r = runner.invoke(app, ["build", str(esempio("cipm")), "-o", str(uscita), "--format", "html"])
    assert r.exit_code == 0, r.output
    prima = _stato(uscita)
    _guasto_alla(monkeypatch, "os.replace", 1, PermissionError(errno.EACCES, "Access is denied"))
    r = runner.invoke(app, ["build", str(esempio("cipm")), "-o", str(uscita), "--format", "html"])
    assert r.exit_code == 2, r.output
    testo = " ".join(r.output.split())
    assert "aperto in un altro programma" in testo and "chiuderlo e riprovare" in testo
    assert "Il file precedente è intatto" in testo
    assert "Traceback" not in r.output
    assert _stato(uscita) == prima  # intact, and no temporary file left


def test_convert_e_init_dove_non_si_puo_scrivere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "un-file"
    file.write_text("mio", encoding="utf-8")
    r = runner.invoke(app, ["convert", str(esempio("cipm") / "2020.yaml"), str(file / "2020.xlsx")])
    assert r.exit_code == 2, r.output
    assert "è un file, non una cartella" in " ".join(r.output.split())
    r = runner.invoke(app, ["convert", str(esempio("cipm") / "2020.yaml"), str(tmp_path)])
    assert r.exit_code == 2, r.output  # a folder as destination (no extension): misuse
    r = runner.invoke(app, ["init", str(file)])
    assert r.exit_code == 2, r.output
    assert "non è una cartella" in r.output
    assert file.read_text(encoding="utf-8") == "mio"
    _guasto_alla(monkeypatch, "tempfile.mkstemp", 1, PermissionError(errno.EACCES, "denied"))
    r = runner.invoke(app, ["init", str(tmp_path / "nuova")])
    assert r.exit_code == 2, r.output
    assert "permesso negato" in r.output and "Traceback" not in r.output
    nuova = tmp_path / "nuova"
    assert not nuova.exists() or list(nuova.iterdir()) == []  # nothing written, no temp file


# --- fault injection: a write that fails at each step -----------------------------------------


PASSI = [
    ("tempfile.mkstemp", PermissionError(errno.EACCES, "denied"), "permesso negato"),
    ("os.fsync", OSError(errno.ENOSPC, "No space left on device"), "spazio su disco esaurito"),
    ("os.replace", PermissionError(errno.EACCES, "denied"), "aperto in un altro programma"),
    ("os.replace", OSError(errno.EROFS, "Read-only file system"), "sola lettura"),
]


@pytest.mark.parametrize("k", [1, 2, 3])
@pytest.mark.parametrize(("nome", "guasto", "messaggio"), PASSI)
def test_scrivi_insieme_tutto_o_niente(
    k: int,
    nome: str,
    guasto: OSError,
    messaggio: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Three files written together, a fault at the k-th call of a step: all old or all new."""
    cartella = tmp_path / "out"
    cartella.mkdir()
    (cartella / "a.html").write_bytes(b"vecchio a")
    (cartella / "b.pdf").write_bytes(b"vecchio b")  # c.json is new
    prima = _stato(cartella)
    nuovi = {
        cartella / "a.html": b"nuovo a",
        cartella / "b.pdf": b"nuovo b",
        cartella / "c.json": b"c",
    }
    chiamate = _guasto_alla(monkeypatch, nome, k, guasto)
    try:
        scrivi_insieme(nuovi)
    except UscitaNonScrivibile as exc:
        assert messaggio in str(exc)
        assert _stato(cartella) == prima  # the previous files back, nothing new, no temp file
    else:
        assert chiamate[0] < k  # the step was not called k times: nothing to fail
        assert _stato(cartella) == {p.name: c for p, c in nuovi.items()}
    monkeypatch.undo()
    scrivi_insieme(nuovi)  # the next run succeeds
    assert _stato(cartella) == {p.name: c for p, c in nuovi.items()}


def test_scrivi_atomico_una_cartella_al_posto_del_file(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").mkdir()
    with pytest.raises(UscitaNonScrivibile, match="è una cartella"):
        scrivi_atomico(tmp_path / "x.pdf", b"x")
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"]


@pytest.mark.parametrize("k", [1, 2])  # one file: a step's second call does not happen
@pytest.mark.parametrize(("nome", "guasto", "messaggio"), PASSI)
def test_build_guasto_a_ogni_passo(
    k: int,
    nome: str,
    guasto: OSError,
    messaggio: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """build of CIPM's two themes' HTML over a previous run; a fault at step k of writing."""
    uscita = tmp_path / "out"
    bilancio.build(esempio("cipm"), formats=["html"], output=uscita)
    (uscita / "cipm-2020-completo.html").write_bytes(b"precedente")  # tell old from new
    prima = _stato(uscita)
    _guasto_alla(monkeypatch, nome, k, guasto)
    r = runner.invoke(app, ["build", str(esempio("cipm")), "-o", str(uscita), "--format", "html"])
    if r.exit_code == 0:  # a step called fewer than k times
        assert (uscita / "cipm-2020-completo.html").read_bytes() != b"precedente"
    else:
        assert r.exit_code == 2, r.output
        assert messaggio in " ".join(r.output.split())
        assert "Traceback" not in r.output
        assert _stato(uscita) == prima
    monkeypatch.undo()
    r = runner.invoke(app, ["build", str(esempio("cipm")), "-o", str(uscita), "--format", "html"])
    assert r.exit_code == 0, r.output
    assert [p.name for p in uscita.iterdir()] == ["cipm-2020-completo.html"]


@pytest.mark.parametrize(("nome", "guasto", "messaggio"), PASSI)
def test_convert_guasto_a_ogni_passo(
    nome: str, guasto: OSError, messaggio: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    destinazione = tmp_path / "2020.xlsx"
    destinazione.write_bytes(b"precedente")
    _guasto_alla(monkeypatch, nome, 1, guasto)
    r = runner.invoke(
        app, ["convert", str(esempio("cipm") / "2020.yaml"), str(destinazione), "--force"]
    )
    assert r.exit_code == 2, r.output
    assert messaggio in " ".join(r.output.split()) and "Traceback" not in r.output
    assert [p.name for p in tmp_path.iterdir()] == ["2020.xlsx"]
    assert destinazione.read_bytes() == b"precedente"
    monkeypatch.undo()
    r = runner.invoke(
        app, ["convert", str(esempio("cipm") / "2020.yaml"), str(destinazione), "--force"]
    )
    assert r.exit_code == 0, r.output
    assert destinazione.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == ["2020.xlsx"]


# --- hours written 1.500 -------------------------------------------------------------------


def _anno_con_ore(valore: str) -> str:
    testo = (esempio("arcobaleno") / "2024.yaml").read_text(encoding="utf-8")
    assert "      ore: 13600\n" in testo
    return testo.replace("      ore: 13600\n", f"      ore: {valore}\n", 1)


def _riga(testo: str, frammento: str) -> int:
    return next(i for i, r in enumerate(testo.splitlines(), 1) if frammento in r)


def test_ore_con_il_punto_e_tre_cifre_sono_ambigue(tmp_path: Path) -> None:
    testo = _anno_con_ore("1.500")
    cartella = tmp_path / "coop"
    cartella.mkdir()
    (cartella / "ente.yaml").write_bytes((esempio("arcobaleno") / "ente.yaml").read_bytes())
    (cartella / "2024.yaml").write_text(testo, encoding="utf-8")
    rapporto = bilancio.check(cartella / "2024.yaml")
    (p,) = [p for p in rapporto.errori if p.campo and p.campo.endswith(".ore")]
    assert p.posizione is not None and p.posizione.riga == _riga(testo, "ore: 1.500")
    assert "«1.500» è scritto con il punto e tre cifre dopo" in p.messaggio
    assert "Scrivere 1500 se il punto separa le migliaia, oppure 1.5" in p.messaggio
    r = runner.invoke(app, ["check", str(cartella / "2024.yaml")])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert f"2024.yaml:{p.posizione.riga}:" in r.output


@pytest.mark.parametrize(
    ("scritto", "valore"),
    [
        ('"1.500"', 1500),
        ("1500", 1500),
        ("1.5", 1.5),
        ('"1,5"', 1.5),
        ("0.500", 0.5),
        ("1.5000", 1.5),
    ],
)
def test_ore_non_ambigue_sono_lette(scritto: str, valore: float, tmp_path: Path) -> None:
    from decimal import Decimal

    cartella = tmp_path / "coop"
    cartella.mkdir()
    (cartella / "ente.yaml").write_bytes((esempio("arcobaleno") / "ente.yaml").read_bytes())
    (cartella / "2024.yaml").write_text(_anno_con_ore(scritto), encoding="utf-8")
    rapporto = bilancio.check(cartella / "2024.yaml")
    assert not [p for p in rapporto.errori if p.campo and p.campo.endswith(".ore")]
    dati = bilancio.load(cartella / "2024.yaml")
    assert any(s.ore == Decimal(str(valore)) for s in dati.anno.attivita.servizi)


def test_ore_dal_foglio_numeriche_sono_numeri() -> None:
    from decimal import Decimal

    from bilancio.modello import numeri

    assert numeri.misura(1.5) == Decimal("1.5")  # a workbook's numeric cell
    assert numeri.misura("1.500") == 1500  # a text cell: the Italian rule
    with pytest.raises(errori.NumeroNonValido, match="ambiguo"):
        numeri.misura(Decimal("12.250"))


@pytest.mark.slow  # prints the PDF
@pytest.mark.parametrize(("nome", "k"), [("os.replace", 1), ("os.replace", 2), ("os.fsync", 3)])
def test_build_html_e_pdf_tutto_o_niente(
    nome: str, k: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The HTML and the PDF of a build replace the previous ones together: a fault while
    putting the PDF in place puts the previous HTML back (never a new HTML beside an old PDF)."""
    uscita = tmp_path / "out"
    uscita.mkdir()
    (uscita / "cipm-2020-completo.html").write_bytes(b"html precedente")
    (uscita / "cipm-2020-completo.pdf").write_bytes(b"pdf precedente")
    prima = _stato(uscita)
    _guasto_alla(monkeypatch, nome, k, PermissionError(errno.EACCES, "denied"))
    r = runner.invoke(app, ["build", str(esempio("cipm")), "-o", str(uscita)])
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    assert _stato(uscita) == prima
    monkeypatch.undo()
    r = runner.invoke(app, ["build", str(esempio("cipm")), "-o", str(uscita)])
    assert r.exit_code == 0, r.output
    assert sorted(_stato(uscita)) == ["cipm-2020-completo.html", "cipm-2020-completo.pdf"]
    assert _stato(uscita)["cipm-2020-completo.pdf"][:5] == b"%PDF-"


def test_import_destinazione_aperta_da_un_altro_programma(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    cartella = tmp_path / "cipm"
    shutil.copytree(esempio("cipm"), cartella)
    prima = _stato(cartella)
    istanza = Path(__file__).parent / "fixtures" / "xbrl" / "cipm_2020.xbrl"
    _guasto_alla(monkeypatch, "os.replace", 1, PermissionError(errno.EACCES, "denied"))
    r = runner.invoke(app, ["import", str(istanza), str(cartella)])
    assert r.exit_code == 2, r.output
    assert "aperto in un altro programma" in " ".join(r.output.split())
    assert "Traceback" not in r.output
    assert _stato(cartella) == prima


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes in read-only folders"
)
def test_build_cartella_davvero_in_sola_lettura(tmp_path: Path) -> None:
    """The real thing, where the file system enforces it: the output folder made read-only
    between two runs."""
    uscita = tmp_path / "out"
    argomenti = ["build", str(esempio("cipm")), "-o", str(uscita), "--format", "html"]
    assert runner.invoke(app, argomenti).exit_code == 0
    prima = _stato(uscita)
    uscita.chmod(0o500)
    try:
        r = runner.invoke(app, argomenti)
        assert r.exit_code == 2, r.output
        assert "permesso negato" in r.output and "Traceback" not in r.output
        assert _stato(uscita) == prima
    finally:
        uscita.chmod(0o700)
    assert runner.invoke(app, argomenti).exit_code == 0


def test_convert_of_a_broken_file_in_a_fresh_process_is_a_located_error(tmp_path: Path) -> None:
    """In a fresh process nothing has imported the compute step yet (lazy imports): the
    report of problems `convert` prints must still be made, not end as an internal error."""
    import subprocess
    import sys

    sorgente = tmp_path / "2025.yaml"
    sorgente.write_text("anno: 2025\npersone:\n  istruzione:\n    diploma: [9\n", encoding="utf-8")
    esito = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from bilancio.cli import main; sys.argv[0] = 'bilancio'; main()",
            "convert",
            str(sorgente),
            str(tmp_path / "2025.xlsx"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    uscita = esito.stdout + esito.stderr
    assert esito.returncode == 2, uscita
    assert "2025.yaml:" in uscita and "errore SINTASSI" in uscita and "errore interno" not in uscita
    assert not (tmp_path / "2025.xlsx").exists()
