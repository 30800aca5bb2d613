"""Sezione 2 — Informazioni generali sull'ente (DM 4/7/2019 §6.2).

These figures rarely change, so they live in the cooperative's ``ente.yaml``.
"""

import re
from typing import Annotated

from pydantic import AfterValidator, Field
from stdnum.it import codicefiscale, iva

from .comuni import Anno4, Data, Etichettato, Modello, Testo, Voce


def _cf(value: str) -> str:
    compatto = re.sub(r"\s", "", value).upper()
    if not codicefiscale.is_valid(compatto):
        raise ValueError("codice_fiscale")
    return compatto


def _piva(value: str) -> str:
    compatto = re.sub(r"\s", "", value).upper().removeprefix("IT")
    if not iva.is_valid(compatto):
        raise ValueError("partita_iva")
    return compatto


def _ateco(value: str) -> str:
    if not re.fullmatch(r"\d{2}(\.\d{1,2}){0,2}", value.strip()):
        raise ValueError("ateco")
    return value.strip()


CodiceFiscale = Annotated[str, AfterValidator(_cf), Field(title="Codice fiscale")]
PartitaIva = Annotated[str, AfterValidator(_piva), Field(title="Partita IVA")]
CodiceAteco = Annotated[str, AfterValidator(_ateco)]


class FormaGiuridica(Etichettato):
    COOPERATIVA_SOCIALE = ("cooperativa sociale", "Cooperativa sociale")
    CONSORZIO = ("consorzio di cooperative sociali", "Consorzio di cooperative sociali")
    IMPRESA_SOCIALE_SOCIETA = ("impresa sociale società", "Impresa sociale in forma di società")
    ASSOCIAZIONE = ("associazione", "Associazione")
    FONDAZIONE = ("fondazione", "Fondazione")
    ALTRO = ("altro", "Altra forma")


class TipoCooperativa(Etichettato):
    A = ("A", "Cooperativa sociale di tipo A")
    B = ("B", "Cooperativa sociale di tipo B")
    MISTA = ("A+B", "Cooperativa sociale di tipo misto A e B")
    NON_APPLICABILE = ("non applicabile", "Non applicabile")

    @property
    def ha_ramo_b(self) -> bool:
        return self in (TipoCooperativa.B, TipoCooperativa.MISTA)


class Qualifica(Etichettato):
    """What the entity is for the law: it decides which rules apply (see ``regole``).

    ``forma_giuridica`` cannot tell a cooperativa sociale of type A from one of type B, or
    an impresa sociale from an ETS that is not one; this does.
    """

    COOPERATIVA_A = ("cooperativa sociale A", "Cooperativa sociale di tipo A")
    COOPERATIVA_B = ("cooperativa sociale B", "Cooperativa sociale di tipo B")
    COOPERATIVA_AB = ("cooperativa sociale A+B", "Cooperativa sociale di tipo misto A e B")
    CONSORZIO = ("consorzio di cooperative sociali", "Consorzio di cooperative sociali")
    IMPRESA_SOCIALE = (
        "altra impresa sociale",
        "Impresa sociale diversa dalla cooperativa sociale (d.lgs. 112/2017)",
    )
    ETS = ("ETS", "Ente del Terzo settore non impresa sociale (d.lgs. 117/2017)")

    @property
    def cooperativa_sociale(self) -> bool:
        """Cooperative sociali and their consortia (l. 381/1991): imprese sociali by law."""
        return self in COOPERATIVE_SOCIALI

    @property
    def impresa_sociale(self) -> bool:
        return self is not Qualifica.ETS


COOPERATIVE_SOCIALI = frozenset(
    {
        Qualifica.COOPERATIVA_A,
        Qualifica.COOPERATIVA_B,
        Qualifica.COOPERATIVA_AB,
        Qualifica.CONSORZIO,
    }
)
RAMO_B = frozenset({Qualifica.COOPERATIVA_B, Qualifica.COOPERATIVA_AB})
IMPRESE_SOCIALI = frozenset(q for q in Qualifica if q is not Qualifica.ETS)
TUTTI = frozenset(Qualifica)

_QUALIFICA_DEL_TIPO = {
    TipoCooperativa.A: Qualifica.COOPERATIVA_A,
    TipoCooperativa.B: Qualifica.COOPERATIVA_B,
    TipoCooperativa.MISTA: Qualifica.COOPERATIVA_AB,
}


class Sede(Modello):
    indirizzo: Testo = Field(title="Indirizzo")
    cap: str | None = Field(default=None, title="CAP", pattern=r"^\d{5}$")
    comune: Testo = Field(title="Comune")
    provincia: str | None = Field(default=None, title="Provincia", pattern=r"^[A-Z]{2}$")
    descrizione: str | None = Field(default=None, title="Descrizione (es. segreteria, servizio)")
    # "of the office", to tell them from the entity's own (Contatti) on the workbook's Ente
    # sheet; workbooks written with the bare labels still load
    telefono: str | None = Field(
        default=None,
        title="Telefono della sede",
        description="se diverso dal telefono dell'ente (in «Contatti»)",
        json_schema_extra={"x-etichette-precedenti": ["Telefono"]},
    )
    email: str | None = Field(
        default=None,
        title="Email della sede",
        description="se diversa dall'email dell'ente (in «Contatti»)",
        json_schema_extra={"x-etichette-precedenti": ["Email"]},
    )


