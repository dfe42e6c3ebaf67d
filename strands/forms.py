"""Forms of the director's desk. They collect and type the input; the services decide."""

from __future__ import annotations

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone

from alliance.forms import DecimalNumberField, ServedDateField
from alliance.models import AcademicYear, Alliance, FundedPeriod
from alliance.single_line import SingleLineForm
from members.models import Designation, MembershipKind, Phase, Specialism
from members.pickers import PersonPickerField
from members.selectors import member_organisations_for, people_for_picker
from strands.models import DeploymentStatus, PeerReviewCluster, SignpostKind, Strand
from strands.selectors import capacity_for, strand_lead_people_for

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _DeskForm(SingleLineForm, forms.Form):
    submit_label = "Save"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


class StrategicLeadForm(_DeskForm):
    submit_label = "Assign strategic lead"

    strand = forms.ModelChoiceField(queryset=Strand.objects.none())
    person = PersonPickerField(queryset=None, label="Strategic lead")
    starts_on = ServedDateField(label="From", widget=DATE)
    ends_on = ServedDateField(
        label="Until", required=False, widget=DATE, help_text="Leave empty for the whole year."
    )
    funded_days = DecimalNumberField(
        label="Funded days", min_value=0, max_digits=5, decimal_places=2, initial=Decimal("0.5")
    )
    funded_period = forms.ChoiceField(label="Per", choices=FundedPeriod.choices)

    def __init__(self, *args, alliance: Alliance, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["strand"].queryset = Strand.objects.filter(alliance=alliance)
        self.fields["person"].queryset = people_for_picker(
            strand_lead_people_for(alliance=alliance), alliance=alliance
        )
        self.fields["starts_on"].initial = timezone.localdate()

    def clean(self) -> dict:
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "The end date cannot be before the start date.")
        return cleaned


