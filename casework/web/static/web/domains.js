// Nature Check and call center screens: open dialogs HTMX brings in, copy the 106 message, check a field's rule
// as it is typed.
(function () {
  document.addEventListener("htmx:afterSwap", function (event) {
    var dialog = event.detail.target.querySelector("dialog.modal");
    if (dialog && !dialog.open) dialog.showModal();
  });
  document.addEventListener("click", function (event) {
    var close = event.target.closest("[data-close-dialog]");
    if (close) {
      event.preventDefault();
      var dialog = close.closest("dialog");
      if (dialog) { dialog.close(); dialog.remove(); }
      return;
    }
    var copy = event.target.closest("[data-copy]");
    if (copy) {
      var source = document.getElementById(copy.getAttribute("data-copy"));
      if (!source) return;
      source.select();
      var done = function () { copy.textContent = copy.getAttribute("data-copied") || copy.textContent; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    }
  });

  // A field with data-mismatch-message (the 106 case number) is checked as it is typed against its pattern: the
  // rule's message, in the page's language, appears under the field, joins its description and is the browser's
  // own message on submit. A digit-only field complains at once about anything but digits, otherwise once the
  // field was left (so a half-typed number is not an error yet); a valid value clears the message at once.
  function checkField(field, show) {
    var live = document.getElementById(field.id + "_live");
    field.setCustomValidity("");
    var bad = field.value !== "" && (field.validity.patternMismatch || field.validity.tooLong);
    if (bad && field.inputMode === "numeric" && /\D/.test(field.value)) show = true;
    field.setCustomValidity(bad ? field.getAttribute("data-mismatch-message") : "");
    if (!bad) {
      live.textContent = "";
      field.removeAttribute("aria-invalid");
    } else if (show || field.hasAttribute("aria-invalid")) {
      live.textContent = field.getAttribute("data-mismatch-message");
      field.setAttribute("aria-invalid", "true");
    }
  }
  document.querySelectorAll("input[data-mismatch-message]").forEach(function (field) {
    var live = document.createElement("p");
    live.id = field.id + "_live";
    live.className = "errorlist live-error";
    live.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", live);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + live.id);
    field.addEventListener("input", function () { checkField(field, false); });
    field.addEventListener("blur", function () { checkField(field, true); });
    field.addEventListener("invalid", function () { checkField(field, true); });
  });
})();
