"""The public pages nginx serves from files carry the same Content-Security-Policy as Django's responses."""

import re
from pathlib import Path

from django.conf import settings
from django.utils.csp import build_policy

CONF = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "pia-public.conf"


def test_nginx_sends_djangos_policy_with_the_rendered_pages():
    headers = re.findall(r'add_header Content-Security-Policy "([^"]+)" always;', CONF.read_text(encoding="utf-8"))
    assert headers == [build_policy(settings.SECURE_CSP)]  # without a nonce: the files have no inline script
