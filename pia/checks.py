"""System checks of the form definitions: every definition and edition mapping loads.

Start-up reads only the sections of the definitions that have page classes; the definitions
themselves load on first use. This check loads them all, so that `manage.py check`, `migrate`
and `runserver` still refuse a definition or mapping that could not be printed.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register


@register()
def check_form_definitions(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if app_configs is not None and not any(config.name == "pia" for config in app_configs):
        return []
    from pia.formdef.loader import DefinitionError, all_definitions
    from pia.formdef.mappings import shipped_mappings

    try:
        all_definitions()
        shipped_mappings()
    except DefinitionError as exc:
        return [Error(str(exc), hint="Correct the form definition or mapping named.", id="pia.E001")]
    return []
