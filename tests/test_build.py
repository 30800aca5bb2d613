"""`bilancio build`: the report context, the HTML (golden files), templates, safety, CLI.

PDF checks live in test_build_pdf.py (WeasyPrint is slow: each PDF is printed once).
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import bilancio
from bilancio.cli import app
from bilancio.conformita import VOCI_DM
from bilancio.controllo import valida_bilancio
from bilancio.errori import DatiNonValidi, InputIlleggibile
from bilancio.report import AvvisiNonAmmessi, ErroreReport, costruisci_report
from bilancio.report.stampa import ambiente, cartella_temi
from build_golden import (
    ESEMPI,
    ESEMPIO_STILE,
    RADICE,
    TEMI,
    cartella,
    cosper_corretto,
    esempi,
    golden,
    golden_stile,
    rendi_html,
    separa_stile,
    stile_generico,
)
from conftest import scrivi_coop

runner = CliRunner()

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c633821a0d7000004310187e8686fee0000000049454e44ae426082"
)


def _report(percorso: Path, tema: str = "completo"):  # type: ignore[no-untyped-def]
    bil, rapporto = valida_bilancio(percorso)
    return costruisci_report(bil, rapporto, tema)


def _testi(report: Any) -> str:
    """Every string of the context, for searching figures."""
    return report.model_dump_json()


def _anno_minimo(**extra: Any) -> dict[str, Any]:
    dati: dict[str, Any] = {
        "anno": 2025,
        "governo": {"soci": {"lavoratori": 10, "volontari": 2}},
        "persone": {"lavoratori": {"dipendenti": {"numero": 12}}},
        "economia": {"valore_produzione": 100000, "costo_personale": 60000},
        "anni_precedenti": {
            2024: {
                "governo": {"soci": {"lavoratori": 10, "volontari": 0}},
                "economia": {"valore_produzione": 0, "costo_personale": 50000},
            }
        },
    }
    dati.update(extra)
    return dati


# --- golden HTML -----------------------------------------------------------------------


def _differenza(atteso: str, ottenuto: str, nome: str) -> str:
    righe = difflib.unified_diff(
        atteso.splitlines(True), ottenuto.splitlines(True), nome, "ottenuto"
    )
    return "".join(list(righe)[:60])


@pytest.mark.parametrize("esempio", esempi())
@pytest.mark.parametrize("tema", TEMI)
def test_html_uguale_al_golden(esempio: str, tema: str, tmp_path: Path) -> None:
    """The HTML without the theme's stylesheet (tested once per theme, below)."""
    atteso = golden(esempio, tema)
    assert atteso.exists(), f"manca {atteso.name}: eseguire `make golden`"
    ottenuto, css = separa_stile(rendi_html(esempio, tema, tmp_path), tema)
    if ottenuto != atteso.read_text(encoding="utf-8"):
        diff = _differenza(atteso.read_text(encoding="utf-8"), ottenuto, atteso.name)
        pytest.fail(f"L'HTML di {esempio}/{tema} è cambiato (se voluto: `make golden`):\n{diff}")
    # every report inlines its theme's stylesheet, with its own brand colours and year
    assert stile_generico(css) == stile_generico(golden_stile(tema).read_text(encoding="utf-8"))
    report = _report(cartella(esempio, tmp_path / "dati"), tema)
    assert f"--marca: {report.colore};" in css and f"--marca-chiaro: {report.colore_chiaro};" in css
    assert f"Bilancio sociale {report.anno}" in css


