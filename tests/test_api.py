"""The public API (`import bilancio`): English verbs and keywords, Italian domain words,
the old Italian keywords as deprecated aliases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import bilancio
from bilancio.errori import ECCEZIONI
from conftest import ESEMPI


def test_all_keeps_to_the_verbs_what_they_return_and_raise() -> None:
    assert set(bilancio.__all__) == {
        *("build", "check", "convert", "diff", "init", "load", "site"),
        *("Bilancio", "Confronto", "Esito", "Rapporto", "RiepilogoSito"),
        *(e.__name__ for e in ECCEZIONI),  # every exception of the library, from bilancio.errori
        "__version__",
    }
    for nome in bilancio.__all__:
        assert hasattr(bilancio, nome), nome
    # no Italian twin of a verb beside it
    for doppione in ("carica", "controlla", "calcola", "costruisci", "converti", "crea"):
        assert not hasattr(bilancio, doppione), doppione


@pytest.fixture
def chiamate(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[tuple[Any, ...]]]:
    """Record what each verb passes to the library function behind it."""
    registro: dict[str, list[tuple[Any, ...]]] = {}
    for verbo, funzione in {
        "build": "_costruisci",
        "check": "_controlla",
        "diff": "_confronta",
        "convert": "_converti",
        "init": "_crea",
        "site": "_costruisci_sito",
    }.items():

        def finta(*args: Any, _verbo: str = verbo, **kwargs: Any) -> str:
            registro.setdefault(_verbo, []).append((args, kwargs))
            return "fatto"

        monkeypatch.setattr(bilancio, funzione, finta)
    return registro


def test_english_keywords_reach_the_library(chiamate: dict[str, list[Any]]) -> None:
    bilancio.build(
        "c", 2024, theme="sintesi", formats=["pdf"], output="o", strict=True, pdf="pdf/a-2a"
    )
    bilancio.diff("c", 2023, 2024, threshold=5)
    bilancio.site("r", "p", jobs=3, clean=True, shard=(1, 2), fail_fast=True)
    bilancio.convert("a.yaml", "a.xlsx", force=True)
    bilancio.init("c", "Coop", year=2024, force=True)
    assert chiamate["build"] == [
        (
            ("c", 2024),
            {
                "tema": "sintesi",
                "formati": ["pdf"],
                "uscita": "o",
                "templates": None,
                "rigoroso": True,
                "pdf": "pdf/a-2a",
                "bozza": False,
            },
        )
    ]
    assert chiamate["diff"] == [(("c", 2023, 2024), {"nuovo": None, "soglia": 5})]
    ((args, kwargs),) = chiamate["site"]
    assert args == ("r", "p")
    assert (kwargs["processi"], kwargs["pulisci"], kwargs["parte"]) == (3, True, (1, 2))
    assert kwargs["interrompi_al_primo_errore"] is True
    assert chiamate["convert"] == [(("a.yaml", "a.xlsx"), {"forza": True})]
    assert chiamate["init"] == [(("c", "Coop"), {"anno": 2024, "xlsx": False, "forza": True})]


@pytest.mark.parametrize(
    ("verbo", "argomenti", "vecchi", "nuovi"),
    [
        ("build", ("c",), {"tema": "sintesi"}, {"theme": "sintesi"}),
        ("build", ("c",), {"formati": ["html"]}, {"formats": ["html"]}),
        ("build", ("c",), {"uscita": "o"}, {"output": "o"}),
        ("build", ("c",), {"rigoroso": True}, {"strict": True}),
        ("build", ("c",), {"anno": 2024}, {"year": 2024}),
        ("check", ("c",), {"anno": 2024}, {"year": 2024}),
        ("diff", ("c",), {"soglia": 5, "da": 2023}, {"threshold": 5, "from_year": 2023}),
        ("site", ("r", "p"), {"processi": 2, "pulisci": True}, {"jobs": 2, "clean": True}),
        ("convert", ("a", "b"), {"forza": True}, {"force": True}),
        ("init", ("c",), {"denominazione": "Coop"}, {"name": "Coop"}),
    ],
)
def test_old_italian_keywords_still_work_with_a_deprecation_warning(
    chiamate: dict[str, list[Any]],
    verbo: str,
    argomenti: tuple[Any, ...],
    vecchi: dict[str, Any],
    nuovi: dict[str, Any],
) -> None:
    funzione = getattr(bilancio, verbo)
    with pytest.warns(DeprecationWarning) as avvisi:
        funzione(*argomenti, **vecchi)
    messaggi = [str(a.message) for a in avvisi]
    for vecchio, nuovo in zip(vecchi, nuovi, strict=True):
        assert f"bilancio.{verbo}({vecchio}=...) è deprecato: usare {nuovo}=..." in messaggi
    assert all(a.filename == __file__ for a in avvisi)  # points at the caller's line
    funzione(*argomenti, **nuovi)
    vecchia, nuova = chiamate[verbo]
    assert vecchia == nuova  # the same call to the library


def test_a_keyword_given_twice_or_unknown_is_refused(chiamate: dict[str, list[Any]]) -> None:
    with pytest.raises(TypeError, match="given twice"), pytest.warns(DeprecationWarning):
        bilancio.build("c", theme="sintesi", tema="completo")
    with pytest.raises(TypeError, match="unexpected keyword argument 'colore'"):
        bilancio.build("c", colore="rosso")
    assert "build" not in chiamate


def test_build_with_the_deprecated_keywords_builds_the_same_report(tmp_path: Path) -> None:
    nuovo = bilancio.build(
        ESEMPI / "cipm", theme="sintesi", formats=["html"], output=tmp_path / "a"
    )
    with pytest.warns(DeprecationWarning):
        vecchio = bilancio.build(
            ESEMPI / "cipm", tema="sintesi", formati=["html"], uscita=tmp_path / "b"
        )
    assert [f.name for f in nuovo.file] == [f.name for f in vecchio.file]
    assert nuovo.file[0].read_bytes() == vecchio.file[0].read_bytes()
