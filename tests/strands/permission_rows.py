from tests.permission_table import SOUTHWARK, Page, everyone

ROWS = [
    Page("strands:strand-list", SOUTHWARK, expected=everyone()),
    Page("strands:strand-detail", {**SOUTHWARK, "strand_slug": "cpd"}, expected=everyone()),
    Page("strands:strand-detail", {**SOUTHWARK, "strand_slug": "nope"}, expected=everyone(404)),
]
