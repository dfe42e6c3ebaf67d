"""Forms for meetings, agendas, minutes and actions. They validate input; services decide."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from alliance.documents import DOCUMENT_HELP
from alliance.forms import DATE, WholeNumberField, submit_helper
from alliance.models import AcademicYear, Alliance
from alliance.single_line import SingleLineForm
from governance.models import (
    READERS,
    Action,
    AgendaItem,
    Meeting,
    MeetingKind,
    MinutesEntry,
    Visibility,
)
from governance.selectors import people_to_pick
from members.pickers import PeoplePickerField, PersonPickerField

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MeetingForm(SingleLineForm, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "kind",
            "title",
            "strand",
            "starts_at",
            "ends_at",
            "venue",
            "online_link",
            "visibility",
        ]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}

    def __init__(self, *args, alliance: Alliance, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.alliance = alliance
        self.fields["strand"].queryset = alliance.strands.all()
        self.fields["strand"].required = False
        self.fields["title"].help_text = "e.g. “Strategic Board, spring term”"
        visibility = self.fields["visibility"]
        visibility.label = "Who may read its agenda, papers and minutes"
        visibility.help_text = " ".join(
            f"{label}: {READERS[value]}." for value, label in Visibility.choices
        )
        if self.instance.pk:
            # The kind decided who was invited; changing it would leave the wrong invitees.
            del self.fields["kind"]
        else:
            # Left to the kind (a Strategic Board meeting is board only) unless chosen.
            visibility.required = False
            visibility.choices = [
                (
                    "",
                    "As the kind of meeting suggests: board only for a Strategic Board, "
                    "alliance members otherwise",
                ),
                *Visibility.choices,
            ]
            self.initial["visibility"] = ""
            self.fields["also_invite"] = PeoplePickerField(
                queryset=people_to_pick(alliance=alliance),
                required=False,
                help_text="Invited as well as those the kind of meeting brings, e.g. a guest "
                "presenter.",
            )
        self.helper = submit_helper("Save the meeting" if self.instance.pk else "Call the meeting")


class AgendaItemForm(SingleLineForm, forms.ModelForm):
    presenter = PersonPickerField(queryset=None)

    class Meta:
        model = AgendaItem
        fields = ["position", "title", "presenter", "description", "confidential"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        field_classes = {"position": WholeNumberField}

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = people_to_pick(alliance=meeting.alliance)
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("position", meeting.agenda_items.count() + 1)
        self.helper = submit_helper("Save the item" if self.instance.pk else "Add to the agenda")


class PaperForm(SingleLineForm, forms.Form):
    title = forms.CharField(max_length=200)
    file = forms.FileField(help_text=DOCUMENT_HELP)

    def __init__(self, *args, action: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = submit_helper("Upload the paper", action)


class InvitationForm(SingleLineForm, forms.Form):
    """Send the invitations: to everyone not yet sent one, or to one invitee chosen."""

    invitee = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["invitee"].queryset = meeting.invitees.select_related("person")


class AttendanceForm(SingleLineForm, forms.Form):
    present = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Who was there",
    )

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        invitees = meeting.invitees.select_related("person__organisation")
        self.fields["present"].queryset = invitees
        self.fields["present"].label_from_instance = lambda i: (
            f"{i.person.full_name} ({i.person.organisation.name}) · {i.get_reply_display()}"
        )
        if not self.is_bound:
            self.initial["present"] = [i.pk for i in invitees if i.attended]
        self.helper = submit_helper("Record attendance")


class MinutesEntryForm(SingleLineForm, forms.ModelForm):
    class Meta:
        model = MinutesEntry
        fields = ["notes", "decisions"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 8}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "notes": "Markdown: **bold**, *italic*, lists with “- ”. HTML is not kept.",
            "decisions": "One decision a line.",
        }

    def __init__(self, *args, autosave_url: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if autosave_url:
            # A draft is saved a few seconds after typing stops and on leaving the field, so
            # nothing typed waits on a button press (static/js/unsaved-changes.js warns too).
            for name in ("notes", "decisions"):
                self.fields[name].widget.attrs.update(
                    {
                        "data-hx-post": autosave_url,
                        "data-hx-trigger": "input changed delay:3s, change",
                        "data-hx-target": "#draft-status",
                        "data-hx-sync": "closest form:replace",
                    }
                )


class ActionForm(SingleLineForm, forms.ModelForm):
    owner = PersonPickerField(queryset=None)

    class Meta:
        model = Action
        fields = ["description", "owner", "due_on"]
        widgets = {"due_on": DATE}

    def __init__(self, *args, alliance: Alliance, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_to_pick(alliance=alliance)


class CorrectionForm(SingleLineForm, forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Readers of earlier revisions will see why the minutes changed.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = submit_helper("Start the correction")


class ReturnForm(SingleLineForm, forms.Form):
    reason = forms.CharField(
        label="What needs changing",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="The administrator is emailed this; it stays in the minutes’ history.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = submit_helper("Return for changes")


class CancelForm(SingleLineForm, forms.Form):
    reason = forms.CharField(
        label="Why is the meeting cancelled?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter why the meeting is cancelled"},
        help_text="Those emailed read this, and it stays on the meeting’s page.",
    )


class ActionDoneForm(SingleLineForm, forms.Form):
    done_note = forms.CharField(
        label="What was done", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = submit_helper("Mark done")


class ArchiveForm(SingleLineForm, forms.Form):
    """The filters of the meetings archive; a GET form."""

    year = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(required=False, choices=[("", "All kinds"), *MeetingKind.choices])
    q = forms.CharField(required=False, label="Search", max_length=100)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        years = AcademicYear.objects.order_by("-start_year")
        self.fields["year"].choices = [("", "All years")] + [(y.start_year, y.label) for y in years]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.add_input(Submit("search", "Search"))


class ActionFilterForm(SingleLineForm, forms.Form):
    owner = forms.ModelChoiceField(queryset=None, required=False, empty_label="Everyone")
    status = forms.ChoiceField(
        required=False,
        choices=[("", "All"), ("open", "Open"), ("overdue", "Overdue"), ("done", "Done")],
    )

    def __init__(self, *args, owners, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.add_input(Submit("show", "Show"))


class ReplyForm(SingleLineForm, forms.Form):
    reply = forms.ChoiceField(
        label="Your reply",
        widget=forms.RadioSelect,
        choices=[("attending", "I will attend"), ("apologies", "I send my apologies")],
    )

    def __init__(self, *args, action: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = submit_helper("Send my reply", action)
