"""`bilancio site` under faults: writes that fail, damaged caches and manifests, destinations
that cannot be replaced. The published folder is never half-written: after a failed run it
is the previous site, byte for byte; the next run succeeds or refuses clearly."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilancio.cli import _registra, app
from bilancio.errori import UscitaNonScrivibile
from bilancio.sito import ErroreSito, costruisci_sito
from bilancio.sito.esecuzione import voce_cache
from test_sito import radice_di_prova

_registra()


def fotografia(cartella: Path) -> dict[str, bytes]:
    return {
        p.relative_to(cartella).as_posix(): p.read_bytes()
        for p in sorted(cartella.rglob("*"))
        if p.is_file()
    }


def avanzi(cartella: Path) -> list[str]:
    """Temporary folders or files a run left beside the site or in the cache."""
    return sorted(p.name for p in cartella.iterdir() if p.name.startswith("."))


class Guasto:
    """Make the k-th call of os.replace / os.rename raise (PermissionError, or an interruption)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, k: int, errore: type[BaseException]):
        self.k, self.errore, self.chiamate = k, errore, 0
        self.replace, self.rename = os.replace, os.rename
        monkeypatch.setattr(os, "replace", self._avvolgi(self.replace))
        monkeypatch.setattr(os, "rename", self._avvolgi(self.rename))

    def _avvolgi(self, funzione):
        def guasta(sorgente, destinazione, *args, **kwargs):
            self.chiamate += 1
            if self.chiamate == self.k:
                if self.errore is PermissionError:
                    raise PermissionError(
                        13, "Permission denied", str(sorgente), None, str(destinazione)
                    )
                raise self.errore()
            return funzione(sorgente, destinazione, *args, **kwargs)

        return guasta


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory):
    """A published site (A), the changed data, and the site a clean run makes of them (B)."""
    base = tmp_path_factory.mktemp("guasti")
    radice = radice_di_prova(base, "arcobaleno", "cipm")
    pubblico, cache = base / "pronto" / "public", base / "pronto-cache"
    (pubblico).mkdir(parents=True)
    (pubblico / "CNAME").write_text("bilanci.example.org\n")  # not ours: always kept
    costruisci_sito(radice, pubblico, processi=1, cache=cache)
    # the change: a new title on every page, a cooperative gone, a report to build again
    config = radice / "bilancio-sito.yaml"
    config.write_text(config.read_text().replace("di prova", "nuovi"), encoding="utf-8")
    shutil.rmtree(radice / "cipm")
    anno = radice / "arcobaleno" / "2025.yaml"
    anno.write_text(anno.read_text(encoding="utf-8") + "\n# rivisto\n", encoding="utf-8")
    atteso = base / "atteso" / "public"
    shutil.copytree(pubblico, atteso)
    shutil.copytree(cache, base / "atteso-cache")
    costruisci_sito(radice, atteso, processi=1, cache=base / "atteso-cache")
    return radice, pubblico, cache, fotografia(pubblico), fotografia(atteso)


def _prepara(scenario, lavoro: Path) -> tuple[Path, Path, Path]:
    radice, pubblico, cache, _, _ = scenario
    shutil.copytree(pubblico.parent, lavoro / "sito")
    shutil.copytree(cache, lavoro / "cache")
    return radice, lavoro / "sito" / "public", lavoro / "cache"


