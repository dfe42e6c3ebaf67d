"""Research projects in the role × page matrix.

The marking-and-feedback project has findings published for everyone (and a survey for members
only); this year's early reading project has only a draft, so only members read it. The director
runs the alliance's research; the demo SLE leads the early reading project, so edits that one.
Members are everyone holding a role in Southwark or working at one of its members this year:
those who read members' minutes."""

from research.demo import MARKING, READING
from research.models import Output, OutputFile, ProjectPhase, ResearchProject
from tests.governance.permission_rows import MEMBERS
from tests.permission_table import SOUTHWARK, STEEP, Page, everyone, only

READING_EDITORS = ("director", "sle")


def _project(title: str):
    def kwargs(demo) -> dict:
        return {**SOUTHWARK, "pk": ResearchProject.objects.get(title=title).pk}

    return kwargs


def _phase(demo) -> dict:
    return {**SOUTHWARK, "pk": ProjectPhase.objects.filter(project__title=READING).first().pk}


def _draft(demo) -> dict:
    return {**SOUTHWARK, "pk": Output.objects.get(project__title=READING).pk}


def _published(demo) -> dict:
    return {**SOUTHWARK, "pk": Output.objects.get(project__title=MARKING, audience="public").pk}


def _file(audience: str):
    def kwargs(demo) -> dict:
        file = OutputFile.objects.filter(output__project__title=MARKING, output__audience=audience)
        return {**SOUTHWARK, "pk": file.first().pk}

    return kwargs


ROWS = [
    Page("research:project-list", SOUTHWARK, expected=everyone()),
    Page("research:project-list", STEEP, expected=everyone()),
    Page("research:project-create", SOUTHWARK, expected=only("director")),
    Page("research:project-detail", _project(MARKING), expected=everyone()),
    Page("research:project-detail", _project(READING), expected=only(*MEMBERS)),
    Page("research:project-edit", _project(MARKING), expected=only("director")),
    Page("research:project-edit", _project(READING), expected=only(*READING_EDITORS)),
    Page("research:phase-create", _project(READING), expected=only(*READING_EDITORS)),
    Page("research:phase-edit", _phase, expected=only(*READING_EDITORS)),
    Page(
        "research:phase-remove",
        _phase,
        expected=only(*READING_EDITORS, status=302),
        method="post",
    ),
    Page("research:output-create", _project(READING), expected=only(*READING_EDITORS)),
    Page("research:output-edit", _draft, expected=only(*READING_EDITORS)),
    Page(
        "research:output-publish",
        _draft,
        expected=only(*READING_EDITORS, status=302),
        method="post",
    ),
    Page(
        "research:output-withdraw",
        _published,
        expected=only("director", status=302),
        method="post",
    ),
    # An empty upload answers the form again, with its errors.
    Page("research:file-upload", _draft, expected=only(*READING_EDITORS), method="post"),
    Page("research:file-download", _file("public"), expected=everyone()),
    Page("research:file-download", _file("members"), expected=only(*MEMBERS)),
    # A published output's file is not removed: the director is sent back with the reason.
    Page(
        "research:file-remove",
        _file("public"),
        expected=only("director", status=302),
        method="post",
    ),
]
