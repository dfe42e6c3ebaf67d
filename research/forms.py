from __future__ import annotations

from crispy_forms.layout import Submit
from django import forms
from django.db.models import Q

from alliance.documents import DOCUMENT_HELP
from alliance.forms import DATE, submit_helper
from alliance.models import Alliance, RoleAssignment
from alliance.single_line import SingleLineForm
from members.models import Person
from members.pickers import PeoplePickerField, PersonPickerField
from members.selectors import member_organisations_for, people_for_picker
from research.models import Output, ProjectPhase, ResearchProject
from strands.models import Strand


def research_people(alliance: Alliance):
    """Who may lead or take part: staff of the alliance's members and its role holders."""
    members = member_organisations_for(alliance=alliance)
    with_role = RoleAssignment.objects.filter(alliance=alliance).values("person")
    people = Person.objects.filter(Q(organisation__in=members) | Q(pk__in=with_role))
    return people_for_picker(
        Person.objects.filter(pk__in=people.values("pk")).order_by("full_name"), alliance=alliance
    )


class ProjectForm(SingleLineForm, forms.ModelForm):
    lead = PersonPickerField(
        queryset=Person.objects.none(),
        label="Project lead",
        help_text="Type part of a name or school.",
    )
    people = PeoplePickerField(
        queryset=Person.objects.none(),
        required=False,
        label="People taking part",
        help_text="Type part of a name or school to add each person.",
    )

    class Meta:
        model = ResearchProject
        fields = ["title", "question", "lead", "strands", "schools", "people"]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 3}),
            "strands": forms.CheckboxSelectMultiple,
            "schools": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "strands": "Research runs through all the alliance’s work: tick each strand it serves.",
        }

    def __init__(self, *args, alliance: Alliance, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.alliance = alliance
        self.instance.alliance = alliance
        people = research_people(alliance)
        self.fields["lead"].queryset = people
        self.fields["people"].queryset = people
        self.fields["strands"].queryset = Strand.objects.filter(alliance=alliance)
        self.fields["schools"].queryset = member_organisations_for(alliance=alliance)
        self.fields["schools"].required = False
        self.helper = submit_helper("Save the project" if self.instance.pk else "Start the project")

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        taken = ResearchProject.objects.filter(alliance=self.alliance, title__iexact=title)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("The alliance already has a project with this title.")
        return title


class PhaseForm(SingleLineForm, forms.ModelForm):
    class Meta:
        model = ProjectPhase
        fields = ["title", "starts_on", "ends_on", "description"]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, action: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(
            "Save the phase" if self.instance.pk else "Add the phase", action
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date must be on or after the start date.")
        return cleaned


class OutputForm(SingleLineForm, forms.ModelForm):
    class Meta:
        model = Output
        fields = ["title", "summary", "audience"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 10}), "audience": forms.RadioSelect}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = submit_helper("Save the draft")
        # Publishing saves what was typed with it: a separate button would publish the last
        # saved words and lose the new ones. Leaving with unsaved text warns.
        self.helper.add_input(Submit("publish", "Save and publish", css_class="btn-success"))
        self.helper.attrs = {"data-unsaved-warning": "", "data-submit-once": ""}


class OutputFileForm(SingleLineForm, forms.Form):
    # Prefixed: the output's own form, on the same page, has a title too.
    prefix = "upload"
    title = forms.CharField(max_length=200)
    file = forms.FileField(help_text=DOCUMENT_HELP)

    def __init__(self, *args, action: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = submit_helper("Upload the file", action, name="upload")
        self.helper.form_id = "file-upload"
