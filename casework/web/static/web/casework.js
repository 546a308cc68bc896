// Disclosures marked data-open-wide start open where the screen has room: they fold only on phones.
// htmx:load covers the page itself and every fragment HTMX swaps in later (the case list's results).
function openWhereRoomy(root) {
  if (!window.matchMedia("(min-width: 700px)").matches) return;
  for (const details of root.querySelectorAll("details[data-open-wide]")) details.open = true;
}
document.addEventListener("DOMContentLoaded", () => openWhereRoomy(document));
document.addEventListener("htmx:load", (event) => openWhereRoomy(event.target));
