// A long text with a limit counts down as you type (the hint under it says the limit without JavaScript). The
// browser's maxlength is lifted: it would cut a pasted text silently; the form says when a text is too long.
// Screen readers hear the count once typing pauses, not at every key.
document.querySelectorAll("[data-char-count]").forEach((hint) => {
  const field = document.getElementById(hint.dataset.charCount);
  const live = document.querySelector(`[data-char-count-live="${hint.dataset.charCount}"]`);
  if (!field || !field.maxLength || field.maxLength < 0) return;
  const limit = field.maxLength;
  field.removeAttribute("maxlength");
  let pause;
  const update = (event) => {
    const left = limit - field.value.length;
    const text = (left >= 0 ? hint.dataset.left : hint.dataset.over).replace("{n}", Math.abs(left).toLocaleString(document.documentElement.lang));
    hint.textContent = text;
    hint.classList.toggle("char-count--over", left < 0);
    if (!event || !live) return;
    clearTimeout(pause);
    pause = setTimeout(() => { live.textContent = text; }, 1000);
  };
  field.addEventListener("input", update);
  update();
});
