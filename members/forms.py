from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import password_validation

from alliance.forms import DecimalNumberField
from alliance.models import Alliance, Role
from alliance.permissions import GRANTS_NEEDING_APPROVAL, AlliancePerms
from alliance.single_line import SingleLineForm
from members.models import Invitation, User
from members.selectors import member_organisations_for
from members.services import ABOVE_YOUR_ROLE


class InvitationForm(SingleLineForm, forms.ModelForm):
    class Meta:
        model = Invitation
        fields = [
            "full_name",
            "email",
            "job_title",
            "organisation",
            "role",
            "strand",
            "funded_days",
            "funded_period",
        ]
        labels = {"funded_days": "Funded days", "funded_period": "Per"}
        field_classes = {"funded_days": DecimalNumberField}
        help_texts = {
            "strand": "Only for a strategic lead.",
            "organisation": "For a headteacher, the school they lead.",
        }

    def __init__(self, *args, alliance: Alliance, perms: AlliancePerms, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        role = self.fields["role"]
        role.choices = [("", "---------")] + [
            (value, label) for value, label in Role.choices if perms.may_grant(value)
        ]
        role.error_messages["invalid_choice"] = ABOVE_YOUR_ROLE
        if held := [label for value, label in role.choices if value in GRANTS_NEEDING_APPROVAL]:
            role.help_text = f"{', '.join(held)}: sent only once a chair approves the invitation."
        self.fields["organisation"].queryset = member_organisations_for(alliance=alliance)
        strand = self.fields["strand"]
        strand.queryset = strand.queryset.filter(alliance=alliance)
        strand.required = False
        self.helper = FormHelper()
        self.helper.attrs = {"data-submit-once": ""}
        self.helper.add_input(Submit("submit", "Send invitation"))


class AcceptInvitationForm(SingleLineForm, forms.Form):
    """Choose a password for the new sign-in."""

    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email = email
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Set password and sign in"))

    def clean(self) -> dict:
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords do not match.")
        elif first:
            try:
                password_validation.validate_password(first, User(email=self.email))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class AnonymiseForm(SingleLineForm, forms.Form):
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=300,
        help_text="Kept in the audit log, e.g. “Left the alliance in July; asked to be forgotten.”",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"data-submit-once": ""}
        self.helper.add_input(Submit("submit", "Anonymise this person", css_class="btn-danger"))


class RefuseHeadForm(SingleLineForm, forms.Form):
    """Refusing a new head of one's school asks nothing more than why, if they wish."""

    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=2000,
        help_text="The alliance's director sees it, e.g. “I lead this school; I do not know "
        "this person.”",
    )
