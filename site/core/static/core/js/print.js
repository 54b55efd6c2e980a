// A print button without inline script: [data-print] opens the browser's print dialogue.
document.querySelectorAll("[data-print]").forEach((button) => button.addEventListener("click", () => window.print()));
