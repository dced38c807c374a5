from wagtail.snippets.models import register_snippet

from .viewsets import RegistryGroup

register_snippet(RegistryGroup)
