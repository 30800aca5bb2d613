"""The release (issue 14, point 1): the sdist and the wheel, bilancio's own workflows, and
the workflow users copy (docs/ci/github-pages.yml), whose shell steps run here as written.

The copyable workflow is run the way GitHub runs it: each job in its own fresh folder (the
data repository's checkout), the report job once per shard of its matrix, the artifacts
passed from the shards to the merge job. Its `run:` steps are taken from the YAML file and
run by bash; only `sudo apt-get` is left out (the system libraries are this machine's) and
the install of the pinned version is replaced by the install of a wheel built from this
checkout, in a fresh virtual environment. The actions it names (`uses:`) are checked, with
their inputs, and played by the test: checkout copies the data, upload/download-artifact
copy folders, upload-pages-artifact and deploy-pages record what would be published.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass, field
from email.parser import Parser
from pathlib import Path
from typing import Any

import pytest
import yaml

import bilancio
from conftest import ESEMPI, RADICE

FLUSSO = RADICE / "docs" / "ci" / "github-pages.yml"
RILASCIO = RADICE / ".github" / "workflows" / "release.yml"
CI = RADICE / ".github" / "workflows" / "ci.yml"
VERSIONE = bilancio.__version__


def _flusso(percorso: Path) -> dict[str, Any]:
    dati = yaml.safe_load(percorso.read_text(encoding="utf-8"))
    if True in dati:  # YAML 1.1 reads the key `on` as true
        dati["on"] = dati.pop(True)
    return dati


def _progetto() -> dict[str, Any]:
    return tomllib.loads((RADICE / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _azioni(lavoro: dict[str, Any]) -> list[tuple[str, dict[str, Any], str | None]]:
    """The actions of a job, in order: (uses, with, if)."""
    return [(p["uses"], p.get("with", {}), p.get("if")) for p in lavoro["steps"] if "uses" in p]


# --- bilancio's own workflows ----------------------------------------------------------


def test_il_rilascio_pubblica_un_tag_di_versione_con_la_pubblicazione_fidata() -> None:
    flusso = _flusso(RILASCIO)
    assert flusso["on"] == {"push": {"tags": ["v*"]}}
    assert flusso["permissions"] == {"contents": "read"}  # the OIDC token only where it is used
    lavori = flusso["jobs"]
    # the tests first (ci.yml as a reusable workflow), then build, then publish
    assert lavori["test"]["uses"] == "./.github/workflows/ci.yml"
    assert lavori["build"]["needs"] == "test" and lavori["publish"]["needs"] == "build"
    comandi = "\n".join(p.get("run", "") for p in lavori["build"]["steps"])
    assert "python -m build" in comandi and "twine check --strict dist/*" in comandi
    assert "-c constraints.txt build twine" in comandi
    assert '"v$versione" != "$GITHUB_REF_NAME"' in comandi  # the tag is the version
    assert ("actions/upload-artifact@v4", {"name": "dist", "path": "dist/"}, None) in _azioni(
        lavori["build"]
    )
    pubblica = lavori["publish"]
    assert pubblica["environment"]["name"] == "pypi"
    assert pubblica["permissions"] == {"id-token": "write"}
    assert _azioni(pubblica) == [
        ("actions/download-artifact@v4", {"name": "dist", "path": "dist/"}, None),
        ("pypa/gh-action-pypi-publish@release/v1", {}, None),  # no token, no password
    ]


def test_la_ci_esegue_ci_run_a_ogni_push_e_pull_request() -> None:
    flusso = _flusso(CI)
    assert set(flusso["on"]) == {"push", "pull_request", "workflow_call"}
    (lavoro,) = flusso["jobs"].values()
    assert (
        lavoro["container"] == "python:3.11-bookworm"
    )  # the Debian the PDFs' bytes are pinned for
    assert [p["run"] for p in lavoro["steps"] if "run" in p][-1] == "bash .ci/run"
    assert (RADICE / ".ci" / "run").is_file()


# --- the copyable workflow: its pin and its actions ------------------------------------


def test_il_flusso_copiabile_fissa_la_versione_provata() -> None:
    """Until the first release, the tested version's tag in bilancio's repository."""
    repository = _progetto()["urls"]["Repository"]
    richiesta = f"bilancio @ git+{repository}@v{VERSIONE}"
    assert _flusso(FLUSSO)["env"]["BILANCIO"] == richiesta
    testo = FLUSSO.read_text(encoding="utf-8")
    assert f'#   BILANCIO: "bilancio=={VERSIONE}"' in testo  # what to write after the release
    assert testo.count('python -m pip install "$BILANCIO"') == 2  # both jobs install it
    # the README gives the same address to install from until the first release
    assert f'python -m pip install "{richiesta}"' in (RADICE / "README.md").read_text(
        encoding="utf-8"
    )


def test_il_flusso_copiabile_usa_le_azioni_previste() -> None:
    lavori = _flusso(FLUSSO)["jobs"]
    assert lavori["report"]["strategy"]["matrix"] == {"shard": [1, 2, 3, 4]}
    assert _azioni(lavori["report"]) == [
        ("actions/checkout@v4", {}, None),
        ("actions/setup-python@v5", {"python-version": "3.11"}, None),
        (
            "actions/cache@v4",
            {
                "path": ".bilancio-cache",
                "key": "bilancio-${{ matrix.shard }}-${{ github.sha }}",
                "restore-keys": "bilancio-${{ matrix.shard }}-",
            },
            None,
        ),
        (
            "actions/upload-artifact@v4",
            {"name": "shard-${{ matrix.shard }}", "path": "public", "include-hidden-files": True},
            "always()",
        ),
        # the site's build log, beside the output folder (bilancio site's --registro default)
        (
            "actions/upload-artifact@v4",
            {"name": "registro-${{ matrix.shard }}", "path": "public.log"},
            "always()",
        ),
    ]
    unione = lavori["pubblica"]
    assert unione["needs"] == "report" and unione["if"] == "always()"
    assert unione["environment"]["name"] == "github-pages"
    assert _azioni(unione) == [
        ("actions/checkout@v4", {}, None),
        ("actions/setup-python@v5", {"python-version": "3.11"}, None),
        (
            "actions/download-artifact@v4",
            {"pattern": "shard-*", "path": "public", "merge-multiple": True},
            None,
        ),
        (
            "actions/upload-artifact@v4",
            {"name": "registro-unione", "path": "public.log"},
            "always()",
        ),
        ("actions/upload-pages-artifact@v3", {"path": "public"}, None),
        ("actions/deploy-pages@v4", {}, None),
    ]
    # the logs never match the shards' pattern (they would land inside the published site)
    assert not fnmatch.fnmatch("registro-1", "shard-*")


# --- the sdist and the wheel -----------------------------------------------------------


@pytest.fixture(scope="module")
def distribuzioni(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """`python -m build` of this checkout: (sdist, wheel)."""
    cartella = tmp_path_factory.mktemp("dist")
    esito = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(cartella), str(RADICE)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert esito.returncode == 0, esito.stdout[-3000:] + esito.stderr[-3000:]
    (sdist,) = cartella.glob("bilancio-*.tar.gz")
    (wheel,) = cartella.glob("bilancio-*.whl")
    return sdist, wheel


@pytest.mark.slow
def test_sdist_e_wheel_passano_twine_check(distribuzioni: tuple[Path, Path]) -> None:
    sdist, wheel = distribuzioni
    assert sdist.name == f"bilancio-{VERSIONE}.tar.gz"
    assert wheel.name == f"bilancio-{VERSIONE}-py3-none-any.whl"
    esito = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(sdist), str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert esito.returncode == 0, esito.stdout + esito.stderr
    assert esito.stdout.count("PASSED") == 2


@pytest.mark.slow
def test_la_wheel_porta_modelli_caratteri_licenze_e_metadati(
    distribuzioni: tuple[Path, Path],
) -> None:
    _, wheel = distribuzioni
    with zipfile.ZipFile(wheel) as z:
        nomi = set(z.namelist())
        metadati = Parser().parsestr(z.read(f"bilancio-{VERSIONE}.dist-info/METADATA").decode())
        punti = z.read(f"bilancio-{VERSIONE}.dist-info/entry_points.txt").decode()
    for tema in ("completo", "sintesi"):
        assert f"bilancio/templates/{tema}/rapporto.html" in nomi
        assert f"bilancio/templates/{tema}/stile.css" in nomi
    # every file of every theme, in subfolders too (sezioni/, blocchi/): fonts and licences too
    for file in (RADICE / "templates").rglob("*"):
        if file.is_file() and "__pycache__" not in file.parts:
            assert f"bilancio/templates/{file.relative_to(RADICE / 'templates').as_posix()}" in nomi
    assert f"bilancio-{VERSIONE}.dist-info/licenses/LICENSE" in nomi
    assert not any(n.startswith(("tests/", "tools/", "data/")) for n in nomi)
    assert "bilancio = bilancio.avvio:main" in punti  # tries the check service first
    # what PyPI will show
    assert metadati["Name"] == "bilancio" and metadati["Version"] == VERSIONE
    assert metadati["License-Expression"] == "MIT AND OFL-1.1 AND Bitstream-Vera"
    assert metadati["Requires-Python"] == ">=3.11"
    assert metadati["Description-Content-Type"] == "text/markdown"
    assert metadati.get_payload().startswith("# bilancio")  # the README is the long description
    classificatori = metadati.get_all("Classifier")
    assert "Natural Language :: Italian" in classificatori
    assert "Programming Language :: Python :: 3.11" in classificatori
    assert any(u.startswith("Repository, https://") for u in metadati.get_all("Project-URL"))


@pytest.mark.slow
def test_lo_sdist_contiene_cio_che_serve_a_costruire_e_provare(
    distribuzioni: tuple[Path, Path],
) -> None:
    sdist, _ = distribuzioni
    radice = f"bilancio-{VERSIONE}/"
    with tarfile.open(sdist) as t:
        nomi = {n.removeprefix(radice) for n in t.getnames()}
    for nome in ("pyproject.toml", "README.md", "LICENSE", "constraints.txt", "CHANGELOG.md"):
        assert nome in nomi
    assert "src/bilancio/__init__.py" in nomi and "templates/completo/rapporto.html" in nomi
    assert "templates/caratteri/TitilliumWeb-Regular.ttf" in nomi
    assert "tests/conftest.py" in nomi and "data/examples/cipm/ente.yaml" in nomi
    assert not any(n.startswith((".venv/", ".git/", ".ci/", ".github/")) for n in nomi)


# --- the copyable workflow, run ---------------------------------------------------------

_ESPRESSIONE = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
_INSTALLA = 'python -m pip install "$BILANCIO"'


@dataclass
class Esecuzione:
    """What a run of the workflow left: its jobs' outcomes, artifacts, and what it published."""

    artefatti: Path
    falliti: dict[str, bool] = field(default_factory=dict)  # job (shard) -> failed
    passi: dict[str, list[str]] = field(default_factory=dict)  # job -> its steps, run or skipped
    uscite: dict[str, str] = field(default_factory=dict)  # job -> bash output of its steps
    pagine: Path | None = None
    pubblicato: bool = False
    registri_mancanti: list[str] = field(default_factory=list)


