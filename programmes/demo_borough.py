"""Demo: Lewisham's one stop shop for CPD, and Tandridge beside it.

Lewisham's four teaching school alliances (ETAL, STEEP, Atlas with its fourteen schools,
Endeavour) and the local authority's own CPD offer share one catalogue at ``/p/lewisham/``
("alongside the offer from the local authority, CPD in Lewisham is also provided by the four
Teaching School Alliances"). Tandridge Teaching Alliance, in Surrey, is on the portal too but
not in the partnership. A childminder, of no school, books STEEP's courses for herself.
Alliance names come from the seeds; most school and people's names are
invented. Keyed on natural keys: running it again changes nothing.
"""

from __future__ import annotations

from alliance.demo import (
    DemoAlliance,
    _alliance,
    _member,
    _organisation,
    _person,
    _role,
)
from alliance.models import AcademicYear, Partnership, ProviderKind, Role
from members.models import MembershipKind, Organisation, OrganisationType
from programmes.demo import _programmes
from programmes.models import ProgrammeKind
from strands.models import StrandKind

SCHOOL = OrganisationType.SCHOOL
CPD = StrandKind.CPD

# (strand, kind, title, summary, audiences, phases, member £, non-member £ or None, sessions,
#  first session in days, days between sessions, capacity, places already taken, waiting)
# fmt: off
ETAL_PROGRAMMES = [
    (CPD, ProgrammeKind.CPD, "Outstanding teaching: by teachers for teachers",
     "Six twilight sessions led by ETAL's classroom teachers, with coaching between them.",
     ["teachers"], ["primary"], "90", "150", 3, 18, 14, 24, 0, 0),
    (CPD, ProgrammeKind.CPD, "Support staff: making the most of interventions",
     "For teaching assistants and support staff running small-group interventions.",
     ["teaching-assistants", "support-staff"], ["primary"], "20", "45", 1, 26, 0, 30, 0, 0),
]
ATLAS_PROGRAMMES = [
    (CPD, ProgrammeKind.CPD, "Subject audits: secondary English",
     "How Atlas schools review a department: the audit model, then a shadowed review.",
     ["middle-leaders"], ["secondary"], "60", "120", 2, 22, 14, 16, 0, 0),
    (StrandKind.ITT, ProgrammeKind.ITT, "Atlas School Direct: mentor training",
     "Mentoring trainees across the federations' primary and secondary schools.",
     ["teachers", "middle-leaders"], ["primary", "secondary"], "0", None, 2, 29, 21, 30, 0, 0),
]
ENDEAVOUR_PROGRAMMES = [
    (CPD, ProgrammeKind.CPD, "Speech and language in the primary classroom",
     "Spotting speech, language and communication needs early, and what to do next.",
     ["teachers", "teaching-assistants"], ["primary"], "40", "80", 2, 20, 14, 24, 0, 0),
    (CPD, ProgrammeKind.CPD, "Newly qualified teacher induction programme",
     "A year of half-termly sessions for NQTs, with the Institute of Education.",
     ["teachers"], ["primary"], "250", "400", 3, 27, 42, 30, 0, 0),
]
LEWISHAM_LA_PROGRAMMES = [
    (CPD, ProgrammeKind.CPD, "Designated safeguarding lead: annual refresher",
     "The local authority's refresher for designated safeguarding leads and their deputies.",
     ["senior-leaders", "headteachers"], [], "0", "75", 2, 15, 28, 40, 0, 0),
    (CPD, ProgrammeKind.CPD, "SEND: the graduated approach",
     "Assess, plan, do, review: the local offer and how to use it.",
     ["teachers", "middle-leaders"], [], "30", "60", 1, 31, 0, 35, 0, 0),
    (StrandKind.SCHOOL_SUPPORT, ProgrammeKind.NETWORK, "New headteachers' induction",
     "Meeting the local authority's teams: finance, HR, admissions and school improvement.",
     ["headteachers"], [], "0", None, 3, 23, 35, 20, 0, 0),
]
TANDRIDGE_PROGRAMMES = [
    (CPD, ProgrammeKind.CPD, "Coaching and mentoring in the classroom",
     "Observation, mentoring and coaching between peers, school-based and classroom-focused.",
     ["teachers"], ["primary", "secondary"], "35", "70", 2, 19, 21, 20, 0, 0),
    (StrandKind.LEADERSHIP, ProgrammeKind.CPD, "Talent development: stepping up to lead",
     "For staff showing leadership potential: structured and stretching first steps.",
     ["middle-leaders"], [], "120", "200", 3, 34, 28, 18, 0, 0),
]
# fmt: on

