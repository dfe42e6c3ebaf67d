"""What programmes tells the apps built on it, which it may not import (the layers rule)."""

from django.dispatch import Signal

# Sent by ``services.attendance_mark`` inside its transaction, after the marks are saved, with
# ``session`` and ``attended``: the bookings newly marked present (not those already present), so
# a receiver acting once per attendance (the feedback email) acts once however often the register
# is saved.
attendance_marked = Signal()
