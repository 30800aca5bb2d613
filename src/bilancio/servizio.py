"""The check service: `bilancio check` answered by a process that has already started.

A plain `bilancio check` spends most of its time starting: importing pydantic, Typer and
Rich and building the ~60 data models takes longer than reading and checking a
cooperative. ``bilancio serve`` pays that once, then forks for every request: the child
takes the caller's terminal (its three file descriptors, passed over a Unix socket), its
current folder, its environment and its arguments, runs the ordinary command line and
sends back the exit code. Output, exit codes and messages are those of an ordinary run
because it *is* an ordinary run, in a copy of a process that had already imported
everything; a crash or a leak in one request cannot reach the next.

The client side (:func:`inoltra`) is what the ``bilancio`` command does first for ``check``
and ``pre-commit`` (:data:`bilancio.avvio.COMANDI`):
it imports only the standard library, and answers ``None`` ("run it here") whenever the
service is not there, not ours, or older than the installed code, so a stale or missing
service never changes a result, only the time it takes.

Only the same user reaches the service: its socket lives in a folder only they can enter
(``$XDG_RUNTIME_DIR``, or ``bilancio-<uid>`` in the temporary folder, refused if anyone
else can read it), and the service runs nothing but those two commands. Unix only (it needs
``fork`` and descriptor passing); elsewhere ``check`` simply runs in its own process.

This module imports no other part of bilancio at load time: the client must stay cheap.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import socket
import stat
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import __version__
from .avvio import COMANDI

#: set to ``0`` to never use the service (the tests do, so that a developer's running
#: service cannot answer for the code under test)
DISATTIVA = "BILANCIO_SERVIZIO"

_MAX_RICHIESTA = 1 << 20  # bytes of one request (arguments, folder, environment)
_ATTESA_RICHIESTA = 5.0  # seconds a connected client has to send its request
#: seconds past a request's deadline that its child may still take to start, and (twice
#: that) the client waits for it: a child that starts later runs nothing, so a client that
#: gave up waiting (and runs the check itself) never sees it run too
_MARGINE_AVVIO = 2.0


def disponibile() -> bool:
    """Can this system run the service (fork, Unix sockets, descriptor passing)?"""
    return os.name == "posix" and hasattr(os, "fork") and hasattr(socket, "send_fds")


def cartella() -> Path:
    """The private folder that holds the service's socket."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime):
        return Path(runtime)
    radice = os.environ.get("TMPDIR") or "/tmp"
    return Path(radice) / f"bilancio-{os.getuid()}"


def indirizzo() -> Path:
    """The socket of the service for *this* installation: one per version, interpreter and
    package folder, so two virtual environments never answer for each other."""
    origine = f"{__version__}\0{sys.executable}\0{os.path.dirname(__file__)}"
    impronta = zlib.crc32(origine.encode("utf-8", "surrogateescape"))
    return cartella() / f"bilancio-{__version__}-{impronta:08x}.sock"


def _privata(percorso: Path) -> bool:
    """Is ``percorso`` a real folder of this user that nobody else can enter or read?"""
    try:
        info = os.lstat(percorso)
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    )


# --- the protocol: one request, one answer, each a JSON object ----------------------------


def _scrivi(conn: socket.socket, messaggio: dict[str, Any], fds: list[int] | None = None) -> None:
    dati = json.dumps(messaggio).encode()
    pacchetto = len(dati).to_bytes(4, "big") + dati
    if fds:
        inviati = socket.send_fds(conn, [pacchetto], fds)
        if inviati < len(pacchetto):
            conn.sendall(pacchetto[inviati:])
    else:
        conn.sendall(pacchetto)


