"""Rules on section 2: the entity's qualification, which decides which other rules apply."""

from __future__ import annotations

from collections.abc import Iterator

from ..errori import Gravita, Problema
from ..modello.ente import COOPERATIVE_SOCIALI, FormaGiuridica, Qualifica, TipoCooperativa
from .base import Contesto, regola

_TIPO_DELLA_QUALIFICA = {
    Qualifica.COOPERATIVA_A: TipoCooperativa.A,
    Qualifica.COOPERATIVA_B: TipoCooperativa.B,
    Qualifica.COOPERATIVA_AB: TipoCooperativa.MISTA,
}


@regola(
    "ENTE-QUALIFICA",
    "Qualifica dell'ente",
    Gravita.ERRORE,
    "l. 381/1991 art. 1 e 8; d.lgs. 112/2017 art. 1: le cooperative sociali (di tipo A, B o misto) e i "
    "loro consorzi sono imprese sociali di diritto; la qualifica decide quali regole si applicano",
)
def ente_qualifica(ctx: Contesto) -> Iterator[Problema]:
    """The qualification agrees with the legal form, the type and ``impresa_sociale``."""
    ente = ctx.bilancio.ente
    q = ente.qualifica
    if q is None:
        if (
            ente.forma_giuridica is FormaGiuridica.COOPERATIVA_SOCIALE
            and ente.tipo is TipoCooperativa.NON_APPLICABILE
        ):
            yield ctx.problema(
                "Cooperativa sociale senza tipo (A, B o A+B): ai fini delle regole è trattata come "
                "di tipo A. Indicare «tipo» oppure «qualifica».",
                anno=None,
                percorso=("tipo",),
                trovato=ente.tipo.value,
                atteso="A, B oppure A+B",
                gravita=Gravita.AVVISO,
            )
        return
    forma = ente.forma_giuridica
    attesa: str | None = None
    if q in _TIPO_DELLA_QUALIFICA and forma is not FormaGiuridica.COOPERATIVA_SOCIALE:
        attesa = "forma giuridica «cooperativa sociale»"
    elif q is Qualifica.CONSORZIO and forma is not FormaGiuridica.CONSORZIO:
        attesa = "forma giuridica «consorzio di cooperative sociali»"
    elif q not in COOPERATIVE_SOCIALI and forma in (
        FormaGiuridica.COOPERATIVA_SOCIALE,
        FormaGiuridica.CONSORZIO,
    ):
        attesa = "una qualifica di cooperativa sociale o di consorzio"
    if attesa is not None:
        yield ctx.problema(
            f"Qualifica «{q.value}» con forma giuridica «{forma.value}»: non sono compatibili.",
            anno=None,
            percorso=("qualifica",),
            trovato=q.value,
            atteso=attesa,
        )
    tipo = _TIPO_DELLA_QUALIFICA.get(q)
    if tipo is not None and ente.tipo not in (tipo, TipoCooperativa.NON_APPLICABILE):
        yield ctx.problema(
            f"Qualifica «{q.value}» ma tipo «{ente.tipo.value}».",
            anno=None,
            percorso=("tipo",),
            trovato=ente.tipo.value,
            atteso=tipo.value,
        )
    if "impresa_sociale" in ente.model_fields_set and ente.impresa_sociale != q.impresa_sociale:
        yield ctx.problema(
            f"Qualifica «{q.value}» ma {ctx.voce(None, 'impresa_sociale')}: {'sì' if ente.impresa_sociale else 'no'}.",
            anno=None,
            percorso=("impresa_sociale",),
            trovato="sì" if ente.impresa_sociale else "no",
            atteso="sì" if q.impresa_sociale else "no",
        )
