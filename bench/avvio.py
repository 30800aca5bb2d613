"""`make bench`: how long the everyday commands take to start, against Python itself.

Times, interleaved in one run (so a busy machine slows all alike), fresh processes of:

* ``python -c "import pydantic, yaml"``: the floor, what any pydantic + YAML tool pays;
* ``bilancio --help``: the command line and every command's options, no library;
* ``bilancio check data/examples/cipm``: a whole check of a YAML cooperative (the
  largest bundled example), as an editor's on-save check or the pre-commit hook runs it;
* the same ``check`` answered by the check service (``bilancio serve``, started for the
  run in a private folder of its own): its processor time is the caller's plus the
  service's child's (the service's ``--status`` counts what its ended checks used), its
  wall time what the caller waits.

``python -c pass`` is shown too, for what Python itself costs to start.

First bilancio's modules are compiled to bytecode (``compileall``, into their
``__pycache__``), as ``pip install`` does for a user: an editable install run with
``PYTHONDONTWRITEBYTECODE=1`` (as on the machines that run this) never writes the ``.pyc``
files, and would compile every module from source at each start, a cost no user pays.
Each is run once to warm the disk cache, then ``--ripetizioni`` times; the table gives the
medians of the processor time each process used (user + system, from ``wait4``: what a
busy machine disturbs least, the machines being shared) and of the wall time, with their
ratios to the floor. Target (issue 14): ``check`` at most 3 × the floor, in processor time.
The table goes in ``bench/RESULTS.md``, replacing its own section only.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RADICE = Path(__file__).resolve().parents[1]
RISULTATI = Path(__file__).resolve().parent / "RESULTS.md"
TITOLO = "## Start-up: `bilancio --help` and `bilancio check`"
ESEMPIO = "data/examples/cipm"
OBIETTIVO = 3.0
BILANCIO = str(Path(sys.executable).with_name("bilancio"))


def _comandi() -> dict[str, list[str]]:
    return {
        "pass": [sys.executable, "-c", "pass"],
        "python": [sys.executable, "-c", "import pydantic, yaml"],
        "help": [BILANCIO, "--help"],
        "check": [BILANCIO, "check", ESEMPIO],
        "servizio": [BILANCIO, "check", ESEMPIO],
    }


class _Servizio:
    """A check service of its own for the run, in a private temporary folder."""

    def __init__(self) -> None:
        self.cartella = Path(tempfile.mkdtemp(prefix="bench-", dir="/tmp"))
        self.ambiente = {**os.environ, "XDG_RUNTIME_DIR": str(self.cartella)}
        self.ambiente.pop("BILANCIO_SERVIZIO", None)
        avvio = [BILANCIO, "serve", "--background", "--idle", "10"]
        subprocess.run(avvio, env=self.ambiente, check=True, capture_output=True)

    def stato(self) -> dict[str, Any]:
        """The service's state once every check it started has ended."""
        codice = "import json, bilancio.servizio as s; print(json.dumps(s.stato()))"
        for _ in range(100):
            uscita = subprocess.run(
                [sys.executable, "-c", codice], env=self.ambiente, capture_output=True, text=True
            )
            stato = json.loads(uscita.stdout)
            if stato is None:
                raise SystemExit(f"{BILANCIO} serve: il servizio non risponde")
            if not stato["in_corso"]:
                return dict(stato)
            time.sleep(0.1)
        raise SystemExit("il servizio non ha finito i controlli")

    def ferma(self) -> None:
        subprocess.run([BILANCIO, "serve", "--stop"], env=self.ambiente, capture_output=True)
        shutil.rmtree(self.cartella, ignore_errors=True)


def _compila() -> Path:
    """Compile the installed bilancio's modules to bytecode, as ``pip install`` does."""
    spec = importlib.util.find_spec("bilancio")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("bilancio non è installato in questo ambiente")
    cartella = Path(next(iter(spec.submodule_search_locations)))
    if not compileall.compile_dir(cartella, quiet=1):
        raise SystemExit(f"compileall: errori in {cartella}")
    return cartella


