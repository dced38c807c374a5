"""The signals pia sends. Their handlers live where the work is done (DESIGN §3):
``pia.services.signal_handlers`` (freezing publications), ``pia.public.static``
(static pages), ``pia.compliance.signal_handlers`` (evidence checks) and ``exports.publishing`` (files).
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent (after the transaction commits) when a Publication and its annex rows are stored, and when
# someone asks for a publication's files again. The exports layer renders the files; pia only announces.
publication_recorded = Signal()  # sender: Publication, publication=, history= (a past publication recorded)
artifacts_requested = Signal()  # sender: Publication, publication=, kinds=, force=
