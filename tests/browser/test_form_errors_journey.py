"""Every public form, sent empty with the keyboard: the focus lands on the error summary, which names each wrong
field as a link, and following a link puts the focus in that field (issue 24, point 3)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FORMS = {
    "idea": "/de/ideen-digitale-beteiligung/idee/neu/",
    "barrier report": "/de/barriere-melden/",
    "sign-in": "/de/konto/login/",
    "sign-up": "/de/konto/signup/",
    "password reset": "/de/konto/password/reset/",
}


@pytest.mark.parametrize("path", FORMS.values(), ids=FORMS.keys())
def test_a_refused_form_leads_from_its_summary_to_each_field(browser_page, monkeypatch, path):
    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)
    page = browser_page
    page.goto(path)
    page.locator("main form[method=post] input.kern-form-input__input:visible").first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "form-errors"
    links = page.locator("#form-errors a")
    assert links.count() >= 1
    for index in range(links.count()):
        target = links.nth(index).get_attribute("href")
        assert page.locator(target).count() == 1, f"{target} names no field"
        label = page.locator(f"label[for='{target[1:]}'], fieldset:has({target}) legend").first.inner_text()
        assert links.nth(index).inner_text().startswith(label.split(" – ")[0].strip())
    page.keyboard.press("Tab")  # the summary's first link
    page.keyboard.press("Enter")
    assert "#" + page.evaluate("document.activeElement.id") == links.first.get_attribute("href")
    page.assert_accessible()
