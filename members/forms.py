from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import password_validation

from alliance.models import AcademicYear, Alliance
from alliance.single_line import SingleLineForm
from members.models import Invitation, Organisation, User
from strands.models import Strand


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
        help_texts = {
            "strand": "Only for a strategic lead.",
            "organisation": "For a headteacher, the school they lead.",
        }

    def __init__(self, *args, alliance: Alliance, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        year = AcademicYear.current()
        self.fields["organisation"].queryset = Organisation.objects.filter(
            memberships__alliance=alliance, memberships__academic_year=year
        ).order_by("name")
        self.fields["strand"].queryset = Strand.objects.filter(alliance=alliance)
        self.fields["strand"].required = False
        self.helper = FormHelper()
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
