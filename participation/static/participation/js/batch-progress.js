// Polls the status of unfinished print batches and updates the progress bars (no reload needed).
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
    if (data.status === "queued" || data.status === "running") setTimeout(poll, 1500);
  };
  poll();
});
