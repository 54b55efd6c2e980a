"""A page as parsed HTML, for tests that read what a visitor sees."""

from bs4 import BeautifulSoup


def page_soup(client, url):
    """GET `url` with `client`; the page must answer 200."""
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")
