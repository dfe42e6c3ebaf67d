from __future__ import annotations

from django import forms

from alliance.single_line import SingleLineForm
from evaluation.models import ImpactReport


class ForewordForm(SingleLineForm, forms.ModelForm):
    class Meta:
        model = ImpactReport
        fields = ["foreword"]
        widgets = {"foreword": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "foreword": "Markdown: **bold**, *italic*, lists and links. It opens both the "
            "board's and the public report."
        }