def _chiamate(scenario, lavoro: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    radice, uscita, cache = _prepara(scenario, lavoro)
    with monkeypatch.context() as m:
        contatore = Guasto(m, 0, PermissionError)
        costruisci_sito(radice, uscita, processi=1, cache=cache)
    assert fotografia(uscita) == scenario[4]
    return contatore.chiamate


def _prova_guasto(scenario, lavoro: Path, monkeypatch, k: int, errore: type[BaseException]):
    radice, uscita, cache = _prepara(scenario, lavoro)
    with monkeypatch.context() as m:
        Guasto(m, k, errore)
        atteso = UscitaNonScrivibile if errore is PermissionError else errore
        with pytest.raises(atteso) as info:
            costruisci_sito(radice, uscita, processi=1, cache=cache)
    if errore is PermissionError:
        testo = str(info.value)
        assert testo.startswith(("Impossibile scrivere", "Impossibile sostituire")), testo
        assert "permesso negato" in testo or "aperto in un altro programma" in testo, testo
    # the previous site, whole; nothing left beside it, no half-made cache entry
    assert fotografia(uscita) == scenario[3], f"guasto alla scrittura {k}"
    assert avanzi(uscita.parent) == [], f"guasto alla scrittura {k}"
    for sotto in cache.iterdir():
        if sotto.is_dir():
            assert not [p for p in sotto.iterdir() if p.name.startswith(".")], k
    # the next run, without the fault, makes the new site
    costruisci_sito(radice, uscita, processi=1, cache=cache)
    assert fotografia(uscita) == scenario[4], f"dopo il guasto alla scrittura {k}"


@pytest.mark.parametrize("errore", [PermissionError, KeyboardInterrupt])
def test_a_write_failing_leaves_the_previous_site_then_the_next_run_succeeds(
    scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errore
) -> None:
    """The first write, one in the middle and the swap itself (the last rename) fail."""
    n = _chiamate(scenario, tmp_path / "conta", monkeypatch)
    assert n >= 10
    for k in sorted({1, n // 2, n - 1, n}):
        _prova_guasto(scenario, tmp_path / f"k{k}", monkeypatch, k, errore)


@pytest.mark.slow
def test_every_write_failing_in_turn(
    scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    n = _chiamate(scenario, tmp_path / "conta", monkeypatch)
    for k in range(1, n + 1):
        _prova_guasto(scenario, tmp_path / f"k{k}", monkeypatch, k, PermissionError)


def test_a_site_held_open_gives_a_clear_message_and_stays(
    scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to move a folder with a file open in a PDF viewer: exit 2, no traceback."""
    radice, uscita, cache = _prepara(scenario, tmp_path)
    vero = os.rename

    def aperto(sorgente, destinazione, *args, **kwargs):
        if Path(sorgente) == uscita:
            raise PermissionError(13, "Accesso negato", str(sorgente))
        return vero(sorgente, destinazione, *args, **kwargs)

    monkeypatch.setattr(os, "rename", aperto)
    r = CliRunner().invoke(
        app, ["site", str(radice), "-o", str(uscita), "--cache", str(cache), "-j", "1"]
    )
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output and "errore interno" not in r.output
    assert "Impossibile scrivere il sito" in r.output
    assert "aperto in un altro programma" in r.output
    assert fotografia(uscita) == scenario[3]
    assert avanzi(uscita.parent) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_destination_gives_a_clear_message(scenario, tmp_path: Path) -> None:
    radice, uscita, cache = _prepara(scenario, tmp_path)
    os.chmod(uscita.parent, 0o555)
    try:
        r = CliRunner().invoke(app, ["site", str(radice), "-o", str(uscita), "--cache", str(cache)])
    finally:
        os.chmod(uscita.parent, 0o755)
    assert r.exit_code == 2 and "permesso negato" in r.output and "Traceback" not in r.output
    assert fotografia(uscita) == scenario[3]


def test_an_unwritable_cache_stops_the_run_clearly(
    scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache that cannot be written is not a failed report: the run stops, the site stays."""
    radice, uscita, cache = _prepara(scenario, tmp_path)
    vero = os.rename

    def cache_piena(sorgente, destinazione, *args, **kwargs):
        if Path(destinazione).is_relative_to(cache):
            raise OSError(28, "No space left on device", str(sorgente), None, str(destinazione))
        return vero(sorgente, destinazione, *args, **kwargs)

    monkeypatch.setattr(os, "rename", cache_piena)
    r = CliRunner().invoke(
        app, ["site", str(radice), "-o", str(uscita), "--cache", str(cache), "-j", "1"]
    )
    assert r.exit_code == 2, r.output
    assert "Impossibile scrivere nella cache" in r.output and "Traceback" not in r.output
    assert fotografia(uscita) == scenario[3]


def test_output_that_is_a_file_is_refused(tmp_path: Path) -> None:
    radice = radice_di_prova(tmp_path, "cipm")
    (tmp_path / "public").write_text("non una cartella")
    r = CliRunner().invoke(
        app, ["site", str(radice), "-o", str(tmp_path / "public"), "--cache", str(tmp_path / "c")]
    )
    assert r.exit_code == 2 and "è un file, non una cartella" in r.output
    assert (tmp_path / "public").read_text() == "non una cartella"


# --- damaged caches and manifests, between runs ------------------------------------------


def _troncato(file: Path) -> None:
    file.write_bytes(file.read_bytes()[: max(1, file.stat().st_size // 2)])


@pytest.mark.parametrize(
    "nome", ["scheda.json", "dati.json", "contenuto.json", "report.html", "voce"]
)
def test_a_damaged_cache_file_is_reported_and_rebuilt(tmp_path: Path, nome: str) -> None:
    radice = radice_di_prova(tmp_path, "cipm")
    uscita, cache = tmp_path / "public", tmp_path / "cache"
    costruisci_sito(radice, uscita, processi=1, cache=cache)
    prima = fotografia(uscita)
    if nome == "voce":  # the report's whole entry: a file where its folder was
        [report] = cache.rglob("report.html")
        shutil.rmtree(report.parent)
        report.parent.write_text("{")
    else:
        [danneggiato] = [
            p
            for p in cache.rglob(nome)
            if nome != "contenuto.json" or (p.parent / "report.html").exists()
        ]
        _troncato(danneggiato)
    r = CliRunner().invoke(
        app, ["site", str(radice), "-o", str(uscita), "--cache", str(cache), "-j", "1"]
    )
    assert r.exit_code == 0, r.output
    assert "avviso:" in r.output and "danneggiata" in r.output and "si ricostruisce" in r.output
    assert fotografia(uscita) == prima
    assert "danneggiata" in (tmp_path / "public.log").read_text(encoding="utf-8")
    # rebuilt: the next run finds it whole and says nothing
    r = CliRunner().invoke(
        app, ["site", str(radice), "-o", str(uscita), "--cache", str(cache), "-j", "1"]
    )
    assert r.exit_code == 0 and "avviso" not in r.output


def test_a_damaged_manifest_is_reported_and_stale_files_still_go(tmp_path: Path) -> None:
    radice = radice_di_prova(tmp_path, "arcobaleno", "cipm")
    uscita, cache = tmp_path / "public", tmp_path / "cache"
    uscita.mkdir()
    (uscita / "CNAME").write_text("bilanci.example.org\n")
    (uscita / "immagini").mkdir()
    (uscita / "immagini" / "logo.svg").write_text("<svg/>")
    costruisci_sito(radice, uscita, processi=1, cache=cache)
    shutil.rmtree(radice / "cipm")
    _troncato(uscita / ".bilancio-sito.json")
    riepilogo = costruisci_sito(radice, uscita, processi=1, cache=cache)
    assert any("manifesto del sito" in a and "illeggibile" in a for a in riepilogo.avvisi)
    assert not (uscita / "cipm").exists()
    assert "cipm/index.html" in riepilogo.rimossi
    assert (uscita / "CNAME").exists() and (uscita / "immagini" / "logo.svg").exists()
    manifesto = json.loads((uscita / ".bilancio-sito.json").read_text(encoding="utf-8"))
    assert "index.html" in manifesto["file"]


def test_a_damaged_shard_manifest_is_refused_by_name(tmp_path: Path) -> None:
    radice = radice_di_prova(tmp_path, "cipm")
    uscita = tmp_path / "public"
    costruisci_sito(radice, uscita, processi=1, cache=tmp_path / "c", parte=(1, 1))
    _troncato(uscita / ".bilancio-shard-1-di-1.json")
    prima = fotografia(uscita)
    with pytest.raises(
        ErroreSito, match=r"La parte «.*\.bilancio-shard-1-di-1\.json» è illeggibile"
    ):
        costruisci_sito(radice, uscita, processi=1, cache=tmp_path / "c", unisci=True)
    assert fotografia(uscita) == prima
    # the shard built again, the merge works
    costruisci_sito(radice, uscita, processi=1, cache=tmp_path / "c", parte=(1, 1))
    assert costruisci_sito(radice, uscita, processi=1, cache=tmp_path / "c", unisci=True).esito == 0


def test_cache_entries_are_sealed_with_their_hashes(tmp_path: Path) -> None:
    radice = radice_di_prova(tmp_path, "cipm")
    cache = tmp_path / "cache"
    riepilogo = costruisci_sito(radice, tmp_path / "public", processi=1, cache=cache)
    [esito] = riepilogo.esiti
    voce = voce_cache(cache, esito.impronta)
    sigillo = json.loads((voce / "contenuto.json").read_text())
    assert set(sigillo) == {"report.html"}
    assert not [p for p in cache.rglob("*") if p.name.startswith(".")]  # no temporary left


def test_a_run_killed_between_the_two_renames_gets_the_site_back(
    scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed after the old site was moved aside and before the new one took its place."""
    radice, uscita, cache = _prepara(scenario, tmp_path)
    vero = os.rename

    class Ucciso(BaseException):
        pass

    def uccidi(sorgente, destinazione, *args, **kwargs):
        if Path(destinazione) == uscita:  # the new site's rename: the process dies here
            raise Ucciso
        return vero(sorgente, destinazione, *args, **kwargs)

    # a kill runs no handler: the rollback is skipped too
    from bilancio.sito import pubblicazione

    monkeypatch.setattr(os, "rename", uccidi)
    monkeypatch.setattr(pubblicazione.shutil, "rmtree", lambda *a, **k: None)
    with pytest.raises(Ucciso):
        costruisci_sito(radice, uscita, processi=1, cache=cache)
    monkeypatch.undo()
    assert not uscita.exists()
    riepilogo = costruisci_sito(radice, uscita, processi=1, cache=cache)
    assert any("rimesso al suo posto" in a for a in riepilogo.avvisi)
    assert fotografia(uscita)["CNAME"] == b"bilanci.example.org\n"
    assert fotografia(uscita) == scenario[4]


@pytest.mark.slow
def test_killed_at_any_moment_the_published_folder_is_one_whole_site(
    scenario, tmp_path: Path
) -> None:
    """A real SIGKILL at several moments of a run: the folder is the old site or the new one."""
    import signal
    import subprocess
    import sys
    import time

    for i, attesa in enumerate((0.3, 0.8, 1.2, 1.6, 2.0, 2.5, 3.5)):
        radice, uscita, cache = _prepara(scenario, tmp_path / f"u{i}")
        processo = subprocess.Popen(
            [sys.executable, "-m", "bilancio", "site", str(radice), "-o", str(uscita)]
            + ["--cache", str(cache), "-j", "1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(attesa)
        processo.send_signal(signal.SIGKILL)
        processo.wait()
        if uscita.exists():
            assert fotografia(uscita) in (scenario[3], scenario[4]), attesa
        r = CliRunner().invoke(app, ["site", str(radice), "-o", str(uscita), "--cache", str(cache)])
        assert r.exit_code == 0, r.output
        assert fotografia(uscita) == scenario[4], attesa


def test_an_output_holding_the_data_the_cache_or_the_current_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site is replaced whole: a folder that holds what the build reads cannot be it."""
    radice = radice_di_prova(tmp_path, "cipm")
    runner = CliRunner()
    for uscita, cache, cosa in (
        (tmp_path, tmp_path / "altrove" / "c", "i dati"),
        (tmp_path / "p", tmp_path / "p" / "cache", "la cache"),
    ):
        r = runner.invoke(app, ["site", str(radice), "-o", str(uscita), "--cache", str(cache)])
        assert r.exit_code == 2 and f"contiene {cosa}" in r.output, r.output
    monkeypatch.chdir(tmp_path / "cooperative")
    r = runner.invoke(app, ["site", ".", "-o", ".", "--cache", str(tmp_path / "c")])
    assert r.exit_code == 2 and "contiene" in r.output
    assert sorted(p.name for p in (tmp_path / "cooperative").iterdir()) == [
        "bilancio-sito.yaml",
        "cipm",
    ]


def test_a_link_to_the_site_folder_stays_a_link(tmp_path: Path) -> None:
    radice = radice_di_prova(tmp_path, "cipm")
    vero = tmp_path / "www" / "sito"
    vero.mkdir(parents=True)
    (vero / "CNAME").write_text("x\n")
    (tmp_path / "public").symlink_to(vero, target_is_directory=True)
    costruisci_sito(radice, tmp_path / "public", processi=1, cache=tmp_path / "c")
    assert (tmp_path / "public").is_symlink()
    assert (vero / "index.html").is_file() and (vero / "CNAME").is_file()
