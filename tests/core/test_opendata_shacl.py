"""The open-data metadata (core/opendata.py) against the DCAT-AP.de 2.0 SHACL shapes, with pyshacl."""

import json
import zipfile
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from core.models import ExportJob
from core.opendata import CSV_FORMAT, CSV_MEDIA_TYPE, GERMAN, GOVERNMENT_THEME, geocoding, licence
from core.tasks import run_export
from participation.ideas.models import Idea

pytestmark = [pytest.mark.django_db,
              pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")]  # rdflib
SHAPES = Path(__file__).parent / "shapes" / "dcat-ap-de-2.0-german-additions.ttl"


def vocabularies():
    """What the validator imports from the web, for the terms used here: each term is in its concept scheme."""
    graph = Graph()
    place, level = geocoding()
    for term, scheme in [
        (GOVERNMENT_THEME, "http://publications.europa.eu/resource/authority/data-theme"),
        (GERMAN, "http://publications.europa.eu/resource/authority/language"),
        (CSV_FORMAT, "http://publications.europa.eu/resource/authority/file-type"),
        (CSV_MEDIA_TYPE, "https://www.iana.org/assignments/media-types"),
        (licence(), "http://dcat-ap.de/def/licenses"),
        (place, place.rsplit("/", 1)[0]),
        (level, level.rsplit("/", 1)[0]),
    ]:
        graph.add((URIRef(term), RDF.type, SKOS.Concept))
        graph.add((URIRef(term), SKOS.inScheme, URIRef(scheme)))
    return graph


def open_data_document(demo_site, dataset, source):
    from accounts.models import User

    analyst = User.objects.create_user("ana@luebeck.example", "Ein-Langes-Passwort-1")
    job = ExportJob.objects.create(created_by=analyst, dataset=dataset, format="opendata",
                                   params={"source": source.pk, "headings": "codes"})
    assert run_export(job.pk) == "done"
    job.refresh_from_db()
    with zipfile.ZipFile(job.file.path) as archive:
        return json.loads(archive.read("metadata.jsonld")), archive.read(f"{source.slug}-{dataset}.csv").decode()


def test_the_ideas_metadata_conforms_to_dcat_ap_de_and_names_its_page_and_contact(demo_site):
    idea = Idea.objects.public().first()
    document, data = open_data_document(demo_site, "ideas", idea.process)

    graph = Graph().parse(data=json.dumps(document), format="json-ld")
    conforms, _report, text = validate(graph + vocabularies(), shacl_graph=str(SHAPES), inference="none")
    assert conforms, text
    dataset = URIRef(document["@id"])
    assert (dataset, RDF.type, URIRef("http://www.w3.org/ns/dcat#Dataset")) in graph  # an IRI, not a blank node
    process_url = idea.process.full_url
    assert document["dcat:landingPage"]["@id"] == process_url
    assert document["dcat:distribution"]["dcat:accessURL"]["@id"] == process_url  # not the site root
    assert document["dcat:contactPoint"]["vcard:hasEmail"]["@id"].startswith("mailto:")

    # No free text: neither the description nor the official answer nor a moderator's note.
    header = data.splitlines()[0]
    assert "title" in header and "description" not in header and "official_answer" not in header
    assert "status_history" not in header
    assert idea.description[:40] not in data


def test_a_broken_document_is_refused_by_the_shapes(demo_site):
    """The shapes are really applied: a publisher without a type and a theme outside the EU list fail."""
    idea = Idea.objects.public().first()
    document, _data = open_data_document(demo_site, "ideas", idea.process)
    document["dct:publisher"].pop("@type")
    document["dcat:theme"] = {"@id": "http://example.org/theme/participation"}
    graph = Graph().parse(data=json.dumps(document), format="json-ld")
    conforms, _report, text = validate(graph + vocabularies(), shacl_graph=str(SHAPES), inference="none")
    assert not conforms
    assert "dct:publisher" in text and "dcat:theme" in text