# (name, phases)
ATLAS_SCHOOLS = [
    ("Haberdashers' Hatcham College", ["secondary", "post-16"]),
    ("Haberdashers' Knights Academy", ["secondary", "post-16"]),
    ("Haberdashers' Crayford Academy", ["secondary", "post-16"]),
    ("Hatcham Temple Grove Primary", ["nursery", "primary"]),
    ("Hatcham Wood Primary", ["primary"]),
    ("Knights Temple Grove Primary", ["primary"]),
    ("Crayford Temple Grove Primary", ["primary"]),
    ("Slade Green Temple Grove Primary", ["primary"]),
    ("Downham Fields Primary", ["nursery", "primary"]),
    ("Brockley Rise Primary", ["primary"]),
    ("New Cross Gate Primary", ["primary"]),
    ("Erith Marshes Primary", ["primary"]),
    ("Belvedere Heights School", ["secondary"]),
    ("Dartford Heath Primary", ["primary"]),
]


def _provider(year: AcademicYear, **fields) -> DemoAlliance:
    alliance = _alliance(**fields)
    demo = DemoAlliance(alliance=alliance, year=year)
    demo.strands = {s.kind: s for s in alliance.strands.all()}
    return demo


def _schools(demo: DemoAlliance, schools, first_urn: int, la: str) -> list[Organisation]:
    found = []
    for index, (name, phases, kind) in enumerate(schools):
        org = _organisation(name, SCHOOL, phases, str(first_urn + index), la)
        _member(demo, org, kind)
        found.append(org)
    return found


def _director(demo: DemoAlliance, name: str, org: Organisation, email: str = "") -> None:
    person = _person(name, org, "Teaching school director", email, login=bool(email))
    _role(demo, person, Role.DIRECTOR, days="1")


def seed_etal(year: AcademicYear) -> DemoAlliance:
    demo = _provider(
        year,
        slug="etal",
        name="Education Teaching Alliance Lewisham",
        short_name="ETAL",
        area="London Borough of Lewisham",
        mission="Improving teaching and learning through school collaboration and innovative "
        "CPD, by teachers for teachers.",
    )
    haseltine, fairlawn, *_ = _schools(
        demo,
        [
            ("Haseltine Primary School", ["primary"], MembershipKind.TEACHING_SCHOOL),
            ("Fairlawn Primary School", ["primary"], MembershipKind.TEACHING_SCHOOL),
            ("Forest Hill Road Primary School", ["primary"], MembershipKind.MEMBER_SCHOOL),
            ("Ladywell Fields Primary School", ["primary"], MembershipKind.MEMBER_SCHOOL),
        ],
        100900,
        "Lewisham",
    )
    _director(demo, "Grace Lindqvist", haseltine)
    _programmes(demo, ETAL_PROGRAMMES, fairlawn, {}, [], {})
    return demo


def seed_atlas(year: AcademicYear) -> DemoAlliance:
    demo = _provider(
        year,
        slug="atlas",
        name="Atlas Education Teaching Alliance",
        short_name="Atlas",
        area="South East London and North Kent",
        mission="Better outcomes for all our children, through an unapologetic focus on the "
        "quality of teaching and learning across the alliance.",
    )
    federation = _organisation(
        "Haberdashers' Aske's Leathersellers Federation", OrganisationType.TRUST, la="Lewisham"
    )
    _member(demo, federation, MembershipKind.STRATEGIC_PARTNER)
    kinds = [MembershipKind.TEACHING_SCHOOL] + [MembershipKind.MEMBER_SCHOOL] * 13
    schools = _schools(
        demo,
        [(name, phases, kind) for (name, phases), kind in zip(ATLAS_SCHOOLS, kinds, strict=True)],
        100910,
        "Lewisham",
    )
    _director(demo, "Owen Okafor", schools[0])
    _programmes(demo, ATLAS_PROGRAMMES, schools[0], {}, [], {})
    return demo


