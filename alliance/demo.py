"""Demo data: Southwark Teaching School Alliance from the public seeds, and a small Lewisham
alliance (STEEP) so that pages are seen with more than one alliance on the deployment.

Everything here is keyed on natural keys, so running it again changes nothing.
People's names and most school names are invented.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from alliance.models import AcademicYear, Alliance, FundedPeriod, Protocol, Role, RoleAssignment
from members.models import (
    Designation,
    DesignationKind,
    Membership,
    MembershipKind,
    Organisation,
    OrganisationType,
    Person,
    Phase,
    Specialism,
    User,
)
from members.reference import create_reference_data
from strands.models import Contribution, Strand, StrandKind

DEMO_PASSWORD = "alliance-demo"

SOUTHWARK_VISION = (
    "A community where every child and young person is nurtured and challenged to flourish in "
    "all aspects of their life – academic, cultural, personal and social."
)
SOUTHWARK_MISSION = (
    "To build a strong community of impactful teachers and leaders based on the sharing and "
    "development of practitioner excellence and evidence-based practice."
)
SOUTHWARK_PROTOCOLS = [
    ("Commitment", "All partners commit to contributing to at least two strands of work."),
    (
        "Trust and respect",
        "All partners commit to being open, honest and constructive with each "
        "other. No one school should succeed at the expense of another.",
    ),
    ("Collaboration", "We commit to working collaboratively with each other."),
    ("Listening", "We will listen to each other and appreciate a variety of opinions."),
    (
        "Compromise",
        "All schools have different opinions based on different experiences; "
        "a ‘one size fits all’ approach is not appropriate.",
    ),
    ("Patience", "Change takes time to embed and grow in sustainable ways."),
    ("Constructive approach", "We will demonstrate a constructive approach to problem solving."),
    ("Honesty and transparency", "We will model a willingness to be open and share good practice."),
    ("Equality", "All schools have something of value to offer."),
    ("Support", "We will build confidence and trust to provide support when and where needed."),
    ("Communication", "Clear communication using agreed formats, timescales and defined roles."),
    ("Sensitivity", "We acknowledge the need for sensitivity in all our professional dealings."),
]

# (name, phases, URN)
SOUTHWARK_SCHOOLS = [
    ("Bramcote Green Nursery School", ["nursery"], "100801"),
    ("Peckham Rye Nursery School", ["nursery"], "100802"),
    ("Dulwich Wood Nursery School", ["nursery"], "100803"),
    ("Albion Street Primary School", ["primary"], "100811"),
    ("Bellenden Road Primary School", ["primary"], "100812"),
    ("Camberwell Grove Primary School", ["primary"], "100813"),
    ("Grange Walk Primary School", ["primary"], "100814"),
    ("Honor Oak Primary School", ["primary"], "100815"),
    ("Lordship Lane Primary School", ["primary"], "100816"),
    ("Nunhead Green Primary School", ["primary"], "100817"),
    ("Rotherhithe Docks Primary School", ["primary"], "100818"),
    ("Surrey Quays Primary School", ["nursery", "primary"], "100819"),
    ("Walworth Road Primary School", ["primary"], "100820"),
    ("Bermondsey Spa Primary School", ["primary"], "100821"),
    ("Elephant Park Primary School", ["primary"], "100822"),
    ("Burgess Park Primary School", ["primary"], "100823"),
    ("Canada Water Academy", ["secondary", "post-16"], "100831"),
    ("Denmark Hill School", ["secondary"], "100832"),
    ("Goose Green Academy", ["secondary", "post-16"], "100833"),
    ("Herne Hill School", ["secondary"], "100834"),
    ("Old Kent Road School", ["secondary", "post-16"], "100835"),
    ("Tooley Street Special School", ["primary", "secondary", "special"], "100836"),
]

FIRST_NAMES = [
    "Amara",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Femi",
    "Grace",
    "Hassan",
    "Imogen",
    "Jonah",
    "Kemi",
    "Leo",
    "Maya",
    "Nadia",
    "Owen",
    "Priya",
    "Quentin",
    "Rosa",
    "Sami",
    "Tara",
    "Umar",
    "Vera",
    "Wale",
    "Xenia",
    "Yusuf",
    "Zara",
]
LAST_NAMES = [
    "Adeyemi",
    "Brennan",
    "Costa",
    "Dhillon",
    "Evans",
    "Fofana",
    "Gallagher",
    "Hughes",
    "Iqbal",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Mensah",
    "Novak",
    "Okafor",
    "Patel",
    "Quinn",
    "Reid",
    "Sowande",
    "Thompson",
    "Uddin",
    "Varga",
    "Whitfield",
    "Yeboah",
]


@dataclass
class DemoAlliance:
    alliance: Alliance
    year: AcademicYear
    organisations: dict[str, Organisation] = field(default_factory=dict)
    strands: dict[str, Strand] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)


def _name(index: int) -> str:
    return f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {LAST_NAMES[(index * 7) % len(LAST_NAMES)]}"


def _alliance(**fields) -> Alliance:
    protocols = fields.pop("protocols", [])
    alliance, _ = Alliance.objects.update_or_create(slug=fields.pop("slug"), defaults=fields)
    for position, (title, text) in enumerate(protocols):
        Protocol.objects.update_or_create(
            alliance=alliance, position=position, defaults={"title": title, "description": text}
        )
    Strand.create_all_for(alliance)
    return alliance


def _organisation(
    name: str, kind: str, phases: list[str] = (), urn: str = "", la: str = "Southwark"
) -> Organisation:
    org, _ = Organisation.objects.update_or_create(
        name=name, defaults={"organisation_type": kind, "urn": urn, "local_authority": la}
    )
    if phases:
        org.phases.set(Phase.objects.filter(code__in=phases))
    return org


def _member(demo: DemoAlliance, org: Organisation, kind: str) -> None:
    demo.organisations[org.name] = org
    for year in (demo.year, _previous_year(demo.year)):
        Membership.objects.get_or_create(
            alliance=demo.alliance,
            organisation=org,
            academic_year=year,
            defaults={"kind": kind, "joined_on": year.starts_on},
        )


def _previous_year(year: AcademicYear) -> AcademicYear:
    previous, _ = AcademicYear.objects.get_or_create(start_year=year.start_year - 1)
    return previous


def _person(
    name: str,
    org: Organisation,
    job_title: str,
    email: str = "",
    login: bool = False,
    superuser: bool = False,
) -> Person:
    user = None
    if login:
        user = User.objects.filter(email=email).first()
        if user is None:
            create = User.objects.create_superuser if superuser else User.objects.create_user
            user = create(email=email, password=DEMO_PASSWORD, first_name=name)
        user.verify_email()
    person, _ = Person.objects.update_or_create(
        full_name=name,
        organisation=org,
        defaults={"email": email, "job_title": job_title, "user": user},
    )
    return person


def _role(
    demo: DemoAlliance,
    person: Person,
    role: str,
    *,
    strand: Strand | None = None,
    organisation: Organisation | None = None,
    days: str = "0",
    period: str = FundedPeriod.WEEK,
) -> RoleAssignment:
    assignment, _ = RoleAssignment.objects.get_or_create(
        alliance=demo.alliance,
        academic_year=demo.year,
        person=person,
        role=role,
        strand=strand,
        defaults={
            "organisation": organisation,
            "funded_days": Decimal(days),
            "funded_period": period,
            "starts_on": demo.year.starts_on,
        },
    )
    return assignment


def _contribute(demo: DemoAlliance, org_name: str, *strand_kinds: str) -> None:
    for kind in strand_kinds:
        Contribution.objects.get_or_create(
            strand=demo.strands[kind],
            organisation=demo.organisations[org_name],
            academic_year=demo.year,
            defaults={"starts_on": demo.year.starts_on},
        )


def _designate(
    demo: DemoAlliance, person: Person, kind: str, phase: str, specialisms: list[str], days: int
) -> Designation:
    designation, _ = Designation.objects.update_or_create(
        alliance=demo.alliance,
        person=person,
        kind=kind,
        defaults={
            "phase": Phase.objects.get(code=phase),
            "days_available_per_year": Decimal(days),
            "designated_on": datetime.date(demo.year.start_year - 2, 9, 1),
        },
    )
    designation.specialisms.set(Specialism.objects.filter(name__in=specialisms))
    return designation


def seed_southwark() -> DemoAlliance:
    year = AcademicYear.current()
    alliance = _alliance(
        slug="southwark",
        name="Southwark Teaching School Alliance",
        short_name="STSA",
        area="London Borough of Southwark",
        vision=SOUTHWARK_VISION,
        mission=SOUTHWARK_MISSION,
        contact_email="stsa@demo.test",
        protocols=SOUTHWARK_PROTOCOLS,
    )
    demo = DemoAlliance(alliance=alliance, year=year)
    demo.strands = {s.kind: s for s in alliance.strands.all()}
    school = OrganisationType.SCHOOL
    dickens = _organisation("Charles Dickens Primary School", school, ["primary"], "100790")
    crampton = _organisation("Crampton Primary School", school, ["nursery", "primary"], "100791")
    _member(demo, dickens, MembershipKind.TEACHING_SCHOOL)
    _member(demo, crampton, MembershipKind.TEACHING_SCHOOL)
    donne = _organisation("John Donne Primary School", school, ["primary"], "100792")
    _member(demo, donne, MembershipKind.STRATEGIC_PARTNER)
    for name, kind in [
        ("UCL Institute of Education", OrganisationType.UNIVERSITY),
        ("The Future Leaders Trust", OrganisationType.TRUST),
        ("Education Development Trust", OrganisationType.OTHER),
        ("Southwark Council", OrganisationType.LOCAL_AUTHORITY),
    ]:
        _member(
            demo,
            _organisation(name, kind, la="" if kind != "local_authority" else "Southwark"),
            MembershipKind.STRATEGIC_PARTNER,
        )
    schools = []
    for name, phases, urn in SOUTHWARK_SCHOOLS:
        org = _organisation(name, school, phases, urn)
        _member(demo, org, MembershipKind.MEMBER_SCHOOL)
        schools.append(org)

    # The commitment protocol: every partner in at least two strands; one deliberately falls short.
    _contribute(
        demo,
        "UCL Institute of Education",
        StrandKind.ITT,
        StrandKind.LEADERSHIP,
        StrandKind.RESEARCH,
    )
    _contribute(demo, "The Future Leaders Trust", StrandKind.LEADERSHIP, StrandKind.SCHOOL_SUPPORT)
    _contribute(demo, "Education Development Trust", StrandKind.SCHOOL_SUPPORT)
    _contribute(demo, "Southwark Council", StrandKind.CPD, StrandKind.SCHOOL_SUPPORT)
    _contribute(demo, "John Donne Primary School", StrandKind.ITT, StrandKind.CPD)

    people = demo.people
    people["chair"] = _person("Helen Marsh", dickens, "Headteacher", "chair@demo.test", login=True)
    _role(demo, people["chair"], Role.CHAIR)
    _role(demo, people["chair"], Role.HEADTEACHER, organisation=dickens)
    people["chair2"] = _person("Marcus Bell", crampton, "Headteacher")
    _role(demo, people["chair2"], Role.CHAIR)
    _role(demo, people["chair2"], Role.HEADTEACHER, organisation=crampton)
    people["director"] = _person(
        "Ruth Okonjo", crampton, "Teaching school director", "director@demo.test", login=True
    )
    _role(demo, people["director"], Role.DIRECTOR, days="2")
    people["administrator"] = _person(
        "Sunita Rao", dickens, "School administrator", "administrator@demo.test", login=True
    )
    _role(demo, people["administrator"], Role.ADMINISTRATOR, days="0.5")
    people["finance"] = _person(
        "Gareth Lloyd", dickens, "School business manager", "finance@demo.test", login=True
    )
    _role(demo, people["finance"], Role.FINANCE_HOLDER, days="1", period=FundedPeriod.HALF_TERM)
    people["board"] = _person(
        "Olu Bankole",
        demo.organisations["Southwark Council"],
        "School improvement adviser",
        "board@demo.test",
        login=True,
    )
    _role(demo, people["board"], Role.BOARD_MEMBER)
    people["board_ioe"] = _person(
        "Clare Whitaker", demo.organisations["UCL Institute of Education"], "Partnership lead"
    )
    _role(demo, people["board_ioe"], Role.BOARD_MEMBER)
    people["head"] = _person(
        "Daniel Forde", schools[4], "Headteacher", "head@demo.test", login=True
    )
    _role(demo, people["head"], Role.HEADTEACHER, organisation=schools[4])
    # A teacher at the head's school, with no role: they are nominated, apply and are trained.
    people["teacher"] = _person(
        "Kemi Adeyemi", schools[4], "Year 4 teacher and maths lead", "teacher@demo.test", login=True
    )
    for index, org in enumerate(schools):
        if org != schools[4]:
            head = _person(_name(index + 40), org, "Headteacher")
            _role(demo, head, Role.HEADTEACHER, organisation=org)

    lead_plan = [
        (StrandKind.ITT, "Tom Hartley", donne, "ITT lead", "itt-lead@demo.test"),
        (StrandKind.CPD, "Aisha Mensah", crampton, "Assistant headteacher", "cpd-lead@demo.test"),
        (
            StrandKind.LEADERSHIP,
            "Fiona Gray",
            dickens,
            "Deputy headteacher",
            "leadership-lead@demo.test",
        ),
        (StrandKind.SCHOOL_SUPPORT, "Kwame Asante", schools[16], "Deputy headteacher", ""),
        (StrandKind.SLE, "Lucy Tan", schools[3], "Assistant headteacher", ""),
        (
            StrandKind.RESEARCH,
            "Imran Shah",
            demo.organisations["UCL Institute of Education"],
            "Research fellow",
            "",
        ),
    ]
    for kind, name, org, title, email in lead_plan:
        lead = _person(name, org, title, email, login=bool(email))
        people[f"lead-{kind}"] = lead
        _role(demo, lead, Role.STRATEGIC_LEAD, strand=demo.strands[kind], days="0.5")
    people["cpd-lead"] = people[f"lead-{StrandKind.CPD}"]

    specialism_sets = [
        ["Phonics and early reading", "English"],
        ["Mathematics"],
        ["Early years"],
        ["Special educational needs and disabilities"],
        ["Staff and student wellbeing"],
        ["Science", "Outdoor learning"],
        ["Assessment"],
        ["Leadership of CPD"],
        ["Behaviour and attendance"],
        ["School business management"],
        ["Initial teacher training and NQT development"],
        ["Modern foreign languages"],
        ["Pupil premium and closing the gap"],
    ]
    people["sle"] = _person(
        "Nia Campbell", schools[5], "Year 2 teacher and phonics lead", "sle@demo.test", login=True
    )
    _designate(demo, people["sle"], DesignationKind.SLE, "primary", specialism_sets[0], 20)
    for index in range(1, 13):
        org = schools[(index * 3) % len(schools)]
        phase = org.phases.first().code
        sle = _person(_name(index), org, "Specialist leader of education")
        _designate(demo, sle, DesignationKind.SLE, phase, specialism_sets[index], 10 + index)
    for index, (org, specialisms) in enumerate(
        [
            (dickens, ["Leadership of CPD", "Assessment"]),
            (crampton, ["Early years", "Phonics and early reading"]),
            (schools[18], ["Behaviour and attendance", "Pupil premium and closing the gap"]),
        ]
    ):
        nle = _person(_name(index + 60), org, "Executive headteacher")
        _designate(demo, nle, DesignationKind.NLE, org.phases.last().code, specialisms, 30)

    superuser = User.objects.filter(email="superuser@demo.test").first()
    if superuser is None:
        superuser = User.objects.create_superuser(
            email="superuser@demo.test", password=DEMO_PASSWORD, first_name="Site administrator"
        )
    superuser.verify_email()
    return demo


def seed_steep(southwark: DemoAlliance) -> DemoAlliance:
    year = southwark.year
    alliance = _alliance(
        slug="steep",
        name="South Thames Early Education Partnership",
        short_name="STEEP",
        area="London Borough of Lewisham",
        vision="Every child deserves the best possible start in life and support to fulfil "
        "their potential.",
        mission="To support those working with young children and their families through high "
        "quality professional development.",
        contact_email="steep@demo.test",
        protocols=[
            ("Commitment", "All partners commit to contributing to at least two strands of work.")
        ],
    )
    demo = DemoAlliance(alliance=alliance, year=year)
    demo.strands = {s.kind: s for s in alliance.strands.all()}
    school = OrganisationType.SCHOOL
    chelwood = _organisation("Chelwood Nursery School", school, ["nursery"], "100700", "Lewisham")
    clyde = _organisation("Clyde Nursery School", school, ["nursery"], "100701", "Lewisham")
    _member(demo, chelwood, MembershipKind.TEACHING_SCHOOL)
    _member(demo, clyde, MembershipKind.TEACHING_SCHOOL)
    for index, name in enumerate(
        [
            "Brockley Children's Centre",
            "Deptford Park Nursery School",
            "Catford Hill Nursery School",
            "Sydenham Wells Children's Centre",
        ]
    ):
        _member(
            demo,
            _organisation(name, school, ["nursery"], f"10071{index}", "Lewisham"),
            MembershipKind.MEMBER_SCHOOL,
        )
    goldsmiths = _organisation(
        "Goldsmiths, University of London", OrganisationType.UNIVERSITY, la=""
    )
    _member(demo, goldsmiths, MembershipKind.STRATEGIC_PARTNER)
    _contribute(demo, "Goldsmiths, University of London", StrandKind.ITT, StrandKind.RESEARCH)

    director = _person(
        "Joy Achebe", chelwood, "Teaching school director", "steep-director@demo.test", login=True
    )
    _role(demo, director, Role.DIRECTOR, days="1")
    chair = _person("Paul Ennis", clyde, "Headteacher")
    _role(demo, chair, Role.CHAIR)
    _role(demo, chair, Role.HEADTEACHER, organisation=clyde)
    lead = _person("Mei Lin", chelwood, "Early years lead")
    _role(demo, lead, Role.STRATEGIC_LEAD, strand=demo.strands[StrandKind.CPD], days="0.5")
    # A local authority adviser who sits on both alliances' boards.
    adviser = _person(
        "Sam Okoro",
        southwark.organisations["Southwark Council"],
        "Early years adviser",
        "la-adviser@demo.test",
        login=True,
    )
    _role(demo, adviser, Role.BOARD_MEMBER)
    _role(southwark, adviser, Role.BOARD_MEMBER)
    demo.people.update(director=director, chair=chair, adviser=adviser)
    return demo


@transaction.atomic
def seed_foundation() -> tuple[DemoAlliance, DemoAlliance]:
    create_reference_data(Phase, Specialism)
    southwark = seed_southwark()
    steep = seed_steep(southwark)
    return southwark, steep
