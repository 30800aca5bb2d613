"""The site's own pages: a home page of the cooperatives, a page per cooperative, a sitemap.

Every link is relative, so the site works from disk, from a subfolder of any static host
and from GitHub Pages alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import jinja2
from markupsafe import Markup
from pydantic import BaseModel, Field

from .. import formato
from ..report import caratteri, grafici
from ..report.stampa import cartella_temi
from .dati import CifreChiave, Scheda
from .esecuzione import EsitoLavoro
from .lavori import FINE_LEGGERO

COLORE = "#2f5d62"

RIGHE_CIFRE: tuple[tuple[str, str, str], ...] = (
    ("soci", "Soci", "numero"),
    ("lavoratori", "Lavoratori", "numero"),
    ("beneficiari", "Beneficiari", "numero"),
    ("valore_produzione", "Valore della produzione", "euro"),
    ("patrimonio_netto", "Patrimonio netto", "euro"),
    ("peso_costo_lavoro", "Peso del costo del lavoro", "percentuale"),
    ("quota_pubblica", "Incidenza delle fonti pubbliche", "percentuale"),
)


class Collegamento(BaseModel):
    testo: str
    href: str


NON_PUBBLICATO = "Report non ancora pubblicato."
"""What the public page says of a year whose report was not built: the located errors go
to the build's summary and its log (``--registro``), never to the published site."""


class VoceAnno(BaseModel):
    anno: int
    report: list[Collegamento] = Field(default_factory=list)
    dati: list[Collegamento] = Field(default_factory=list)
    non_pubblicato: bool = False


class RigaCifre(BaseModel):
    etichetta: str
    valori: list[str]


class CifraCard(BaseModel):
    etichetta: str
    valore: str
    variazione: str | None = None


class PaginaCoop(BaseModel):
    slug: str
    nome: str
    denominazione: str
    tipo: str | None
    comune: str | None
    colore: str
    anni: list[VoceAnno]
    anni_cifre: list[int]
    righe: list[RigaCifre]
    grafico: str | None
    ultime: list[CifraCard]
    ultimo_anno: int | None
    mini: str | None


def _fmt(valore: Any, modo: str) -> str:
    if valore is None:
        return formato.ND
    if modo == "euro":
        return formato.euro(valore)
    if modo == "percentuale":
        return formato.percentuale(valore, 0)
    return formato.numero(valore)


def _cifre_per_anno(schede: Sequence[Scheda]) -> dict[int, CifreChiave]:
    """Key figures by year: a year's own file wins over the figures a later file carries."""
    per_anno: dict[int, CifreChiave] = {}
    for s in sorted(schede, key=lambda s: s.anno):
        for c in s.cifre:
            if c.anno == s.anno or c.anno not in per_anno:
                per_anno[c.anno] = c
    return dict(sorted(per_anno.items()))


