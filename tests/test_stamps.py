"""Publication stamps in the forms news sites print them."""
import pytest

from newsbrief.clean.stamps import normalise_published, parse_stamp


@pytest.mark.parametrize("text, value", [
    ("11 November, 2017", "2017-11-11"),
    ("Nov 11, 2017", "2017-11-11"),
    ("Beirut (AFP) Nov. 8, 2017", "2017-11-08"),
    ("27th October 2017 01:13 AM", "2017-10-27T01:13"),
    ("November 17, 2017 | 05:57 pm PT", "2017-11-17T17:57-08:00"),
    ("July 17, 2017 | 05:57 pm PT", "2017-07-17T17:57-07:00"),
    ("Saturday, March 15, 2025 at 9:05 a.m. EDT", "2025-03-15T09:05-04:00"),
    ("2025-03-16 11:42 GMT+1", "2025-03-16T11:42+01:00"),
    ("Updated 18 March 2025, 12:00 IST", "2025-03-18T12:00+05:30"),
    ("16.03.2025", "2025-03-16"),
])
def test_stamp_forms(text, value):
    assert parse_stamp(text).value == value


def test_no_date_no_stamp():
    assert parse_stamp("Share on Facebook") is None
    assert parse_stamp("31 February 2025") is None


@pytest.mark.parametrize("given, value", [
    ("2025-03-16T08:30:00+01:00", "2025-03-16T08:30+01:00"),
    ("2025-03-16", "2025-03-16"),
    ("2025-03-16T08:30:15Z", "2025-03-16T08:30:15+00:00"),
    ("March 16, 2025", "2025-03-16"),
    ("yesterday-ish", None),
])
def test_metadata_dates(given, value):
    assert normalise_published(given) == value
