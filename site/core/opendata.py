"""Open data: a ZIP with an anonymised CSV, its column list and DCAT-AP.de metadata (``metadata.jsonld``).

The rows are what a dataset calls fit to publish (``open_data=True``): no personal columns, only published
ideas, and no free text: a column marked ``free_text`` (a description, an official answer, a comment, a typed
survey answer, a status note) is left out here, whatever the dataset offers (the moderated title of a published
idea is its public name and stays). The metadata follows DCAT-AP.de 2.0 (the German application
profile of DCAT-AP, https://www.dcat-ap.de/def/dcatde/2.0/spec/): a ``dcat:Dataset`` with publisher,
licence, contact point, time covered, political geocoding and one ``dcat:Distribution`` for the CSV; publisher,
contact and place are those of the municipality whose page the data comes from (``publisher_of``, issue 26).
The dataset has an IRI of its own (the landing page: the process or survey it comes from, with a fragment per
dataset); ``dcat:accessURL`` is ``OPENDATA_ACCESS_URL`` (the portal's address for the file, set per install)
and else that landing page. Classes the shapes test by ``sh:class`` are stated with their superclass too
(``foaf:Organization`` is a ``foaf:Agent``, ``vcard:Organization`` a ``vcard:Kind``), so a validator needs no
ontology to see them. ``tests/core/test_opendata_shacl.py`` checks the document against the DCAT-AP.de SHACL
shapes.
"""

import csv
import io
import json
import zipfile

from django.conf import settings
from django.utils import timezone

from core.exports import Counted, csv_chunks, headers
from core.links import site_root

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
CSV_FORMAT = "http://publications.europa.eu/resource/authority/file-type/CSV"
CSV_MEDIA_TYPE = "https://www.iana.org/assignments/media-types/text/csv"
GOVERNMENT_THEME = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
GERMAN = "http://publications.europa.eu/resource/authority/language/DEU"


def publisher():
    return getattr(settings, "OPENDATA_PUBLISHER", "Hansestadt Lübeck")


def licence():
    return getattr(settings, "OPENDATA_LICENSE", "http://dcat-ap.de/def/licenses/dl-by-de/2.0")


def contact_email():
    return getattr(settings, "OPENDATA_CONTACT_EMAIL", "") or settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].strip(">")


def geocoding():
    """(place, level): Lübeck's district key (a district-free city) and the municipal level."""
    return (getattr(settings, "OPENDATA_GEOCODING_URI", "http://dcat-ap.de/def/politicalGeocoding/districtKey/01003"),
            getattr(settings, "OPENDATA_GEOCODING_LEVEL_URI",
                    "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"))


def publisher_of(page):
    """(name, email, home page, place, level) of whoever publishes data from `page`: the municipality whose tree
    holds it (issue 26: a Wismar survey's data is Wismar's), the platform's settings for the default site."""
    from core.models import Municipality
    from core.staff_scope import site_of_page

    place, level = geocoding()
    default = (publisher(), contact_email(), site_root() + "/", place, level)
    site = site_of_page(page) if page is not None else None
    if site is None or site.is_default_site:
        return default
    town = Municipality.for_site(site)
    if town.official_key:
        place = f"http://dcat-ap.de/def/politicalGeocoding/municipalityKey/{town.official_key}"
        level = "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"
    return (town.display_name, town.contact_email or default[1], site.root_url + "/", place, level)


def write_zip(path, dataset, params, headings="codes", on_progress=None):
    """Write the ZIP at `path`, the CSV streamed into it; returns the number of rows."""
    offered = dataset.columns(params, personal=False, open_data=True)
    if any(column.personal for column in offered):
        raise ValueError(f"{dataset.key} offers personal columns for open data")
    kept = [index for index, column in enumerate(offered) if not column.free_text]
    columns = [offered[index] for index in kept]
    rows = Counted((tuple(row[index] for index in kept)
                    for row in dataset.rows(params, personal=False, open_data=True)), on_progress)
    stem = dataset.file_stem(params)
    data_name = f"{stem}.csv"
    issued = timezone.now()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open(data_name, "w", force_zip64=True) as member:
            for chunk in csv_chunks(columns, rows, headings, bom=False):
                member.write(chunk.encode("utf-8"))
        byte_size = archive.getinfo(data_name).file_size
        archive.writestr(f"{stem}-columns.csv", _codebook(columns))
        start, end = dataset.period(params, open_data=True)
        document = metadata(dataset, params, data_name, byte_size, start, end, issued)
        archive.writestr("metadata.jsonld", json.dumps(document, ensure_ascii=False, indent=2))
    return rows.count


def _codebook(columns):
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(["code", "label"])
    for code, label in zip(headers(columns, "codes"), headers(columns, "labels"), strict=True):
        writer.writerow([code, label])
    return buffer.getvalue()


def _date(value):
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def _moment(value):
    return {"@value": timezone.localtime(value).isoformat(timespec="seconds"), "@type": "xsd:dateTime"}


def metadata(dataset, params, data_name, byte_size, start, end, issued):
    """The DCAT-AP.de description of the dataset and its CSV distribution, as JSON-LD."""
    page = dataset.public_page(params)
    name, email, home, place, level = publisher_of(page)
    landing = page.full_url if page is not None and page.full_url else site_root() + "/"
    access_url = getattr(settings, "OPENDATA_ACCESS_URL", None) or landing
    title = {"@value": dataset.title(params), "@language": "de"}
    document = {
        "@context": CONTEXT,
        "@id": f"{landing.split('#')[0]}#open-data-{dataset.file_stem(params)}",
        "@type": "dcat:Dataset",
        "dcat:landingPage": {"@id": landing},
        "dcat:contactPoint": {
            "@type": ["vcard:Organization", "vcard:Kind"],
            "vcard:fn": name,
            "vcard:hasEmail": {"@id": f"mailto:{email}"},
            "vcard:hasURL": {"@id": home},
        },
        "dct:title": title,
        "dct:description": {"@value": str(dataset.description or dataset.label), "@language": "de"},
        "dct:publisher": {"@type": ["foaf:Organization", "foaf:Agent"], "foaf:name": name},
        "dct:license": {"@id": licence()},
        "dct:language": {"@id": GERMAN},
        "dcat:theme": {"@id": GOVERNMENT_THEME},
        "dcat:keyword": ["Bürgerbeteiligung", name, str(dataset.label)],
        "dct:spatial": {"@id": place},
        "dcatde:politicalGeocodingURI": {"@id": place},
        "dcatde:politicalGeocodingLevelURI": {"@id": level},
        "dct:issued": _moment(issued),
        "dct:modified": _moment(issued),
        "dcat:distribution": {
            "@type": "dcat:Distribution",
            "dct:title": {"@value": data_name, "@language": "de"},
            "dcat:accessURL": {"@id": access_url},
            "dct:format": {"@id": CSV_FORMAT},
            "dcat:mediaType": {"@id": CSV_MEDIA_TYPE},
            "dcat:byteSize": {"@value": str(byte_size), "@type": "xsd:nonNegativeInteger"},
            "dct:license": {"@id": licence()},
            "dct:issued": _moment(issued),
            "dct:modified": _moment(issued),
        },
    }
    if start and end:
        document["dct:temporal"] = {"@type": "dct:PeriodOfTime", "dcat:startDate": _date(start),
                                    "dcat:endDate": _date(end)}
    return document
