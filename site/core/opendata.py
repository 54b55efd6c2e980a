"""Open data: a ZIP with an anonymised CSV, its column list and DCAT-AP.de metadata (``metadata.jsonld``).

The rows are what a dataset calls fit to publish (``open_data=True``): no personal columns, no free text
from survey responses, only published ideas. The metadata follows DCAT-AP.de 2.0 (the German application
profile of DCAT-AP, https://www.dcat-ap.de/def/dcatde/2.0/spec/): a ``dcat:Dataset`` with publisher,
licence, time covered, political geocoding of Lübeck and one ``dcat:Distribution`` for the CSV. Portal
operators replace ``dcat:accessURL`` with the address they publish the file under.
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


def geocoding():
    """(place, level): Lübeck's district key (a district-free city) and the municipal level."""
    return (getattr(settings, "OPENDATA_GEOCODING_URI", "http://dcat-ap.de/def/politicalGeocoding/districtKey/01003"),
            getattr(settings, "OPENDATA_GEOCODING_LEVEL_URI",
                    "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"))


def write_zip(path, dataset, params, headings="codes", on_progress=None):
    """Write the ZIP at `path`, the CSV streamed into it; returns the number of rows."""
    columns = dataset.columns(params, personal=False, open_data=True)
    if any(column.personal for column in columns):
        raise ValueError(f"{dataset.key} offers personal columns for open data")
    rows = Counted(dataset.rows(params, personal=False, open_data=True), on_progress)
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
    place, level = geocoding()
    base_url = getattr(settings, "OPENDATA_ACCESS_URL", None) or site_root()
    title = {"@value": dataset.title(params), "@language": "de"}
    document = {
        "@context": CONTEXT,
        "@type": "dcat:Dataset",
        "dct:title": title,
        "dct:description": {"@value": str(dataset.description or dataset.label), "@language": "de"},
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": publisher()},
        "dct:license": {"@id": licence()},
        "dct:language": {"@id": GERMAN},
        "dcat:theme": {"@id": GOVERNMENT_THEME},
        "dcat:keyword": ["Bürgerbeteiligung", "Lübeck", str(dataset.label)],
        "dct:spatial": {"@id": place},
        "dcatde:politicalGeocodingURI": {"@id": place},
        "dcatde:politicalGeocodingLevelURI": {"@id": level},
        "dct:issued": _moment(issued),
        "dct:modified": _moment(issued),
        "dcat:distribution": {
            "@type": "dcat:Distribution",
            "dct:title": {"@value": data_name, "@language": "de"},
            "dcat:accessURL": {"@id": base_url},
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
