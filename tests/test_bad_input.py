"""Nonsense in an address, a query or a form is never a 500, on any page of the portal.

``str.isdigit()`` takes "²", which ``int()`` refuses; ``int()`` takes "٣"; PostgreSQL refuses
a NUL in text and an integer past its range. A page that parses what it is sent by hand falls
over on one of these, and each new app could bring the mistake back (issue 23). So, for every
row of the permission matrix (``tests/test_permissions.py``), as a persona the row lets in (a
row nobody may open is asked as the first persona: its refusal must not be a 500 either):

- the page is asked once while ``request.GET`` and ``request.POST`` note every name read; then
  each name read is sent each bad value, all names at once, then one at a time if the page did
  not answer with itself or a redirect (a 400 for one name must not hide a 500 for another).
  Where the page offers a value with a number inside (``term=2025-autumn``), the bad value
  takes that number's place (``²-autumn``, ``0-autumn``);
- a form the page posts to itself, and every write (a POST row), is posted the same way, from
  the values the page's form holds; where the view walks every posted name
  (``attendance-<id>``), the id in such a name is swapped for each bad value too;
- each slug, token or id in the address is given each bad value its converter lets through
  to the view (a 404 is the right answer); the values it does not let through never reach a
  view, which ``test_it_refuses_what_no_address_can_carry`` checks once per converter.

The answer may be anything but a 500: a 400, a 404, the form with its errors, the page as if
the value had not been given. To keep the run short, what a view was sent already is not sent
again by the next row of the same view (another alliance, object or persona), and the
alliance's slug, which every app's pages take through the same decorators, is given bad values
once per app. Left out by design: the formset management fields (``-TOTAL_FORMS`` and the
like), which Django's formsets read and bound themselves (a huge count is 1,000 forms, seconds
to render each time).
"""

from __future__ import annotations

import logging
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
from django.core.signals import got_request_exception
from django.http import HttpResponse, QueryDict
from django.test import Client
from django.urls import resolve, reverse
from django.urls.converters import get_converters

from finance.models import Invoice
from programmes.models import Programme, Session
from tests.permission_table import LOGIN, PERSONAS, Page
from tests.test_permissions import ROWS

pytestmark = pytest.mark.django_db

BAD_VALUES = {
    "superscript two": "²",
    "Arabic-Indic three": "٣",
    "minus one": "-1",
    "zero": "0",
    "30 digits": "9" * 30,
    "NUL": "\x00",
    # Digits, so that a hand-made parse takes it for a number: int() refuses over 4,300 digits.
    "10 kB": "1" * 10_240,
}

# A name no view reads: with it the query (or form) is never empty, so that a view which binds
# its form only when something is sent (``request.GET or None``) reads every field.
PROBE = "bad_input_probe"
# The CSRF token is Django's to check (the test client does not ask it to), and its value is a
# random mix of letters and digits, not a number inside words.
NOT_THE_PAGE = {PROBE, "csrfmiddlewaretoken"}
MANAGEMENT_FORM = re.compile(r"-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS\Z")
REFUSED = (403, 404, 405, LOGIN)
ANSWERED = (200, 302)


@pytest.fixture
def client() -> Client:
    """The test client, answering an exception in a view with the 500 a visitor would get."""
    return Client(raise_request_exception=False)


@pytest.fixture(autouse=True)
def _quiet(monkeypatch):
    # Each refusal and each 500 would be logged with its address: up to 10 kB of it.
    monkeypatch.setattr(logging.getLogger("django.request"), "disabled", True)


# --- what a page reads, and what it offers ---------------------------------------------------


class _Reads:
    """The names read from each QueryDict (by its id) while one request is served, and which
    QueryDicts were walked through name by name."""

    def __init__(self) -> None:
        self.names: dict[int, set[str]] = defaultdict(set)
        self.walked: set[int] = set()

    def of(self, query: QueryDict) -> tuple[set[str], bool]:
        names = {n for n in self.names[id(query)] - NOT_THE_PAGE if not MANAGEMENT_FORM.search(n)}
        return names, id(query) in self.walked


def _noting_name(reads: _Reads, original):
    def by_name(self, key, *args, **kwargs):
        reads.names[id(self)].add(key)
        return original(self, key, *args, **kwargs)

    return by_name


