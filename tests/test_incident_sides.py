"""ACLED's actor model (issue 8, pattern 9): who acts (actor1) on whom (actor2), associates, inter codes,
interaction and civilian targeting; Arabic and English names map to one ACLED name."""
from datetime import date

import pytest

from map_app.geoparse.incidents import extract_incidents
from map_app.geoparse.incidents.acled import interaction, state_forces
from map_app.geoparse.incidents.actors import find_actors
from map_app.geoparse.incidents.roles import assign_sides
from map_app.geoparse.incidents.taxonomy import find_cues
from tests.incident_docs import build_document
from tests.incident_places import HAJIN, HAWIJA, KANI_MASI, MANBIJ, PALMYRA, SARAQIB

PUB = date(2024, 6, 10)


def sides(text, event_type="Battles", sub="Armed clash", country="SY", when=PUB):
    cue = find_cues(text)[0]
    found = assign_sides(text, find_actors(text), event_type, sub, country, when, cue.start)
    return found.actor1, found.actor2


@pytest.mark.parametrize("text,expected", [
    # The attacker first, the target after a target word.
    ("Turkish drones struck PKK positions near Sinjar.", ("Military Forces of Turkey (2016-)",
                                                          "PKK: Kurdistan Workers Party")),
    ("قصفت القوات التركية مواقع لقسد في ريف الحسكة.", ("Military Forces of Turkey (2016-)",
                                                       "SDF: Syrian Democratic Forces")),
    # The victims named first in a passive report.
    ("Five SDF fighters were killed in a Turkish drone strike.", ("Military Forces of Turkey (2016-)",
                                                                  "SDF: Syrian Democratic Forces")),
    ("مقتل 3 عناصر من قسد بقصف تركي.", ("Military Forces of Turkey (2016-)", "SDF: Syrian Democratic Forces")),
    ("Five SDF fighters were killed by Turkish drones.", ("Military Forces of Turkey (2016-)",
                                                         "SDF: Syrian Democratic Forces")),
    # Only a target: the attacker is unidentified, never the target itself.
    ("An SDF checkpoint came under attack.", ("Unidentified Armed Group (Syria)", "SDF: Syrian Democratic Forces")),
    # "clashed with X", "between X and Y".
    ("قالت مصادر إن عناصر من لواء القدس اشتبكوا مع خلايا لتنظيم داعش.", ("Liwa al Quds", "Islamic State (Syria)")),
    ("اندلعت اشتباكات بين قوات سوريا الديمقراطية وفصائل الجيش الوطني السوري.",
     ("SDF: Syrian Democratic Forces", "Syrian National Army")),
    # "X repelled a Y attack": Y attacked.
    ("The Syrian Democratic Forces repelled an Islamic State attack near Hajin.",
     ("Islamic State (Syria)", "SDF: Syrian Democratic Forces")),
    # "sites used by militias" names the target, not an agent.
    ("The US military carried out airstrikes on two sites used by Iran-backed militias.",
     ("Military Forces of the United States (2021-2025)", "Iran-backed Militias (Syria)")),
    # A speaker named after the event is not a side.
    ("Hezbollah fired rockets at Kiryat Shmona, the Israeli military said.", ("Hezbollah", None)),
])
def test_actor1_acts_and_actor2_is_hit(text, expected):
    assert sides(text) == expected


def test_associated_actors_and_the_leader_of_a_coalition():
    text = "Opposition factions led by Hayat Tahrir al-Sham captured two towns from government forces."
    found = assign_sides(text, find_actors(text), "Battles", "Non-state actor overtakes territory", "SY", PUB)
    assert (found.actor1, found.assoc_actor_1) == ("Hayat Tahrir al Sham", ["Syrian National Army"])
    assert found.actor2 == "Military Forces of Syria (2000-2024)"
    text = "The Syrian army and Hezbollah captured the hills."
    found = assign_sides(text, find_actors(text), "Battles", "Government regains territory", "SY", PUB)
    assert (found.actor1, found.assoc_actor_1) == ("Military Forces of Syria (2000-2024)", ["Hezbollah"])


