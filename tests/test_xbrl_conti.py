"""``2020.xbrl`` beside ``2020.yaml``: figures from the deposited accounts, reconciled."""

from __future__ import annotations

import shutil
from pathlib import Path

from bilancio.caricamento import carica
from bilancio.controllo import controlla

ESEMPI = Path(__file__).parents[1] / "data" / "examples"
XBRL = Path(__file__).parent / "fixtures" / "xbrl"


def _cipm(tmp_path: Path, istanza: str) -> Path:
    cartella = tmp_path / "cipm"
    shutil.copytree(ESEMPI / "cipm", cartella)
    shutil.copy(XBRL / istanza, cartella / "2020.xbrl")
    return cartella


def _errori(rapporto, codice):
    return [p for p in rapporto.problemi if p.codice == codice]


def test_istanza_uguale_al_yaml_nessun_errore(tmp_path):
    cartella = _cipm(tmp_path, "cipm_2020.xbrl")
    rapporto = controlla(cartella)
    assert not [p for p in rapporto.problemi if p.gravita.value == "errore"]
    bilancio = carica(cartella).bilancio
    ce = bilancio.anno.economia.conto_economico
    assert ce.costi_produzione.servizi == 300000  # from the instance, not in the YAML
    assert bilancio.anno.economia.patrimonio.riserva_legale == 30000
    # the previous year: the instance's comparative column fills the inline 2019
    assert bilancio.precedenti[2019].economia.conto_economico.costi_produzione.servizi == 310000


def test_riconciliazione_due_differenze(tmp_path):
    cartella = _cipm(tmp_path, "cipm_2020_diverso.xbrl")
    rapporto = controlla(cartella)
    diff = _errori(rapporto, "XBRL-RICONCILIAZIONE")
    assert len(diff) == 2
    vp, pn = sorted(diff, key=lambda p: p.posizione.riga)
    assert vp.posizione.riga == 555 and vp.posizione.file.endswith("2020.yaml")
    assert "TotaleValoreProduzione" in vp.messaggio and "d_2020" in vp.messaggio
    assert "dal 01/01/2020 al 31/12/2020" in vp.messaggio
    assert "€ 362.745" in vp.messaggio and "€ 362.754" in vp.messaggio
    assert pn.posizione.riga == 576
    assert "TotalePatrimonioNetto" in pn.messaggio and "al 31/12/2020" in pn.messaggio
    assert "€ 132.589" in pn.messaggio and "€ 132.598" in pn.messaggio
    # the instance's figure is the one used
    assert carica(cartella).bilancio.anno.economia.valore_produzione == 362754


def test_istanza_di_un_altra_impresa(tmp_path):
    cartella = _cipm(tmp_path, "cipm_2020.xbrl")
    testo = (cartella / "2020.xbrl").read_text().replace("97162980151", "01234560157")
    (cartella / "2020.xbrl").write_text(testo)
    rapporto = controlla(cartella)
    (errore,) = _errori(rapporto, "XBRL-ENTE")
    assert "01234560157" in errore.messaggio and "97162980151" in errore.messaggio


def test_istanza_ostile_accanto_errore_localizzato(tmp_path):
    cartella = _cipm(tmp_path, "cipm_2020.xbrl")
    (cartella / "2020.xbrl").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<x>&a;</x>'
    )
    rapporto = controlla(cartella)
    (errore,) = _errori(rapporto, "XBRL")
    assert errore.posizione.file.endswith("2020.xbrl") and "DOCTYPE" in errore.messaggio


def test_colonna_precedente_diversa_dal_file_di_quell_anno_avvisa(tmp_path):
    cartella = tmp_path / "arcobaleno"
    shutil.copytree(ESEMPI / "arcobaleno", cartella)
    shutil.copy(XBRL / "abbreviato_2025.xbrl", cartella / "2025.xbrl")
    rapporto = controlla(cartella)
    riesposti = _errori(rapporto, "XBRL-RIESPOSTO")
    assert riesposti and all(p.gravita.value == "avviso" for p in riesposti)
    vp = next(p for p in riesposti if p.campo == "economia.valore_produzione")
    assert vp.posizione.file.endswith("2024.yaml") and vp.posizione.riga is not None
    assert "€ 425.000" in vp.messaggio and "TotaleValoreProduzione" in vp.messaggio
    # the reference year's typed figures are reconciled as errors
    assert any(
        p.campo == "economia.valore_produzione" for p in _errori(rapporto, "XBRL-RICONCILIAZIONE")
    )