class Corridore:
    """Plays one workflow's jobs as GitHub would, with `python` a fresh virtual environment."""

    def __init__(self, flusso: dict[str, Any], base: Path, dati: Path, wheel: Path) -> None:
        self.flusso, self.base, self.dati, self.wheel = flusso, base, dati, wheel
        self.esecuzione = Esecuzione(artefatti=base / "artefatti")
        self.esecuzione.artefatti.mkdir(parents=True)
        self.ambiente_virtuale = base / "python"
        subprocess.run([sys.executable, "-m", "venv", str(self.ambiente_virtuale)], check=True)

    def _ambiente(self, uscita: Path) -> dict[str, str]:
        ambiente = {
            k: v
            for k, v in os.environ.items()
            if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")
        }
        ambiente["PATH"] = f"{self.ambiente_virtuale / 'bin'}{os.pathsep}{ambiente['PATH']}"
        ambiente.update({k: str(v) for k, v in self.flusso.get("env", {}).items()})
        ambiente.update({"CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(uscita)})
        return ambiente

    def _sostituisci(self, testo: str, contesto: dict[str, str]) -> str:
        def valore(m: re.Match[str]) -> str:
            if m.group(1) not in contesto:
                pytest.fail(f"espressione non prevista dal test: {m.group(0)}")
            return contesto[m.group(1)]

        return _ESPRESSIONE.sub(valore, testo)

    def _condizione(self, condizione: str | None, fallito: bool, uscite: dict[str, str]) -> bool:
        if condizione is None:
            return not fallito
        if condizione == "always()":
            return True
        m = re.fullmatch(r"steps\.(\w+)\.outputs\.(\w+) == '([^']*)'", condizione)
        if not m:
            pytest.fail(f"condizione non prevista dal test: {condizione}")
        return not fallito and uscite.get(f"{m.group(1)}.{m.group(2)}", "") == m.group(3)

    def _copia(self, da: Path, a: Path, nascosti: bool) -> None:
        ignora = None if nascosti else shutil.ignore_patterns(".*")
        shutil.copytree(da, a, ignore=ignora, dirs_exist_ok=True)

    def _azione(self, passo: dict[str, Any], cartella: Path, ctx: dict[str, str]) -> None:
        azione = passo["uses"]
        con = {k: self._sostituisci(str(v), ctx) for k, v in passo.get("with", {}).items()}
        if azione == "actions/checkout@v4":
            self._copia(self.dati, cartella, nascosti=True)
        elif azione in ("actions/setup-python@v5", "actions/cache@v4"):
            pass  # python: the fresh environment on PATH; the cache: a first run, empty
        elif azione == "actions/upload-artifact@v4":
            sorgente, destinazione = cartella / con["path"], self.esecuzione.artefatti / con["name"]
            if sorgente.is_dir():
                self._copia(
                    sorgente, destinazione, nascosti=con.get("include-hidden-files") == "True"
                )
            elif sorgente.is_file():
                destinazione.mkdir()
                shutil.copy2(sorgente, destinazione / sorgente.name)
            else:  # upload-artifact warns and goes on (if-no-files-found: warn)
                self.esecuzione.registri_mancanti.append(con["name"])
        elif azione == "actions/download-artifact@v4":
            assert con["merge-multiple"] == "True"
            for artefatto in sorted(self.esecuzione.artefatti.iterdir()):
                if fnmatch.fnmatch(artefatto.name, con["pattern"]):
                    self._copia(artefatto, cartella / con["path"], nascosti=True)
        elif azione == "actions/upload-pages-artifact@v3":
            self.esecuzione.pagine = cartella / con["path"]
        elif azione == "actions/deploy-pages@v4":
            assert self.esecuzione.pagine is not None
            self.esecuzione.pubblicato = True
        else:
            pytest.fail(f"azione non prevista dal test: {azione}")

    def lavoro(self, nome: str, lavoro: dict[str, Any], matrice: dict[str, str]) -> bool:
        """Run one job in a fresh folder; True when it failed."""
        cartella = self.base / nome
        cartella.mkdir()
        ctx = {"github.sha": "0" * 40, **{f"matrix.{k}": v for k, v in matrice.items()}}
        fallito, uscite, installato, testo = False, {}, 0, []
        passi = self.esecuzione.passi.setdefault(nome, [])
        for i, passo in enumerate(lavoro["steps"]):
            etichetta = passo.get("name") or passo.get("uses") or passo["run"].splitlines()[0]
            if not self._condizione(passo.get("if"), fallito, uscite):
                passi.append(f"saltato: {etichetta}")
                continue
            passi.append(etichetta)
            if "uses" in passo:
                self._azione(passo, cartella, ctx)
                continue
            righe = []
            for riga in self._sostituisci(passo["run"], ctx).splitlines():
                if "sudo apt-get" in riga:
                    continue  # the system libraries: this machine's
                if riga.strip() == _INSTALLA:
                    installato += 1
                    riga = (
                        f'python -m pip install -q -c "{RADICE / "constraints.txt"}" "{self.wheel}"'
                    )
                righe.append(riga)
            uscita = self.base / f"{nome}-{i}.output"
            uscita.touch()
            esito = subprocess.run(
                ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", "\n".join(righe)],
                cwd=cartella,
                env=self._ambiente(uscita),
                capture_output=True,
                text=True,
                timeout=900,
            )
            testo.append(f"$ {etichetta}\n{esito.stdout}{esito.stderr}")
            fallito = esito.returncode != 0
            if "id" in passo:
                for r in uscita.read_text(encoding="utf-8").splitlines():
                    k, _, v = r.partition("=")
                    uscite[f"{passo['id']}.{k}"] = v
        assert installato == 1, f"{nome}: bilancio installato {installato} volte"
        self.esecuzione.falliti[nome] = fallito
        self.esecuzione.uscite[nome] = "\n".join(testo)
        return fallito


@pytest.mark.slow
def test_il_flusso_copiabile_costruisce_e_pubblica_il_sito(
    distribuzioni: tuple[Path, Path], tmp_path: Path
) -> None:
    _, wheel = distribuzioni
    flusso = _flusso(FLUSSO)
    # the data repository, laid out as the workflow expects: one folder per cooperative
    dati = tmp_path / "repository-dei-dati"
    for esempio in sorted(ESEMPI.iterdir()):
        shutil.copytree(esempio, dati / "cooperative" / esempio.name)
    corridore = Corridore(flusso, tmp_path / "esecuzione", dati, wheel)

    report = flusso["jobs"]["report"]
    parti = report["strategy"]["matrix"]["shard"]
    for parte in parti:
        corridore.lavoro(f"report-{parte}", report, {"shard": str(parte)})
    unione = flusso["jobs"]["pubblica"]
    assert unione["if"] == "always()"  # it runs even when a shard failed
    corridore.lavoro("pubblica", unione, {})
    esecuzione = corridore.esecuzione
    dettaglio = "\n\n".join(esecuzione.uscite.values())

    # the installed bilancio is the wheel of this checkout, in the fresh environment
    versione = subprocess.run(
        [str(corridore.ambiente_virtuale / "bin" / "bilancio"), "--version"],
        capture_output=True,
        text=True,
    )
    assert versione.stdout.strip() == f"bilancio {VERSIONE}"

    # Cosper's data keeps its printed brochure's slips: its shard fails, the others do not
    falliti = [p for p in parti if esecuzione.falliti[f"report-{p}"]]
    assert len(falliti) == 1, dettaglio
    for parte in parti:
        passi = esecuzione.passi[f"report-{parte}"]
        assert "Build this shard's reports" in passi
        # the shard and its log are uploaded even when the build failed (if: always())
        assert passi[-2:] == [
            "actions/upload-artifact@v4",
            "Keep the build's log (the cooperatives that failed, and why)",
        ]
        artefatto = esecuzione.artefatti / f"shard-{parte}"
        assert artefatto.is_dir(), dettaglio
        # the shard's bookkeeping is a hidden file: include-hidden-files carries it to the merge
        assert any(p.name.startswith(".") for p in artefatto.iterdir()), sorted(artefatto.iterdir())

    # the merge assembles the site from every shard and deploys it, then fails the run
    passi = esecuzione.passi["pubblica"]
    assert "actions/upload-pages-artifact@v3" in passi and "actions/deploy-pages@v4" in passi
    assert esecuzione.pubblicato, dettaglio
    assert esecuzione.falliti["pubblica"], "the run must fail when a report was not built"
    assert (
        passi[-1]
        == "Fail the run if a cooperative's report was not built (see the registro artifacts)"
    )
    sito = esecuzione.pagine
    assert sito is not None and (sito / "index.html").is_file()
    for esempio in ESEMPI.iterdir():
        assert (sito / esempio.name / "index.html").is_file(), esempio.name
    assert list((sito / "cipm").rglob("*.pdf")) and list((sito / "cipm").rglob("*.html"))
    assert "Cosper" in (sito / "cosper" / "index.html").read_text(encoding="utf-8")
    assert not list(sito.rglob("*.log"))  # the log is beside the site, never published

    # the site build's log of every job is kept as an artifact (bilancio site --registro,
    # default <output>.log); it names the cooperative whose report failed
    aiuto = subprocess.run(
        [str(corridore.ambiente_virtuale / "bin" / "bilancio"), "site", "--help"],
        capture_output=True,
        text=True,
    ).stdout
    if "--registro" in aiuto:
        assert esecuzione.registri_mancanti == [], dettaglio
        registro = esecuzione.artefatti / f"registro-{falliti[0]}" / "public.log"
        assert "cosper" in registro.read_text(encoding="utf-8")
        assert "cosper" in (esecuzione.artefatti / "registro-unione" / "public.log").read_text(
            encoding="utf-8"
        )
    else:  # a bilancio whose site writes no log yet: the upload finds no file and warns
        assert sorted(esecuzione.registri_mancanti) == sorted(
            [f"registro-{p}" for p in parti] + ["registro-unione"]
        )
