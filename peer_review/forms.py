"""Forms for the peer review cycle and audits. They collect and type the input; the services
decide."""

from __future__ import annotations

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from alliance.forms import DecimalNumberField, ServedDateField
from alliance.models import Alliance
from alliance.single_line import SingleLineForm
from members.models import Designation, Organisation, Person, Phase, Specialism
from members.pickers import PeoplePickerField, PersonPickerField
from members.selectors import member_organisations_for, people_for_picker
from peer_review.models import FocusArea, Judgement, SelfReviewAnswer
from peer_review.services import MAX_FOCUS_AREAS, MIN_FOCUS_AREAS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _Form(SingleLineForm, forms.Form):
    submit_label = "Save"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


class FocusAreasForm(_Form):
    submit_label = "Save focus areas"

    def __init__(self, *args, areas: list[FocusArea], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for index in range(MAX_FOCUS_AREAS):
            self.fields[f"area_{index + 1}"] = forms.CharField(
                label=f"Focus area {index + 1}",
                max_length=120,
                required=index < MIN_FOCUS_AREAS,
                initial=areas[index].title if index < len(areas) else "",
                error_messages={"required": f"Enter at least {MIN_FOCUS_AREAS} focus areas."},
                help_text="e.g. “Reading in Key Stage 1”" if index == 0 else "",
            )

    @property
    def titles(self) -> list[str]:
        return [self.cleaned_data[f"area_{i + 1}"] for i in range(MAX_FOCUS_AREAS)]


class SelfReviewForm(SingleLineForm, forms.Form):
    """A judgement and evidence per focus area. Rendered by hand (a fieldset per area); drafts
    may leave anything empty, the submission may not (the service says which)."""

    def __init__(
        self, *args, areas: list[FocusArea], answers: dict[int, SelfReviewAnswer], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.areas = areas
        for area in areas:
            answer = answers.get(area.pk)
            self.fields[f"judgement_{area.pk}"] = forms.ChoiceField(
                label="Judgement",
                choices=Judgement.choices,
                required=False,
                widget=forms.RadioSelect,
                initial=answer.judgement if answer else "",
            )
            self.fields[f"evidence_{area.pk}"] = forms.CharField(
                label="Evidence",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=5000,
                initial=answer.evidence if answer else "",
                help_text="What you see, and how you know: data, work, observations.",
            )

    def sections(self) -> list[tuple[FocusArea, forms.BoundField, forms.BoundField]]:
        return [(a, self[f"judgement_{a.pk}"], self[f"evidence_{a.pk}"]) for a in self.areas]

    @property
    def answers(self) -> dict[int, tuple[str, str]]:
        return {
            a.pk: (self.cleaned_data[f"judgement_{a.pk}"], self.cleaned_data[f"evidence_{a.pk}"])
            for a in self.areas
        }


class VisitForm(_Form):
    submit_label = "Record the visit"

    visit_on = ServedDateField(label="Visit date", widget=DATE)
    reviewers = PeoplePickerField(
        queryset=None,
        help_text="From the cluster's other schools, each having completed the peer review "
        "training.",
        error_messages={"required": "Choose at least one reviewer."},
    )
    lead_reviewer = PersonPickerField(
        queryset=None,
        help_text="One of the reviewers: they write the report.",
        error_messages={"required": "Choose the lead reviewer."},
    )

    def __init__(self, *args, alliance: Alliance, school_ids: set[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        people = people_for_picker(
            Person.objects.filter(organisation_id__in=school_ids).order_by("full_name"),
            alliance=alliance,
        )
        self.fields["reviewers"].queryset = people
        self.fields["lead_reviewer"].queryset = people


class ReportForm(_Form):
    submit_label = "Save the report"

    report = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=20000,
        help_text="Markdown: **bold**, lists with “-”, headings with “###”.",
        error_messages={"required": "Write the report."},
    )


PRIORITY_ROWS = 3


class WorkshopForm(_Form):
    submit_label = "Record the workshop"

    workshop_on = ServedDateField(label="Workshop date", widget=DATE)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        areas = Specialism.objects.order_by("name")
        for index in range(1, PRIORITY_ROWS + 1):
            self.fields[f"priority_{index}"] = forms.CharField(
                label=f"Priority {index}",
                max_length=300,
                required=index == 1,
                error_messages={"required": "Enter at least one agreed priority."},
            )
            self.fields[f"area_{index}"] = forms.ModelChoiceField(
                label=f"Area of priority {index}",
                queryset=areas,
                required=index == 1,
                error_messages={"required": "Choose the area of the priority."},
            )

    def clean(self) -> dict:
        cleaned = super().clean()
        for index in range(2, PRIORITY_ROWS + 1):
            text, area = cleaned.get(f"priority_{index}"), cleaned.get(f"area_{index}")
            if text and not area:
                self.add_error(f"area_{index}", "Choose the area of the priority.")
            if area and not text:
                self.add_error(f"priority_{index}", "Enter the priority.")
        return cleaned

    @property
    def priorities(self) -> list[tuple[str, Specialism | None]]:
        rows = [
            (self.cleaned_data[f"priority_{i}"], self.cleaned_data[f"area_{i}"])
            for i in range(1, PRIORITY_ROWS + 1)
        ]
        return [(text, area) for text, area in rows if text]


class _SleChoice(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, designation: Designation) -> str:
        areas = ", ".join(s.name for s in designation.specialisms.all())
        return f"{designation.person.full_name} ({designation.person.organisation}): {areas}"


class AuditForm(_Form):
    submit_label = "Commission the audit"

    school = forms.ModelChoiceField(queryset=Organisation.objects.none())
    specialism = forms.ModelChoiceField(
        label="Phase or subject", queryset=Specialism.objects.none()
    )
    phase = forms.ModelChoiceField(queryset=Phase.objects.none())
    visit_on = ServedDateField(label="Visit date", widget=DATE)
    days = DecimalNumberField(
        label="Days for each SLE",
        min_value=Decimal("0.5"),
        max_digits=3,
        decimal_places=1,
        initial=Decimal("1"),
        help_text="Counted against each SLE's released days this year.",
    )
    designations = _SleChoice(
        label="SLEs",
        queryset=Designation.objects.none(),
        help_text="One or two, of that phase or subject.",
        error_messages={"required": "Choose one or two SLEs."},
    )
    override = forms.BooleanField(
        label="Go over capacity",
        required=False,
        help_text="Only if an SLE has too few days left this year; the reason is recorded.",
    )
    override_reason = forms.CharField(
        label="Reason to go over capacity",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def __init__(self, *args, alliance: Alliance, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = member_organisations_for(alliance=alliance)
        self.fields["specialism"].queryset = Specialism.objects.order_by("name")
        self.fields["phase"].queryset = Phase.objects.order_by("position")
        self.fields["designations"].queryset = (
            Designation.objects.filter(alliance=alliance, active=True, kind="sle")
            .select_related("person__organisation")
            .prefetch_related("specialisms")
            .order_by("person__full_name")
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("override") and not cleaned.get("override_reason", "").strip():
            self.add_error("override_reason", "Give the reason for going over capacity.")
        return cleaned

    @property
    def capacity_override_reason(self) -> str:
        return self.cleaned_data["override_reason"] if self.cleaned_data["override"] else ""


class AuditPriorityForm(_Form):
    submit_label = "Add the priority"

    text = forms.CharField(
        label="Priority", max_length=300, error_messages={"required": "Enter the priority."}
    )
    area = forms.ModelChoiceField(
        queryset=Specialism.objects.order_by("name"),
        error_messages={"required": "Choose the area of the priority."},
    )
