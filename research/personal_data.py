"""The research section of "Download my data": the projects a person leads or takes part in."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from alliance.personal_data import Held, personal_data_left_out, personal_data_section
from research.models import Output, OutputFile, ResearchProject


@personal_data_section(
    "research_projects", models=[Held(ResearchProject, person=("lead", "people"))]
)
def _projects(user: Any, person: Any) -> list[dict[str, Any]]:
    if person is None:
        return []
    projects = (
        ResearchProject.objects.filter(Q(lead=person) | Q(people=person))
        .distinct()
        .select_related("alliance")
        .order_by("title", "pk")
    )
    return [
        {
            "alliance": p.alliance.name,
            "project": p.title,
            "research_question": p.question,
            "taking_part_as": "Project lead" if p.lead_id == person.pk else "Taking part",
        }
        for p in projects
    ]


personal_data_left_out(
    Output,
    "What a project found, as the alliance publishes it; its only person, published_by, is the "
    "member of staff who published it, kept to say who did: a link to their sign-in, no copy "
    "of their name or address. Their part in the project is in 'research_projects'.",
)
personal_data_left_out(
    OutputFile,
    "A document of a published output; uploaded_by is the member of staff who uploaded it, "
    "kept to say who did: a link to their sign-in, no copy of their name or address.",
)
