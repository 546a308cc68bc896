// Django's filter_horizontal widget (admin/js/SelectFilter2.js) names its search icon with aria-label on a plain
// <span>, which ARIA does not allow (axe: aria-prohibited-attr). The icon is an image: say so, as each one is
// added (the widget builds itself on the window's load event, after this script).
(function () {
  "use strict";
  function nameIcons(root) {
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }
  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      mutation.addedNodes.forEach(function (node) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          nameIcons(node.parentElement || node);
        }
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
