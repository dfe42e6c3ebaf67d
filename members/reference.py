"""Reference lists every alliance shares: the phases of education and SLE specialisms."""

PHASES = [
    ("nursery", "Nursery"),
    ("primary", "Primary"),
    ("secondary", "Secondary"),
    ("post-16", "Post-16"),
    ("special", "Special"),
]

SPECIALISMS = [
    "Assessment",
    "Behaviour and attendance",
    "Early years",
    "English",
    "Initial teacher training and NQT development",
    "Leadership of CPD",
    "Mathematics",
    "Modern foreign languages",
    "Outdoor learning",
    "Phonics and early reading",
    "Pupil premium and closing the gap",
    "School business management",
    "Science",
    "Special educational needs and disabilities",
    "Staff and student wellbeing",
]


def create_reference_data(Phase, Specialism) -> None:
    for position, (code, name) in enumerate(PHASES):
        Phase.objects.update_or_create(code=code, defaults={"name": name, "position": position})
    for name in SPECIALISMS:
        Specialism.objects.get_or_create(name=name)
