"""The catalogue's filters. They combine; each narrows the list of upcoming programmes."""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from alliance.models import Alliance, validate_served_date
from members.models import Phase
from programmes.models import Audience, Programme, ProgrammeKind, Session, SessionStatus
from strands.models import StrandKind

CHOICES_SECONDS = 60


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class CatalogueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label="Search",
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
        words = value.split()[:5]
        for word in words:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
            )
        return queryset

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

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        start, end = self.form.cleaned_data.get("date_from"), self.form.cleaned_data.get("date_to")
        if start or end:
            sessions = Session.objects.filter(
                programme=OuterRef("pk"),
                status=SessionStatus.SCHEDULED,
                starts_at__gt=timezone.now(),
            )
            if start:
                sessions = sessions.filter(starts_at__gte=_day_start(start))
            if end:
                sessions = sessions.filter(starts_at__lt=_day_start(end + datetime.timedelta(1)))
            queryset = queryset.filter(Exists(sessions))
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