def _noting_walk(reads: _Reads, original):
    def every_name(self, *args, **kwargs):
        reads.walked.add(id(self))
        return original(self, *args, **kwargs)

    return every_name


@contextmanager
def _reads_noted(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Reads]:
    """While a request is served, ``request.GET`` and ``request.POST`` note what is read."""
    reads = _Reads()
    with monkeypatch.context() as patch:
        for method in ("get", "getlist", "__getitem__", "__contains__", "pop"):
            patch.setattr(QueryDict, method, _noting_name(reads, getattr(QueryDict, method)))
        for method in ("items", "lists", "keys", "values", "__iter__", "dict", "copy"):
            patch.setattr(QueryDict, method, _noting_walk(reads, getattr(QueryDict, method)))
        yield reads


class _Page(HTMLParser):
    """What a page offers: its forms that post to itself, each field with the value a person
    would send (the one shown, the one chosen, or the first offered); and, for its queries, the
    values its GET forms and links give each name (``?term=2025-autumn``)."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.posted: dict[str, str] = {}
        self.offered: dict[str, set[str]] = defaultdict(set)
        self.form: str | None = None  # "post" in a form to this page, "get" in a GET form
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: value or "" for key, value in attrs}
        if tag == "a" and "?" in attr.get("href", ""):
            for name, value in parse_qsl(urlsplit(attr["href"]).query):
                self.offered[name].add(value)
        elif tag == "form":
            method = attr.get("method", "get").lower()
            to_self = urlsplit(attr.get("action") or self.path).path == self.path
            self.form = "get" if method == "get" else "post" if to_self else None
        elif self.form and tag == "option" and self.select:
            self._option(self.select, attr)
        elif self.form and tag in ("input", "select", "textarea") and attr.get("name"):
            self._field(tag, attr["name"], attr)

    def _field(self, tag: str, name: str, attr: dict[str, str]) -> None:
        kind = attr.get("type", "text").lower()
        if tag == "select":
            self.select = name
        elif self.form == "get":
            self.offered[name].add(attr.get("value", ""))
        elif kind in ("submit", "button", "image", "reset", "file"):
            return
        elif kind not in ("checkbox", "radio") or name not in self.posted or "checked" in attr:
            self.posted[name] = attr.get("value") or ("on" if kind == "checkbox" else "")

    def _option(self, name: str, attr: dict[str, str]) -> None:
        value = attr.get("value", "")
        if self.form == "get":
            self.offered[name].add(value)
        elif value and (name not in self.posted or "selected" in attr):
            self.posted[name] = value

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


def _with_numbers_swapped(value: str | None) -> dict[str, str] | None:
    """``2025-autumn`` with its number swapped for each bad value, if it has a number inside
    words (a value of digits alone is no different from the bad values themselves)."""
    numbers = list(re.finditer(r"[0-9]+", value or ""))
    if not numbers or re.fullmatch(r"[0-9]+", value):
        return None
    at = numbers[0]
    return {
        label: value[: at.start()] + bad + value[at.end() :] for label, bad in BAD_VALUES.items()
    }


# --- asking ----------------------------------------------------------------------------------


class _Answers:
    """Asks with the client, and keeps each 500 with the exception that made it."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.failures: list[str] = []
        self.error = ""

    def _note(self, sender, **kwargs) -> None:
        self.error = repr(sys.exc_info()[1])[:160]

    def ask(self, method: str, path: str, data: dict, what: str) -> HttpResponse:
        self.error = ""
        got_request_exception.connect(self._note)
        try:
            if method == "get":
                query = urlencode(data, doseq=True)
                response = self.client.get(f"{path}?{query}" if query else path)
            else:
                response = self.client.post(path, data)
        finally:
            got_request_exception.disconnect(self._note)
        if response.status_code >= 500:
            self.failures.append(f"{method.upper()} {what}: {response.status_code} {self.error}")
        return response

    def sweep(self, method: str, path: str, base: dict, names: set[str], samples: dict) -> None:
        """Each bad value in every name at once (in a value with a number inside, in place of
        that number), then, if that was not answered with the page or a redirect, in each name
        alone."""
        shaped = {n: swapped for n in names if (swapped := _with_numbers_swapped(samples.get(n)))}
        for label, value in BAD_VALUES.items():
            bad = {name: shaped[name][label] if name in shaped else value for name in names}
            response = self.ask(method, path, {**base, **bad}, f"{path} {_names(bad)}={label}")
            if len(bad) > 1 and response.status_code not in ANSWERED:
                for name in sorted(bad):
                    self.ask(method, path, {**base, name: bad[name]}, f"{path} {name}={label}")

    def renamed(self, path: str, base: dict[str, str]) -> None:
        """For a view that walks every posted name: the id in one name of each shape
        (``attendance-12``) swapped for each bad value, the field's value kept."""
        shapes = {re.sub(r"[0-9]+", "#", name): name for name in base if re.search(r"[0-9]", name)}
        for name in shapes.values():
            others = {key: value for key, value in base.items() if key != name}
            for label, bad_name in (_with_numbers_swapped(name) or {}).items():
                data = {**others, bad_name: base[name]}
                self.ask("post", path, data, f"{path} {name} named with {label}")


