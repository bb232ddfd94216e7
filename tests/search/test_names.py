import pytest
from fastapi.testclient import TestClient

from tests.search.helpers import ascii_form, hit_keys, hits, people

# Spellings no article uses, each with the person it must find: the cases issue 3 names
# (Yoon/Yun, Suk/Seok, Soon-gu/Soon-koo, Gun/Geon), mixed differently from the seeds.
UNSEEN_VARIANTS = [
    ("Yun Suk-yeol", "yoon-suk-yeol"),
    ("Yoon Seok-yul", "yoon-suk-yeol"),
    ("yunsukyeol", "yoon-suk-yeol"),
    ("Yun Soon-koo", "yoon-soon-gu"),
    ("Yoon Sun-gu", "yoon-soon-gu"),
    ("Gim Geon", "kim-gun"),  # "Kim Geon" is stored now, as a reference name
]


def _spellings() -> list[tuple[str, str]]:
    """Each person's every seeded spelling: as written, ASCII-folded, without hyphens."""
    cases = []
    for person in people():
        for name in person["names"]:
            if name["lang"] == "ko-Latn" and name["kind"] == "abbreviation":
                continue  # "Yoon" alone names two people
            forms = {name["name"], ascii_form(name["name"]).lower(), name["name"].replace("-", "")}
            cases += [(form, person["id"]) for form in sorted(forms - {""})]
    return cases


@pytest.mark.parametrize(("q", "person"), _spellings())
def test_each_spelling_of_a_person_finds_that_person_first(
    client: TestClient, q: str, person: str
) -> None:
    assert hit_keys(client, q)[0] == ("actor", person)


def test_hangul_names_are_among_the_spellings() -> None:
    assert any(any("\uac00" <= ch <= "\ud7a3" for ch in q) for q, _ in _spellings())


@pytest.mark.parametrize(("q", "person"), UNSEEN_VARIANTS)
def test_an_unseen_romanisation_finds_the_person_before_other_actors(
    client: TestClient, q: str, person: str
) -> None:
    # A record holding every word ("Yun" and "Soon-koo" apart in one article) ranks above
    # a romanisation-key match by the ranking rule; among actors, the person comes first.
    actors = [key for key in hit_keys(client, q) if key[0] == "actor"]
    assert actors[0] == ("actor", person)


@pytest.mark.parametrize(
    ("q", "expected"), [("Yun Suk-yeol", "yoon-suk-yeol"), ("Kim Geon", "kim-gun")]
)
def test_the_variants_the_issue_names_find_the_person_first(
    client: TestClient, q: str, expected: str
) -> None:
    assert hit_keys(client, q)[0] == ("actor", expected)


@pytest.mark.parametrize(("q", "person"), UNSEEN_VARIANTS)
def test_a_seeded_spelling_outranks_a_romanisation_key_match(
    client: TestClient, q: str, person: str
) -> None:
    unseen = next(h for h in hits(client, q) if h["type"] == "actor")
    seeded = next(h for form, who in _spellings() if who == person for h in hits(client, form)[:1])
    assert unseen["score"] < seeded["score"]
    assert unseen["field"] == "name"
    assert unseen["snippet"] == f"<mark>{unseen['matched']}</mark>"
