"""CAMEO and ACLED event codes → our event types (app/core/vocab.py EventType), documented
term by term so `/vocabularies/cameo_event_type` and `/vocabularies/acled_event_type` show
them; the original code is always kept as an attribute (`cameo_code`, `acled_event_type`,
`acled_sub_event_type`), so the mapping loses nothing.

CAMEO: Schrodt, "CAMEO Conflict and Mediation Event Observations Codebook" 1.1b3 (2012),
the twenty root codes, with the few finer codes whose PLOVER type differs from their root's
(PLOVER's CAMEO crosswalk, Halterman et al. 2023). ACLED: the ACLED Codebook (2023), its six
event types and 25 sub-event types.
"""

from app.core.vocab import Described, EventType

E = EventType

# Root code → (CAMEO label, our type).
CAMEO_ROOTS: dict[str, tuple[str, EventType]] = {
    "01": ("Make public statement", E.STATEMENT),
    "02": ("Appeal", E.REQUEST),
    "03": ("Express intent to cooperate", E.COOPERATE),
    "04": ("Consult", E.CONSULT),
    "05": ("Engage in diplomatic cooperation", E.COOPERATE),
    "06": ("Engage in material cooperation", E.COOPERATE),
    "07": ("Provide aid", E.AID),
    "08": ("Yield", E.CONCEDE),
    "09": ("Investigate", E.ACCUSE),
    "10": ("Demand", E.REQUEST),
    "11": ("Disapprove", E.ACCUSE),
    "12": ("Reject", E.REJECT),
    "13": ("Threaten", E.THREATEN),
    "14": ("Protest", E.PROTEST),
    "15": ("Exhibit force posture", E.MOBILIZE),
    "16": ("Reduce relations", E.SANCTION),
    "17": ("Coerce", E.COERCE),
    "18": ("Assault", E.ASSAULT),
    "19": ("Fight", E.ASSAULT),
    "20": ("Use unconventional mass violence", E.ASSAULT),
}

# Finer codes mapped apart from their root (the longest matching prefix wins).
CAMEO_CODES: dict[str, tuple[str, EventType]] = {
    "036": ("Express intent to meet or negotiate", E.CONSULT),
    "057": ("Sign formal agreement", E.AGREE),
    "081": ("Ease administrative sanctions", E.CONCEDE),
    "0874": ("Retreat or surrender militarily", E.RETREAT),
    "166": ("Expel or withdraw", E.SANCTION),
}


def cameo_event_type(code: str) -> EventType | None:
    """Our type for a CAMEO event code ("0874", "190", "14"), or None if it is no code."""
    for length in (4, 3):
        if code[:length] in CAMEO_CODES and len(code) >= length:
            return CAMEO_CODES[code[:length]][1]
    root = CAMEO_ROOTS.get(code[:2]) if len(code) >= 2 and code.isdigit() else None
    return None if root is None else root[1]


# ACLED event type → our type; then the sub-event types that map elsewhere.
ACLED_EVENT_TYPES: dict[str, EventType] = {
    "Battles": E.ASSAULT,
    "Explosions/Remote violence": E.ASSAULT,
    "Violence against civilians": E.ASSAULT,
    "Protests": E.PROTEST,
    "Riots": E.PROTEST,
    "Strategic developments": E.STATEMENT,
}
ACLED_SUB_EVENT_TYPES: dict[str, EventType] = {
    "Abduction/forced disappearance": E.COERCE,
    "Mob violence": E.ASSAULT,
    "Excessive force against protesters": E.COERCE,
    "Agreement": E.AGREE,
    "Arrests": E.COERCE,
    "Change to group/activity": E.STATEMENT,
    "Disrupted weapons use": E.COERCE,
    "Headquarters or base established": E.MOBILIZE,
    "Looting/property destruction": E.ASSAULT,
    "Non-violent transfer of territory": E.CONCEDE,
    "Other": E.STATEMENT,
}


def acled_event_type(event_type: str, sub_event_type: str | None) -> EventType | None:
    """Our type for an ACLED event and sub-event type (case as the codebook, or any)."""
    sub = _folded(ACLED_SUB_EVENT_TYPES).get((sub_event_type or "").casefold())
    return sub or _folded(ACLED_EVENT_TYPES).get(event_type.casefold())


def _folded(table: dict[str, EventType]) -> dict[str, EventType]:
    return {key.casefold(): value for key, value in table.items()}


def _terms(rows: dict[str, str]) -> type[Described]:
    members = [(code, (code, text)) for code, text in rows.items()]
    return Described("Mapping", members)  # type: ignore[arg-type,return-value]


def _cameo_terms() -> dict[str, str]:
    rows = {
        code: f"CAMEO {code} {label} → {kind.value}" for code, (label, kind) in CAMEO_ROOTS.items()
    }
    rows |= {
        code: f"CAMEO {code} {label} → {kind.value}" for code, (label, kind) in CAMEO_CODES.items()
    }
    return dict(sorted(rows.items()))


def _acled_terms() -> dict[str, str]:
    rows = {name: f"ACLED event type → {kind.value}" for name, kind in ACLED_EVENT_TYPES.items()}
    rows |= {
        name: f"ACLED sub-event type → {kind.value} (other sub-event types: their event type's)"
        for name, kind in ACLED_SUB_EVENT_TYPES.items()
    }
    return rows


CameoEventType = _terms(_cameo_terms())
CameoEventType.__doc__ = (
    "CAMEO event codes (root and the finer codes mapped apart) → our event type; an imported "
    "GDELT event keeps its code in the `cameo_code` attribute."
)
AcledEventType = _terms(_acled_terms())
AcledEventType.__doc__ = (
    "ACLED event and sub-event types → our event type (a sub-event type listed here wins "
    "over its event type); the originals stay in `acled_event_type` and `acled_sub_event_type`."
)
MAPPING_VOCABULARIES: dict[str, type[Described]] = {
    "cameo_event_type": CameoEventType,
    "acled_event_type": AcledEventType,
}
