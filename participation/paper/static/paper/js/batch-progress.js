// Polls the status of unfinished print batches and scan imports and updates the progress bars and the
// message when one fails (no reload needed). Scan imports also bring their counts, their quality warnings
// and the length of the review queue.
const setText = (element, text) => {
  // an unchanged status is not written again: a screen reader would announce it at every poll
  if (element && element.textContent !== String(text)) element.textContent = text;
};

const rows = [...document.querySelectorAll("[data-batch-status]")];
const pending = new Set(rows);

const refresh = async (row) => {
  const response = await fetch(row.dataset.batchStatus, { credentials: "same-origin" });
  if (!response.ok) return null;
  const data = await response.json();
  row.querySelector("progress").value = data.percent;
  setText(row.querySelector("[data-status]"), `${data.status_label} (${data.done}/${data.count})`);
  if (data.url) {
    row.querySelector("[data-download]").innerHTML = "";
    const link = document.createElement("a");
    link.href = data.url;
    link.download = "";
    link.textContent = "PDF";
    row.querySelector("[data-download]").appendChild(link);
  }
  const shown = row.querySelector("[data-error]");
  if (data.error && !shown) {
    const error = document.createElement("p");
    error.dataset.error = "";
    error.textContent = data.error;
    row.querySelector("[data-status]").after(error);
  }
  Object.entries(data.cells || {}).forEach(([name, value]) => setText(row.querySelector(`[data-${name}]`), value));
  const quality = row.querySelector("[data-quality-slot]");
  if (quality && data.quality_html !== undefined && quality.innerHTML.trim() !== data.quality_html.trim()) {
    quality.innerHTML = data.quality_html; // rendered by the server from the same template as the page
  }
  if (data.queue_link) setText(document.querySelector("[data-queue-link]"), data.queue_link);
  return data;
};

rows.forEach((row) => {
  const poll = async () => {
    const data = await refresh(row);
    if (data && !data.finished) {
      setTimeout(poll, 1500);
      return;
    }
    pending.delete(row);
    // a file read last can still change what became of the pages of the others (a sheet's other page)
    if (data && pending.size === 0 && rows.length > 1) rows.filter((other) => other !== row).forEach(refresh);
  };
  poll();
});