def _sample(values: set[str]) -> str:
    """The value offered that has a number inside words, if one has."""
    return next((v for v in sorted(values) if _with_numbers_swapped(v)), "")


def _names(bad: dict) -> str:
    return sorted(bad)[0] if len(bad) == 1 else str(sorted(bad))


def _persona_for(row: Page) -> str:
    """Someone the row lets in (for a write: someone whose POST is not refused), else the
    first persona, whose refusal is what is asked."""
    if row.method == "post":
        admitted = [p for p in PERSONAS if row.status_for(p) not in REFUSED]
    else:
        admitted = [p for p in PERSONAS if row.status_for(p) == 200]
    return (admitted or PERSONAS)[0]


def _converters(url_name: str, kwargs: dict) -> dict[str, object]:
    """Each keyword in the address with its path converter (slug, token, int)."""
    route = resolve(reverse(url_name, kwargs=kwargs)).route
    known = get_converters()
    return {name: known[kind or "str"] for kind, name in re.findall(r"<(?:(\w+):)?(\w+)>", route)}


# What each view was sent already in this run (see the module's docstring).
_ASKED: set[tuple[str, str, frozenset[str]]] = set()


def _asked_before(path: str, how: str, names: set[str]) -> bool:
    match = resolve(path)
    view = f"{match.func.__module__}.{match.func.__qualname__}"
    by_app = how == "path" and names == {"alliance_slug"}
    key = (match.namespace if by_app else view, how, frozenset(names))
    asked = key in _ASKED
    _ASKED.add(key)
    return asked


def _carried(converter, value: str) -> bool:
    """Whether an address can carry ``value`` through ``converter`` to a view."""
    if not re.fullmatch(converter.regex, value):
        return False
    try:
        converter.to_python(value)
    except ValueError:
        return False
    return True


def _cases():
    for row in ROWS:
        kwargs = row.kwargs if isinstance(row.kwargs, dict) else ""
        method = "-post" if row.method == "post" else ""
        yield pytest.param(row, id=f"{row.url_name}{kwargs}{method}")


@pytest.mark.parametrize("row", list(_cases()))
def test_it_never_answers_bad_input_with_a_500(row: Page, demo, login, monkeypatch):
    persona = _persona_for(row)
    answers = _Answers(login(persona))
    kwargs = row.kwargs(demo) if callable(row.kwargs) else row.kwargs
    path = reverse(row.url_name, kwargs=kwargs)
    query = dict(parse_qsl(row.query.lstrip("?")))
    page = _Page(path)
    if row.method == "get":
        with _reads_noted(monkeypatch) as reads:
            response = answers.ask("get", path, {**query, PROBE: "1"}, path)
        read, walked = reads.of(response.wsgi_request.GET)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            page.feed(response.content.decode())
        if walked:
            read |= set(page.offered)
        samples = {name: _sample(values) for name, values in page.offered.items()}
        if read and not _asked_before(path, "get", read):
            answers.sweep("get", path, query, read, samples)
    if row.method == "post" or page.posted:
        url = f"{path}?{urlencode(query)}" if query else path
        with _reads_noted(monkeypatch) as reads:
            response = answers.ask("post", url, {**page.posted, PROBE: "1"}, url)
        read, walked = reads.of(response.wsgi_request.POST)
        if read and not _asked_before(path, "post", read):
            answers.sweep("post", url, page.posted, read, page.posted)
        if walked:
            answers.renamed(url, page.posted)
    for name, converter in _converters(row.url_name, kwargs).items():
        if _asked_before(path, "path", {name}):
            continue
        marker = "918273645" if re.fullmatch(converter.regex, "918273645") else "zq-marker-zq"
        url = reverse(row.url_name, kwargs={**kwargs, name: marker})
        for label, value in BAD_VALUES.items():
            if _carried(converter, value):
                bad = url.replace(marker, quote(value, safe=""), 1)
                answers.ask("get", bad, {}, f"{url} with {name}={label}")
    if answers.failures:
        pytest.fail(f"as {persona}:\n" + "\n".join(answers.failures), pytrace=False)


