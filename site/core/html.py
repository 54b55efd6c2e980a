"""The one place where user-supplied HTML is cleaned (bleach behind one function).

Every app that accepts HTML from residents calls :func:`clean_html`; swapping bleach for
another sanitiser later touches only this file.
"""

import bleach

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote"})
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})


def _harden_link(attrs, new=False):
    """Links in user content open normally but never pass on referrer or rank."""
    attrs[(None, "rel")] = "nofollow noopener noreferrer"
    return attrs


def clean_html(html):
    """Return ``html`` with only the small allow-listed subset left, links hardened."""
    if not html:
        return ""
    cleaned = bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    # linkify also runs the callback over links that were already there.
    return bleach.linkify(cleaned, callbacks=[_harden_link])
