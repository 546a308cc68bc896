// Nature Check and call center screens: open dialogs HTMX brings in, copy the 106 message.
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
})();
