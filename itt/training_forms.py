"""Forms for placements, reviews and outcomes (issue 16). The rules that need the database
(training dates, overlapping main placements, the mentor's school) live in the services, which
answer next to the field."""

from __future__ import annotations

from django import forms

from alliance.forms import ServedDateField
from alliance.models import Alliance
from alliance.single_line import SingleLineForm
from itt.models import PlacementKind, Rating, Term, Trainee, TraineeStatus
from itt.training_services import ALLOWED_MOVES
from members.models import Organisation, Person
from members.pickers import PersonPickerField
from members.selectors import member_organisations_for, people_for_picker
from programmes.models import Programme
from strands.models import StrandKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlacementForm(SingleLineForm, forms.Form):
    school = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="School")
    kind = forms.ChoiceField(
        choices=PlacementKind.choices, widget=forms.RadioSelect, label="Placement"
    )
    starts_on = ServedDateField(widget=DATE, label="Starts on")
    ends_on = ServedDateField(widget=DATE, label="Ends on")
    class_or_subject = forms.CharField(
        max_length=120, required=False, label="Class or subject", help_text="e.g. Year 3"
    )
    mentor = PersonPickerField(
        queryset=Person.objects.none(),
        label="Mentor",
        help_text="A teacher at the placement school. Type part of their name.",
    )

    def __init__(self, *args, alliance: Alliance, **kwargs):
        super().__init__(*args, **kwargs)
        schools = member_organisations_for(alliance=alliance)
        self.fields["school"].queryset = schools
        self.fields["mentor"].queryset = people_for_picker(
            Person.objects.filter(organisation__in=schools).order_by("full_name"),
            alliance=alliance,
        )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", "Enter an end date after the start date.")
        return data


class ReviewForm(SingleLineForm, forms.Form):
    term = forms.ChoiceField(choices=Term.choices, label="Term")
    rating = forms.ChoiceField(choices=Rating.choices, widget=forms.RadioSelect, label="Progress")
    targets = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        label="Targets",
        help_text="What the trainee should work on next term. The trainee sees these.",
    )


class OutcomeForm(SingleLineForm, forms.Form):
    status = forms.ChoiceField(choices=TraineeStatus.choices, label="Status")
    reason = forms.CharField(
        max_length=300,
        required=False,
        label="Reason",
        help_text="Needed when withdrawn or deferred.",
    )
    employed = forms.TypedChoiceField(
        choices=[("", "Not known yet"), ("yes", "Yes"), ("no", "No")],
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        required=False,
        label="Employed as a teacher",
    )
    first_post_school = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="First post: a school in the portal",
    )
    first_post_name = forms.CharField(
        max_length=200, required=False, label="First post: or a school's name, if not listed"
    )

    def __init__(self, *args, trainee: Trainee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_post_school"].queryset = Organisation.objects.order_by("name")
        allowed = {trainee.status} | ALLOWED_MOVES.get(trainee.status, set())
        self.fields["status"].choices = [
            (value, label) for value, label in TraineeStatus.choices if value in allowed
        ]


class MentorTrainingForm(SingleLineForm, forms.Form):
    mentor_training = forms.ModelChoiceField(
        queryset=Programme.objects.none(),
        required=False,
        label="Mentors' training",
        empty_label="None: flag no placement",
        help_text="Mentors who have not attended every session of one year's run of it are "
        "flagged on their trainees' placements.",
    )

    def __init__(self, *args, alliance: Alliance, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor_training"].queryset = Programme.objects.filter(
            alliance=alliance, strand__kind=StrandKind.ITT
        ).order_by("title")
