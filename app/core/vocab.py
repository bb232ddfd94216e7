"""Controlled vocabularies: the only values the kind, type, role and rank fields take.

Each term carries its definition so `/vocabularies` and the OpenAPI document can show it.
"""

from enum import StrEnum


class Described(StrEnum):
    """A vocabulary whose members carry a one-line definition."""

    definition: str

    def __new__(cls, value: str, definition: str = "") -> "Described":
        member = str.__new__(cls, value)
        member._value_ = value
        member.definition = definition
        return member


class ActorKind(Described):
    PERSON = "person", "A human being."
    STATE = "state", "A sovereign state."
    INTERNATIONAL_ORGANISATION = "international_organisation", "An organisation of states."
    ORGANISATION_BODY = "organisation_body", "A body inside an organisation (a council, an office)."
    GOVERNMENT = "government", "The executive of a state, as a whole."
    GOVERNMENT_MINISTRY = "government_ministry", "A ministry or department of a government."
    GOVERNMENT_BODY = "government_body", "A unit of a ministry or other state body."
    DIPLOMATIC_MISSION = "diplomatic_mission", "An embassy, delegation or representative office."
    MEDIA_OUTLET = "media_outlet", "A newspaper, agency, broadcaster or news site."
    ORGANISATION = "organisation", "Any other organisation."
    GROUP = "group", "Actors named together as one (e.g. the AP4 partners)."


class NameKind(Described):
    CANONICAL = "canonical", "The name this API shows for the actor; exactly one per actor."
    NATIVE = "native", "The standard spelling in the actor's own language and script."
    VARIANT = "variant", "Another romanisation or accepted spelling."
    MISSPELLING = "misspelling", "A spelling that is wrong but used."
    GARBLED = "garbled", "A spelling with characters lost or replaced in transmission."
    ABBREVIATION = "abbreviation", "An acronym or short form."
    ALIAS = "alias", "Another name altogether."


class EventType(Described):
    """PLOVER's top-level event types plus four documented extensions.

    Codebook: Halterman et al., "PLOVER and POLECAT: A New Political Event Ontology and
    Dataset" (2023), the successor of CAMEO.
    """

    AGREE = "agree", "PLOVER AGREE: agree to, approve or accept a request or proposal."
    CONSULT = "consult", "PLOVER CONSULT: meet, visit, discuss or negotiate."
    SUPPORT = "support", "PLOVER SUPPORT: praise, endorse or defend another actor."
    CONCEDE = "concede", "PLOVER CONCEDE: yield, ease or give up a position."
    COOPERATE = "cooperate", "PLOVER COOPERATE: act together, formalise relations."
    AID = "aid", "PLOVER AID: give material, military or humanitarian aid."
    RETREAT = "retreat", "PLOVER RETREAT: withdraw forces or personnel."
    REQUEST = "request", "PLOVER REQUEST: ask for something."
    ACCUSE = "accuse", "PLOVER ACCUSE: blame, criticise, denounce or object in words."
    REJECT = "reject", "PLOVER REJECT: refuse a request or proposal."
    THREATEN = "threaten", "PLOVER THREATEN: threaten force or sanctions."
    PROTEST = "protest", "PLOVER PROTEST: demonstrate, rally, strike or boycott (not words)."
    SANCTION = "sanction", "PLOVER SANCTION: reduce relations, impose sanctions."
    MOBILIZE = "mobilize", "PLOVER MOBILIZE: show or build up force (exercises, tests, launches)."
    COERCE = "coerce", "PLOVER COERCE: arrest, expel, seize, repress."
    ASSAULT = "assault", "PLOVER ASSAULT: use force against people or property."
    STATEMENT = "statement", "Extension (CAMEO 01): make a public statement or announcement."
    APPOINT = "appoint", "Extension: appoint or designate a person to a post."
    ADOPT_POLICY = "adopt_policy", "Extension: adopt a strategy, doctrine or policy document."
    LEGISLATE = "legislate", "Extension: pass a law."


class Modality(Described):
    OCCURRED = "occurred", "Reported as having happened."
    ANNOUNCED = "announced", "Announced as decided or under way, not yet reported as done."
    EXPECTED = "expected", "Reported as expected or planned."
    HYPOTHETICAL = "hypothetical", "Discussed as possible."


class Role(Described):
    REQUESTER = "requester", "Asked for what the event is about."
    DECISION_MAKER = "decision_maker", "Took the decision."
    ANNOUNCER = "announcer", "Made the event public."
    ATTENDEE = "attendee", "Was present."
    HOST = "host", "Hosted the event."
    BRIEFER = "briefer", "Briefed the others."
    BRIEFED = "briefed", "Was briefed."
    APPOINTER = "appointer", "Appointed someone."
    APPOINTEE = "appointee", "Was appointed."
    CRITIC = "critic", "Criticised or objected."
    SUBJECT = "subject", "The one the event is about or aimed at."
    SPEAKER = "speaker", "Spoke or was quoted."
    REPORTER = "reporter", "Reported the event (a journalist or outlet)."
    ACTOR = "actor", "Did it, when no finer role fits."


