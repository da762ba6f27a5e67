"""The places map in the HTML brief: crop, projection, markers, labels, escaping, and its section."""
import re

import pytest

from newsbrief.model import Article, Brief, Citation, Cited, Place, TimelineEntry
from newsbrief.render.html import to_html
from newsbrief.render.map import MAX_LABELS, MIN_EXTENT, RADIUS, WIDTH, basemap, crop, land, place_map, radius

TEXT = "Troops retook Rawa. Fighting went on near Albu Kamal. Officials in Baghdad and Damascus spoke."
IRAQ_SYRIA = {"Rawa": (34.47, 41.91), "Albu Kamal": (34.45, 40.92), "Deir Ezzor": (35.34, 40.14),
              "Baghdad": (33.34, 44.40), "Damascus": (33.51, 36.29)}


def cite(word: str, article: str = "a1") -> Citation:
    start = TEXT.index(word) if word in TEXT else 0
    return Citation(article, start, start + len(word))


def place(name: str, lat: float, lon: float, mentions: int = 1) -> Place:
    return Place(name=name, lat=lat, lon=lon, country="IQ",
                 mentions=[cite(name, f"a{i % 2 + 1}") for i in range(mentions)])


def brief_with(places: list[Place], timeline: bool = False) -> Brief:
    articles = [Article(id=f"a{i}", source=f"a{i}.txt", title=f"Report {i}", text=TEXT) for i in (1, 2)]
    entries = [TimelineEntry(date="2017-11-17", text="Troops retook Rawa.", citations=[cite("Rawa")])] \
        if timeline else []
    return Brief(headline=Cited(text="Troops retook Rawa.", citations=[cite("Rawa")]), articles=articles,
                 timeline=entries, places=places)


def iraq_syria() -> list[Place]:
    counts = {"Rawa": 6, "Albu Kamal": 3}
    return [place(name, lat, lon, counts.get(name, 1)) for name, (lat, lon) in IRAQ_SYRIA.items()]


def by_name(places_map):
    return {m.place.name: m for m in places_map.markers}


def test_projection_puts_places_on_their_sides():
    m = by_name(place_map(iraq_syria()))
    assert m["Baghdad"].x > m["Rawa"].x > m["Albu Kamal"].x > m["Damascus"].x    # east is right
    assert m["Deir Ezzor"].y < m["Rawa"].y < m["Baghdad"].y                      # north is up


def test_longitudes_are_shortened_by_the_cosine_of_the_latitude():
    view = crop([(0.0, 60.0)])                     # at 60 degrees north a degree of longitude is half as long
    x0, y0 = view.xy(0.0, 60.0)
    x1, _ = view.xy(1.0, 60.0)
    _, y1 = view.xy(0.0, 61.0)
    assert (x1 - x0) / (y0 - y1) == pytest.approx(0.5, abs=0.01)


@pytest.mark.parametrize("coords", [
    list(IRAQ_SYRIA.values()),
    [(33.34, 44.40), (-34.60, -58.38), (35.68, 139.69)],          # Baghdad, Buenos Aires, Tokyo: the world
    [(64.15, -21.94), (-41.29, 174.78)],                          # Reykjavik and Wellington
    [(-18.14, 178.44), (-13.83, -171.76)],                        # Suva and Apia, across the antimeridian
])
def test_the_crop_holds_every_place(coords):
    result = place_map([place(f"p{i}", lat, lon) for i, (lat, lon) in enumerate(coords)])
    for m in result.markers:
        assert 0 < m.x < result.width and 0 < m.y < result.height


def test_a_single_place_shows_its_surroundings():
    view = crop([(41.91, 34.47)])
    assert view.north - view.south >= MIN_EXTENT and (view.east - view.west) * view.k >= MIN_EXTENT
    assert view.south < 34.47 < view.north and view.west < 41.91 < view.east


def test_places_across_the_globe_get_the_world_view():
    view = crop([(44.40, 33.34), (-58.38, -34.60), (139.69, 35.68)])
    assert (view.west, view.east) == (-180, 180)


def test_places_across_the_antimeridian_are_neighbours_with_land_between():
    view = crop([(178.44, -18.14), (-171.76, -13.83)])            # Suva and Apia
    assert view.west < 178.44 and view.unwrap(-171.76) < view.east and view.east - view.west < 30
    result = place_map([place("Suva", -18.14, 178.44), place("Apia", -13.83, -171.76)])
    assert {"Fiji", "Samoa"} <= {piece["name"] for piece in land(view)[1]}
    m = by_name(result)
    assert m["Suva"].x < m["Apia"].x


def test_marker_area_grows_with_mentions_within_bounds():
    assert radius(1) == RADIUS[0]
    assert radius(4) == pytest.approx(2 * radius(1))               # four times the mentions, four times the area
    assert radius(1) < radius(3) < radius(9)
    assert radius(10_000) == RADIUS[1]
    m = by_name(place_map(iraq_syria()))
    assert m["Rawa"].r > m["Albu Kamal"].r > m["Baghdad"].r


def test_land_is_culled_and_clipped_to_the_view():
    result = place_map(iraq_syria())
    assert 3 <= len(result.land) < len(basemap()["countries"]) / 5
    coords = [float(v) for d in result.land for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
    assert min(coords) > -10 and max(coords) < WIDTH + 10
    assert {"Syria", "Iraq"} <= {c["name"] for c in result.countries}


def test_labels_are_few_and_the_most_mentioned_first():
    many = [place(f"Town {i}", 30 + i % 5, 40 + i // 5, mentions=1) for i in range(25)]
    many.append(place("Capital", 32.5, 42.5, mentions=9))
    result = place_map(many)
    labelled = [m for m in result.markers if m.label]
    assert 0 < len(labelled) <= MAX_LABELS
    assert result.markers[0].place.name == "Capital" and result.markers[0].label


def test_no_places_no_section():
    assert place_map([]) is None
    html = to_html(brief_with([]))
    assert 'id="h-places"' not in html and "<svg" not in html


def test_the_page_has_the_map_and_each_places_citations_after_the_timeline():
    b = brief_with(iraq_syria(), timeline=True)
    html = to_html(b)
    assert html.index('id="h-timeline"') < html.index('id="h-places"') < html.index('id="h-sources"')
    section = html[html.index('id="h-places"'):html.index('id="h-sources"')]
    assert section.count("<svg") == 1 and section.count("<path d=") >= 3
    assert section.count('class="marker"') == len(b.places)
    for i in range(1, len(b.places) + 1):                         # each marker links to its list entry
        assert f'href="#place-{i}"' in section and f'<li id="place-{i}">' in section
    # one citation per article that mentions the place
    assert section.count('class="cite"') == sum(len({c.article for c in p.mentions}) for p in b.places)
    rawa = cite("Rawa")
    assert f'data-article="a1" data-start="{rawa.start}" data-end="{rawa.end}"' in section
    assert "<title>Rawa (IQ): 6 mentions</title>" in section


def test_place_names_are_escaped():
    evil = "<script>alert(1)</script>"
    html = to_html(brief_with([place(evil, 33.3, 44.4, 2), place('"><img src=x>', 34.0, 42.0)]))
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert html.count("<script") == 2                              # the data and the inline script only
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_place_that_cannot_be_drawn_is_still_listed():
    result = place_map([place("Nowhere", float("nan"), 0.0), place("Rawa", 34.47, 41.91)])
    assert [m.place.name for m in result.drawn] == ["Rawa"]
    assert len(result.markers) == 2
