"""The site's public address, from one place, for every absolute link.

BASE_URL (`make run` derives it from PORT) is the public address of the default site. It is written into the
default Wagtail Site (host name and port) at every `migrate` when set, and by `load_demo_content`; Wagtail's
own absolute URLs (a page's full_url: feeds, the API's html_url, sitemap, hreflang) come from that Site, and
every link the site builds itself (mails sent by the worker, paper forms, iCal, DCAT, exports) comes from
here, so nothing can point at another host or port. With a request, the Site that request came to counts
(the same rule as Wagtail's own page URLs); without one, the default Site.
"""

from urllib.parse import urlsplit

from django.conf import settings


def base_url():
    """BASE_URL without a trailing slash (also Wagtail's WAGTAILADMIN_BASE_URL)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def sync_default_site(using="default"):
    """Host name and port of the default Wagtail Site from BASE_URL; True if they changed."""
    from wagtail.models import Site

    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None:
        return False
    base = urlsplit(base_url())
    hostname = base.hostname or "localhost"
    port = base.port or (443 if base.scheme == "https" else 80)
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(using=using)
    return True


def site_root(site=None, request=None):
    """'scheme://host[:port]' of `site`, else of the Site `request` came to, else of the default Site."""
    from wagtail.models import Site

    if site is None and request is not None:
        site = Site.find_for_request(request)
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else base_url()


def absolute(path, site=None, request=None):
    """An absolute URL for a path of this site (`path` starts with a slash); an address that is absolute
    already (files on another storage) stays as it is."""
    if path.startswith(("http://", "https://")):
        return path
    return site_root(site, request) + path
