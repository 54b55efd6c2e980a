from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern
from wagtail.urls import urlpatterns as wagtail_urlpatterns

from accounts.views import admin_login
from config.api import api_router
from core import serving
from core.localize_drafts import sync_translations
from core.municipalities import theme_css
from core.region import region
from core.search import search
from core.seo import robots_txt, sitemap_index, sitemaps
from participation.ideas.views import idea_image
from participation.paper.printing import form_code

urlpatterns = [
    # Before the admin's own sign-in page: staff sign in where two-factor authentication and rate limits apply.
    path("admin/login/", admin_login),
    # wagtail-localize's "Sync translated pages" without "Publish immediately" (core/localize_drafts.py).
    path("admin/localize/update/<int:translation_source_id>/", sync_translations),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": sitemaps()}, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # The municipality's accent colour (per host; no inline styles under the Content-Security-Policy).
    path("theme.css", theme_css, name="theme_css"),
    # The short address inside the QR code on every printed page (fewer modules, read more easily).
    path("b/", form_code, name="paper_form_code"),
    # Photos of ideas live in the private storage: this view checks that the idea may be seen.
    path("ideen/bilder/<int:image_id>/<str:name>", idea_image, name="idea_image"),
]

if settings.SERVE_MEDIA:
    # Local runs and tests serve public uploads themselves; production puts them behind the web server. Only
    # public content lies under MEDIA_ROOT: every staff or personal file is in PRIVATE_ROOT (core.files).
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}))

urlpatterns += i18n_patterns(
    path("konto/", include("accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("suche/", search, name="search"),
    path("region/", region, name="region"),  # every municipality's participation in one place (issue 26)
    path("", include("participation.urls")),
    path("", include("volunteering.urls")),
    path("", include("accessibility.urls")),
    *[pattern for pattern in wagtail_urlpatterns if pattern.name != "wagtail_serve"],  # its password and login forms
    re_path(serve_pattern, serving.serve, name="wagtail_serve"),  # Wagtail's address and name, routes remembered
)

handler400 = "core.views.bad_request"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
