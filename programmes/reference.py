"""The audiences every alliance's programmes are for."""

AUDIENCES = [
    ("teachers", "Teachers"),
    ("teaching-assistants", "Teaching assistants"),
    ("support-staff", "Business and support staff"),
    ("middle-leaders", "Middle leaders"),
    ("senior-leaders", "Senior leaders"),
    ("headteachers", "Headteachers"),
    ("early-years", "Early years practitioners and childminders"),
]


def create_audiences(Audience) -> None:
    for position, (code, name) in enumerate(AUDIENCES):
        Audience.objects.update_or_create(code=code, defaults={"name": name, "position": position})
