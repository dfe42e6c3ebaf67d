"""What the membership app tells the apps above it (finance bills a membership when it starts).

``membership_started`` is sent inside the transaction that approves an application or a renewal,
so a receiver's writes (the subscription invoice) commit or roll back with the membership.
Arguments: ``membership`` (a ``members.Membership``), ``fee`` (a ``Decimal`` in pounds, already
rounded to pence), ``description`` (the invoice line's words, e.g. "Full member 2027/28, primary,
201-400 on roll"), ``purchase_order`` (may be ""), ``made_by`` (the ``members.Person`` who approved
or renewed).
"""

from django.dispatch import Signal

membership_started = Signal()