class _Ids(HTMLParser):
    """Every ``id`` attribute of a page, SVG included, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [v for k, v in attrs if k == "id" and v is not None]

    handle_startendtag = handle_starttag


@pytest.mark.parametrize("esempio", esempi())
@pytest.mark.parametrize("tema", TEMI)
def test_nessun_id_ripetuto(esempio: str, tema: str, tmp_path: Path) -> None:
    """An id is defined once per page: two charts (pygal numbers its legend entries the
    same in every chart) or two paragraphs with one anchor would make WeasyPrint warn
    "Anchor defined twice", and a link land on the wrong one."""
    lettore = _Ids()
    lettore.feed(rendi_html(esempio, tema, tmp_path))
    assert lettore.ids, "nessun id nella pagina"
    ripetuti = sorted({i for i in lettore.ids if lettore.ids.count(i) > 1})
    assert not ripetuti, f"id definiti più volte in {esempio}/{tema}: {ripetuti}"


@pytest.mark.parametrize("tema", TEMI)
def test_foglio_di_stile_uguale_al_golden(tema: str, tmp_path: Path) -> None:
    atteso = golden_stile(tema)
    assert atteso.exists(), f"manca {atteso.name}: eseguire `make golden`"
    _, css = separa_stile(rendi_html(ESEMPIO_STILE, tema, tmp_path), tema)
    if css != atteso.read_text(encoding="utf-8"):
        diff = _differenza(atteso.read_text(encoding="utf-8"), css, atteso.name)
        pytest.fail(f"Il foglio di stile di {tema} è cambiato (se voluto: `make golden`):\n{diff}")


def test_golden_senza_esempio() -> None:
    """A golden file whose example was removed is stale, not silently ignored."""
    attesi = {golden(e, t).name for e in esempi() for t in TEMI} | {
        golden_stile(t).name for t in TEMI
    }
    assert {p.name for p in golden(esempi()[0], TEMI[0]).parent.iterdir()} == attesi


def test_html_riproducibile_e_autosufficiente(tmp_path: Path) -> None:
    a = rendi_html("cipm", "sintesi", tmp_path / "a")
    b = rendi_html("cipm", "sintesi", tmp_path / "b")
    assert a == b
    # one file that works from disk: CSS and charts inline, nothing fetched
    assert "<style>" in a and "<svg" in a
    assert "<link" not in a and "<script" not in a
    assert not re.search(r'(src|href)="(https?:|file:|/)', a)


# --- figures, as the published reports print them --------------------------------------


def test_cipm_cifre_del_report_completo(tmp_path: Path) -> None:
    report = _report(ESEMPI / "cipm")
    attivita = next(s for s in report.sezioni if s.id == "attivita")
    riepilogo = attivita.paragrafo("attivita-riepilogo")
    assert riepilogo is not None and riepilogo.blocchi[0].totale == "1.008"  # total users 2020
    economia = next(s for s in report.sezioni if s.id == "economia")
    lavoro = next(p for p in economia.paragrafi if p.id == "economia-lavoro").blocchi[0]
    assert lavoro.anni == [2020, 2019, 2018]  # three years, most recent first
    peso = lavoro.voci[-1]
    assert (peso.etichetta, peso.valori) == (
        "Peso su totale valore di produzione",
        ["79%", "84%", "85%"],
    )
    fonti = next(p for p in economia.paragrafi if p.id == "economia-fonti").blocchi[1]
    assert (fonti.pubblico[0].importo, fonti.pubblico[0].quota) == ("€ 202.018", "56%")
    assert (fonti.privato[0].importo, fonti.privato[0].quota) == ("€ 160.727", "44%")
    html = rendi_html("cipm", "completo", tmp_path)
    assert '<td>Incidenza fonti pubbliche</td><td class="num">€ 202.018 · 56%</td>' in html
    patrimonio = next(p for p in economia.paragrafi if p.id == "economia-patrimonio").blocchi[0]
    assert patrimonio.totale is not None
    assert [patrimonio.totale.etichetta, *patrimonio.totale.valori] == [
        "Totale patrimonio netto",
        "€ 132.589",
        "€ 94.211",
        "€ 84.662",
    ]


def test_cipm_sezioni_numerate_come_il_documento() -> None:
    report = _report(ESEMPI / "cipm")
    titoli = [f"{s.numero}. {s.titolo}" for s in report.sezioni]
    assert titoli[0] == "1. Premessa/Introduzione"
    assert titoli[1].startswith("2. Nota metodologica")
    assert titoli[2] == "3. Informazioni generali sull'ente"
    assert [s.sezione_dm for s in report.sezioni[1:]] == list(range(1, 9))


def test_voci_assenti_si_leggono_non_presente(tmp_path: Path) -> None:
    report = _report(ESEMPI / "cipm")
    governo = next(s for s in report.sezioni if s.id == "governo")
    controllo = next(p for p in governo.paragrafi if p.id == "governo-controllo")
    assert [b.tipo for b in controllo.blocchi] == ["assente"]
    html = rendi_html("cipm", "completo", tmp_path)
    assert "<strong>non presente</strong>: Organo di controllo non nominato." in html
    voce = next(v for v in report.conformita if v.codice == "3.3")
    assert (voce.stato, voce.rimando, voce.motivo) == (
        "non presente",
        "governo-controllo",
        "Organo di controllo non nominato.",
    )
    # the table lists every DM item that applies to a type A impresa sociale, in the DM's
    # order, each in the state `check` gives it, in the guidelines' words: an item the data
    # leaves out is "non presente" too (`check` is what says it is missing)
    applicabili = [v.codice for v in VOCI_DM if not v.solo_tipo_b]
    assert [v.codice for v in report.conformita] == applicabili
    stati = {v.codice: v.stato.value for v in bilancio.check(ESEMPI / "cipm").conformita}
    nomi = {
        "presente": "presente",
        "dichiarata assente": "non presente",
        "mancante": "non presente",
    }
    assert {v.codice: v.stato for v in report.conformita} == {c: nomi[s] for c, s in stati.items()}


def test_cosper_cifre_della_brochure(tmp_path: Path) -> None:
    report = _report(cosper_corretto(tmp_path / "cosper"), "sintesi")
    assert report.sintesi is not None and report.sintesi.soci is not None
    soci = {c.etichetta: c for c in report.sintesi.soci.voci}
    assert (soci["Soci lavoratori"].valore, soci["Soci lavoratori"].variazione) == (
        "102",
        "-4 rispetto al 2024",
    )
    assert soci["Soci volontari"].variazione == "invariato rispetto al 2024"
    assert report.sintesi.soci.totale is not None and report.sintesi.soci.totale.valore == "123"
    assert report.sintesi.economia is not None
    economia = {c.etichetta: c for c in report.sintesi.economia.voci}
    vp = economia["Valore della produzione"]
    assert (vp.valore, vp.variazione) == ("€ 8.924.272", "+5,04% rispetto al 2024")
    assert economia["Costi del personale"].variazione == "+5,08% rispetto al 2024"
    assert economia["Patrimonio netto"].variazione == "+10,74% rispetto al 2024"
    persone = report.sintesi.persone
    assert persone is not None
    lavoratori = {c.etichetta: c for c in persone.voci}
    assert lavoratori["Lavoratori dipendenti"].variazione == "-2 rispetto al 2024"
    assert lavoratori["Lavoratori occasionali"].variazione == "invariato rispetto al 2024"
    assert persone.testo is not None and "228 persone" in persone.testo
    aree = [a.titolo for a in report.sintesi.aree]
    assert aree[0] == "Area Minori e Famiglia"
    assert report.sintesi.obiettivi and len(report.sintesi.obiettivi) == 5


def test_variazione_da_zero_non_stampa_inf(tmp_path: Path) -> None:
    cartella = scrivi_coop(tmp_path / "coop", _anno_minimo())
    report = _report(cartella, "sintesi")
    assert report.sintesi and report.sintesi.economia and report.sintesi.soci
    vp = next(c for c in report.sintesi.economia.voci if c.etichetta == "Valore della produzione")
    assert vp.variazione == "n.s. rispetto al 2024 (da zero)"
    volontari = next(c for c in report.sintesi.soci.voci if c.etichetta == "Soci volontari")
    assert volontari.variazione == "+2 rispetto al 2024"
    esito = bilancio.build(cartella, theme="sintesi", formats=["html"], output=tmp_path / "out")
    html = esito.file[0].read_text(encoding="utf-8").lower()
    assert not re.search(r"\b(inf|nan|infinity)\b", html)


def test_ogni_grafico_ha_i_suoi_dati(tmp_path: Path) -> None:
    report = _report(cosper_corretto(tmp_path / "cosper"), "sintesi")
    s = report.sintesi
    assert s is not None and s.soci and s.persone and s.economia
    grafici = [g for g in (s.soci.grafico, s.persone.grafico, s.economia.grafico_andamento) if g]
    assert len(grafici) == 3
    for g in grafici:
        assert g.svg.startswith("<svg") and 'role="img"' in g.svg and "aria-label" in g.svg
        assert g.alternativa.righe
        assert "Generated with pygal" not in g.svg  # no date, no random id: reproducible
        assert f"<title>{g.titolo}</title>" in g.svg
    assert s.economia.grafico_andamento is not None
    assert s.economia.grafico_andamento.alternativa.righe[-1] == [
        "2025",
        "€ 8.924.272",
        "+5,04% rispetto al 2024",
    ]


# --- templates -------------------------------------------------------------------------


def test_override_di_un_blocco(tmp_path: Path) -> None:
    """Pelican-style: the user's folder first, the built-in theme under the "!" prefix."""
    modelli = tmp_path / "modelli"
    (modelli / "completo").mkdir(parents=True)
    (modelli / "completo" / "rapporto.html").write_text(
        '{% extends "!completo/rapporto.html" %}\n'
        '{% block copertina %}<section class="copertina mia">Copertina di {{ r.copertina.nome }}</section>{% endblock %}\n',
        encoding="utf-8",
    )
    esito = bilancio.build(
        ESEMPI / "cipm", formats=["html"], output=tmp_path / "out", templates=modelli
    )
    html = esito.file[0].read_text(encoding="utf-8")
    assert '<section class="copertina mia">Copertina di CIPM</section>' in html
    assert "Redatto secondo le linee guida" not in html  # the built-in cover is replaced...
    assert "Tavola di conformità alle linee guida" in html  # ...every other block is the theme's
    # the other theme is untouched
    sintesi = bilancio.build(
        ESEMPI / "cipm",
        theme="sintesi",
        formats=["html"],
        output=tmp_path / "out",
        templates=modelli,
    )
    assert "copertina mia" not in sintesi.file[0].read_text(encoding="utf-8")


