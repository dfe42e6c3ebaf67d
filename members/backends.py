"""Django's model backend, loading the user's person in the same query.

Nearly every signed-in page asks for ``request.user.person`` (permissions, bookings), which is
otherwise a second query on every request. Sessions signed in through Django's own
``ModelBackend`` (still listed) keep working as before.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PersonModelBackend(ModelBackend):
    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("person").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
