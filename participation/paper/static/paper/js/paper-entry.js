// Fast keyboard entry of paper forms: in a group of options, the number keys 1–9 pick the n-th
// option; Enter moves to the next question instead of sending the form (buttons still send).
(function () {
  const form = document.querySelector("[data-paper-entry]");
  if (!form) return;
  const groups = () => Array.from(form.querySelectorAll("fieldset, .kern-form-input"));
  form.addEventListener("keydown", (event) => {
    const target = event.target;
    if ((event.key === "a" || event.key === "A") && form.hasAttribute("data-accept-page") &&
        !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();  // A: accept the whole page as the machine read it
      form.querySelector("[data-accept-page-button]").click();
      return;
    }
    const group = target.closest("fieldset, .kern-form-input");
    if (!group || target.tagName === "BUTTON" || target.tagName === "TEXTAREA") return;
    if (/^[1-9]$/.test(event.key) && (target.type === "radio" || target.type === "checkbox")) {
      const options = group.querySelectorAll("input[type=radio], input[type=checkbox]");
      const option = options[Number(event.key) - 1];
      if (option) {
        event.preventDefault();
        if (option.type === "radio") { option.checked = true; } else { option.checked = !option.checked; }
        option.focus();
      }
    } else if (event.key === "Enter" && form.hasAttribute("data-accept-page")) {
      event.preventDefault();  // review of tick boxes: Enter accepts what is ticked
      form.querySelector("button[name=finalise]").click();
    } else if (event.key === "Enter") {
      event.preventDefault();
      const all = groups();
      const next = all[all.indexOf(group) + 1];
      const focusable = next && next.querySelector("input:not([type=hidden]), select, textarea");
      (focusable || form.querySelector("button[name=finalise]")).focus();
    }
  });
})();
