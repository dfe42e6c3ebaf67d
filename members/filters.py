import django_filters
from django import forms

from members.models import Membership, MembershipKind, Phase


class MembershipFilter(django_filters.FilterSet):
    """The member directory's filters: by kind of member and by phase; both may be combined."""

    kind = django_filters.ChoiceFilter(
        choices=MembershipKind.choices, empty_label="All kinds", label="Kind of member"
    )
    phase = django_filters.ModelChoiceFilter(
        field_name="organisation__phases",
        queryset=Phase.objects.all(),
        to_field_name="code",
        empty_label="All phases",
        label="Phase",
    )
    q = django_filters.CharFilter(
        field_name="organisation__name",
        lookup_expr="icontains",
        label="Name contains",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    class Meta:
        model = Membership
        fields = ["kind", "phase", "q"]