class StrategicLeadChangeForm(_DeskForm):
    submit_label = "Change strategic lead"

    person = PersonPickerField(queryset=None, label="New strategic lead")
    starts_on = ServedDateField(label="Takes over from", widget=DATE)
    funded_days = DecimalNumberField(
        label="Funded days", min_value=0, max_digits=5, decimal_places=2
    )
    funded_period = forms.ChoiceField(label="Per", choices=FundedPeriod.choices)

    def __init__(self, *args, alliance: Alliance, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_for_picker(
            strand_lead_people_for(alliance=alliance), alliance=alliance
        )


class EndForm(_DeskForm):
    """The last day of a lead assignment or a contribution."""

    submit_label = "End it"

    ends_on = ServedDateField(label="Last day", widget=DATE)


class ContributionForm(_DeskForm):
    submit_label = "Add contribution"

    strand = forms.ModelChoiceField(queryset=Strand.objects.none())
    organisation = forms.ModelChoiceField(queryset=None, label="Member or partner")
    starts_on = ServedDateField(label="From", widget=DATE)

    def __init__(self, *args, alliance: Alliance, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["strand"].queryset = Strand.objects.filter(alliance=alliance)
        self.fields["organisation"].queryset = member_organisations_for(alliance=alliance)
        self.fields["starts_on"].initial = timezone.localdate()


class SupportRequestForm(_DeskForm):
    submit_label = "Send request"

    school = forms.ModelChoiceField(queryset=None)
    area_of_need = forms.ModelChoiceField(queryset=Specialism.objects.all())
    phase = forms.ModelChoiceField(queryset=Phase.objects.all())
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text="What the school needs, and why now.",
    )
    preferred_dates = forms.CharField(
        max_length=200, help_text="e.g. “Tuesdays in the spring term” or “from 12 January”."
    )

    def __init__(self, *args, alliance: Alliance, school_ids: frozenset[int] | None, **kwargs):
        """``school_ids`` limits the school to those a headteacher leads; None means any."""
        super().__init__(*args, **kwargs)
        schools = member_organisations_for(
            alliance=alliance, kinds=[MembershipKind.TEACHING_SCHOOL, MembershipKind.MEMBER_SCHOOL]
        )
        if school_ids is not None:
            schools = schools.filter(pk__in=school_ids)
        self.fields["school"].queryset = schools
        if len(school_ids or ()) == 1:
            self.fields["school"].initial = next(iter(school_ids))


class _DesignationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        specialisms = ", ".join(s.name for s in obj.specialisms.all())
        return f"{obj.person.full_name} ({obj.short_kind}, {obj.phase.name}: {specialisms})"


def _designations(alliance: Alliance):
    return (
        Designation.objects.filter(alliance=alliance, active=True)
        .select_related("person", "phase")
        .prefetch_related("specialisms")
    )


class SignpostForm(_DeskForm):
    submit_label = "Signpost"

    kind = forms.ChoiceField(
        label="Signpost to", choices=SignpostKind.choices, widget=forms.RadioSelect
    )
    programme = forms.CharField(
        max_length=300, required=False, help_text="The programme's name or its address."
    )
    cluster = forms.ModelChoiceField(queryset=None, required=False, label="Peer review cluster")
    designation = _DesignationChoice(queryset=None, required=False, label="SLE or NLE")
    note = forms.CharField(
        label="Note to the school",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, alliance: Alliance, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = PeerReviewCluster.objects.filter(
            alliance=alliance, academic_year=AcademicYear.current()
        )
        self.fields["designation"].queryset = _designations(alliance)


class _CapacityChoice(_DesignationChoice):
    def label_from_instance(self, obj) -> str:
        left = f"{obj.days_left} of {obj.days_available_per_year} days left"
        return f"{super().label_from_instance(obj)}: {left}"


class DeploymentForm(_DeskForm):
    submit_label = "Propose deployment"

    designation = _CapacityChoice(queryset=None, label="SLE or NLE")
    days = DecimalNumberField(
        label="Agreed days", min_value=Decimal("0.5"), max_digits=5, decimal_places=1
    )
    starts_on = ServedDateField(label="From", widget=DATE)
    ends_on = ServedDateField(label="Until", widget=DATE)
    override = forms.BooleanField(
        label="Go over capacity",
        required=False,
        help_text="Only if the SLE has too few days left this year; the reason is recorded.",
    )
    override_reason = forms.CharField(
        label="Reason to go over capacity",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def __init__(self, *args, alliance: Alliance, year: AcademicYear, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["designation"].queryset = capacity_for(alliance=alliance, year=year)

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("override") and not cleaned.get("override_reason", "").strip():
            self.add_error("override_reason", "Give the reason for going over capacity.")
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "The end date cannot be before the start date.")
        return cleaned

    @property
    def capacity_override_reason(self) -> str:
        return self.cleaned_data["override_reason"] if self.cleaned_data["override"] else ""


class DeploymentMoveForm(_DeskForm):
    submit_label = "Update deployment"

    status = forms.ChoiceField(label="Move to", choices=())
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    outcome_note = forms.CharField(
        label="Outcome",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text="Needed to complete it.",
    )
    school_evaluation = forms.CharField(
        label="The supported school's evaluation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text="Needed to complete it.",
    )

    def __init__(self, *args, statuses: list[DeploymentStatus], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s.value, s.label) for s in statuses]


class EvaluationForm(_DeskForm):
    submit_label = "Save evaluation"

    evaluation = forms.CharField(
        label="Your school's evaluation",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text="What difference the support made, and what could have been better.",
    )


class ClusterForm(_DeskForm):
    submit_label = "Form cluster"

    name = forms.CharField(max_length=120)
    lead_school = forms.ModelChoiceField(queryset=None)
    schools = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="A school is in at most one cluster a year.",
    )

    def __init__(self, *args, alliance: Alliance, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        schools = member_organisations_for(
            alliance=alliance, kinds=[MembershipKind.TEACHING_SCHOOL, MembershipKind.MEMBER_SCHOOL]
        )
        self.fields["lead_school"].queryset = schools
        self.fields["schools"].queryset = schools


class VisitForm(_DeskForm):
    submit_label = "Record visit"

    visited_on = ServedDateField(label="Date", widget=DATE)
    days = DecimalNumberField(
        label="Days",
        min_value=Decimal("0.5"),
        max_value=Decimal("1"),
        step_size=Decimal("0.5"),
        max_digits=3,
        decimal_places=1,
        initial=Decimal("1"),
        help_text="Half a day (0.5) or a whole day (1) on that date.",
        error_messages={
            "min_value": "Record at least half a day (0.5).",
            "max_value": "Record at most one day for one date: a longer piece of work is "
            "several visits.",
            "step_size": "Record half a day (0.5) or a whole day (1).",
        },
    )
    note = forms.CharField(
        label="What was done",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="The school and the director read this.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visited_on"].initial = timezone.localdate()
        self.fields["days"].widget.attrs["step"] = "0.5"
