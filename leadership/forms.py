from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from alliance.single_line import SingleLineForm
from leadership.family import Aspiration
from leadership.models import Outcome, OutcomeKind
from leadership.services import NOT_YOUR_STAFF
from members.models import Organisation, Person
from members.pickers import PersonPickerField
from programmes.models import Programme


class NominationForm(SingleLineForm, forms.Form):
    person = PersonPickerField(
        label="Member of staff",
        queryset=Person.objects.none(),
        error_messages={"invalid_choice": NOT_YOUR_STAFF, "required": "Choose a member of staff."},
    )
    aspiration = forms.ChoiceField(
        label="Aspiration",
        choices=Aspiration.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose an aspiration.",
            "invalid_choice": "Choose an aspiration.",
        },
    )
    note = forms.CharField(
        label="Why you nominate them",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What they show that makes you nominate them: a sentence or two.",
        error_messages={"required": "Enter why you nominate them."},
    )

    def __init__(self, *args, staff: QuerySet[Person], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = staff


class InviteForm(SingleLineForm, forms.Form):
    programme = forms.ModelChoiceField(
        label="Cohort",
        queryset=Programme.objects.none(),
        empty_label="Choose a cohort",
        error_messages={"required": "Choose a cohort.", "invalid_choice": "Choose a cohort."},
    )

    def __init__(self, *args, cohorts: QuerySet[Programme], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = cohorts


class OutcomeForm(SingleLineForm, forms.ModelForm):
    class Meta:
        model = Outcome
        fields = [
            "kind",
            "role_title",
            "organisation",
            "system_role",
            "qualification",
            "happened_on",
            "note",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "happened_on": forms.DateInput(attrs={"type": "date"}),
        }
        labels = {"note": "Note (optional)"}
        help_texts = {
            "role_title": "For a promotion: for example, Deputy headteacher.",
            "organisation": "For a promotion: the school of the new role.",
            "system_role": "For a system leadership role.",
            "qualification": "For a further qualification.",
        }
        error_messages = {
            "kind": {"required": "Choose what happened."},
            "happened_on": {"required": "Enter the date.", "invalid": "Enter a real date."},
        }

    def __init__(self, *args, schools: QuerySet[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = OutcomeKind.choices
        self.fields["organisation"].queryset = schools
        self.fields["organisation"].empty_label = "Choose a school"


class PoolFilterForm(SingleLineForm, forms.Form):
    """The pool's filters: every field optional; a bad value is ignored rather than refused."""

    school = forms.ModelChoiceField(
        label="School",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Any school",
    )
    aspiration = forms.ChoiceField(
        label="Aspiration", choices=[("", "Any aspiration"), *Aspiration.choices], required=False
    )
    role = forms.CharField(label="Current role contains", max_length=60, required=False)
    status = forms.ChoiceField(
        label="Agreement",
        choices=[("", "Any"), ("agreed", "Agreed"), ("awaiting", "Waiting for them")],
        required=False,
    )

    def __init__(self, *args, schools: QuerySet[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools

    def selector_filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        school = data.get("school")
        return {
            "organisation_id": school.pk if school else None,
            "aspiration": data.get("aspiration", ""),
            "role": data.get("role", "").strip(),
            "status": data.get("status", ""),
        }
