// Moves the focus to the error summary after a refused upload, so a screen reader announces it and the
// keyboard starts there (each error links to its field).
const summary = document.querySelector("[data-focus-on-load]");
if (summary) summary.focus();
