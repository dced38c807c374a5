"""Benchmark: comparing Nagaoka's first and latest publications (budget 100 ms server time), beside page renders.

Run with `make bench`; `make test` skips it. Figures are printed, not asserted: absolute
times on a shared machine drift, so each is reported beside baselines measured in the same run.
"""

import statistics
import time

import pytest
from django.test import Client
from django.urls import reverse

from pia.models import Publication
from pia.versions.diff import diff
from tests.nagaoka import NAGAOKA_VERSIONS, NagaokaTestCase

BUDGET_MS = 100.0


def median_ms(action, repeat):
    action()  # warm caches the way a running server has them
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


@pytest.mark.bench
class CompareBenchmark(NagaokaTestCase):
    def test_compare_first_and_latest_publication(self):
        first = Publication.objects.get(page=self.assessment, version=1)
        latest = Publication.objects.get(page=self.assessment, version=NAGAOKA_VERSIONS)  # 令和7年6月30日
        client = Client()
        client.force_login(self.auditor)
        compare_url = reverse("pia_assessment_compare", args=[self.assessment.pk]) + f"?a=1&b={latest.version}"
        document_url = reverse("pia_assessment_document", args=[self.assessment.pk])

        changes = diff(first.document, latest.document)
        diff_ms = median_ms(lambda: diff(first.document, latest.document), 30)
        compare_page_ms = median_ms(lambda: client.get(compare_url), 10)
        document_page_ms = median_ms(lambda: client.get(document_url), 10)
        editor_page_ms = median_ms(lambda: self._editor(client), 3)

        print()
        print(f"{'benchmark':<52}{'median ms':>12}")
        print(
            f"{'diff of publication 1 and ' + str(latest.version) + f' ({len(changes)} changes)':<52}{diff_ms:>12.1f}"
        )
        print(f"{'compare view, whole admin page (server)':<52}{compare_page_ms:>12.1f}")
        print(f"{'baseline: document view, whole admin page':<52}{document_page_ms:>12.1f}")
        print(f"{'baseline: Wagtail page editor (officer)':<52}{editor_page_ms:>12.1f}")
        verdict = "within" if compare_page_ms <= BUDGET_MS else "OVER"
        print(f"budget {BUDGET_MS:.0f} ms for comparing two versions: {verdict} budget")
        self.assertGreater(len(changes), 0)

    def _editor(self, client):
        officer = Client()
        officer.force_login(self.officer)
        return officer.get(reverse("wagtailadmin_pages:edit", args=[self.assessment.pk]))
