"""Admin downloads rendered on request: the body's 計画管理書 (様式１) as Excel.

It lives here, not in pia.admin, because the admin of pia sits below the exports (DESIGN §3):
the view asks pia which body the user may read and hands the register to the pure export.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, path
from wagtail import hooks

from pia.admin.portfolio import portfolio_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def portfolio_xlsx(request: HttpRequest) -> HttpResponse:
    """The chosen body's register; without a chosen body (an administrator), back to the view to pick one."""
    # openpyxl is heavy: loaded by the first download, not when the admin's hooks load at start-up.
    from exports.xlsx.portfolio import portfolio_workbook

    portfolio = portfolio_for(request)
    if portfolio is None:
        return redirect("pia_portfolio")
    response = HttpResponse(portfolio_workbook(portfolio), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="keikaku-kanrisho-{portfolio.organization_slug}-{portfolio.today:%Y%m%d}.xlsx"'
    )
    return response


@hooks.register("register_admin_urls")
def register_portfolio_export_urls() -> list[URLPattern]:
    return [path("pia/portfolio/xlsx/", portfolio_xlsx, name="pia_portfolio_xlsx")]
