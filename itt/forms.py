from __future__ import annotations

import datetime

from django import forms

from alliance.forms import ServedDateField, ServedDateTimeField, WholeNumberField
from alliance.models import AcademicYear, Alliance
from alliance.single_line import SingleLineForm
from itt.models import Applicant, Partnership, Stage
from members.models import Organisation, OrganisationType, Phase
from members.selectors import member_organisations_for
from programmes.models import Programme, ProgrammeFormat, ProgrammeKind
from strands.models import StrandKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
BAD_DATE = {"invalid": "Enter a date like 2027-09-01."}
BAD_DATETIME = {"invalid": "Enter a date and time like 2027-03-04 10:00."}


def near_years() -> forms.ModelChoiceField:
    """Last year, this year and the next two: the years places and applicants are for."""
    start = AcademicYear.current().start_year
    for start_year in range(start - 1, start + 3):
        AcademicYear.objects.get_or_create(start_year=start_year)
    return forms.ModelChoiceField(
        label="Academic year",
        queryset=AcademicYear.objects.filter(start_year__range=(start - 1, start + 2)),
        empty_label=None,
    )


def member_schools(alliance: Alliance):
    return member_organisations_for(alliance=alliance).filter(
        organisation_type=OrganisationType.SCHOOL
    )


class PartnershipForm(SingleLineForm, forms.ModelForm):
    class Meta:
        model = Partnership
        fields = [
            "name",
            "lead_school",
            "provider",
            "provider_contact_name",
            "provider_contact_email",
            "route",
            "phases",
            "subjects",
            "training_programme",
            "active",
        ]
        labels = {
            "provider_contact_name": "Provider contact's name",
            "provider_contact_email": "Provider contact's email",
            "training_programme": "Central training programme",
            "active": "Active (recruiting or training)",
        }
        widgets = {"phases": forms.CheckboxSelectMultiple}

    def __init__(self, *args, alliance: Alliance, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_school"].queryset = member_schools(alliance)
        self.fields["provider"].queryset = member_organisations_for(alliance=alliance)
        self.fields["phases"].queryset = Phase.objects.all()
        # A cohort, so that one place covers every central session (the ITT lead gives trainees
        # their places from the partnership's page).
        self.fields["training_programme"].queryset = Programme.objects.filter(
            alliance=alliance,
            kind=ProgrammeKind.ITT,
            strand__kind=StrandKind.ITT,
            format=ProgrammeFormat.COHORT,
        ).order_by("title")
        self.fields["training_programme"].help_text = (
            "The route's central sessions: a cohort programme of the ITT strand, so that one "
            "place covers every session."
        )


class AllocationForm(SingleLineForm, forms.Form):
    academic_year = forms.ModelChoiceField(queryset=AcademicYear.objects.none())
    places = WholeNumberField(
        label="Places in total",
        min_value=1,
        max_value=999,
        error_messages={"min_value": "Enter a number of places of 1 or more."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["academic_year"] = near_years()
        self.fields["places"].error_messages["required"] = "Enter the number of places"


class SchoolPlacesForm(SingleLineForm, forms.Form):
    school = forms.ModelChoiceField(label="Placement school", queryset=Organisation.objects.none())
    places = WholeNumberField(
        min_value=0,
        max_value=999,
        help_text="0 takes the school off this year's list.",
        error_messages={"min_value": "Enter a number of places of 0 or more."},
    )

    def __init__(self, *args, alliance: Alliance, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = member_schools(alliance)
        self.fields["places"].error_messages["required"] = "Enter the number of places"


class ApplicantForm(SingleLineForm, forms.ModelForm):
    class Meta:
        model = Applicant
        fields = ["partnership", "academic_year", "full_name", "email", "subject"]
        labels = {"academic_year": "Year of entry", "email": "Email address"}
        help_texts = {"subject": "e.g. Primary general, Primary with mathematics"}

    def __init__(self, *args, alliance: Alliance, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = Partnership.objects.filter(
            alliance=alliance, active=True
        ).order_by("name")
        self.fields["partnership"].empty_label = None
        years = near_years()
        years.label = "Year of entry"
        self.fields["academic_year"] = years

    def clean(self):
        cleaned = super().clean()
        # The route is the partnership's: people apply to one School Direct route or the other.
        if cleaned.get("partnership"):
            self.instance.route = cleaned["partnership"].route
        return cleaned


class ApplicantDetailsForm(SingleLineForm, forms.ModelForm):
    """Put right a name, an address or a subject, or move an interview; never the stage."""

    class Meta:
        model = Applicant
        fields = ["full_name", "email", "subject", "interview_at", "interview_panel"]
        labels = {
            "email": "Email address",
            "interview_at": "Interview date and time",
            "interview_panel": "Panel",
        }
        widgets = {"interview_at": DATETIME}
        error_messages = {"interview_at": BAD_DATETIME}


# --- the moves between stages: one small form each -------------------------------------------


class InterviewForm(SingleLineForm, forms.Form):
    interview_at = ServedDateTimeField(
        label="Interview date and time", widget=DATETIME, error_messages=BAD_DATETIME
    )
    interview_panel = forms.CharField(
        label="Panel", max_length=300, help_text="Who interviews, e.g. Tom Hartley, Clare Whitaker"
    )


class OfferForm(SingleLineForm, forms.Form):
    offer_conditions = forms.CharField(
        label="Conditions of the offer",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Leave empty for an unconditional offer.",
    )


class AcceptedForm(SingleLineForm, forms.Form):
    pass


def _check_errors(what: str) -> dict[str, str]:
    return {**BAD_DATE, "required": f"Enter the date {what} was done"}


class ChecksForm(SingleLineForm, forms.Form):
    """Each check recorded as done with a date: the documents themselves never come here."""

    dbs_checked_on = ServedDateField(
        label="DBS check done on", widget=DATE, error_messages=_check_errors("the DBS check")
    )
    qualifications_checked_on = ServedDateField(
        label="Qualifications checked on",
        widget=DATE,
        error_messages=_check_errors("the qualifications check"),
    )
    fitness_checked_on = ServedDateField(
        label="Fitness to teach checked on",
        widget=DATE,
        error_messages=_check_errors("the fitness to teach check"),
    )


class CloseForm(SingleLineForm, forms.Form):
    reason = forms.CharField(label="Reason", max_length=300)


class StartTrainingForm(SingleLineForm, forms.Form):
    training_starts_on = ServedDateField(
        label="Training starts on", widget=DATE, error_messages=BAD_DATE
    )
    training_ends_on = ServedDateField(
        label="Training ends on", widget=DATE, error_messages=BAD_DATE
    )

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("training_starts_on"), cleaned.get("training_ends_on")
        if starts and ends and ends <= starts:
            self.add_error("training_ends_on", "Enter an end date after the start date.")
        return cleaned

    @classmethod
    def for_year(cls, year: AcademicYear, *args, **kwargs) -> StartTrainingForm:
        initial = {
            "training_starts_on": year.starts_on,
            "training_ends_on": datetime.date(year.start_year + 1, 7, 31),
        }
        return cls(*args, initial=initial, **kwargs)


MOVE_FORMS: dict[str, type[forms.Form]] = {
    Stage.INTERVIEW: InterviewForm,
    Stage.OFFER: OfferForm,
    Stage.ACCEPTED: AcceptedForm,
    Stage.CHECKS_DONE: ChecksForm,
    Stage.DECLINED: CloseForm,
    Stage.WITHDRAWN: CloseForm,
}
