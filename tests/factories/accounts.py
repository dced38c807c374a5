"""People: users of the admin (their roles come from tests/factories/pia.py's ``member``)."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.jp")
    password = factory.PostGeneration(lambda user, create, extracted, **kwargs: _set_password(user, create))


def _set_password(user, create: bool) -> None:
    user.set_password(PASSWORD)
    if create:
        user.save(update_fields=["password"])
