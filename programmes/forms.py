from __future__ import annotations

import secrets

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils import timezone

from alliance.forms import DecimalNumberField, WholeNumberField
from alliance.models import Alliance, RoleAssignment
from alliance.params import ascii_int
from alliance.permissions import AlliancePerms
from alliance.single_line import SingleLineForm
from members.models import Organisation, Person
from members.pickers import PeoplePickerField
from members.selectors import member_organisations_for, people_for_picker
from members.services import OWN_SCHOOL_ONLY
from programmes.models import Audience, Programme, ProgrammeFormat, Session
from programmes.services import NewDelegate
from strands.models import Strand


class ProgrammeForm(SingleLineForm, forms.ModelForm):
    facilitators = PeoplePickerField(
        queryset=Person.objects.none(),
        required=False,
        help_text="Type part of a name or school to add each facilitator.",
    )

    class Meta:
        model = Programme
        fields = [
            "strand",
            "kind",
            "title",
            "summary",
            "description",
            "audiences",
            "phases",
            "led_by",
            "facilitators",
            "member_price",
            "non_member_price",
            "open_to_non_members",
            # Issue 15: a cohort is applied for as a whole.
            "format",
            "cohort_places",
            "sessions_may_miss",
            "status",
        ]
        widgets = {
            "audiences": forms.CheckboxSelectMultiple,
            "phases": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
            "format": forms.RadioSelect,
        }
        field_classes = {
            "member_price": DecimalNumberField,
            "non_member_price": DecimalNumberField,
            "cohort_places": WholeNumberField,
            "sessions_may_miss": WholeNumberField,
        }
        help_texts = {
            "cohort_places": "For a cohort: how many participants it takes.",
            "sessions_may_miss": (
                "For a cohort, to complete it: 0 means every session, 1 all but one."
            ),
        }

    def __init__(self, *args, perms: AlliancePerms, **kwargs):
        super().__init__(*args, **kwargs)
        alliance: Alliance = perms.alliance
        strands = Strand.objects.filter(alliance=alliance)
        if "programme.manage_all" not in perms:
            strands = strands.filter(pk__in=perms.strand_ids)
        self.fields["strand"].queryset = strands
        self.fields["led_by"].queryset = member_organisations_for(alliance=alliance)
        with_role = RoleAssignment.objects.filter(alliance=alliance).values("person")
        facilitators = Person.objects.filter(
            Q(designations__alliance=alliance, designations__active=True) | Q(pk__in=with_role)
        )
        self.fields["facilitators"].queryset = people_for_picker(
            Person.objects.filter(pk__in=facilitators.values("pk")).order_by("full_name"),
            alliance=alliance,
        )
        self.fields["audiences"].queryset = Audience.objects.all()
        # Issue 15: a form sent without them (an older page, a script) keeps what was there.
        self.fields["format"].required = False
        self.fields["sessions_may_miss"].required = False

    def clean_format(self) -> str:
        return self.cleaned_data.get("format") or self.instance.format or ProgrammeFormat.DROP_IN

    def clean_sessions_may_miss(self) -> int:
        value = self.cleaned_data.get("sessions_may_miss")
        return self.instance.sessions_may_miss if value is None else value


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class SessionForm(SingleLineForm, forms.ModelForm):
    class Meta:
        model = Session
        fields = ["starts_at", "ends_at", "booking_deadline", "venue", "online_url", "capacity"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "booking_deadline": DateTimeInput(),
        }
        field_classes = {"capacity": WholeNumberField}

    def clean(self):
        data = super().clean()
        starts_at = data.get("starts_at")
        if starts_at and starts_at <= timezone.now() and self.instance.pk is None:
            self.add_error("starts_at", "A new session must be in the future.")
        return data


class _ListedChoices(ModelChoiceIterator):
    def __iter__(self):
        for row in self.field.listed:
            yield self.choice(row)

    def __len__(self) -> int:
        return len(self.field.listed)

    def __bool__(self) -> bool:
        return bool(self.field.listed)


class ListedChoiceField(forms.ModelMultipleChoiceField):
    """Rows chosen among ``listed``, already loaded (a programme's sessions, a school's staff):
    checking a choice, and showing the list, needs no query."""

    iterator = _ListedChoices
    listed: list = []

    def _check_values(self, value) -> list:
        wanted = set()
        for pk in value:
            # The digits 0 to 9 only: int() would take "٣" for session 3.
            if (number := ascii_int(str(pk), minimum=1)) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(pk)[:20]},
                )
            wanted.add(number)
        by_pk = {s.pk: s for s in self.listed}
        for pk in wanted:
            if pk not in by_pk:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(pk)},
                )
        return [s for s in self.listed if s.pk in wanted]