def _leggi(
    conn: socket.socket, maxfds: int = 0, entro: float | None = None
) -> tuple[dict[str, Any], list[int]]:
    """One message (and the descriptors sent with it), read exactly: the next message on
    the connection stays unread. ``ValueError`` if it is not one, or (``entro``, a
    ``time.monotonic()``) if it has not all arrived by then."""
    fds: list[int] = []
    try:
        if entro is not None:
            conn.settimeout(max(entro - time.monotonic(), 0.001))
        if maxfds:
            testa, fds, _, _ = socket.recv_fds(conn, 4, maxfds)
        else:
            testa = conn.recv(4)
        if not testa:
            raise ValueError("connessione chiusa")
        testa += _ricevi(conn, 4 - len(testa), entro)
        lunghezza = int.from_bytes(testa, "big")
        if lunghezza > _MAX_RICHIESTA:
            raise ValueError("richiesta troppo grande")
        messaggio = json.loads(_ricevi(conn, lunghezza, entro))
        if not isinstance(messaggio, dict):
            raise ValueError("richiesta non valida")
    except (ValueError, OSError, RecursionError):  # RecursionError: JSON nested too deep
        for fd in fds:
            os.close(fd)
        raise ValueError("richiesta non valida") from None
    return messaggio, fds


def _ricevi(conn: socket.socket, quanti: int, entro: float | None = None) -> bytes:
    parti = []
    while quanti > 0:
        if entro is not None:  # a whole message in time, not just each piece of it
            conn.settimeout(max(entro - time.monotonic(), 0.001))
        parte = conn.recv(min(quanti, 65536))
        if not parte:
            raise ValueError("richiesta interrotta")
        parti.append(parte)
        quanti -= len(parte)
    return b"".join(parti)


def _connetti(timeout: float | None) -> socket.socket | None:
    if not disponibile() or not _privata(cartella()):
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.settimeout(timeout)
    try:
        conn.connect(str(indirizzo()))
    except OSError:
        conn.close()
        return None
    return conn


def _chiedi(messaggio: dict[str, Any], timeout: float = 5.0) -> dict[str, Any] | None:
    """A control request (state, stop): the answer, or ``None`` if no service answers."""
    conn = _connetti(timeout)
    if conn is None:
        return None
    with conn:
        try:
            _scrivi(conn, messaggio)
            risposta, _ = _leggi(conn)
        except (OSError, ValueError):
            return None
    return risposta


def stato() -> dict[str, Any] | None:
    """The running service's pid, version, start time and requests served; ``None`` if none."""
    return _chiedi({"tipo": "stato"})


def ferma() -> dict[str, Any] | None:
    """Stop the running service; its last state, or ``None`` if none was running."""
    return _chiedi({"tipo": "ferma"})


# --- the client: what `bilancio check` does first ----------------------------------------

INTERROTTO = (
    "errore interno: il servizio di controllo (bilancio serve) si è interrotto senza "
    "rispondere.\nRipetere il comando; se accade di nuovo, fermare il servizio con "
    "«bilancio serve --stop» e segnalarlo agli sviluppatori."
)


def inoltra(argomenti: list[str]) -> int | None:
    """Have the service run ``bilancio ARGOMENTI`` on this terminal: its exit code, or
    ``None`` when the command must run here (no service, not ours, older code, a command
    the service does not run, a terminal or folder it cannot be given)."""
    if not argomenti or argomenti[0] not in COMANDI or os.environ.get(DISATTIVA) == "0":
        return None
    try:
        cartella_corrente = os.getcwd()
        for fd in (0, 1, 2):
            os.fstat(fd)
    except OSError:  # a closed standard stream, a deleted folder: let the command say so
        return None
    conn = _connetti(timeout=_ATTESA_RICHIESTA)
    if conn is None:
        return None
    maschera = os.umask(0o022)
    os.umask(maschera)
    richiesta = {
        "tipo": "esegui",
        "argomenti": argomenti,
        "programma": _programma(),
        "cartella": cartella_corrente,
        "ambiente": dict(os.environ),
        "maschera": maschera,
        "codifiche": [_codifica(f) for f in (sys.stdin, sys.stdout, sys.stderr)],
        # python -u, PYTHONUNBUFFERED: the child's streams are built the same way
        "senza_buffer": getattr(sys.stdout, "write_through", False) is True,
        "scadenza": time.time() + _ATTESA_RICHIESTA,
    }
    with conn:
        try:
            _scrivi(conn, richiesta, [0, 1, 2])
            # the child's pid, once it has the terminal: it sends it only until its
            # deadline's margin has passed, and this waits longer than that
            conn.settimeout(_ATTESA_RICHIESTA + 2 * _MARGINE_AVVIO)
            avvio, _ = _leggi(conn)
        except (OSError, ValueError):
            return None  # nothing was run: run it here
        pid = avvio.get("pid")
        if not isinstance(pid, int):
            return None  # older code, a refused request, a child that could not start
        conn.settimeout(None)  # the check itself takes as long as it takes
        try:
            try:
                fine, _ = _leggi(conn)
            except KeyboardInterrupt:
                # Ctrl-C reached this process only: pass it on, and wait for the child's
                # own ending (it says «interrotto» and exits 130, as a local run does)
                os.kill(pid, signal.SIGINT)
                conn.settimeout(_ATTESA_RICHIESTA)
                fine, _ = _leggi(conn)
        except KeyboardInterrupt:
            return 130
        except (OSError, ValueError):
            sys.stdout.flush()
            print(INTERROTTO, file=sys.stderr)
            return 3
    codice = fine.get("codice")
    return codice if isinstance(codice, int) else 3


