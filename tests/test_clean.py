"""Cleaning plain text: each kind of clutter goes, with its reason; body paragraphs all stay."""
import pytest

from newsbrief.clean import clean_all, clean_text
from newsbrief.model import RawDocument

BODY = [
    "Rescue teams reached the flooded village of Sibinj on Sunday after the river broke through a levee, "
    "the regional civil protection office said.",
    '"We have never seen the water rise this fast," said Ana Kovač, who has farmed near the river for 30 years.',
    "About 1,500 people were moved to schools and sports halls in Slavonski Brod overnight, officials said.",
    "The army sent two helicopters and a pontoon unit to help with the evacuation, the defence ministry said.",
]

PAGE = "\n".join([
    "River breaks through levee near Slavonski Brod",
    "",
    "3 min read",
    "Published: 16 March 2025 11:42 | Last Updated: 16 March 2025 12:05",
    "Volunteers fill sandbags on the embankment. Photo: AW/Marko Horvat",
    "Share on Facebook Twitter WhatsApp Email",
    "",
    BODY[0],
    "",
    BODY[1],
    "",
    "Evacuation centres",
    "",
    BODY[2],
    "",
    BODY[3],
    "",
    "Related Links",
    "",
    "Split (AW) March 12, 2025",
    "",
    "Ferry operators said they would add sailings to the islands this summer ... read more",
    "",
    "Disclaimer: The views expressed in comments are those of their authors alone and do not reflect those of Example Herald.",
    "flipboard facebook twitter whatsapp",
    "go to top",
])


@pytest.fixture(scope="module")
def cleaned():
    return clean_text(PAGE)


def reasons(cleaned):
    return {r.text: r.reason for r in cleaned.removed}


def test_every_body_paragraph_stays_in_order(cleaned):
    assert cleaned.text.split("\n\n") == BODY


@pytest.mark.parametrize("line, reason", [
    ("River breaks through levee near Slavonski Brod", "title"),
    ("3 min read", "reading time"),
    ("Published: 16 March 2025 11:42 | Last Updated: 16 March 2025 12:05", "date line"),
    ("Volunteers fill sandbags on the embankment. Photo: AW/Marko Horvat", "photo caption"),
    ("Share on Facebook Twitter WhatsApp Email", "share bar"),
    ("Evacuation centres", "subheading"),
    ("Related Links", "related links"),
    ("Split (AW) March 12, 2025", "appended teaser"),
    ("Ferry operators said they would add sailings to the islands this summer ... read more", "appended teaser"),
    ("flipboard facebook twitter whatsapp", "share bar"),
    ("go to top", "navigation"),
])
def test_clutter_is_removed_with_its_reason(cleaned, line, reason):
    assert reasons(cleaned)[line] == reason


def test_disclaimer_and_the_outlet_it_names(cleaned):
    assert [r.reason for r in cleaned.removed if r.text.startswith("Disclaimer")] == ["disclaimer"]
    assert cleaned.outlet == "Example Herald"


def test_metadata(cleaned):
    assert cleaned.title == "River breaks through levee near Slavonski Brod"
    assert cleaned.published == "2025-03-16T11:42"


def test_removals_know_where_they_stood(cleaned):
    by_text = {r.text: r.at for r in cleaned.removed}
    assert by_text["3 min read"] == 0
    assert by_text["Evacuation centres"] == cleaned.text.index(BODY[2])
    assert by_text["go to top"] == len(cleaned.text)


def test_byline_with_agency_and_time_zone():
    c = clean_text("Levee holds\n\nBy AFP/Jana NOVAK\u00a0\u00a0November 17, 2017 | 05:57 pm PT\n\n" + BODY[0])
    assert c.byline == "Jana Novak" and c.agency == "AFP"
    assert c.published == "2017-11-17T17:57-08:00"     # PT in November is PST


