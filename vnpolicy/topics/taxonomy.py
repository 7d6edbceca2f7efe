"""The 15 policy areas of the annotation guideline (``ANNOTATION.md``, section topics).

Example:
    >>> len(POLICY_LABELS), POLICY_LABELS[0], POLICY_AREAS["y_te"]
    (15, 'xay_dung_dang', 'health, population, epidemics')
"""

from __future__ import annotations

POLICY_AREAS: dict[str, str] = {
    "xay_dung_dang": "Party building, Party organisations and cadres, Party inspection",
    "dan_van": "mass mobilisation, Fatherland Front, mass organisations, grassroots democracy",
    "chinh_quyen": "state apparatus, administrative reform, civil service, elections, local government",
    "phap_luat": "law-making, courts, prosecution, inspection, complaints, anti-corruption",
    "kinh_te": "economy, finance, budget, investment, enterprises, trade, prices",
    "nong_nghiep_nong_thon": "agriculture, forestry, fisheries, new rural development, cooperatives",
    "an_sinh": "labour, employment, social insurance, poverty reduction, people with merit, social aid",
    "giao_duc": "education and training",
    "y_te": "health, population, epidemics",
    "van_hoa_xa_hoi": "culture, sport, tourism, media, religion, ethnic affairs, family",
    "tai_nguyen_moi_truong": "land, natural resources, environment, climate, disasters",
    "ha_tang": "construction, transport, urban planning, energy, housing",
    "quoc_phong_an_ninh": "defence, public security, order and safety, borders",
    "doi_ngoai": "foreign affairs, international integration, overseas Vietnamese",
    "khoa_hoc_cong_nghe": "science, technology, innovation, digital transformation",
}
"""Label -> the area it covers, in the guideline's order."""

POLICY_LABELS: tuple[str, ...] = tuple(POLICY_AREAS)
"""The labels in the guideline's order."""
