"""The check service (`bilancio serve`): a `check` it answers is an ordinary `check`.

Every test starts its own service in a private folder of its own (``XDG_RUNTIME_DIR``), and
compares what `bilancio check` prints and returns through the service with what it prints
and returns in its own process (``BILANCIO_SERVIZIO=0``): stdout, stderr and exit code,
byte for byte, also on a terminal. The service's own request count shows that a run went
through it. Time is measured in `make bench`, never here.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bilancio import servizio as srv
from conftest import ESEMPI, RADICE, moduli_caricati

pytestmark = pytest.mark.skipif(not srv.disponibile(), reason="il servizio richiede Unix")

BILANCIO = [sys.executable, "-m", "bilancio"]


def _ambiente(cartella: Path, **altro: str) -> dict[str, str]:
    ambiente = {k: v for k, v in os.environ.items() if k != srv.DISATTIVA}
    ambiente["XDG_RUNTIME_DIR"] = str(cartella)
    ambiente.pop("FORCE_COLOR", None)
    ambiente.pop("NO_COLOR", None)
    ambiente.update(altro)
    return ambiente


def _esegui(
    argomenti: list[str],
    ambiente: dict[str, str],
    cwd: Path = RADICE,
    comando: list[str] = BILANCIO,
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*comando, *argomenti], env=ambiente, cwd=cwd, capture_output=True, timeout=120
    )


@pytest.fixture
def privata(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private runtime folder with a short path (a Unix socket's path has ~100 bytes)."""
    cartella = Path(tempfile.mkdtemp(prefix="bs-", dir="/tmp"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(cartella))
    monkeypatch.delenv(srv.DISATTIVA, raising=False)
    yield cartella
    shutil.rmtree(cartella, ignore_errors=True)


class Avviato:
    def __init__(self, processo: subprocess.Popen[bytes], ambiente: dict[str, str]) -> None:
        self.processo = processo
        self.ambiente = ambiente

    def richieste(self) -> int:
        stato = srv.stato()
        assert stato is not None, "il servizio non risponde"
        return int(stato["richieste"])


def _attendi(processo: subprocess.Popen[bytes] | None = None) -> dict[str, Any]:
    for _ in range(600):
        stato = srv.stato()
        if stato is not None:
            return stato
        if processo is not None and processo.poll() is not None:
            raise AssertionError(processo.communicate())
        time.sleep(0.05)
    raise AssertionError("il servizio non è partito")


@pytest.fixture
def servizio(privata: Path) -> Iterator[Avviato]:
    ambiente = _ambiente(privata)
    processo = subprocess.Popen(
        [*BILANCIO, "serve", "--idle", "10"],
        env=ambiente,
        cwd=RADICE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _attendi(processo)
    yield Avviato(processo, ambiente)
    srv.ferma()
    out, err = processo.communicate(timeout=30)
    assert processo.returncode == 0, err.decode()
    assert "Servizio di controllo fermato." in err.decode()
    assert not srv.indirizzo().exists(), "il socket è rimasto"


def _uguali(
    servizio: Avviato,
    argomenti: list[str],
    cwd: Path = RADICE,
    comando: list[str] = BILANCIO,
    **altro: str,
) -> None:
    prima = servizio.richieste()
    tramite = _esegui(argomenti, {**servizio.ambiente, **altro}, cwd, comando)
    assert servizio.richieste() == prima + 1, "il controllo non è passato dal servizio"
    da_solo = _esegui(argomenti, {**servizio.ambiente, **altro, srv.DISATTIVA: "0"}, cwd, comando)
    assert servizio.richieste() == prima + 1
    # byte for byte (decoded only to show a difference readably)
    assert (tramite.returncode, tramite.stdout, tramite.stderr) == (
        da_solo.returncode,
        da_solo.stdout,
        da_solo.stderr,
    ), (tramite.stderr.decode(errors="replace"), da_solo.stderr.decode(errors="replace"))


@pytest.mark.parametrize("esempio", sorted(p.name for p in ESEMPI.iterdir() if p.is_dir()))
def test_esempi_come_da_soli(servizio: Avviato, esempio: str) -> None:
    cartella = str(ESEMPI / esempio)
    _uguali(servizio, ["check", cartella])
    _uguali(servizio, ["check", cartella, "--json"])
    _uguali(servizio, ["check", cartella, "-v", "--cifre", "--conformita"])


def test_errori_e_uso_come_da_soli(servizio: Avviato, tmp_path: Path) -> None:
    rotto = tmp_path / "coop"
    shutil.copytree(ESEMPI / "girasole", rotto)
    anno = sorted(rotto.glob("20*.yaml"))[-1]
    anno.write_text(anno.read_text(encoding="utf-8") + "\n  : [\n", encoding="utf-8")
    for argomenti in (
        ["check", str(rotto)],  # a syntax error: exit 2, located
        ["check", str(tmp_path / "manca")],  # no such folder
        ["check", str(ESEMPI / "cipm"), "--year", "dieci"],  # misuse: Italian usage error
        ["check", "--help"],
        ["check", str(ESEMPI / "cosper"), "--strict", "-q"],
    ):
        _uguali(servizio, argomenti)
    # the usage text names the program as it was called: here the installed command
    script = str(Path(sys.executable).with_name("bilancio"))
    _uguali(servizio, ["check", str(ESEMPI / "cipm"), "--year", "dieci"], comando=[script])


def test_cartella_e_ambiente_del_chiamante(servizio: Avviato) -> None:
    # a path relative to the caller's folder, not the service's
    _uguali(servizio, ["check", "cipm"], cwd=ESEMPI)
    # colours and width as the caller's environment asks
    _uguali(servizio, ["check", str(ESEMPI / "cosper")], FORCE_COLOR="1", COLUMNS="60")
    _uguali(servizio, ["check", str(ESEMPI / "cosper")], NO_COLOR="1", COLUMNS="200")
    # an output encoding without «», … or è: a «?» in their place, the same both ways
    for codifica in ("ascii", "latin-1"):
        argomenti = ["check", str(ESEMPI / "cosper"), "-v", "--cifre"]
        _uguali(servizio, argomenti, PYTHONIOENCODING=codifica)


@pytest.mark.skipif(shutil.which("git") is None, reason="serve git")
def test_hook_pre_commit_come_da_solo(servizio: Avviato, tmp_path: Path) -> None:
    """The pre-commit hook's command goes through the service too, in the caller's
    repository, with git run from there."""
    radice = tmp_path / "dati"
    for nome in ("girasole", "cosper"):
        shutil.copytree(ESEMPI / nome, radice / nome)
    git = ["git", "-c", "user.name=prova", "-c", "user.email=prova@example.org"]
    for argomenti in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "dati"]):
        subprocess.run([*git, *argomenti], cwd=radice, check=True, capture_output=True)
    anno = radice / "cosper" / "2025.yaml"
    anno.write_text(anno.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    subprocess.run([*git, "add", "."], cwd=radice, check=True, capture_output=True)
    _uguali(servizio, ["pre-commit"], cwd=radice)
    _uguali(servizio, ["pre-commit"], cwd=radice / "girasole")


def _su_terminale(argomenti: list[str], ambiente: dict[str, str]) -> tuple[int, bytes]:
    """Run on a pseudo-terminal: the exit code and everything the terminal received."""
    principale, secondario = os.openpty()
    try:
        processo = subprocess.Popen(
            [*BILANCIO, *argomenti],
            env={**ambiente, "COLUMNS": "100", "TERM": "xterm-256color"},
            cwd=RADICE,
            stdin=secondario,
            stdout=secondario,
            stderr=secondario,
        )
        os.close(secondario)
        ricevuto = b""
        while True:
            try:
                parte = os.read(principale, 65536)
            except OSError:  # EIO: every writer closed the terminal
                break
            if not parte:
                break
            ricevuto += parte
        return processo.wait(timeout=120), ricevuto
    finally:
        os.close(principale)


def test_terminale_del_chiamante(servizio: Avviato) -> None:
    """The caller's own terminal is handed over: Rich sees a terminal (colours), as it does
    when check runs by itself, although the service was started with pipes."""
    argomenti = ["check", str(ESEMPI / "cosper")]
    prima = servizio.richieste()
    tramite = _su_terminale(argomenti, servizio.ambiente)
    assert servizio.richieste() == prima + 1
    da_solo = _su_terminale(argomenti, {**servizio.ambiente, srv.DISATTIVA: "0"})
    assert tramite == da_solo
    assert b"\x1b[" in tramite[1], "sul terminale check usa i colori"


def test_solo_check(servizio: Avviato) -> None:
    prima = servizio.richieste()
    versione = _esegui(["--version"], servizio.ambiente)
    assert versione.returncode == 0 and servizio.richieste() == prima
    versione = _esegui(["build", "--help"], servizio.ambiente)
    assert versione.returncode == 0 and servizio.richieste() == prima
    # a request for another command, sent by hand, is refused and runs nothing
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.connect(str(srv.indirizzo()))
    richiesta = {
        "tipo": "esegui",
        "argomenti": ["build", str(ESEMPI / "cipm")],
        "programma": "bilancio",
        "cartella": str(RADICE),
        "ambiente": {},
        "maschera": 0o022,
        "codifiche": None,
        "scadenza": time.time() + 5,
    }
    with conn, open(os.devnull, "wb") as nulla:
        srv._scrivi(conn, richiesta, [nulla.fileno()] * 3)
        risposta, _ = srv._leggi(conn)
    assert risposta.get("rifiutato") is True and "pid" not in risposta
    assert servizio.richieste() == prima


def test_stato_gia_attivo_e_ferma(servizio: Avviato) -> None:
    stato = _esegui(["serve", "--status"], servizio.ambiente)
    assert stato.returncode == 0
    assert f"pid {servizio.processo.pid}" in stato.stdout.decode()
    secondo = _esegui(["serve"], servizio.ambiente)
    assert secondo.returncode == 0
    assert "già attivo" in secondo.stdout.decode()
    assert servizio.processo.poll() is None, "il primo servizio resta attivo"


def test_non_attivo(privata: Path) -> None:
    ambiente = _ambiente(privata)
    stato = _esegui(["serve", "--status"], ambiente)
    assert (stato.returncode, stato.stdout.decode().strip()) == (
        1,
        "Il servizio di controllo non è attivo.",
    )
    ferma = _esegui(["serve", "--stop"], ambiente)
    assert ferma.returncode == 0
    # and check simply runs by itself
    assert _esegui(["check", str(ESEMPI / "girasole")], ambiente).returncode == 0


def test_in_sfondo_e_sigterm(privata: Path) -> None:
    ambiente = _ambiente(privata)
    avvio = _esegui(["serve", "--background"], ambiente)
    assert avvio.returncode == 0, avvio.stderr.decode()
    assert "avviato in background" in avvio.stdout.decode()
    stato = _attendi()
    assert stato["pid"] != os.getpid()
    prima = stato["richieste"]
    assert _esegui(["check", str(ESEMPI / "girasole")], ambiente).returncode == 0
    assert srv.stato()["richieste"] == prima + 1  # type: ignore[index]
    os.kill(stato["pid"], signal.SIGTERM)
    for _ in range(200):
        if not srv.indirizzo().exists():
            break
        time.sleep(0.05)
    assert not srv.indirizzo().exists(), "SIGTERM: il socket va rimosso"
    assert srv.stato() is None


def test_cartella_non_privata(privata: Path) -> None:
    ambiente = _ambiente(privata)
    privata.chmod(0o755)
    avvio = _esegui(["serve"], ambiente)
    assert avvio.returncode == 2
    assert "non è privata" in avvio.stderr.decode()
    assert "Traceback" not in avvio.stderr.decode()
    assert not list(privata.iterdir())


def test_cartella_altrui_ignorata(servizio: Avviato, privata: Path) -> None:
    """A folder others can enter is never used by the client, even with a service in it."""
    prima = servizio.richieste()
    privata.chmod(0o755)
    try:
        esito = _esegui(["check", str(ESEMPI / "girasole")], servizio.ambiente)
    finally:
        privata.chmod(0o700)
    assert esito.returncode == 0
    assert servizio.richieste() == prima


def test_socket_abbandonato(privata: Path) -> None:
    """A socket left by a service that was killed: check runs by itself, and a new service
    takes its place."""
    privata.chmod(0o700)
    morto = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    morto.bind(str(srv.indirizzo()))
    morto.close()
    assert srv.indirizzo().exists()
    ambiente = _ambiente(privata)
    assert _esegui(["check", str(ESEMPI / "girasole")], ambiente).returncode == 0
    avvio = _esegui(["serve", "--background"], ambiente)
    assert avvio.returncode == 0, avvio.stderr.decode()
    assert _attendi()["richieste"] == 0
    assert srv.ferma() is not None


def test_inattivita(privata: Path) -> None:
    servizio = srv.Servizio(lambda programma, argomenti: 0, inattivita=0.2)
    servizio.avvia()
    assert srv.indirizzo().exists()
    assert servizio.servi() == "inattivita"
    assert not srv.indirizzo().exists()


def test_codice_cambiato(tmp_path: Path) -> None:
    sorgente = tmp_path / "modulo.py"
    sorgente.write_text("x = 1\n")
    tempi = {str(sorgente): sorgente.stat().st_mtime}
    assert not srv._superato(tempi)
    os.utime(sorgente, (time.time() + 10, time.time() + 10))
    assert srv._superato(tempi)
    sorgente.unlink()
    assert srv._superato(tempi)


class _Finto:
    """A fake service answering one request with ``risposte`` (then closing)."""

    def __init__(self, *risposte: dict[str, Any]) -> None:
        self.ascolto = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.ascolto.bind(str(srv.indirizzo()))
        self.ascolto.listen(1)
        self.risposte = risposte
        self.filo = threading.Thread(target=self._servi, daemon=True)
        self.filo.start()

    def _servi(self) -> None:
        conn, _ = self.ascolto.accept()
        with conn:
            _, fds = srv._leggi(conn, maxfds=3)
            for fd in fds:
                os.close(fd)
            for risposta in self.risposte:
                srv._scrivi(conn, risposta)

    def chiudi(self) -> None:
        self.filo.join(timeout=10)
        self.ascolto.close()


@pytest.mark.parametrize(
    ("risposte", "atteso"),
    [
        (({"superato": True},), None),  # older code: run here
        (({"locale": True},), None),  # the child could not start: run here
        (({"rifiutato": True},), None),
        ((), None),  # closed before starting anything: run here
        (({"pid": 1},), 3),  # started, then gone: an internal error, said in Italian
        (({"pid": 1}, {"codice": 1}), 1),
    ],
)
def test_cliente(
    privata: Path, capsys: pytest.CaptureFixture[str], risposte: tuple[Any, ...], atteso: int | None
) -> None:
    finto = _Finto(*risposte)
    try:
        assert srv.inoltra(["check", "."]) == atteso
    finally:
        finto.chiudi()
    if atteso == 3:
        assert "si è interrotto senza rispondere" in capsys.readouterr().err


def test_ctrl_c_raggiunge_il_controllo(privata: Path) -> None:
    """Ctrl-C reaches the client only (the service's child is not in the terminal's
    foreground): the client passes it on to the child, and returns the child's own code."""
    figlio = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    ascolto = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    ascolto.bind(str(srv.indirizzo()))
    ascolto.listen(1)

    def servi() -> None:
        conn, _ = ascolto.accept()
        with conn:
            _, fds = srv._leggi(conn, maxfds=3)
            for fd in fds:
                os.close(fd)
            srv._scrivi(conn, {"pid": figlio.pid})
            figlio.wait(timeout=30)  # ended by the client's SIGINT
            srv._scrivi(conn, {"codice": 130})

    filo = threading.Thread(target=servi, daemon=True)
    filo.start()
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        assert srv.inoltra(["check", "."]) == 130
    finally:
        timer.cancel()
        filo.join(timeout=10)
        ascolto.close()
        figlio.kill()
    assert figlio.returncode not in (None, 0)


def test_cliente_senza_servizio(privata: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert srv.inoltra(["check", "."]) is None
    assert srv.inoltra(["build", "."]) is None
    monkeypatch.setenv(srv.DISATTIVA, "0")
    assert srv.inoltra(["check", "."]) is None


def test_il_cliente_non_importa_la_libreria(servizio: Avviato) -> None:
    """A check the service answers starts nothing but the standard library and two small
    modules of ours: that is the point of the service."""
    caricati, uscita = moduli_caricati(
        "check", str(ESEMPI / "girasole"), ingresso="bilancio.avvio", ambiente=servizio.ambiente
    )
    nostri = {m for m in caricati if m.split(".")[0] == "bilancio"}
    assert nostri == {"bilancio", "bilancio.avvio", "bilancio.servizio"}
    assert not caricati & {"pydantic", "typer", "rich", "yaml", "babel"}
    assert uscita.startswith("OK ")


def _con_uscita(argomenti: list[str], ambiente: dict[str, str], uscita: int) -> tuple[int, str]:
    esito = subprocess.run(
        [*BILANCIO, *argomenti],
        env=ambiente,
        cwd=RADICE,
        stdout=uscita,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    return esito.returncode, esito.stderr.decode()


@pytest.mark.parametrize("buffer", ["", "1"])
def test_uscita_che_non_si_scrive(servizio: Avviato, buffer: str) -> None:
    """stdout on a full disk or a pipe nobody reads: the same message and exit code as a
    run by itself (Rich's broken pipe exits with 1, a failed flush at exit with 120), with
    stdout buffered or not (PYTHONUNBUFFERED) as the caller's is."""
    argomenti = ["check", str(ESEMPI / "cosper"), "-v", "--cifre", "--conformita"]
    ambiente = {**servizio.ambiente, "PYTHONUNBUFFERED": buffer}
    if not buffer:
        del ambiente["PYTHONUNBUFFERED"]
    with open("/dev/full", "wb") as pieno:
        prima = servizio.richieste()
        tramite = _con_uscita(argomenti, ambiente, pieno.fileno())
        assert servizio.richieste() == prima + 1
        da_solo = _con_uscita(argomenti, {**ambiente, srv.DISATTIVA: "0"}, pieno.fileno())
    assert tramite == da_solo
    lettura, scrittura = os.pipe()
    os.close(lettura)
    try:
        tramite = _con_uscita(argomenti, ambiente, scrittura)
        da_solo = _con_uscita(argomenti, {**ambiente, srv.DISATTIVA: "0"}, scrittura)
    finally:
        os.close(scrittura)
    assert tramite == da_solo == (1, "")


def _richiesta(argomenti: list[str]) -> dict[str, Any]:
    return {
        "tipo": "esegui",
        "argomenti": argomenti,
        "programma": "bilancio",
        "cartella": str(RADICE),
        "ambiente": dict(os.environ),
        "maschera": 0o022,
        "codifiche": None,
        "scadenza": time.time() + 5,
    }


def test_cliente_andato_via(servizio: Avviato, tmp_path: Path) -> None:
    """A client gone before its check started (it gave up waiting, and runs the check
    itself): the child runs nothing and writes nothing on the client's terminal."""
    terminale = tmp_path / "terminale"
    prima = servizio.richieste()
    fermo = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)  # keeps the service waiting
    fermo.connect(str(srv.indirizzo()))
    fermo.sendall(b"\0")
    with open(terminale, "wb") as uscita:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.connect(str(srv.indirizzo()))
        srv._scrivi(conn, _richiesta(["check", str(ESEMPI / "girasole")]), [uscita.fileno()] * 3)
        conn.close()
    fermo.close()
    for _ in range(600):
        stato = srv.stato()
        assert stato is not None
        if stato["richieste"] == prima + 1 and stato["in_corso"] == 0:
            break
        time.sleep(0.05)
    assert terminale.read_bytes() == b""


def test_richiesta_a_rilento(servizio: Avviato) -> None:
    """A client that sends its request a byte at a time holds the service for at most the
    time a request has to arrive, not for as long as it keeps sending."""
    lento = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    lento.connect(str(srv.indirizzo()))
    lento.sendall((1000).to_bytes(4, "big"))
    fine = threading.Event()

    def goccia() -> None:
        try:
            while not fine.wait(0.2):
                lento.sendall(b" ")
        except OSError:
            pass  # dropped by the service

    filo = threading.Thread(target=goccia, daemon=True)
    filo.start()
    try:
        time.sleep(srv._ATTESA_RICHIESTA + 0.5)
        assert srv.stato() is not None, "il servizio resta bloccato dal cliente lento"
    finally:
        fine.set()
        filo.join(timeout=10)
        lento.close()


@pytest.mark.parametrize(
    "dati",
    [
        b"[" * 200_000,  # nested deeper than the JSON reader can go
        b'{"tipo": "esegui", "argomenti": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b"\xff\xfe{{",
        b"[1, 2]",
        b'{"tipo": ["stato"]}',
    ],
)
def test_richiesta_malformata(servizio: Avviato, dati: bytes) -> None:
    """Whatever a client sends, the service drops it and keeps answering."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(10)
        conn.connect(str(srv.indirizzo()))
        conn.sendall(len(dati).to_bytes(4, "big") + dati)
        assert conn.recv(100) == b""
    assert srv.stato() is not None, "il servizio si è fermato"


_AVVIO_LENTO = """
import time
from bilancio import servizio as srv
from bilancio.errori import ServizioGiaAttivo
stato = srv.stato
srv.stato = lambda: (time.sleep(0.5), stato())[1]  # a slow look for a running service
servizio = srv.Servizio(lambda programma, argomenti: 0, inattivita=1.0)
try:
    servizio.avvia()
except ServizioGiaAttivo:
    print("già attivo")
else:
    print("avviato", servizio.servi())
"""


def test_avvii_simultanei(privata: Path) -> None:
    """Two services started at once: one starts, the other finds it (none is left running
    with its socket taken away by the other)."""
    processi = [
        subprocess.Popen(
            [sys.executable, "-c", _AVVIO_LENTO],
            env=_ambiente(privata),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    uscite = sorted(p.communicate(timeout=60)[0].decode().strip() for p in processi)
    assert uscite == ["avviato inattivita", "già attivo"]


def test_cartelle_impossibili(privata: Path, tmp_path: Path) -> None:
    """A socket path too long for a socket, a folder that cannot be made, a lock that
    cannot be opened: `serve` says why in Italian (exit 2), and `check` runs by itself."""
    lunga = tmp_path / ("x" * (110 - len(str(tmp_path))))
    lunga.mkdir()
    file = tmp_path / "file"
    file.write_text("")
    (privata / srv.indirizzo().with_suffix(".lock").name).mkdir()
    for ambiente, motivo in (
        ({"TMPDIR": str(lunga), "XDG_RUNTIME_DIR": ""}, "troppo lungo per un socket"),
        ({"XDG_RUNTIME_DIR": str(tmp_path / "manca" / "qui")}, "non esiste"),
        ({"XDG_RUNTIME_DIR": str(file)}, "non è una cartella"),
        ({}, "al suo posto c'è una cartella"),
    ):
        avvio = _esegui(["serve"], _ambiente(privata, **ambiente))
        assert (avvio.returncode, avvio.stdout) == (2, b"")
        messaggio = avvio.stderr.decode()
        assert messaggio.startswith("errore: Impossibile ") and motivo in messaggio, messaggio
        controllo = _esegui(["check", str(ESEMPI / "girasole")], _ambiente(privata, **ambiente))
        assert controllo.returncode == 0 and controllo.stdout.startswith(b"OK ")


def test_ctrl_c_del_servizio(privata: Path) -> None:
    """Ctrl-C in the terminal of a service started there stops the service; a check it
    is running ends as it would by itself (as with --stop)."""
    import fcntl

    ambiente = _ambiente(privata)
    servizio = subprocess.Popen(
        [*BILANCIO, "serve"],
        env=ambiente,
        cwd=RADICE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own terminal's process group, as in a shell
    )
    _attendi(servizio)
    argomenti = ["check", str(ESEMPI / "cosper"), "-v", "--cifre", "--conformita"]
    lettura, scrittura = os.pipe()
    fcntl.fcntl(scrittura, getattr(fcntl, "F_SETPIPE_SZ", 1031), 4096)  # it waits on us
    controllo = subprocess.Popen(
        [*BILANCIO, *argomenti], env=ambiente, cwd=RADICE, stdout=scrittura
    )
    os.close(scrittura)
    for _ in range(600):  # the check has started, and waits for its output to be read
        if (srv.stato() or {}).get("in_corso"):
            break
        time.sleep(0.05)
    os.killpg(servizio.pid, signal.SIGINT)
    assert servizio.wait(timeout=30) == 0
    with os.fdopen(lettura, "rb") as uscita:
        tramite = uscita.read()
    codice = controllo.wait(timeout=120)
    da_solo = _esegui(argomenti, {**ambiente, srv.DISATTIVA: "0"})
    assert (codice, tramite) == (da_solo.returncode, da_solo.stdout)


def test_cliente_fermato(servizio: Avviato) -> None:
    """A check whose client is stopped (an editor stopping the check of the previous save)
    stops too, as it would in the client's own process: it writes nothing more."""
    import fcntl

    lettura, scrittura = os.pipe()
    fcntl.fcntl(scrittura, getattr(fcntl, "F_SETPIPE_SZ", 1031), 4096)  # it waits on us
    controllo = subprocess.Popen(
        [*BILANCIO, "check", str(ESEMPI / "cosper"), "-v", "--cifre", "--conformita"],
        env=servizio.ambiente,
        cwd=RADICE,
        stdout=scrittura,
    )
    os.close(scrittura)
    try:
        for _ in range(600):  # the check has started, and waits for its output to be read
            if (srv.stato() or {}).get("in_corso"):
                break
            time.sleep(0.05)
        controllo.terminate()
        assert controllo.wait(timeout=30) == -signal.SIGTERM
        for _ in range(600):
            if srv.stato()["in_corso"] == 0:  # type: ignore[index]
                break
            time.sleep(0.05)
        assert srv.stato()["in_corso"] == 0, "il controllo continua senza il suo cliente"  # type: ignore[index]
        os.set_blocking(lettura, False)
        while True:  # what it wrote before; then the pipe has no writer left
            try:
                if not os.read(lettura, 1 << 20):
                    break
            except BlockingIOError:
                raise AssertionError("il controllo tiene ancora aperta l'uscita") from None
    finally:
        os.close(lettura)