def pagina_cooperativa(
    slug: str,
    schede: Sequence[Scheda],
    esiti: Sequence[EsitoLavoro],
    file_report: dict[str, list[str]],
) -> PaginaCoop:
    leggibili = [s for s in schede if s.leggibile]
    # the identity from the latest year that has it: a year whose file cannot be read
    # still has it when ente.yaml is valid
    con_identita = [s for s in schede if s.denominazione is not None]
    ultima = max(con_identita, key=lambda s: s.anno) if con_identita else None
    colore = (ultima.colore if ultima else None) or COLORE
    nome = (ultima.nome if ultima else None) or slug
    anni: list[VoceAnno] = []
    for s in sorted(schede, key=lambda s: -s.anno):
        voce = VoceAnno(anno=s.anno)
        for esito in (e for e in esiti if e.anno == s.anno):
            if esito.stato in ("costruito", "riutilizzato"):
                for relativo in file_report.get(esito.chiave, []):
                    estensione = relativo.rsplit(".", 1)[-1]
                    etichetta = (
                        "Bilancio sociale"
                        if esito.tema == "completo"
                        else f"Sintesi ({esito.tema})"
                    )
                    if relativo.endswith(FINE_LEGGERO):
                        tipo = "PDF leggero"
                    elif estensione == "pdf":
                        tipo = "PDF/A"
                    else:
                        tipo = "pagina web"
                    testo = f"{etichetta} — {tipo}"
                    voce.report.append(Collegamento(testo=testo, href=relativo.split("/", 1)[1]))
            else:
                voce.non_pubblicato = True
        if s.leggibile and not voce.non_pubblicato:
            voce.dati = [
                Collegamento(testo="Dati (JSON)", href=f"{s.anno}/dati-{s.anno}.json"),
                Collegamento(testo="Dati (CSV)", href=f"{s.anno}/dati-{s.anno}.csv"),
            ]
        elif not s.leggibile:
            voce.non_pubblicato = True
        anni.append(voce)

    per_anno = _cifre_per_anno(leggibili)
    anni_cifre = list(per_anno)
    righe = [
        RigaCifre(
            etichetta=etichetta,
            valori=[_fmt(getattr(per_anno[a], campo), modo) for a in anni_cifre],
        )
        for campo, etichetta, modo in RIGHE_CIFRE
        if any(getattr(per_anno[a], campo) is not None for a in anni_cifre)
    ]
    serie = [
        (a, c.valore_produzione) for a, c in per_anno.items() if c.valore_produzione is not None
    ]
    grafico = (
        grafici.andamento(
            f"vdp-{slug}",
            "Valore della produzione",
            [a for a, _ in serie],
            [v for _, v in serie],
            colore,
            formato.euro,
        )
        if len(serie) >= 2
        else None
    )
    ultime: list[CifraCard] = []
    ultimo_anno = anni_cifre[-1] if anni_cifre else None
    if ultimo_anno is not None:
        corrente = per_anno[ultimo_anno]
        precedente = per_anno.get(ultimo_anno - 1)
        for campo, etichetta, modo in RIGHE_CIFRE[:4]:
            valore = getattr(corrente, campo)
            if valore is None:
                continue
            variazione = None
            # beneficiaries of a year carried inline are often partial: no delta for them
            if (
                campo != "beneficiari"
                and precedente is not None
                and getattr(precedente, campo) is not None
            ):
                variazione = formato.testo_variazione(
                    getattr(precedente, campo),
                    valore,
                    ultimo_anno - 1,
                    modo="percentuale" if modo == "euro" else "assoluta",
                )
            ultime.append(
                CifraCard(etichetta=etichetta, valore=_fmt(valore, modo), variazione=variazione)
            )
    mini = grafici.linea_mini(
        f"mini-{slug}",
        [a for a, _ in serie],
        [v for _, v in serie],
        colore,
        f"Valore della produzione di {nome}",
    )
    return PaginaCoop(
        slug=slug,
        nome=nome,
        denominazione=(ultima.denominazione if ultima else None) or slug,
        tipo=ultima.tipo if ultima else None,
        comune=ultima.comune if ultima else None,
        colore=colore,
        anni=anni,
        anni_cifre=anni_cifre,
        righe=righe,
        grafico=grafico,
        ultime=ultime,
        ultimo_anno=ultimo_anno,
        mini=mini,
    )


def ambiente() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(cartella_temi() / "sito")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


_SEGNAPOSTO = "/*@caratteri@*/"


def _rendi(env: jinja2.Environment, modello: str, **valori: Any) -> str:
    """A page in the bundled fonts, inline and cut to its characters, like the reports."""
    testo = env.get_template(modello).render(
        caratteri=Markup(_SEGNAPOSTO), famiglia=Markup(caratteri.PILA), **valori
    )
    return testo.replace(_SEGNAPOSTO, caratteri.css_schermo(testo), 1)


def rendi_home(
    env: jinja2.Environment, titolo: str, descrizione: str | None, pagine: Sequence[PaginaCoop]
) -> str:
    return _rendi(
        env, "home.html", titolo=titolo, descrizione=descrizione, cooperative=pagine, radice=""
    )


def rendi_cooperativa(env: jinja2.Environment, titolo: str, pagina: PaginaCoop) -> str:
    return _rendi(
        env,
        "cooperativa.html",
        titolo=titolo,
        coop=pagina,
        radice="../",
        non_pubblicato=NON_PUBBLICATO,
    )


def sitemap(base_url: str, file: Sequence[str]) -> str:
    righe = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for relativo in sorted(f for f in file if f.endswith(".html")):
        indirizzo = base_url + (
            relativo[: -len("index.html")] if relativo.endswith("index.html") else relativo
        )
        righe.append(f"  <url><loc>{xml_escape(indirizzo)}</loc></url>")
    righe.append("</urlset>")
    return "\n".join(righe) + "\n"


__all__ = ["PaginaCoop", "pagina_cooperativa", "rendi_cooperativa", "rendi_home", "sitemap"]
