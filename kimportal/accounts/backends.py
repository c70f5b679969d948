"""The portal's password backend: Django's ModelBackend with two savings on every page.

- The session's user is loaded with its office (`user.office` is read on every scoped
  page; lazily it was one more query per request).
- Named rules (django-rules, `<app>/rules.py`) are the single statement of who may do
  what: when the rules backend answers no, ModelBackend is not asked again. Before, each
  refused named rule (e.g. `registry.add_kim` for the ministry) fell through to two
  permission queries. Django model permissions that are not rules (the admin's, say)
  still come from here.
"""

import rules
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PortalModelBackend(ModelBackend):
    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("office").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def has_perm(self, user_obj, perm, obj=None):
        if rules.perm_exists(perm):
            return False
        return super().has_perm(user_obj, perm, obj)
