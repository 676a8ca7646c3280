"""The shared kernel of every app's use cases: the error a broken rule raises, and model validation
that turns Django's field errors into that error with the field named in Chinese."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """A rule of the use case was broken; the message is shown to the user as is (Chinese)."""


def clean_or_refuse(instance, **kwargs) -> None:
    """Validate a model instance; any problem becomes a ServiceError naming the field in Chinese."""
    try:
        instance.full_clean(**kwargs)
    except ValidationError as error:
        if isinstance(error, ServiceError):
            raise
        messages = []
        for field, problems in error.message_dict.items():
            label = instance._meta.get_field(field).verbose_name if field != "__all__" else ""
            messages += [f"{label}：{problem}" if label else problem for problem in problems]
        raise ServiceError(messages) from error