class RelationshipType(Described):
    MEMBER_OF = "member_of", "Subject is a member of object."
    PART_OF = "part_of", "Subject is a body or unit of object."
    HEAD_OF = "head_of", "Subject leads object."
    DEPUTY_HEAD_OF = "deputy_head_of", "Subject is deputy leader of object."
    OFFICIAL_OF = "official_of", "Subject holds an office in object."
    AMBASSADOR_TO = "ambassador_to", "Subject is ambassador to object."
    REPRESENTATIVE_TO = "representative_to", "Subject represents its state to object."
    MISSION_OF = "mission_of", "Subject is a diplomatic mission of object."
    STATE_MEDIA_OF = "state_media_of", "Subject is state-run media of object."
    PARTNER_OF = "partner_of", "Subject is a partner of object."
    ACCESSION_CANDIDATE_OF = "accession_candidate_of", "Subject is a candidate to join object."
    WORKS_FOR = "works_for", "Subject works for object."
    LOCATED_IN = "located_in", "Subject is based in object."


class EventLinkType(Described):
    PART_OF = "part_of", "This event is part of the other."
    FOLLOWS = "follows", "This event comes after the other and continues it."
    RESPONDS_TO = "responds_to", "This event answers the other."
    ANNOUNCES = "announces", "This event makes the other public."
    CAUSES = "causes", "This event brought the other about."
    PRECEDES = "precedes", "This event comes before the other."
    COINCIDES_WITH = "coincides_with", "This event happened at the time of the other."
    AROUND = "around", "This event happened just before or after the other, on its occasion."


class Rank(Described):
    PREFERRED = "preferred", "The value the record's field shows."
    NORMAL = "normal", "A sourced value kept beside the preferred one."
    DEPRECATED = "deprecated", "A sourced value known to be wrong, kept for the record."


class NameOrigin(Described):
    ARTICLE = "article", "A spelling an article uses; its evidence shows where."
    REFERENCE = "reference", "A standard form no article uses (formal, short, native script)."


class DisagreementKind(Described):
    CONTRADICTION = "contradiction", "The accounts cannot both be true."
    WORDING = "wording", "One fact in other words (spelling, phrasing, translation)."
    PRECISION = "precision", "One account says more (a time zone, a day, a fuller list)."


class TimePart(Described):
    YEAR = "year", "The year."
    MONTH = "month", "The month."
    DAY = "day", "The day of the month."
    TIME = "time", "The time of day."
    TIMEZONE = "timezone", "The time zone (or 'local time')."


class Precision(Described):
    YEAR = "year", "Known to the year."
    MONTH = "month", "Known to the month."
    DAY = "day", "Known to the day."
    MINUTE = "minute", "Known to the minute."


class PlaceKind(Described):
    COUNTRY = "country", "A country."
    REGION = "region", "A region."
    CITY = "city", "A city."
    BUILDING = "building", "A building or compound."


class PlacePrecision(Described):
    EXACT = "exact", "The point is the place itself (a building, a square)."
    CITY = "city", "The point is the centre of the city the place is in or is."
    REGION = "region", "The point is the centre of a region (a province, an ADM1 area)."
    COUNTRY = "country", "The point is the centre of a country."


class GeoOrigin(Described):
    REFERENCE = "reference", "From a gazetteer (GeoNames, ISO 3166), not from an article."
    DATASET = "dataset", "Geocoded by a dataset the place was imported from (GDELT, ACLED)."


class GazetteerScheme(Described):
    GEONAMES = "geonames", "GeoNames id (geonames.org)."
    ISO3166 = "iso3166", "ISO 3166-1 alpha-2 country or ISO 3166-2 subdivision code."
    FIPS = "fips", "FIPS 10-4 country code (as GDELT gives it)."
    ADM1 = "adm1", "First-level administrative division code (FIPS 10-4 style, as in GDELT)."
    ADM2 = "adm2", "Second-level administrative division code."
    GDELT_FEATURE = "gdelt_feature", "GDELT's feature id (a GeoNames id or a GNS feature id)."


class SourceKind(Described):
    ARTICLE = "article", "A text we hold verbatim; excerpts of it are checked."
    WEB = "web", "A web document we do not hold: its URL and metadata only."
    DATASET = "dataset", "A data file or feed (name, version, licence); evidence cites its rows."


class EvidenceKind(Described):
    EXCERPT = "excerpt", "Verbatim text of an article at its offsets, checked against it."
    LOCATED = "located", "Offsets or a sentence number into a web document we do not hold."
    RECORD = "record", "A row (and optionally a field) of a dataset source."


class AttributeType(Described):
    NUMBER = "number", "A real number."
    INTEGER = "integer", "A whole number."
    CODE = "code", "A code of an outside codebook (CAMEO, ISO 3166, ACLED); exact match."
    TEXT = "text", "A short free text."


VOCABULARIES: dict[str, type[Described]] = {
    "actor_kind": ActorKind,
    "name_kind": NameKind,
    "event_type": EventType,
    "modality": Modality,
    "role": Role,
    "relationship_type": RelationshipType,
    "event_link_type": EventLinkType,
    "rank": Rank,
    "name_origin": NameOrigin,
    "disagreement_kind": DisagreementKind,
    "time_part": TimePart,
    "precision": Precision,
    "place_kind": PlaceKind,
    "place_precision": PlacePrecision,
    "geo_origin": GeoOrigin,
    "gazetteer_scheme": GazetteerScheme,
    "source_kind": SourceKind,
    "evidence_kind": EvidenceKind,
    "attribute_type": AttributeType,
}
