from __future__ import annotations

from django import forms

from alliance.single_line import SingleLineForm
from evaluation.models import Question, QuestionKind
from evaluation.services import Answers

SCALE_CHOICES = [
    (1, "1 (poor)"),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, "5 (excellent)"),
]
OUT_OF_SCALE = "Choose a number from 1 to 5."


def _scale(label: str, *, required: bool = True) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        required=required,
        error_messages={"invalid_choice": OUT_OF_SCALE, "required": OUT_OF_SCALE},
    )


def _text(label: str, *, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FeedbackForm(SingleLineForm, forms.Form):
    """The four questions asked after every session, then the programme's own."""

    overall = _scale("Overall, how was the session?")
    usefulness = _scale("How useful was it for your practice?")
    will_change = _text("What will you change in your classroom?")
    anything_else = _text("Anything else you would like to tell us?")

    def __init__(self, *args, questions: list[Question] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            if question.kind == QuestionKind.SCALE:
                field = _scale(question.text, required=False)
            else:
                field = _text(question.text)
            self.fields[f"question_{question.pk}"] = field

    def answers(self) -> Answers:
        data = self.cleaned_data
        own = {q.pk: data.get(f"question_{q.pk}") for q in self.questions}
        return Answers(
            overall=data["overall"],
            usefulness=data["usefulness"],
            will_change=data["will_change"],
            anything_else=data["anything_else"],
            own=own,
        )


class FollowUpForm(SingleLineForm, forms.Form):
    pupils_changed = _text("What has changed for your pupils since?", required=True)

    def answers(self) -> Answers:
        return Answers(pupils_changed=self.cleaned_data["pupils_changed"])


class QuestionForm(SingleLineForm, forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "kind"]
        labels = {"text": "Question", "kind": "Answered with"}
        widgets = {"kind": forms.RadioSelect}
