"""The catalogue's filters. They combine; each narrows the list of upcoming programmes."""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from alliance.models import Alliance, validate_served_date
from members.models import Phase
from programmes.models import Audience, Programme, ProgrammeKind, Session, SessionStatus
from programmes.search import search_programmes
from strands.models import StrandKind

CHOICES_SECONDS = 60


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# The three school terms by calendar month (first month, last month, name); the holidays
# between them move from year to year and hold few sessions.
TERMS = [(9, 12, "Autumn"), (1, 3, "Spring"), (4, 7, "Summer")]
TERM_YEARS = 2  # this academic year's terms still to come, then next year's


def _term_dates(code: str) -> tuple[datetime.date, datetime.date]:
    """``2027-spring`` as its first and last day."""
    year, name = code.split("-")
    first, last, _ = next(term for term in TERMS if term[2].lower() == name)
    end = datetime.date(int(year) + (last == 12), last % 12 + 1, 1) - datetime.timedelta(1)
    return datetime.date(int(year), first, 1), end


def term_choices(today: datetime.date | None = None) -> list[tuple[str, str]]:
    """The terms someone may look for CPD in: the current one and the rest of the next year."""
    today = today or timezone.localdate()
    start_year = today.year if today.month >= 9 else today.year - 1
    choices = []
    for academic_year in range(start_year, start_year + TERM_YEARS):
        for first, last, name in TERMS:
            year = academic_year + (first < 9)
            code = f"{year}-{name.lower()}"
            if _term_dates(code)[1] >= today:
                months = f"{datetime.date(2000, first, 1):%b}–{datetime.date(2000, last, 1):%b}"
                choices.append((code, f"{name} term {year} ({months})"))
    return choices


class CatalogueFilterForm(forms.Form):
    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            message = "“From” must be on or before “To”."
            self.add_error("date_from", message)
            self.add_error("date_to", message)
        return data


class CatalogueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label="Search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "e.g. phonics"}),
    )
    strand = django_filters.ChoiceFilter(
        field_name="strand__kind",
        choices=StrandKind.choices,
        empty_label="All strands",
        label="Strand",
    )
    audience = django_filters.ChoiceFilter(
        method="filter_audience",
        choices=lambda: _cached_choices("audiences", Audience.objects.values_list("code", "name")),
        empty_label="Everyone",
        label="For",
    )
    phase = django_filters.ChoiceFilter(
        method="filter_phase",
        choices=lambda: _cached_choices("phases", Phase.objects.values_list("code", "name")),
        empty_label="All phases",
        label="Phase",
    )
    kind = django_filters.ChoiceFilter(
        choices=ProgrammeKind.choices, empty_label="All kinds", label="Kind"
    )
    term = django_filters.ChoiceFilter(
        method="filter_dates", choices=term_choices, empty_label="Any term", label="Term"
    )
    date_from = django_filters.DateFilter(
        method="filter_dates",
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_served_date],
    )
    date_to = django_filters.DateFilter(
        method="filter_dates",
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_served_date],
    )
    places = django_filters.BooleanFilter(
        method="filter_places", label="Only with places left", widget=forms.CheckboxInput
    )

    class Meta:
        model = Programme
        fields: list[str] = []
        form = CatalogueFilterForm

    # The code's id is looked up here, not joined in the query: PostgreSQL then checks each
    # candidate programme against the (programme, audience) index instead of hashing every
    # programme for that audience first.
    def filter_audience(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        ids = dict(_cached_choices("audience-ids", Audience.objects.values_list("code", "id")))
        through = Programme.audiences.through.objects.filter(
            programme=OuterRef("pk"), audience_id=ids.get(value)
        )
        return queryset.filter(Exists(through))

    def filter_phase(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        ids = dict(_cached_choices("phase-ids", Phase.objects.values_list("code", "id")))
        through = Programme.phases.through.objects.filter(
            programme=OuterRef("pk"), phase_id=ids.get(value)
        )
        return queryset.filter(Exists(through))

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search_programmes(queryset, value)

    def filter_dates(self, queryset: QuerySet, name: str, value) -> QuerySet:
        # Both ends are applied together (once), on any scheduled session in the range.
        return queryset

    def filter_places(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        if not value:
            return queryset
        now = timezone.now()
        bookable = Session.objects.filter(
            programme=OuterRef("pk"),
            status=SessionStatus.SCHEDULED,
            booking_deadline__gt=now,
            places_taken__lt=F("capacity"),
        )
        return queryset.filter(Exists(bookable))

    def session_dates(self) -> tuple[datetime.date | None, datetime.date | None]:
        """The first and last day asked for: the term's, narrowed by "From" and "To"."""
        if not self.is_bound:
            return None, None
        self.form.is_valid()  # cleans the form; a field in error is left out of cleaned_data
        data = self.form.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if term := data.get("term"):
            first, last = _term_dates(term)
            start, end = max(start or first, first), min(end or last, last)
        return start, end

    def matching_sessions(self) -> QuerySet[Session] | None:
        """Scheduled sessions still to come in the dates asked for; ``None`` when none were."""
        start, end = self.session_dates()
        if not (start or end):
            return None
        sessions = Session.objects.filter(
            status=SessionStatus.SCHEDULED, starts_at__gt=timezone.now()
        )
        if start:
            sessions = sessions.filter(starts_at__gte=_day_start(start))
        if end:
            sessions = sessions.filter(starts_at__lt=_day_start(end + datetime.timedelta(1)))
        return sessions.order_by("starts_at", "pk")

    @property
    def is_filtering(self) -> bool:
        """Whether any filter was asked for (a page number alone is not one)."""
        return any(self.data.get(name) for name in self.filters)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        sessions = self.matching_sessions()
        if sessions is not None:
            queryset = queryset.filter(Exists(sessions.filter(programme=OuterRef("pk"))))
        return queryset


class CombinedCatalogueFilter(CatalogueFilter):
    alliance = django_filters.ChoiceFilter(
        field_name="alliance__slug",
        choices=lambda: _cached_choices(
            "alliances", Alliance.objects.order_by("name").values_list("slug", "name")
        ),
        empty_label="All alliances",
        label="Alliance",
    )


class PartnershipCatalogueFilter(CatalogueFilter):
    """A partnership's one catalogue: its providers' programmes, or one provider's if asked."""

    alliance = django_filters.ChoiceFilter(
        field_name="alliance__slug", empty_label="All providers", label="Provider"
    )

    def __init__(self, *args, providers: Iterable[Alliance], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["alliance"].extra["choices"] = [(a.slug, a.name) for a in providers]


_choices: dict[str, tuple[float, list[tuple[str, str]]]] = {}


def _cached_choices(key: str, rows) -> list[tuple]:
    """Reference lists for the filters, kept in the process for a minute: the catalogue is the
    busiest page, and a new alliance or audience may take that long to appear in a filter."""
    now = time.monotonic()
    cached = _choices.get(key)
    if cached is None or cached[0] < now:
        cached = (now + CHOICES_SECONDS, list(rows))
        _choices[key] = cached
    return cached[1]


def forget_choices() -> None:
    _choices.clear()
