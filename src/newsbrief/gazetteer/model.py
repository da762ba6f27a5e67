"""One gazetteer entry, as every source is converted to it."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Entry:
    name: str
    lat: float
    lon: float
    feature: str = "P.PPL"            # GeoNames feature class and code, e.g. "A.PCLI", "P.PPLC", "H.STM"
    country: str = ""                 # ISO 3166-1 alpha-2
    admin1: str = ""                  # GeoNames admin1 code (US: the state's postal code)
    population: int = 0
    geonames_id: int | None = None    # only for rows that come from GeoNames itself
    source: str = ""
    alternates: list[str] = field(default_factory=list)
    id: int = 0                       # row id inside its gazetteer file
    match: str = ""                   # how a lookup matched: "name", "alternate" or "variant" (a looser key)
    names: int = 0                    # how many name keys it has: many languages write a well-known place

    @property
    def is_country(self) -> bool:
        return self.feature in ("A.PCLI", "A.PCLD", "A.PCLIX", "A.PCLS", "A.PCLF", "A.PCL")

    @property
    def is_admin1(self) -> bool:
        return self.feature == "A.ADM1"
