// After a refused submit the focus moves to the error summary, so a screen reader announces it and the keyboard
// starts there. Each error links to its field; following a link puts the focus in the field and shows its label.
const summary = document.querySelector("[data-focus-on-load]");
if (summary) {
  summary.focus();
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    const field = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    event.preventDefault();
    field.focus();
    (field.closest("fieldset, .kern-form-input, .kern-form-check") || field).scrollIntoView();
  });
}