def seed_endeavour(year: AcademicYear) -> DemoAlliance:
    demo = _provider(
        year,
        slug="endeavour",
        name="Endeavour Teaching School Alliance",
        short_name="Endeavour",
        area="London",
        mission="To continually develop our staff, and to support other teachers in England "
        "and internationally.",
    )
    tidemill, *_ = _schools(
        demo,
        [
            ("Tidemill Academy", ["primary"], MembershipKind.TEACHING_SCHOOL),
            ("Deptford Creek Primary School", ["primary"], MembershipKind.MEMBER_SCHOOL),
            ("Evelyn Street Primary School", ["primary"], MembershipKind.MEMBER_SCHOOL),
            ("Convoys Wharf Primary School", ["primary"], MembershipKind.MEMBER_SCHOOL),
        ],
        100930,
        "Lewisham",
    )
    for name, kind in [
        ("REAch2 Academy Trust", OrganisationType.TRUST),
        ("UCL Institute of Education", OrganisationType.UNIVERSITY),
    ]:
        _member(demo, _organisation(name, kind, la=""), MembershipKind.STRATEGIC_PARTNER)
    _director(demo, "Rosa Mensah", tidemill)
    _programmes(demo, ENDEAVOUR_PROGRAMMES, tidemill, {}, [], {})
    return demo


def seed_lewisham_la(year: AcademicYear, schools: list[Organisation]) -> DemoAlliance:
    """The local authority's own CPD offer, run as a provider: its CPD manager leads its CPD
    strand, and Lewisham's schools are its members, paying its members' prices."""
    demo = _provider(
        year,
        slug="lewisham-la",
        name="Lewisham Local Authority",
        short_name="Lewisham LA",
        area="London Borough of Lewisham",
        kind=ProviderKind.LOCAL_AUTHORITY,
        mission="The local authority's CPD offer for Lewisham's schools and settings.",
    )
    council = _organisation("Lewisham Council", OrganisationType.LOCAL_AUTHORITY, la="Lewisham")
    _member(demo, council, MembershipKind.STRATEGIC_PARTNER)
    for school in schools:
        _member(demo, school, MembershipKind.MEMBER_SCHOOL)
    manager = _person("Femi Whitfield", council, "CPD manager", "la-cpd@demo.test", login=True)
    _role(demo, manager, Role.STRATEGIC_LEAD, strand=demo.strands[CPD], days="0.5")
    _programmes(demo, LEWISHAM_LA_PROGRAMMES, council, {}, [], {})
    return demo


def seed_tandridge(year: AcademicYear) -> DemoAlliance:
    demo = _provider(
        year,
        slug="tandridge",
        name="Tandridge Teaching Alliance",
        short_name="TTA",
        area="Tandridge, Surrey",
        mission="Professional development that is school-based and classroom focused.",
    )
    lead, *_ = _schools(
        demo,
        [
            ("Oxted Downs Primary School", ["primary"], MembershipKind.TEACHING_SCHOOL),
            ("Lingfield Common Primary School", ["primary"], MembershipKind.MEMBER_SCHOOL),
            ("Caterham Valley School", ["secondary", "post-16"], MembershipKind.MEMBER_SCHOOL),
        ],
        100940,
        "Surrey",
    )
    _director(demo, "Vera Quinn", lead, "tandridge-director@demo.test")
    _programmes(demo, TANDRIDGE_PROGRAMMES, lead, {}, [], {})
    return demo


def seed(southwark: DemoAlliance, steep: DemoAlliance) -> None:
    year = southwark.year
    etal, atlas, endeavour = seed_etal(year), seed_atlas(year), seed_endeavour(year)
    lewisham_schools = [
        org
        for provider in (steep, etal, endeavour)
        for org in provider.organisations.values()
        if org.is_school
    ]
    lewisham_la = seed_lewisham_la(year, lewisham_schools)
    # STEEP trains childminders, who belong to no school and book for themselves.
    _person("Abi Costa", None, "Childminder", "childminder@demo.test", login=True)
    seed_tandridge(year)
    partnership, _ = Partnership.objects.update_or_create(
        slug="lewisham",
        defaults={
            "name": "Lewisham Teaching Schools Alliance Partnership",
            "area": "Lewisham",
            "description": "Alongside the offer from the local authority, CPD in Lewisham is "
            "also provided by the four Teaching School Alliances.",
        },
    )
    partnership.providers.set(
        [steep.alliance, etal.alliance, atlas.alliance, endeavour.alliance, lewisham_la.alliance]
    )
