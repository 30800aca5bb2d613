"""The XBRL reader (itcc-ci): the fixtures, a second independent reading, hostile files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from bilancio.xbrl import XbrlNonValido, cifre_anno, leggi_istanza
from bilancio.xbrl.lettore import LIMITE_ELEMENTI
from bilancio.xbrl.mappa import VOCI

XBRL = Path(__file__).parent / "fixtures" / "xbrl"
FIXTURE = sorted(XBRL.glob("*.xbrl"))
NS = {
    "xbrli": "http://www.xbrl.org/2003/instance",
    "ci": "http://www.infocamere.it/itnn/fr/itcc/ci/2018-11-04",
}


def test_tre_punti_di_ingresso():
    tipi = {f.name: leggi_istanza(f).tipo for f in FIXTURE}
    assert tipi["ordinario_2025.xbrl"] == "ordinario"
    assert tipi["abbreviato_2025.xbrl"] == "abbreviato"
    assert tipi["micro_2025.xbrl"] == "micro"


def _lettura_indipendente(percorso: Path) -> dict[tuple[int, str], Decimal]:
    """Plain ElementTree/XPath: every EUR fact of a context without segment, by the year its
    period ends in, for contexts whose period is a year (duration) or its end (instant)."""
    radice = ET.parse(percorso).getroot()
    fine_esercizio: dict[str, int] = {}
    fini = {e.text for e in radice.findall("xbrli:context/xbrli:period/xbrli:endDate", NS)}
    for c in radice.findall("xbrli:context", NS):
        fine = c.findtext("xbrli:period/xbrli:endDate", namespaces=NS) or c.findtext(
            "xbrli:period/xbrli:instant", namespaces=NS
        )
        if fine in fini:
            fine_esercizio[c.get("id")] = int(fine[:4])
    out = {}
    for fatto in radice.findall("ci:*[@unitRef='eur']", NS):
        anno = fine_esercizio.get(fatto.get("contextRef"))
        if anno is not None:
            out[(anno, fatto.tag.split("}")[1])] = Decimal(fatto.text)
    return out


@pytest.mark.parametrize("percorso", FIXTURE, ids=lambda p: p.name)
def test_seconda_lettura_indipendente(percorso):
    istanza = leggi_istanza(percorso)
    nostri = {
        (anno, elemento): f.valore
        for anno in istanza.esercizi
        for elemento, f in istanza.valori(anno).items()
    }
    assert nostri == _lettura_indipendente(percorso)


def test_esercizio_non_solare_per_data_di_chiusura():
    istanza = leggi_istanza(XBRL / "ordinario_2025.xbrl")
    assert list(istanza.esercizi) == [2025, 2024]
    assert str(istanza.esercizi[2025].inizio) == "2024-07-01"
    # the opening balance at 30/06/2023 is no year's figure
    assert istanza.valori(2024)["TotalePatrimonioNetto"].valore == 228000


def test_riserve_sommate_con_le_parti():
    cifre, _ = cifre_anno(leggi_istanza(XBRL / "ordinario_2025.xbrl"), 2025)
    riserve = cifre[("patrimonio", "riserve")]
    assert riserve.valore == 142000
    assert {f.elemento for f in riserve.fatti} == {
        "PatrimonioNettoRiservaLegale",
        "PatrimonioNettoRiserveStatutarie",
        "PatrimonioNettoAltreRiserveDistintamenteIndicateTotaleAltreRiserve",
    }


def test_abbreviato_dettaglio_raggruppato_resta_ignoto():
    cifre, _ = cifre_anno(leggi_istanza(XBRL / "abbreviato_2025.xbrl"), 2025)
    b9 = ("conto_economico", "costi_produzione", "personale")
    assert cifre[(*b9, "tfr_quiescenza_altri_costi")].valore == 20000
    for dettaglio in ("trattamento_fine_rapporto", "trattamento_quiescenza", "altri_costi"):
        assert (*b9, dettaglio) not in cifre  # unknown, not zero


def test_voce_assente_a_zero_solo_se_il_totale_lo_prova():
    cifre, _ = cifre_anno(leggi_istanza(XBRL / "micro_2025.xbrl"), 2025)
    b = ("conto_economico", "costi_produzione")
    assert cifre[(*b, "accantonamenti_rischi")].valore == 0  # B adds up without it
    a5 = ("conto_economico", "valore_produzione", "altri_ricavi_proventi")
    assert (*a5, "contributi_conto_esercizio") not in cifre  # A5's split is not in the micro


def test_nomi_degli_elementi_unici():
    elementi = [v.elemento for v in VOCI]
    assert len(elementi) == len(set(elementi))


# --- hostile and foreign files ---------------------------------------------------------

TESTA = (
    '<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" '
    'xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:ci="{ns}">'
    '<link:schemaRef xlink:type="simple" xlink:href="itcc-ci-abb-2018-11-04.xsd"/>'
    '<xbrli:context id="d"><xbrli:entity><xbrli:identifier scheme="http://www.infocamere.it">'
    "97162980151</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2020-01-01"
    "</xbrli:startDate><xbrli:endDate>2020-12-31</xbrli:endDate></xbrli:period></xbrli:context>"
    '<xbrli:unit id="eur"><xbrli:measure>iso4217:EUR</xbrli:measure></xbrli:unit>'
)
NS_CI = "http://www.infocamere.it/itnn/fr/itcc/ci/2018-11-04"


def _scrivi(tmp_path: Path, testo: str | bytes, nome: str = "2020.xbrl") -> Path:
    p = tmp_path / nome
    p.write_bytes(testo.encode() if isinstance(testo, str) else testo)
    return p


def _fatto(elemento: str, valore: str, ctx: str = "d") -> str:
    return f'<ci:{elemento} contextRef="{ctx}" unitRef="eur" decimals="0">{valore}</ci:{elemento}>'


def _rifiuta(percorso: Path) -> XbrlNonValido:
    with pytest.raises(XbrlNonValido) as info:
        leggi_istanza(percorso)
    return info.value


def test_dtd_rifiutata(tmp_path):
    p = _scrivi(
        tmp_path,
        '<?xml version="1.0"?>\n<!DOCTYPE xbrli:xbrl SYSTEM "x.dtd">\n'
        + TESTA.format(ns=NS_CI)
        + "</xbrli:xbrl>",
    )
    e = _rifiuta(p)
    assert "DOCTYPE" in e.messaggio and e.riga == 2


def test_bomba_di_entita_rifiutata(tmp_path):
    entita = '<!ENTITY e0 "ha">' + "".join(
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10)
    )
    bomba = f'<?xml version="1.0"?>\n<!DOCTYPE x [{entita}]>\n<x>&e9;</x>'
    e = _rifiuta(_scrivi(tmp_path, bomba))
    assert "DOCTYPE" in e.messaggio
    assert "ha" * 100 not in str(e)


def test_entita_esterna_rifiutata(tmp_path):
    xxe = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY f SYSTEM "file:///etc/passwd">]><x>&f;</x>'
    assert "DOCTYPE" in _rifiuta(_scrivi(tmp_path, xxe)).messaggio


def test_un_milione_di_fatti_rifiutato(tmp_path):
    corpo = TESTA.format(ns=NS_CI).encode() + b"<ci:A/>\n" * 1_000_000 + b"</xbrli:xbrl>"
    e = _rifiuta(_scrivi(tmp_path, corpo))
    assert f"{LIMITE_ELEMENTI:,}".replace(",", ".") in e.messaggio
    assert e.riga is not None and e.riga > LIMITE_ELEMENTI / 2


def test_file_troppo_grande_rifiutato_senza_leggerlo(tmp_path):
    fatto = _fatto("TotaleValoreProduzione", "1").encode()
    corpo = TESTA.format(ns=NS_CI).encode() + fatto * 1_000_000 + b"</xbrli:xbrl>"
    assert "MB" in _rifiuta(_scrivi(tmp_path, corpo)).messaggio


def test_namespace_estraneo_rifiutato(tmp_path):
    testo = (
        TESTA.format(ns="http://example.com/altro")
        + _fatto("TotaleValoreProduzione", "1")
        + "</xbrli:xbrl>"
    )
    e = _rifiuta(_scrivi(tmp_path, testo))
    assert "itcc-ci" in e.messaggio and "http://example.com/altro" in e.messaggio


def test_versione_precedente_nominata(tmp_path):
    vecchia = "http://www.infocamere.it/itnn/fr/itcc/ci/2014-11-17"
    testo = TESTA.format(ns=vecchia).replace("2018-11-04.xsd", "2014-11-17.xsd")
    e = _rifiuta(_scrivi(tmp_path, testo + _fatto("TotaleValoreProduzione", "1") + "</xbrli:xbrl>"))
    assert "2014-11-17" in e.messaggio
    compatibile = "http://www.infocamere.it/itnn/fr/itcc/ci/2017-07-06"
    testo = TESTA.format(ns=compatibile).replace("2018-11-04.xsd", "2017-07-06.xsd")
    istanza = leggi_istanza(
        _scrivi(tmp_path, testo + _fatto("TotaleValoreProduzione", "7") + "</xbrli:xbrl>")
    )
    assert istanza.valori(2020)["TotaleValoreProduzione"].valore == 7
    assert "2017-07-06" in istanza.avvisi[0]


def test_fatti_doppi_con_valori_diversi(tmp_path):
    contesto2 = TESTA.format(ns=NS_CI).split("<xbrli:context")[1].split("</xbrli:context>")[0]
    altro = '<xbrli:context id="d2"' + contesto2.split('id="d"', 1)[1] + "</xbrli:context>"
    testo = (
        TESTA.format(ns=NS_CI)
        + altro
        + _fatto("TotaleValoreProduzione", "100")
        + "\n"
        + _fatto("TotaleValoreProduzione", "101", "d2")
        + "</xbrli:xbrl>"
    )
    e = _rifiuta(_scrivi(tmp_path, testo))
    assert "TotaleValoreProduzione" in e.messaggio and "100" in e.messaggio and "101" in e.messaggio
    assert e.riga == 2


def test_xml_malformato_con_riga(tmp_path):
    e = _rifiuta(_scrivi(tmp_path, TESTA.format(ns=NS_CI) + "\n\n<ci:Rotto>"))
    assert "ben formato" in e.messaggio and e.riga == 3


def test_decimals_rispettato(tmp_path):
    testo = (
        TESTA.format(ns=NS_CI)
        + '<ci:TotaleValoreProduzione contextRef="d" unitRef="eur" decimals="0">1000.4</ci:TotaleValoreProduzione></xbrli:xbrl>'
    )
    assert leggi_istanza(_scrivi(tmp_path, testo)).valori(2020)[
        "TotaleValoreProduzione"
    ].valore == Decimal("1000")
    senza = (
        TESTA.format(ns=NS_CI)
        + '<ci:TotaleValoreProduzione contextRef="d" unitRef="eur">1</ci:TotaleValoreProduzione></xbrli:xbrl>'
    )
    assert "decimals" in _rifiuta(_scrivi(tmp_path, senza)).messaggio


def test_schema_dell_identificativo(tmp_path):
    testo = (
        TESTA.format(ns=NS_CI).replace("http://www.infocamere.it", "http://example.com")
        + "</xbrli:xbrl>"
    )
    testo = testo.replace('xmlns:ci="http://example.com', 'xmlns:ci="http://www.infocamere.it')
    testo = testo.replace("</xbrli:xbrl>", _fatto("TotaleValoreProduzione", "1") + "</xbrli:xbrl>")
    assert "infocamere" in _rifiuta(_scrivi(tmp_path, testo)).messaggio


def test_il_readme_elenca_ogni_elemento():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    sezione = readme.split("## Dai conti depositati (XBRL)", 1)[1].split("\n## ", 1)[0]
    for v in VOCI:
        assert f"| `{v.elemento}`" in sezione and f"`{v.chiave}`" in sezione, v.elemento