class Contatti(Modello):
    telefono: str | None = Field(default=None, title="Telefono")
    email: str | None = Field(default=None, title="Email")
    pec: str | None = Field(default=None, title="PEC")
    sito_web: str | None = Field(default=None, title="Sito web")


class Rete(Modello):
    denominazione: Testo = Field(title="Denominazione")
    anno_adesione: Anno4 | None = Field(default=None, title="Anno di adesione")
    tipo: str | None = Field(
        default=None,
        title="Tipo di collegamento",
        description="es. rete associativa, consorzio, gruppo",
    )


class Ente(Modello):
    """Informazioni generali sull'ente."""

    denominazione: Testo = Field(title="Nome dell'ente")
    nome_breve: str | None = Field(
        default=None, title="Nome breve", description="Usato nei titoli dei report"
    )
    codice_fiscale: CodiceFiscale | None = None
    partita_iva: PartitaIva | None = None
    forma_giuridica: FormaGiuridica = Field(title="Forma giuridica")
    tipo: TipoCooperativa = Field(
        title="Qualificazione ai sensi del Codice del Terzo settore",
        description="Tipo di cooperativa sociale: A (servizi), B (inserimento lavorativo), A+B (misto)",
    )
    impresa_sociale: bool = Field(default=True, title="Impresa sociale (d.lgs. 112/2017)")
    qualifica: Qualifica | None = Field(
        default=None,
        title="Qualifica ai fini delle regole",
        description="Decide quali regole si applicano. Se omessa si ricava da forma giuridica, "
        "tipo e impresa sociale: cooperativa sociale di tipo A, B o A+B; consorzio di "
        "cooperative sociali; altra impresa sociale; ETS",
    )
    data_costituzione: Data | None = Field(default=None, title="Data di costituzione")
    sede_legale: Sede | None = Field(default=None, title="Sede legale")
    altre_sedi: Voce[list[Sede]] | None = Field(default=None, title="Altre sedi")
    numero_albo_cooperative: str | None = Field(
        default=None, title="N. iscrizione Albo delle cooperative"
    )
    altri_registri: list[str] = Field(default_factory=list, title="Altre iscrizioni a registri")
    codici_ateco: list[CodiceAteco] = Field(default_factory=list, title="Codici ATECO")
    contatti: Contatti | None = Field(default=None, title="Contatti")
    aree_territoriali: Voce[str] | None = Field(
        default=None, title="Aree territoriali di operatività"
    )
    valori: Voce[list[Testo]] | None = Field(default=None, title="Valori")
    missione: Voce[str] | None = Field(default=None, title="Missione e finalità perseguite")
    attivita_statutarie: Voce[str] | None = Field(
        default=None,
        title="Attività statutarie",
        description="Oggetto sociale (art. 5 d.lgs. 117/2017, art. 2 d.lgs. 112/2017, art. 1 l. 381/1991)",
    )
    attivita_secondarie: Voce[str] | None = Field(
        default=None, title="Altre attività secondarie o strumentali"
    )
    reti: Voce[list[Rete]] | None = Field(
        default=None, title="Collegamenti con altri enti del Terzo settore"
    )
    contesto: Voce[str] | None = Field(default=None, title="Contesto di riferimento")
    storia: Voce[str] | None = Field(default=None, title="Storia dell'organizzazione")
    logo: str | None = Field(
        default=None,
        title="Logo",
        description="Percorso di un'immagine nella cartella della cooperativa",
    )
    colore: str | None = Field(
        default=None,
        title="Colore istituzionale",
        pattern=r"^#[0-9a-fA-F]{6}$",
        description="es. #c8102e",
    )

    @property
    def nome(self) -> str:
        return self.nome_breve or self.denominazione

    @property
    def qualificazione(self) -> Qualifica:
        """``qualifica`` as written, or derived from the legal form, the type and ``impresa_sociale``.

        A cooperativa sociale whose type is "non applicabile" counts as type A (no job
        placement branch), as before this field existed; rule ENTE-QUALIFICA says so.
        """
        if self.qualifica is not None:
            return self.qualifica
        if self.forma_giuridica is FormaGiuridica.CONSORZIO:
            return Qualifica.CONSORZIO
        if self.forma_giuridica is FormaGiuridica.COOPERATIVA_SOCIALE:
            return _QUALIFICA_DEL_TIPO.get(self.tipo, Qualifica.COOPERATIVA_A)
        return Qualifica.IMPRESA_SOCIALE if self.impresa_sociale else Qualifica.ETS
