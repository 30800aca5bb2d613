"""What the brochure's templates read as ``r.sintesi``: typed, computed, formatted.

One model per part of the brochure, each read by one template of
``templates/sintesi/sezioni/`` (named after the DM 4 luglio 2019 section it covers):

- :class:`Identita` (§2, ``2-identita.html``): who we are, the mission, values, networks;
- :class:`BaseSociale` (§3, ``3-soci.html``): the members at year end;
- :class:`Persone` (§4, ``4-persone.html``): the workers, the disadvantaged (type B), mutuality;
- :class:`Economia` (§6, ``6-economia.html``): the key results and their charts;
- :class:`Area` (§5, ``5-attivita.html``): one page per area, a card per service;
- ``obiettivi`` (§5, ``5-obiettivi.html``): next year's goals.

Every figure is a formatted string, computed by the compute step; which figures become
tiles, tables or text is the templates' choice (the data says, for instance, whether the
service's text already states a figure: :attr:`Dato.nel_testo`).
"""

from __future__ import annotations

from markupsafe import Markup
from pydantic import Field

from ..comune import Cifra, Grafico, Modello


class Identita(Modello):
    """Who we are (DM §2): the first paragraphs of the history, the mission, values, networks."""

    chi_siamo: Markup = Markup("")
    missione: Markup = Markup("")
    valori: list[Markup] = Field(default_factory=list)
    valori_brevi: bool = Field(
        default=True, description="Short values read as tags, long ones as a list"
    )
    reti: list[str] = Field(default_factory=list)


class BaseSociale(Modello):
    """The members at year end (DM §3), by kind, with the change against the previous year."""

    data: str = Field(description="The date the figures refer to, as the brochure prints it")
    voci: list[Cifra]
    totale: Cifra | None = None
    grafico: Grafico | None = None


class Svantaggiati(Modello):
    """Type B (and the B branch of A+B): the share of disadvantaged workers, its defining figure."""

    numero: Cifra
    quota: Cifra = Field(description="On the B branch's workers (l. 381/1991, art. 4)")
    quota_inps: Cifra = Field(description="On the workers not disadvantaged (INPS method)")
    minimo: str = Field(description="The legal minimum, formatted: 30%")


class Persone(Modello):
    """The people who work for the cooperative (DM §4)."""

    testo: str | None = Field(
        default=None,
        description="The total and the employees' share: figures the tiles do not show",
    )
    voci: list[Cifra] = Field(default_factory=list, description="Workers by kind")
    svantaggiati: Svantaggiati | None = None
    grafico: Grafico | None = None
    mutualita: list[str] = Field(default_factory=list)


class Economia(Modello):
    """The key economic results (DM §6), each with its change, and their charts."""

    voci: list[Cifra]
    grafico_andamento: Grafico | None = None
    grafico_ricavi: Grafico | None = None


class Dato(Modello):
    """One figure of a service: beneficiaries, hours, an output ("circa 150", "48,15%")."""

    codice: str | None = Field(
        default=None,
        description="Which figure: beneficiari, ore, interventi, nuclei, posti, durata; none for an output",
    )
    etichetta: str = Field(description="What is counted, without the unit in brackets")
    valore: str = Field(description="The figure with its unit when it is a share: 48,15%")
    nel_testo: bool = Field(
        default=False, description="The service's own text already states this figure"
    )


class Riga(Modello):
    etichetta: str
    valore: str


class Conteggi(Modello):
    """A service's outputs of one unit, as the seed brochure tabulates them ("PROGETTI 2025")."""

    titolo: str = Field(description="The unit and the year: Progetti 2025")
    righe: list[Riga]
    totale: str = Field(description="Their sum, from the compute step")


class Dettaglio(Modello):
    """A service's beneficiaries by place, sub-service or category, with their total."""

    colonna: str = Field(description="What the rows are: Sede o servizio, Categoria")
    righe: list[Riga]
    totale: str
    nel_testo: bool = Field(
        default=False, description="The service's text already states every row and the total"
    )


class Servizio(Modello):
    """A service or project: its figures, its tables, its text."""

    id: str
    nome: str
    dati: list[Dato] = Field(
        default_factory=list,
        description="Its figures, most telling first: beneficiaries, hours, interventions...",
    )
    conteggi: Conteggi | None = None
    dettaglio: Dettaglio | None = None
    testo: Markup = Markup("")


class Area(Modello):
    """An area of activity (DM §5): the brochure gives each its own page."""

    id: str
    titolo: str
    servizi: list[Servizio]


class Sintesi(Modello):
    """The brochure: every part, in the order the printed brochure has them."""

    identita: Identita
    soci: BaseSociale | None = None
    persone: Persone | None = None
    economia: Economia | None = None
    aree: list[Area] = Field(default_factory=list)
    anno_obiettivi: int = Field(description="The year the goals are for")
    obiettivi: list[Markup] = Field(default_factory=list)
