// Polls the status of unfinished print batches and scan imports and updates the progress bars and the
// message when one fails (no reload needed).
document.querySelectorAll("[data-batch-status]").forEach((row) => {
  const poll = async () => {
    const response = await fetch(row.dataset.batchStatus, { credentials: "same-origin" });
    if (!response.ok) return;
    const data = await response.json();
    row.querySelector("progress").value = data.percent;
    row.querySelector("[data-status]").textContent = `${data.status_label} (${data.done}/${data.count})`;
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
    // Scan imports: what became of the pages so far (counted, open tasks, duplicates, blank backs, by hand).
    Object.entries(data.counts || {}).forEach(([name, value]) => {
      const cell = row.querySelector(`[data-${name}]`);
      if (cell) cell.textContent = value;
    });
    if (!data.finished) setTimeout(poll, 1500);
  };
  poll();
});