def test_ordine_di_ricerca_dei_modelli(tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "testa.html").write_text("<title>mio</title>", encoding="utf-8")
    env = ambiente(tmp_path)
    assert env.get_template("base/testa.html").render() == "<title>mio</title>"
    assert env.loader is not None
    sorgente, _, _ = env.loader.get_source(env, "!base/testa.html")
    assert "dcterms.created" in sorgente
    assert env.autoescape is True


def test_modelli_trovati_nel_pacchetto_o_nel_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installed (wheel): the package's own templates/; editable checkout: the repository's."""
    # a checkout: the package folder has no templates/, the repository's are used
    assert not (Path(bilancio.__file__).parent / "templates").exists()
    assert cartella_temi() == RADICE / "templates"
    # an installed package: bilancio/templates/ next to __init__.py wins over the repository
    pacchetto = tmp_path / "site-packages" / "bilancio"
    (pacchetto / "templates" / "completo").mkdir(parents=True)
    (pacchetto / "templates" / "completo" / "rapporto.html").write_text("installato")
    monkeypatch.setattr(bilancio, "__file__", str(pacchetto / "__init__.py"))
    assert cartella_temi() == pacchetto / "templates"
    assert ambiente().get_template("completo/rapporto.html").render() == "installato"


def test_testo_markdown_sicuro(tmp_path: Path) -> None:
    anno = _anno_minimo(
        attivita={
            "servizi": [
                {
                    "nome": "Doposcuola <b>",
                    "area": "Area Minori",
                    "beneficiari": {"minori": 10},
                    "descrizione": "Testo **in grassetto** e <script>alert(1)</script>\n\n- uno\n- due\n\n![foto](http://esempio.it/x.png)",
                }
            ]
        }
    )
    cartella = scrivi_coop(tmp_path / "coop", anno)
    for tema in TEMI:
        esito = bilancio.build(cartella, theme=tema, formats=["html"], output=tmp_path / "out")
        html = esito.file[0].read_text(encoding="utf-8")
        assert "<strong>in grassetto</strong>" in html
        assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "Doposcuola &lt;b&gt;" in html
        assert "<li>uno</li>" in html
        assert "esempio.it" not in html  # images in the narrative are shown as their description


# --- logo ------------------------------------------------------------------------------


def test_logo_incorporato(tmp_path: Path) -> None:
    from conftest import ENTE_MINIMO

    cartella = scrivi_coop(
        tmp_path / "coop",
        _anno_minimo(),
        ente={**ENTE_MINIMO, "logo": "logo.png", "colore": "#c8102e"},
    )
    (cartella / "logo.png").write_bytes(PNG_1PX)
    esito = bilancio.build(cartella, formats=["html"], output=tmp_path / "out")
    html = esito.file[0].read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in html
    assert "--marca: #c8102e;" in html


@pytest.mark.parametrize(
    ("logo", "messaggio"),
    [
        ("../fuori.png", "è fuori dalla cartella della cooperativa"),
        ("manca.png", "non esiste"),
    ],
)
def test_logo_non_valido(tmp_path: Path, logo: str, messaggio: str) -> None:
    from conftest import ENTE_MINIMO

    (tmp_path / "fuori.png").write_bytes(PNG_1PX)
    cartella = scrivi_coop(tmp_path / "coop", _anno_minimo(), ente={**ENTE_MINIMO, "logo": logo})
    # the logo is checked when the folder is loaded: a data error at ente.yaml's logo line
    with pytest.raises(DatiNonValidi) as info:
        bilancio.build(cartella, formats=["html"], output=tmp_path / "out")
    (problema,) = [p for p in info.value.rapporto.errori if p.codice == "LOGO"]
    assert messaggio in problema.messaggio and problema.campo == "logo"
    assert problema.posizione is not None and problema.posizione.file.endswith("ente.yaml")
    assert problema.posizione.riga is not None
    assert not (tmp_path / "out").exists()


# --- failures leave the previous output intact -------------------------------------------


def test_errori_nei_dati_fermano_il_build(tmp_path: Path) -> None:
    uscita = tmp_path / "out"
    uscita.mkdir()
    precedente = uscita / "cosper-2025-completo.html"
    precedente.write_text("versione precedente", encoding="utf-8")
    with pytest.raises(DatiNonValidi) as info:
        bilancio.build(ESEMPI / "cosper", formats=["html"], output=uscita)
    assert {p.codice for p in info.value.rapporto.errori} >= {
        "BENEFICIARI-SERVIZIO",
        "DURATA-MEDIA",
    }
    assert precedente.read_text(encoding="utf-8") == "versione precedente"
    assert sorted(p.name for p in uscita.iterdir()) == ["cosper-2025-completo.html"]


def test_strict_ferma_sugli_avvisi(tmp_path: Path) -> None:
    with pytest.raises(AvvisiNonAmmessi, match="avvisi"):
        bilancio.build(ESEMPI / "cipm", formats=["html"], output=tmp_path, strict=True)
    assert list(tmp_path.iterdir()) == []


def test_modello_rotto_non_scrive_nulla(tmp_path: Path) -> None:
    modelli = tmp_path / "modelli"
    (modelli / "sintesi").mkdir(parents=True)
    (modelli / "sintesi" / "rapporto.html").write_text(
        "{{ r.campo_che_non_esiste }}", encoding="utf-8"
    )
    with pytest.raises(ErroreReport, match="Errore nel modello"):
        bilancio.build(ESEMPI / "cipm", theme="sintesi", output=tmp_path / "out", templates=modelli)
    assert not (tmp_path / "out").exists()


def test_tema_e_formato_sconosciuti(tmp_path: Path) -> None:
    with pytest.raises(ErroreReport, match="Tema «brochure» sconosciuto"):
        bilancio.build(ESEMPI / "cipm", theme="brochure", output=tmp_path)
    with pytest.raises(ErroreReport, match="Formato «docx» sconosciuto"):
        bilancio.build(ESEMPI / "cipm", formats=["html,docx"], output=tmp_path)


# --- command line ----------------------------------------------------------------------


def test_cli_costruisce_e_dice_dove(tmp_path: Path) -> None:
    risultato = runner.invoke(
        app, ["build", str(ESEMPI / "arcobaleno"), "--format", "html", "-o", str(tmp_path)]
    )
    assert risultato.exit_code == 0, risultato.output
    assert f"scritto {tmp_path / 'arcobaleno-2025-completo.html'}" in risultato.output
    assert (tmp_path / "arcobaleno-2025-completo.html").is_file()


def test_cli_dati_con_errori(tmp_path: Path) -> None:
    risultato = runner.invoke(
        app, ["build", str(ESEMPI / "cosper"), "--theme", "sintesi", "-o", str(tmp_path / "out")]
    )
    assert risultato.exit_code == 1
    assert "errore BENEFICIARI-SERVIZIO" in risultato.output  # the same report as `check`
    assert "NON VALIDO" in risultato.output
    assert "report non costruito: i dati hanno errori; nessun file scritto." in risultato.output
    assert not (tmp_path / "out").exists()


def test_cli_avvisi_mostrati_e_strict(tmp_path: Path) -> None:
    risultato = runner.invoke(
        app, ["build", str(ESEMPI / "cipm"), "--format", "html", "-o", str(tmp_path)]
    )
    assert risultato.exit_code == 0
    assert "avviso CONFORMITA" in risultato.output
    rigoroso = runner.invoke(
        app,
        ["build", str(ESEMPI / "cipm"), "--format", "html", "-o", str(tmp_path / "r"), "--strict"],
    )
    assert rigoroso.exit_code == 1
    assert (
        "report non costruito: i dati hanno avvisi (--strict); nessun file scritto."
        in rigoroso.output
    )


def test_cli_input_illeggibile(tmp_path: Path) -> None:
    risultato = runner.invoke(app, ["build", str(tmp_path / "non-esiste")])
    assert risultato.exit_code == 2
    assert "non esiste" in risultato.output


def test_cli_formato_sconosciuto_e_uso_scorretto(tmp_path: Path) -> None:
    risultato = runner.invoke(
        app, ["build", str(ESEMPI / "cipm"), "--format", "docx", "-o", str(tmp_path)]
    )
    assert risultato.exit_code == 2  # misuse, as every usage error (issue 14)
    assert "errore: Formato «docx» sconosciuto" in risultato.output


def test_cli_passa_gli_argomenti_alla_libreria(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import bilancio.report as modulo  # the command imports its build when it runs

    chiamate: list[tuple[Any, ...]] = []

    def finto(*args: Any, **kwargs: Any) -> Any:
        chiamate.append((args, kwargs))
        return bilancio.Esito(rapporto=bilancio.Rapporto(percorso="x"), file=[])

    monkeypatch.setattr(modulo, "build", finto)
    risultato = runner.invoke(
        app,
        [
            "build",
            "cartella",
            "--year",
            "2024",
            "--theme",
            "sintesi",
            "--format",
            "pdf",
            "-o",
            str(tmp_path),
            "--templates",
            str(tmp_path),
            "--strict",
            "--pdf",
            "PDF/A-2a",
            "--bozza",
        ],
    )
    assert risultato.exit_code == 0, risultato.output
    assert chiamate == [
        (
            (Path("cartella"), 2024),
            {
                "tema": "sintesi",
                "formati": ["pdf"],
                "uscita": tmp_path,
                "templates": tmp_path,
                "rigoroso": True,
                "pdf": "pdf/a-2a",
                "bozza": True,
            },
        )
    ]


def test_cli_help_e_readme() -> None:
    risultato = runner.invoke(app, ["build", "--help"])
    assert risultato.exit_code == 0
    for opzione in ("--year", "--theme", "--format", "--output", "--templates", "--strict"):
        assert opzione in risultato.output
    assert "## `bilancio build`" in (RADICE / "README.md").read_text(encoding="utf-8")


# --- packaging -------------------------------------------------------------------------


@pytest.mark.slow
def test_la_wheel_contiene_i_modelli(tmp_path: Path) -> None:
    """After a plain `pip install .` the themes are inside the package (bilancio/templates)."""
    comando = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        str(RADICE),
        "--no-deps",
        "--quiet",
        "-w",
        str(tmp_path),
    ]
    esito = subprocess.run(comando, capture_output=True, text=True, timeout=300)
    if (
        esito.returncode != 0
        and "hatchling" in esito.stderr
        and "No matching distribution" in esito.stderr
    ):
        pytest.skip("hatchling non disponibile per costruire la wheel")
    assert esito.returncode == 0, esito.stderr
    (wheel,) = tmp_path.glob("bilancio-*.whl")
    nomi = set(zipfile.ZipFile(wheel).namelist())
    for tema in ("completo", "sintesi"):
        assert f"bilancio/templates/{tema}/rapporto.html" in nomi
        assert f"bilancio/templates/{tema}/stile.css" in nomi
    assert "bilancio/templates/base/blocchi.html" in nomi
    assert "bilancio/report/contesto.py" in nomi
    # the bundled fonts and their licences ship too
    for font in ("TitilliumWeb-Regular.ttf", "TitilliumWeb-Bold.ttf", "DejaVuSans.ttf"):
        assert f"bilancio/templates/caratteri/{font}" in nomi
    assert "bilancio/templates/caratteri/OFL-TitilliumWeb.txt" in nomi


def test_input_illeggibile_dalla_libreria(tmp_path: Path) -> None:
    with pytest.raises(InputIlleggibile):
        bilancio.build(tmp_path / "manca", output=tmp_path)


# --- "label: value" blocks: the template writes the labels, the data decides the rows ---


def test_dettagli_senza_righe_per_dati_assenti(tmp_path: Path) -> None:
    """Pay with only the highest figure: one row, no "minima" and no ratio (unknown
    without the lowest); the monitoring prints only the findings the data states."""
    persone = _anno_minimo()["persone"] | {"retribuzioni": {"retribuzione_massima": 30000}}
    cartella = scrivi_coop(
        tmp_path / "coop",
        _anno_minimo(
            persone=persone,
            monitoraggio={"organo": "Collegio sindacale", "assenza_scopo_di_lucro": True},
        ),
    )
    esito = bilancio.build(cartella, formats=["html"], output=tmp_path / "out")
    html = esito.file[0].read_text(encoding="utf-8")
    assert '<th scope="row">Retribuzione annua lorda massima</th><td>€ 30.000</td>' in html
    assert "Retribuzione annua lorda minima" not in html
    assert "Rapporto tra retribuzione massima e minima" not in html
    assert '<th scope="row">Organo che ha svolto il monitoraggio</th>' in html
    assert "utili</th><td>Sì</td>" in html
    assert "Data della relazione" not in html
    assert "Attestazione di conformità" not in html


def test_override_di_un_macro_di_dettagli(tmp_path: Path) -> None:
    """One block's macro from the user's folder relabels it; the rest is the theme's."""
    modelli = tmp_path / "modelli" / "completo" / "blocchi"
    modelli.mkdir(parents=True)
    (modelli / "compensi.html").write_text(
        '{% from "base/blocchi/campi.html" import campi %}\n'
        "{% macro compensi(b) %}"
        '{{ campi({"righe": [("Stipendio più alto", b.massimo), ("Rapporto", b.rapporto)]}) }}'
        "{% endmacro %}\n",
        encoding="utf-8",
    )
    esito = bilancio.build(
        ESEMPI / "girasole",
        formats=["html"],
        output=tmp_path / "out",
        templates=tmp_path / "modelli",
    )
    html = esito.file[0].read_text(encoding="utf-8")
    assert '<th scope="row">Stipendio più alto</th><td>€ 33.800</td>' in html
    assert "Retribuzione annua lorda massima" not in html
    assert "Retribuzione annua lorda minima" not in html  # the override leaves it out
    assert '<th scope="row">Codice fiscale</th>' in html  # the other details are the theme's