@pytest.mark.parametrize(
    ("url_name", "kwargs", "name"),
    [
        ("programmes:booking-list", {"alliance_slug": "southwark"}, "alliance_slug"),
        ("invitation-accept", {"token": "zq-marker-zq"}, "token"),
        ("headship-confirm", {"pk": 918273645}, "pk"),
    ],
)
def test_it_refuses_what_no_address_can_carry(url_name, kwargs, name, demo, client):
    """A bad value that a slug, token or id cannot hold is a 404 before any view: the URL
    resolver's, the same for every page, so asked here once for each kind of converter."""
    converter = _converters(url_name, kwargs)[name]
    url = reverse(url_name, kwargs=kwargs)
    refused = [value for value in BAD_VALUES.values() if not _carried(converter, value)]
    assert refused
    for value in refused:
        response = client.get(url.replace(str(kwargs[name]), quote(value, safe=""), 1))
        assert response.status_code == 404, (url, value[:40])


# --- the addresses issue 23 names ------------------------------------------------------------


def _programme_pk() -> int:
    return Programme.objects.get(title="Phonics for new teachers").pk


def _session_pk() -> int:
    session = Session.objects.filter(
        programme__title="Phonics for new teachers", bookings__isnull=False
    )
    return session.order_by("starts_at").first().pk


@pytest.mark.parametrize(
    ("persona", "url", "status"),
    [
        ("anonymous", "/southwark/research/?strand=²", 200),
        ("anonymous", "/southwark/meetings/reply/%00/", 404),
        ("anonymous", "/invitations/%00/", 404),
        ("head", "/southwark/cpd/bookings/?programme=²", 200),
        ("director", "/southwark/finance/income/?year=²", 200),
        ("director", "/southwark/finance/export.csv?year=²", 200),
        ("director", "/southwark/itt/?year=²", 200),
        ("director", "/southwark/itt/training/trainees/?year=²", 200),
        ("director", "/southwark/itt/training/outcomes/?year=²", 200),
        ("director", "/southwark/itt/applicants/?year=²&partnership=²", 200),
        ("finance", "/southwark/finance/prepare/?term=²-autumn", 200),
        ("finance", "/southwark/finance/prepare/?term=0-autumn", 200),
        ("finance", f"/southwark/finance/prepare/?term={'9' * 20}-autumn", 200),
    ],
)
def test_it_answers_what_the_issue_names_as_if_not_given(persona, url, status, login):
    assert login(persona).get(url).status_code == status


def test_it_bills_no_term_but_the_one_asked_for(login):
    invoices = Invoice.objects.count()
    response = login("finance").post(
        "/southwark/finance/prepare/", {"term": "²-autumn"}, follow=True
    )
    assert response.redirect_chain == [("/southwark/finance/prepare/", 302)]
    assert "Choose a term from the list." in response.content.decode()
    assert Invoice.objects.count() == invoices


def test_it_answers_a_delegate_not_a_number_next_to_the_field(login):
    url = f"/southwark/cpd/{_programme_pk()}/book/check/"
    response = login("head").post(url, {"delegates": "²"})
    assert response.status_code == 200
    assert response.context["form"].errors["delegates"]


def test_it_passes_over_a_register_mark_with_no_booking_in_its_name(login):
    response = login("director").post(
        f"/southwark/cpd/sessions/{_session_pk()}/register/", {"attendance-²": "attended"}
    )
    assert response.status_code == 302