class BookingForm(SingleLineForm, forms.Form):
    """Named delegates of one school onto one or more sessions of a programme."""

    sessions = ListedChoiceField(
        queryset=Session.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Sessions",
        error_messages={
            "required": "Choose at least one session.",
            "invalid_choice": "That session is not open for booking: it is cancelled, past, "
            "or its bookings have closed.",
        },
    )
    delegates = ListedChoiceField(
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Staff from your school",
    )
    new_name = forms.CharField(
        label="Or add a member of staff: full name", required=False, max_length=150
    )
    new_email = forms.EmailField(label="Their email address", required=False)
    join_waiting_list = forms.BooleanField(
        label="If a session is full, put them on its waiting list",
        required=False,
        initial=True,
    )
    purchase_order = forms.CharField(
        label="Purchase order number (optional)",
        required=False,
        max_length=40,
        help_text="If your school raises one: it is shown with the booking and in the CSV.",
    )
    # Made when the form is shown: the same form posted twice books once (see booking_create).
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    # The answers as they travel from the form to the check page, back (Change) and on.
    ANSWERS = ("sessions", "delegates", "new_name", "new_email", "join_waiting_list")
    ANSWERS += ("purchase_order", "token")

    def __init__(self, *args, sessions: list[Session], staff: list[Person], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].initial = secrets.token_urlsafe(32)
        self.fields["sessions"].listed = list(sessions)
        self.fields["sessions"].label_from_instance = _session_label
        self.fields["delegates"].listed = list(staff)
        self.fields["delegates"].label_from_instance = lambda p: (
            f"{p.full_name}{f', {p.job_title}' if p.job_title else ''}"
        )

    def clean(self):
        data = super().clean()
        if "token" in self.errors:  # a hidden field: say it where it shows
            self.add_error(None, "This booking form has expired. Open it again to book.")
        name, email = data.get("new_name", "").strip(), data.get("new_email", "")
        if name and not email:
            self.add_error("new_email", "Give the new delegate's email address.")
        if email and not name:
            self.add_error("new_name", "Give the new delegate's full name.")
        if not data.get("delegates") and not name and not email and not self.errors:
            self.add_error("delegates", "Choose at least one member of staff, or add one.")
        return data

    def answers(self) -> list[tuple[str, str]]:
        """The valid answers as (field, value) pairs: hidden inputs on the check page, for its
        "Confirm" and its "Change" buttons, so nothing typed is lost."""
        pairs = []
        for name in self.ANSWERS:
            value = self.cleaned_data.get(name)
            if name in ("sessions", "delegates"):
                pairs += [(name, str(row.pk)) for row in value or ()]
            elif name == "join_waiting_list":
                pairs += [(name, "on")] if value else []
            elif name == "token":  # a form posted without one still confirms once
                pairs.append((name, value or secrets.token_urlsafe(32)))
            elif value:
                pairs.append((name, str(value)))
        return pairs

    @classmethod
    def initial_from(cls, query) -> dict:
        """The form as it was, from the answers a "Change" button on the check page posts."""
        if "token" not in query:
            return {}
        initial = {name: query.get(name, "") for name in cls.ANSWERS}
        initial["sessions"] = query.getlist("sessions")
        initial["delegates"] = query.getlist("delegates")
        initial["join_waiting_list"] = query.get("join_waiting_list") == "on"
        return initial

    @property
    def new_delegates(self) -> list[NewDelegate]:
        name = self.cleaned_data.get("new_name", "").strip()
        email = self.cleaned_data.get("new_email", "")
        return [NewDelegate(full_name=name, email=email)] if name and email else []


class SelfBookingForm(SingleLineForm, forms.Form):
    """Someone of no school (a childminder) books a place for themselves: the booking form's
    sessions and token, and no delegates to choose."""

    sessions = BookingForm.base_fields["sessions"]
    join_waiting_list = forms.BooleanField(
        label="If a session is full, put me on its waiting list", required=False, initial=True
    )
    token = BookingForm.base_fields["token"]

    def __init__(self, *args, sessions: list[Session], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].initial = secrets.token_urlsafe(32)
        self.fields["sessions"].listed = list(sessions)
        self.fields["sessions"].label_from_instance = _session_label
        self.helper = FormHelper()
        self.helper.attrs = {"data-submit-once": "", "novalidate": ""}
        self.helper.add_input(Submit("submit", "Book my place"))


class BookingConfirmForm(BookingForm):
    """The answers again, as the check page carries them, with what it showed: the price of
    a place and how many places would be confirmed. The booking is checked again against
    these under the lock, so a session filled or a price changed meanwhile books nothing."""

    price = DecimalNumberField(widget=forms.HiddenInput, max_digits=8, decimal_places=2)
    confirmed = WholeNumberField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].required = True

    def clean(self):
        data = super().clean()
        if ("price" in self.errors or "confirmed" in self.errors) and "token" not in self.errors:
            self.add_error(None, "This booking could not be checked. Check your answers again.")
        return data


def _session_label(session: Session) -> str:
    when = timezone.localtime(session.starts_at)
    left = session.places_left
    places = f"{left} place{'s' if left != 1 else ''} left" if left else "full: waiting list"
    return f"{when:%a %-d %b %Y, %H:%M} · {session.where} · {places}"


class SwapForm(SingleLineForm, forms.Form):
    colleague = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label="Colleague to take the place",
        empty_label="Choose…",
        error_messages={"invalid_choice": "Choose a colleague from the same school."},
    )

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colleague"].queryset = colleagues


class BookerForm(SingleLineForm, forms.Form):
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(), label="Member of staff", empty_label="Choose…"
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = staff


class StaffInvitationForm(SingleLineForm, forms.Form):
    """A head invites a member of their school's staff to sign in and book for it."""

    full_name = forms.CharField(max_length=150)
    email = forms.EmailField(label="Email address")
    job_title = forms.CharField(max_length=120, required=False)
    school = forms.ModelChoiceField(queryset=Organisation.objects.none(), empty_label=None)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["school"].error_messages["invalid_choice"] = OWN_SCHOOL_ONLY
        self.helper = FormHelper()
        self.helper.attrs = {"data-submit-once": ""}
        self.helper.add_input(Submit("submit", "Send invitation"))
