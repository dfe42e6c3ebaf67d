// The catalogue's filters: open beside the results on a wide screen; on a phone, once a filter
// has worked, folded away with the number of results shown and focused, so the person lands
// on what they asked for rather than on the form they just filled in.
document.addEventListener("DOMContentLoaded", () => {
  const fold = document.getElementById("filters");
  const results = document.getElementById("results");
  if (!fold || !results) return;
  if (window.matchMedia("(min-width: 768px)").matches) {
    fold.open = true;
    return;
  }
  const count = document.getElementById("results-count");
  if (results.dataset.filtered === "true" && !fold.open && count) {
    count.focus();
  }
});
