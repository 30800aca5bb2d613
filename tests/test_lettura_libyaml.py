"""The YAML reader with libyaml's parser reads exactly what the pure-Python one reads.

``bilancio.lettura.yaml`` takes the events from libyaml (C) when PyYAML has it, and composes
them with its own composer (limits, places); a text libyaml refuses, or would read
otherwise, is read again in pure Python, for PyYAML's translated messages. Whatever the
text, the result (data, every value's line and column, problems) is the one the
pure-Python reader gives (``tests/test_fuzz.py`` compares the two on random input too).
Without libyaml, the pure-Python parser reads everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from bilancio.lettura import Letto, leggi_yaml
from bilancio.lettura import yaml as lettura_yaml
from conftest import ESEMPI, RADICE

con_libyaml = pytest.mark.skipif(
    lettura_yaml._LoaderC is None, reason="PyYAML senza libyaml: solo il parser in Python"
)

FILE_YAML = sorted([*ESEMPI.glob("*/*.yaml"), *(RADICE / "tests" / "fixtures").rglob("*.yaml")])


def _letto(percorso: Path, libyaml: bool, monkeypatch: pytest.MonkeyPatch) -> Letto:
    with monkeypatch.context() as m:
        if not libyaml:
            m.setattr(lettura_yaml, "_LoaderC", None)
        return leggi_yaml(percorso, "x.yaml")


def uguali(testo: str | bytes, monkeypatch: pytest.MonkeyPatch) -> Letto:
    """Read ``testo`` with each parser; the two results must be the same, to the repr."""
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "x.yaml"
        if isinstance(testo, bytes):
            f.write_bytes(testo)
        else:
            f.write_text(testo, encoding="utf-8")
        c, python = _letto(f, True, monkeypatch), _letto(f, False, monkeypatch)
    assert repr(c) == repr(python)
    return c


class _Vietato(lettura_yaml._Loader):
    def __init__(self, stream: str) -> None:
        raise AssertionError("letto di nuovo in Python")


@con_libyaml
@pytest.mark.parametrize("percorso", FILE_YAML, ids=lambda p: str(p.relative_to(RADICE)))
def test_ogni_file_yaml_del_repository_letto_da_libyaml_come_in_python(
    percorso: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert uguali(percorso.read_bytes(), monkeypatch).leggibile
    # and libyaml did read it: the pure-Python reader was not needed
    monkeypatch.setattr(lettura_yaml, "_Loader", _Vietato)
    assert leggi_yaml(percorso).leggibile


@con_libyaml
@pytest.mark.parametrize(
    "testo",
    [
        "",
        "# solo un commento\n",
        "---\n",
        "a: 1\n---\nb: 2\n",  # two documents
        "a: [1, 2\n",
        "a: 'aperta\n",
        "a:\tb\n",
        "a: 1\n b: 2\n",
        "a: *nessuno\n",
        "a: &x 1\nb: &x 2\n",
        "- a\nb: 1\n",
        "a: b: c\n",
        "? a\n: 1\n",
        "? [a, b]\n: 1\n",
        "{a: 1, a: 2}\n",
        "a: 1\na: 2\n",
        "<<: {a: 1}\n",
        "a: !!binary aGk=\n",
        "a: !!python/object/apply:os.system ['true']\n",
        "a: !ignoto x\n",
        "%YAML 1.1\n---\na: 1\n",
        "%YAML 1.3\n---\na: 1\n",
        "%TAG ! tag:esempio,2025:\n---\na: !x 1\n",
        'a: "\\x00 \\e \\N \\_ \\L \\P \\u00e8 \\/"\n',
        "a: |\n  riga\n  riga\n\nb: >-\n  piegata\n  qui\n",
        "a: |2-\n   indentata\n",
        "a:\r\n  - 1\r\n  - 2\r\n",
        "a: 1\rb: 2\r",
        "a: città\u2028b: però\n",
        "a: x\x85b: y\n",
        "\ufeffa: 1\n",
        "a: 1\n\ufeffb: 2\n",
        "a: [b, c]: d\n",
        "[a, b]: c\n",
        "{a: [1, {b: 2}], c: d}\n",
        "a: - 1\n",
        "a:\n- 1\n- 2\nb: 3\n",
        "a: &a [1, *a]\n",
        "a: &a {x: 1}\nb: *a\nc: [*a, *a]\n",
        "a: @x\n",
        "a: `x\n",
        "a: 1 # commento\n#fine",
        "a: 1#non commento\n",
        "k" * 1100 + ": 1\n",
        "a: '" + "x" * 1100 + "'\n",
        "[" * 60 + "]" * 60 + "\n",
        "a: " + "[" * 48 + "1" + "]" * 48 + "\n",
        "a: -\n",
        "- - - 1\n",
        "a: 0o17\nb: 0x1F\nc: 1e3\nd: .5\ne: 2025-02-30\nf: 2025-2-3\ng: ~\nh: NO\n",
        "a: {b: 1,}\n",
        "a: [1,,2]\n",
        "a: !!str\n",
        "&a a: 1\n",
        "a: &a\nb: 1\n",
        "? \n",
        ": 1\n",
        "-\n",
        "- : 1\n",
        "a: 'x'y\n",
        'a: "x"y\n',
        "a:\n  b: 1\n c: 2\n",
        "a: '\tb'\n",
        "a: |\n  \tb\n",
        "[a: 1, b: 2]\n",
        "{a: b:c}\n",
        "[a:b, c]\n",
        "{a:1}\n",
        "{a: 1, }\n",
        "[a, ]\n",
        "--- a\n",
        "--- |\n  x\n",
        "a: 1\n...\n",
        "a: 1\n...\n---\nb: 2\n",
        "a: b\n  c\n\n  d\n",
        'a: "b\\\n  c"\n',
        'a: "\\ud800"\n',
        'a: "\\U0010FFFF \\x"\n',
        "a: |\n\n   x\n  y\n",
        "a: >\n  x\n\n    y\n  z\n",
        "a: |+\n  x\n\n\nb: 1\n",
        "- &a [1]\n- *a\n- !!seq [1]\n- !!map {a: 1}\n",
        "a: !!int 12\nb: !!float 1\nc: !!bool x\nd: !!null ''\n",
        "'a': 1\n\"b\": 2\n? |\n  c\n: 3\n",
        "a: 1\n  # commento indentato\nb: 2\n",
        "a:\n  - b\n  -\n  - c: 1\n    d: 2\n",
        "x" * 2000 + "\n",
        "a: {b: p?osti letto}\n",
        "a: [p?, q]\n",
        "a: [x:?y]\n",
        "a: [x:?]\n",
        "a: {? b : c}\n",
        'a: {b: "Perché?"}\nc: Perché?\n',
        "a: [1,\n2]\n",
        "a:\n  - [1,\n  2]\n",
        "a: {b\n: c}\n",
        "a: [-b, - c]\n",
        "a: [-]\n",
        "a: [,]\n",
        "a: ! x\nb: !<tag:yaml.org,2002:str> 1\n",
        "--- !!map\na: 1\n",
        "a: b\n---c\n",
        "a: b\nc\n",
        "a: 'b\n\n  c'\n",
        'a: "b\u2028c"\n',
        "a: [b #c\n, d]\n",
        "a: b\n  #c\n  d\n",
        "?",
        "? a",
        "a:\n  ? b",
        "!",
        "a: !",
        "a: !\n",
        "a: ! 1\n",
        "a: [!, ! b]\n",
        "|#",
        "a: |#c\n  x\n",
        "a: >-#\n",
        "a: |2#\n",
        "[a: ]",
        "cambiamenti: {non_presente: }\n",
        "a: [b: , c]\n",
        "a: {b: '', c: \"\"}\n",
    ],
)
def test_testi_difficili_letti_da_libyaml_come_in_python(
    testo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    uguali(testo, monkeypatch)


_SENZA_LIBYAML = """
import json, sys
import yaml
yaml.__with_libyaml__ = False  # as a PyYAML built without libyaml
from bilancio.lettura import yaml as lettura_yaml
from bilancio.lettura import leggi_yaml
from pathlib import Path
assert lettura_yaml._LoaderC is None
letti = {f: leggi_yaml(Path(f)) for f in json.loads(sys.argv[1])}
print(json.dumps({f: [l.leggibile, repr(l.dati)] for f, l in letti.items()}))
"""


def test_senza_libyaml_legge_tutto_in_python() -> None:
    file = [str(f) for f in FILE_YAML]
    esito = subprocess.run(
        [sys.executable, "-c", _SENZA_LIBYAML, json.dumps(file)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert esito.returncode == 0, esito.stderr
    letti = json.loads(esito.stdout)
    for f in file:
        atteso = leggi_yaml(Path(f))
        assert letti[f] == [atteso.leggibile, repr(atteso.dati)]