def _programma() -> str:
    """The program's name as the usage text shows it (``bilancio``, ``python -m bilancio``):
    what Click works out from this process's ``sys.argv[0]`` and ``__main__``, which the
    service's child cannot see."""
    principale = sys.modules.get("__main__")
    pacchetto = getattr(principale, "__package__", None)
    if not pacchetto:
        return os.path.basename(sys.argv[0]) or "bilancio"
    nome = os.path.splitext(os.path.basename(sys.argv[0]))[0]
    modulo = pacchetto if nome == "__main__" else f"{pacchetto}.{nome}"
    return f"python -m {modulo.lstrip('.')}"


def _codifica(flusso: Any) -> tuple[str, str] | None:
    codifica, errori = getattr(flusso, "encoding", None), getattr(flusso, "errors", None)
    return (codifica, errori) if isinstance(codifica, str) and isinstance(errori, str) else None


# --- the service ---------------------------------------------------------------------------


class Servizio:
    """The listening side: created (and its socket bound) by :meth:`avvia`, run by
    :meth:`servi`. ``esegui(programma, argomenti)`` runs in each forked child, after the child has
    taken the caller's terminal, folder and environment, and returns the exit code."""

    def __init__(self, esegui: Callable[[str, list[str]], int], inattivita: float) -> None:
        self.esegui = esegui
        self.inattivita = inattivita
        self.indirizzo = indirizzo()
        self.richieste = 0
        self.avviato = 0.0
        self.figli: set[int] = set()
        self._ascolto: socket.socket | None = None
        self._inode: int | None = None
        self._sorgenti: dict[str, float] = {}

    def avvia(self) -> None:
        """Bind the socket. ``GiaAttivo`` if a service answers there already, an
        ``UscitaNonScrivibile`` if the folder cannot be made private."""
        import fcntl

        from .errori import ServizioGiaAttivo, UscitaNonScrivibile

        dove = self.indirizzo.parent
        try:
            dove.mkdir(mode=0o700, parents=False, exist_ok=True)
        except OSError as exc:
            raise UscitaNonScrivibile(
                f"Impossibile creare la cartella del servizio {dove}: {_motivo(exc)}.", str(dove)
            ) from None
        if not _privata(dove):
            raise UscitaNonScrivibile(
                f"La cartella del servizio {dove} non è privata (altri utenti possono aprirla, "
                "o non è di questo utente): il servizio non parte. Impostare XDG_RUNTIME_DIR "
                "su una cartella privata, o correggere i permessi (chmod 700).",
                str(dove),
            )
        # one start at a time: two services started at once would both find none running,
        # and the second would take the socket away from the first, left running unreached
        file_blocco = self.indirizzo.with_suffix(".lock")
        try:
            blocco = os.open(file_blocco, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise UscitaNonScrivibile(
                f"Impossibile aprire il servizio in {dove}: {file_blocco.name}: {_motivo(exc)}.",
                str(dove),
            ) from None
        try:
            fcntl.flock(blocco, fcntl.LOCK_EX)
            attivo = stato()  # a service started just before this one answers here
            if attivo is not None:
                raise ServizioGiaAttivo(attivo)
            self.indirizzo.unlink(missing_ok=True)  # left by a service that was killed
            ascolto = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            vecchia = os.umask(0o177)
            try:
                ascolto.bind(str(self.indirizzo))
            except OSError as exc:
                ascolto.close()
                raise UscitaNonScrivibile(
                    f"Impossibile aprire il servizio in {self.indirizzo}: {_motivo(exc)}.",
                    str(self.indirizzo),
                ) from None
            finally:
                os.umask(vecchia)
            ascolto.listen(16)
        finally:
            os.close(blocco)
        ascolto.settimeout(1.0)
        self._ascolto = ascolto
        self._inode = os.stat(self.indirizzo).st_ino
        self.avviato = time.time()
        self._sorgenti = _sorgenti()

    def in_sfondo(self) -> int | None:
        """Detach the service from the terminal: in the calling process, the service's pid
        (the socket stays bound, so a request made now is already answered); in the
        service, ``None``."""
        assert self._ascolto is not None, "avvia() first"
        pid = os.fork()
        if pid:
            self._ascolto.close()  # the service's copy stays open, and the socket file
            self._ascolto = None
            return pid
        os.setsid()
        os.chdir("/")  # holds no folder of the caller's (each check runs in the caller's own)
        nulla = os.open(os.devnull, os.O_RDWR)
        for numero in (0, 1, 2):
            os.dup2(nulla, numero)
        os.close(nulla)
        return None

    def servi(self) -> str:
        """Answer requests until stopped: why it stopped (``"ferma"``, ``"inattivita"``,
        ``"superato"``: the installed code changed, ``"segnale"``: SIGTERM)."""
        assert self._ascolto is not None, "avvia() first"

        terminato = False

        def _termina(_numero: int, _quadro: object) -> None:
            nonlocal terminato
            terminato = True  # seen within a second: accept() waits at most that long

        precedente = signal.signal(signal.SIGTERM, _termina)
        ultima = time.monotonic()
        try:
            while not terminato:
                self._raccogli()
                try:
                    conn, _ = self._ascolto.accept()
                except TimeoutError:
                    if not self.figli and time.monotonic() - ultima > self.inattivita:
                        return "inattivita"
                    continue
                ultima = time.monotonic()
                with conn:
                    fine = self._rispondi(conn)
                if fine:
                    return fine
            return "segnale"
        finally:
            signal.signal(signal.SIGTERM, precedente)
            self.chiudi()

    def chiudi(self) -> None:
        """Stop listening and remove the socket (if it is still ours)."""
        if self._ascolto is not None:
            self._ascolto.close()
            self._ascolto = None
            try:
                if os.stat(self.indirizzo).st_ino == self._inode:
                    self.indirizzo.unlink()
            except OSError:
                pass

    def _raccogli(self) -> None:
        for pid in list(self.figli):
            try:
                finito, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                finito = pid
            if finito:
                self.figli.discard(pid)

    def _rispondi(self, conn: socket.socket) -> str | None:
        try:  # a client that sends its request slowly, or not at all, waits no longer
            richiesta, fds = _leggi(conn, maxfds=3, entro=time.monotonic() + _ATTESA_RICHIESTA)
        except (OSError, ValueError):
            return None
        tipo = richiesta.get("tipo")
        try:
            if tipo == "stato":
                _scrivi(conn, self._stato())
            elif tipo == "ferma":
                _scrivi(conn, self._stato())
                return "ferma"
            elif tipo == "esegui":
                if _superato(self._sorgenti):
                    _scrivi(conn, {"superato": True})
                    return "superato"
                if len(fds) == 3 and _valida(richiesta) and time.time() < richiesta["scadenza"]:
                    self._avvia_figlio(conn, richiesta, fds)
                    fds = []
                else:
                    _scrivi(conn, {"rifiutato": True})
        except OSError:
            pass  # the client went away: nothing to answer
        finally:
            for fd in fds:
                os.close(fd)
        return None

    def _stato(self) -> dict[str, Any]:
        import resource

        self._raccogli()
        figli = resource.getrusage(resource.RUSAGE_CHILDREN)
        return {
            "pid": os.getpid(),
            "versione": __version__,
            "avviato": self.avviato,
            "richieste": self.richieste,
            "in_corso": len(self.figli),
            # processor time of the checks that ended (`make bench` adds it to the caller's)
            "processore_controlli": figli.ru_utime + figli.ru_stime,
            "indirizzo": str(self.indirizzo),
        }

    def _avvia_figlio(self, conn: socket.socket, richiesta: dict[str, Any], fds: list[int]) -> None:
        self.richieste += 1
        pid = os.fork()
        if pid:
            self.figli.add(pid)
            for fd in fds:
                os.close(fd)
            return
        # the child: never returns into the service's loop
        codice = 3
        try:
            # a process group of its own: a Ctrl-C (or a hang-up) in the terminal of a
            # service started there stops the service, not the checks it is running
            os.setpgid(0, 0)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            assert self._ascolto is not None
            self._ascolto.close()
            try:
                os.chdir(richiesta["cartella"])
                _prendi_terminale(
                    fds, richiesta.get("codifiche"), richiesta.get("senza_buffer") is True
                )
                os.environ.clear()
                os.environ.update(richiesta["ambiente"])
            except (OSError, ValueError, LookupError):
                with contextlib.suppress(OSError):  # nothing written yet: the client runs it
                    _scrivi(conn, {"locale": True})
                os._exit(0)
            os.umask(richiesta["maschera"])
            sys.argv = [richiesta["programma"], *richiesta["argomenti"]]
            try:
                if time.time() > richiesta["scadenza"] + _MARGINE_AVVIO:
                    raise TimeoutError
                _scrivi(conn, {"pid": os.getpid()})
            except OSError:  # the client has given up waiting, and runs the check itself
                os._exit(0)
            _veglia(conn)
            try:
                codice = self.esegui(richiesta["programma"], list(richiesta["argomenti"]))
            except SystemExit as uscita:  # e.g. Rich's on a broken pipe: what Python exits with
                codice = _codice_uscita(uscita.code)
        except BaseException:  # noqa: BLE001 - the client must get an answer, whatever happened
            import traceback

            traceback.print_exc()
        finally:
            try:
                codice = _svuota_flussi(codice)
                _scrivi(conn, {"codice": codice})
            finally:
                os._exit(0)


_MOTIVI = {
    errno.ENOENT: "una cartella del percorso non esiste",
    errno.EEXIST: "esiste già, e non è una cartella",
    errno.ENOTDIR: "una parte del percorso non è una cartella",
    errno.EISDIR: "al suo posto c'è una cartella",
}


def _motivo(exc: OSError) -> str:
    """Why the service's folder or socket could not be made, in Italian."""
    from .scrittura import _motivo as motivo_scrittura

    if exc.errno is None:  # bind's own: "AF_UNIX path too long"
        return (
            "il percorso è troppo lungo per un socket (al più circa 100 caratteri): "
            "impostare XDG_RUNTIME_DIR su una cartella con un percorso più corto"
        )
    return _MOTIVI.get(exc.errno) or motivo_scrittura(exc)


def _veglia(conn: socket.socket) -> None:
    """In a check's child: end it when its client ends (an editor stopping the check of
    the previous save, a Ctrl-C, a kill), as the check would have ended in the client's own
    process, instead of going on writing to the client's terminal."""
    import threading

    def veglia() -> None:
        try:
            while conn.recv(1):  # the client sends nothing more: this waits for its end
                pass
        except OSError:
            pass
        os.kill(os.getpid(), signal.SIGKILL)

    conn.settimeout(None)
    threading.Thread(target=veglia, daemon=True).start()


def _codice_uscita(codice: object) -> int:
    """The exit status of ``SystemExit(codice)``, as the interpreter makes it (printing a
    code that is not a number)."""
    if codice is None:
        return 0
    if isinstance(codice, int):
        return codice
    print(codice, file=sys.stderr)
    return 1


def _svuota_flussi(codice: int) -> int:
    """Flush stdout and stderr as the interpreter does at exit: a failure (a full disk, a
    closed pipe) is reported as «Exception ignored» and makes the exit status 120."""
    try:
        sys.stdout.flush()
    except Exception as exc:  # noqa: BLE001 - what Python does with any failure there
        codice = 120
        with contextlib.suppress(Exception):
            sys.stderr.write(f"Exception ignored in: {sys.stdout!r}\n{type(exc).__name__}: {exc}\n")
    try:
        sys.stderr.flush()
    except Exception:  # noqa: BLE001
        codice = 120
    return codice


def _valida(richiesta: dict[str, Any]) -> bool:
    argomenti, cartella_, ambiente = (
        richiesta.get("argomenti"),
        richiesta.get("cartella"),
        richiesta.get("ambiente"),
    )
    return (
        isinstance(argomenti, list)
        and bool(argomenti)
        and all(isinstance(a, str) for a in argomenti)
        and argomenti[0] in COMANDI
        and isinstance(richiesta.get("programma"), str)
        and isinstance(cartella_, str)
        and isinstance(ambiente, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in ambiente.items())
        and isinstance(richiesta.get("maschera"), int)
        and 0 <= richiesta["maschera"] <= 0o777
        and isinstance(richiesta.get("scadenza"), int | float)
    )


def _prendi_terminale(fds: list[int], codifiche: Any, senza_buffer: bool = False) -> None:
    """Make the caller's stdin, stdout and stderr this process's own, with its encodings.

    The descriptors 0, 1 and 2 become the caller's, so whatever writes to them (Rich, Click,
    a library's warning) reaches the caller; ``sys.std*`` are opened again on them, as
    Python opens them at start (``create_stdio``): line-buffered on a terminal and on
    stderr, or not buffered at all (``senza_buffer``: python -u, PYTHONUNBUFFERED)."""
    import io

    for numero, fd in enumerate(fds):
        os.dup2(fd, numero)
        os.close(fd)
    if not (isinstance(codifiche, list) and len(codifiche) == 3):
        codifiche = [None] * 3
    nomi = [
        (str(c[0]), str(c[1])) if isinstance(c, list) and len(c) == 2 else ("utf-8", "strict")
        for c in codifiche
    ]
    entrata = io.TextIOWrapper(
        io.BufferedReader(io.FileIO(0, "r", closefd=False)),
        encoding=nomi[0][0],
        errors=nomi[0][1],
    )
    entrata.buffer.raw.name = "<stdin>"
    entrata.mode = "r"  # type: ignore[misc]
    uscite = []
    for numero, nome in ((1, "<stdout>"), (2, "<stderr>")):
        grezzo = io.FileIO(numero, "w", closefd=False)
        grezzo.name = nome
        uscita = io.TextIOWrapper(
            grezzo if senza_buffer else io.BufferedWriter(grezzo),
            encoding=nomi[numero][0],
            errors=nomi[numero][1],
            line_buffering=not senza_buffer and (grezzo.isatty() or numero == 2),
            write_through=senza_buffer or numero == 2,
        )
        uscita.mode = "w"  # type: ignore[misc]
        uscite.append(uscita)
    sys.stdin, (sys.stdout, sys.stderr) = entrata, uscite


def _sorgenti() -> dict[str, float]:
    """The modification times of bilancio's source files: every module of the package,
    loaded or not (a child may import one the service has not)."""
    tempi = {}
    for cartella_, sottocartelle, nomi in os.walk(os.path.dirname(os.path.abspath(__file__))):
        sottocartelle[:] = [n for n in sottocartelle if n not in ("__pycache__", "templates")]
        for nome in nomi:
            if nome.endswith(".py"):
                file = os.path.join(cartella_, nome)
                try:
                    tempi[file] = os.stat(file).st_mtime
                except OSError:
                    continue
    return tempi


def _superato(tempi: dict[str, float]) -> bool:
    """Has any of bilancio's source files changed (an upgrade, a developer's edit) since
    the service started? Then it must not answer: the code it runs is no longer installed."""
    for file, tempo in tempi.items():
        try:
            if os.stat(file).st_mtime != tempo:
                return True
        except OSError:
            return True
    return False