def _tempo(comando: list[str], ambiente: dict[str, str]) -> tuple[float, float]:
    """(processor time, wall time) of one fresh process running ``comando``."""
    inizio = time.perf_counter()
    processo = subprocess.Popen(
        comando, cwd=RADICE, env=ambiente, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    errori = processo.stderr.read().decode() if processo.stderr else ""
    _, stato, risorse = os.wait4(processo.pid, 0)
    durata = time.perf_counter() - inizio
    uscita = os.waitstatus_to_exitcode(stato)
    if uscita != 0:
        raise SystemExit(f"{' '.join(comando)}: uscita {uscita}\n{errori}")
    return risorse.ru_utime + risorse.ru_stime, durata


def _sezione(testo: str, nuova: str) -> str:
    """``testo`` with this benchmark's section replaced (or placed before the site's)."""
    sezioni = [s.rstrip("\n") for s in re.split(r"(?m)^(?=## )", testo) if s.strip()]
    nuova = nuova.rstrip("\n")
    for i, s in enumerate(sezioni):
        if s.startswith(TITOLO):
            sezioni[i] = nuova
            break
    else:
        dopo = next((i for i, s in enumerate(sezioni) if s.startswith("## `bilancio site`")), None)
        sezioni.insert(len(sezioni) if dopo is None else dopo, nuova)
    return "\n\n".join(sezioni) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ripetizioni", type=int, default=15)
    args = parser.parse_args()

    _compila()
    comandi = _comandi()
    servizio = _Servizio()
    da_solo = {**os.environ, "BILANCIO_SERVIZIO": "0"}  # never a developer's own service
    ambienti = {nome: servizio.ambiente if nome == "servizio" else da_solo for nome in comandi}
    try:
        for nome, comando in comandi.items():  # warm-up: the files in the disk cache
            _tempo(comando, ambienti[nome])
        prima = servizio.stato()
        cpu: dict[str, list[float]] = {nome: [] for nome in comandi}
        muro: dict[str, list[float]] = {nome: [] for nome in comandi}
        for _ in range(args.ripetizioni):
            for nome, comando in comandi.items():
                c, m = _tempo(comando, ambienti[nome])
                cpu[nome].append(c)
                muro[nome].append(m)
        dopo = servizio.stato()
    finally:
        servizio.ferma()
    if dopo["richieste"] - prima["richieste"] != args.ripetizioni:
        raise SystemExit("non tutti i controlli sono passati dal servizio")
    # the service's children: their processor time is known only in total, so each run of
    # the caller gets the mean of it
    figli = (dopo["processore_controlli"] - prima["processore_controlli"]) / args.ripetizioni
    cpu["servizio"] = [c + figli for c in cpu["servizio"]]
    mc = {nome: statistics.median(t) for nome, t in cpu.items()}
    mm = {nome: statistics.median(t) for nome, t in muro.items()}

    def esito(nome: str) -> str:
        entro = mc[nome] / mc["python"] <= OBIETTIVO
        return f" (target ≤ {OBIETTIVO:.0f}×: {'entro' if entro else 'OLTRE'} l'obiettivo)"

    def riga(nome: str, testo: str, nota: str = "") -> str:
        rc, rm = mc[nome] / mc["python"], mm[nome] / mm["python"]
        return (
            f"| {testo} | {mc[nome] * 1000:.0f} ms | **{rc:.1f}×**{nota} | "
            f"{mm[nome] * 1000:.0f} ms | {rm:.1f}× |"
        )

    righe = [
        TITOLO,
        "",
        f"Fresh processes, medians of {args.ripetizioni} interleaved runs after one warm-up "
        "(`bench/avvio.py`): the processor time each used (user + system, which a busy machine "
        'disturbs least) and the wall time, with their ratios to `python -c "import pydantic, '
        f'yaml"`. {os.cpu_count()} CPU, Python {platform.python_version()}, load average '
        f"{os.getloadavg()[0]:.1f} at the end. bilancio's modules are compiled to bytecode "
        "first, as `pip install` does for a user (this machine sets `PYTHONDONTWRITEBYTECODE=1`: "
        "an editable install would otherwise compile every module from source at each start).",
        "",
        "| command | processor time | ratio | wall time | ratio |",
        "|---|---:|---:|---:|---:|",
        riga("pass", "`python -c pass`"),
        riga("python", '`python -c "import pydantic, yaml"`'),
        riga("help", "`bilancio --help`"),
        riga("check", f"`bilancio check {ESEMPIO}`", esito("check")),
        riga("servizio", "the same, answered by `bilancio serve`", esito("servizio")),
        "",
        "With the service the caller only hands over its terminal and waits: the processor "
        "time is the caller's plus the service's child's (a fork of a process that had already "
        "imported and built everything), the wall time what an editor's on-save check waits.",
        "",
    ]
    testo = RISULTATI.read_text(encoding="utf-8") if RISULTATI.exists() else ""
    RISULTATI.write_text(_sezione(testo, "\n".join(righe)), encoding="utf-8")
    print("\n".join(righe))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