def test_dateline_line_gives_place_agency_and_date():
    c = clean_text("Levee holds\n\nBy Ivana Petrović\n\nSlavonski Brod (AW) March 16, 2025\n\n" + "\n\n".join(BODY))
    assert (c.dateline.place, c.dateline.agency, c.dateline.date) == ("Slavonski Brod", "AW", "2025-03-16")
    assert c.published == "2025-03-16" and c.byline == "Ivana Petrović"
    assert c.text.split("\n\n") == BODY


@pytest.mark.parametrize("lead, place, agency, date", [
    ("HABBANIYAH: ", "Habbaniyah", None, None),
    ("ZAGREB, March 19 (ZEP) - ", "Zagreb", "ZEP", "2025-03-19"),
    ("BEIRUT (Reuters) - ", "Beirut", "Reuters", None),
    ("CROW AGENCY, Mont. _ ", "Crow Agency", None, None),
])
def test_inline_dateline_is_taken_off_the_first_paragraph(lead, place, agency, date):
    c = clean_text("Title here\n\n18 March 2025\n\n" + lead + BODY[0] + "\n\n" + BODY[1])
    assert c.text.startswith(BODY[0])
    assert (c.dateline.place, c.dateline.agency, c.dateline.date) == (place, agency, date)
    assert c.removed[-1].reason == "dateline" and c.removed[-1].text == lead.strip()


def test_title_glued_to_a_date_label():
    c = clean_text(" date 2017-11-11 Town retaken in fierce fightback\n\n" + BODY[0] + "\n\n" + BODY[1])
    assert c.title == "Town retaken in fierce fightback" and c.published == "2017-11-11"


def test_standfirst_repeated_as_the_lead_is_removed_once():
    c = clean_text("Title\n\n" + BODY[0] + "\n\n11 November, 2017\n\n" + "\n\n".join(BODY))
    assert c.text.split("\n\n") == BODY
    assert [r.reason for r in c.removed if r.text == BODY[0]] == ["repeated in the article"]


def test_a_teaser_marker_in_the_middle_of_a_long_article_does_not_cut_it():
    later = [f"{p} ({n})" for n in range(3) for p in BODY[2:]]
    c = clean_text("Title\n\n" + "\n\n".join(BODY[:2]) + "\n\nRelated\n\n" + "\n\n".join(later))
    assert c.text.split("\n\n") == BODY[:2] + later


def test_hard_wrapped_paragraphs_are_joined():
    wrapped = ("Rescue teams reached the flooded village of Sibinj on Sunday after the river\n"
               "broke through a levee, the regional civil protection office said.\n\n" + BODY[1])
    c = clean_text(wrapped)
    assert c.text.split("\n\n") == [BODY[0], BODY[1]]


def test_short_lines_repeated_across_articles_are_boilerplate():
    raws = [RawDocument(source=f"{i}.txt", id=str(i), text=f"Title {i}\n\n{BODY[i]}\n\nSubscribe to the Morning Brief today\n\n{BODY[3]}")
            for i in range(3)]
    for article in clean_all(raws):
        assert "Subscribe" not in article.text
        assert ("Subscribe to the Morning Brief today", "repeated across articles") in [
            (r.text, r.reason) for r in article.removed]


def test_copyright_line_names_the_outlet():
    c = clean_text("Title\n\n" + "\n\n".join(BODY) + "\n\n© 2025 Pannonian Times. All rights reserved.")
    assert c.outlet == "Pannonian Times"
    assert c.removed[-1].reason == "copyright"


def test_a_short_last_sentence_with_trailing_markup_is_still_body():
    c = clean_text("\n\n".join(BODY) + "\n\nThat makes the problem harder than ever. &QL;")
    assert c.text.endswith("That makes the problem harder than ever. &QL;")


def test_a_shouted_kicker_is_not_a_dateline():
    c = clean_text("Title\n\nNEW: " + BODY[0] + "\n\n" + BODY[1])
    assert c.dateline is None and c.text.startswith("NEW: ")


def test_clean_all_reports_progress():
    raws = [RawDocument(source=f"{i}.txt", id=str(i), text=BODY[i]) for i in range(3)]
    calls = []
    clean_all(raws, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]