def test_state_forces_are_named_for_the_government_of_the_day_and_abroad_are_external():
    assert state_forces("SY", date(2024, 12, 1)) == "Military Forces of Syria (2000-2024)"
    assert state_forces("SY", date(2025, 1, 20)) == "Military Forces of Syria (2024-)"
    assert state_forces("IQ", date(2024, 1, 1), "Police") == "Police Forces of Iraq (2022-)"
    text = "قصفت القوات التركية مواقع لقسد."
    in_syria = assign_sides(text, find_actors(text), "Explosions/Remote violence", "", "SY", PUB)
    in_turkey = assign_sides(text, find_actors(text), "Explosions/Remote violence", "", "TR", PUB)
    assert (in_syria.inter1, in_syria.inter2, in_syria.interaction) == (8, 2, 28)
    assert in_turkey.inter1 == 1
    assert interaction(2, None) == 20 and interaction(7, 3) == 37 and interaction(None, None) is None


def test_incidents_carry_the_actor_model():
    [inc] = extract_incidents(build_document(
        "Turkish drones struck a house in Kani Masi on Sunday, killing two members of the PKK.",
        [("Kani Masi", KANI_MASI)], PUB))
    assert (inc.actor1, inc.actor2, inc.inter1, inc.inter2, inc.interaction) == (
        "Military Forces of Turkey (2016-)", "PKK: Kurdistan Workers Party", 8, 2, 28)
    assert inc.disorder_type == "Political violence" and inc.civilian_targeting is False
    assert inc.actors == ["Turkish forces", "PKK"]  # the short names analysts filter by


def test_arabic_and_english_names_map_to_one_acled_name():
    en = extract_incidents(build_document("ISIS militants attacked an SDF checkpoint near Hajin on Sunday.",
                                          [("Hajin", HAJIN)], PUB))
    ar = extract_incidents(build_document("هاجم عناصر من تنظيم داعش حاجزاً لقوات سوريا الديمقراطية قرب هجين الأحد.",
                                          [("هجين", HAJIN)], PUB))
    assert [(i.actor1, i.actor2) for i in en] == [(i.actor1, i.actor2) for i in ar] == [
        ("Islamic State (Syria)", "SDF: Syrian Democratic Forces")]


def test_a_third_actor_is_kept_as_an_associate():
    text = ("Syrian government forces and allied militias attacked HTS positions near Saraqib on Sunday, "
            "backed by Russian warplanes.")
    [inc] = extract_incidents(build_document(text, [("Saraqib", SARAQIB)], PUB))
    assert inc.actor1 == "Military Forces of Syria (2000-2024)" and inc.actor2 == "Hayat Tahrir al Sham"
    assert "Military Forces of Russia (2000-)" in inc.assoc_actor_1


def test_civilian_victims_make_civilian_targeting():
    [inc] = extract_incidents(build_document(
        "Russian jets struck a poultry farm in Manbij on Sunday, killing three civilians.", [("Manbij", MANBIJ)], PUB))
    # Russian forces in Syria are external forces (8) for ACLED.
    assert inc.actor2 == "Civilians (Syria)" and inc.civilian_targeting is True and inc.interaction == 78


def test_arrested_members_are_the_target_of_arrests():
    [inc] = extract_incidents(build_document(
        "Iraqi counter-terrorism forces arrested five suspected Islamic State members in a raid in Hawija on Sunday.",
        [("Hawija", HAWIJA)], PUB))
    assert (inc.sub_event_type, inc.actor1, inc.actor2) == (
        "Arrests", "Military Forces of Iraq (2022-)", "Islamic State (Iraq)")
    assert inc.disorder_type == "Strategic developments"


def test_militias_fighting_each_other_are_both_named():
    [inc] = extract_incidents(build_document(
        "عناصر من لواء القدس اشتبكوا مع خلايا لتنظيم داعش في بادية تدمر أمس.", [("تدمر", PALMYRA)], PUB))
    assert (inc.inter1, inc.inter2, inc.interaction) == (3, 2, 23)
