"""Text as it is stored: LF line breaks, no whitespace at either end; normalized where text enters.

Browsers submit a textarea's line breaks as CRLF (HTML's form submission rule), files may hold CR
or CRLF, and the form's texts, the registry's records and the diff all use LF. A text stored with
CRLF compares unequal to the same text with LF, so an unchanged save would show up as a change
(drift, a proposed 別添２ row). Nothing normalizes on reading or comparing: text is stored clean.

Where text enters:

* the registry's admin forms (``registry.forms.OrganizationScopedForm``) and the page editor's text
  blocks (``pia.formdef.blocks``) make the submitted line breaks LF before their fields clean the
  value (so a length limit counts what is stored); the fields then strip the ends (Django's
  ``CharField(strip=True)``), which together is :func:`clean_text`;
* values set by code (``pia.formdef.values``: imports, the demo, services) and the document import
  (``pia.formdef.imports``) apply :func:`clean_text`;
* the XML reader (``exports.xml.document``) makes line breaks LF, as XML's own end-of-line handling
  does for the CRs it reads literally (a CR written ``&#13;`` survives the parser).

Whitespace: the ends of the whole text are removed, exactly as Django's form fields do
(``str.strip``: spaces, full-width spaces, tabs, line breaks), so that stored text is a fixed point
of the forms: shown in a form and saved unchanged, it stores the same text. Whitespace at the end of
an inner line is kept: no browser adds any, the forms keep it, and removing it would change text an
officer typed on purpose (a full-width space, say).
"""

from __future__ import annotations


def normalize_newlines(text: str) -> str:
    """*text* with every CRLF and lone CR made LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(value: str) -> str:
    """*value* as stored: LF line breaks, no whitespace at either end."""
    return normalize_newlines(value).strip()
