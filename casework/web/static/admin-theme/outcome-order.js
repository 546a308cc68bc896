/* The outcome definitions' display order in the admin: drag a row (HTML5 drag and drop) or press its
   move up / move down button; each change is posted at once to the admin's reorder view, which calls the
   reorder service. Without this script the buttons still work as plain form posts. */
(function () {
  "use strict";

  function init() {
    var form = document.getElementById("outcome-order-form");
    var list = document.getElementById("outcome-order-list");
    var status = document.getElementById("outcome-order-status");
    if (!form || !list || !status) return;
    var dragged = null;

    function items() {
      return Array.prototype.slice.call(list.querySelectorAll("li[data-id]"));
    }

    function renumber() {
      var rows = items();
      rows.forEach(function (row, index) {
        row.querySelector(".position").textContent = index + 1 + ".";
        row.querySelector("[data-move=up]").disabled = index === 0;
        row.querySelector("[data-move=down]").disabled = index === rows.length - 1;
      });
    }

    function say(text, failed) {
      status.textContent = text;
      status.classList.toggle("error", Boolean(failed));
    }

    // Saves run one after the other, each sending the order shown when it starts, so a quick second move
    // can never be overtaken by the first one's answer and leave an older order saved.
    var queue = Promise.resolve();
    var waiting = 0;

    function send(row) {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      items().forEach(function (item) { body.append("ordered_ids", item.dataset.id); });
      var position = items().indexOf(row) + 1;
      return fetch(form.action, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": body.get("csrfmiddlewaretoken") }
      }).then(function (response) {
        return response.json().then(function (answer) {
          if (!response.ok) throw new Error(answer.message || form.dataset.failed);
          var moved = form.dataset.moved.replace("%(name)s", row.dataset.name).replace("%(position)s", position);
          say(form.dataset.saved + " " + moved, false);
        });
      }).catch(function (error) {
        say(error && error.message ? error.message : form.dataset.failed, true);
      });
    }

    function save(row) {
      renumber();
      waiting += 1;
      list.setAttribute("aria-busy", "true");
      queue = queue.then(function () { return send(row); }).then(function () {
        waiting -= 1;
        if (waiting === 0) list.removeAttribute("aria-busy");
      });
      return queue;
    }

    // Keyboard (and pointer) alternative: the move buttons.
    list.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-move]");
      if (!button) return;
      event.preventDefault();
      var row = button.closest("li");
      if (button.dataset.move === "up" && row.previousElementSibling) {
        list.insertBefore(row, row.previousElementSibling);
      } else if (button.dataset.move === "down" && row.nextElementSibling) {
        list.insertBefore(row.nextElementSibling, row);
      } else {
        return;
      }
      renumber();
      // Keep the focus on the button just pressed, or on its partner when it became disabled at an end.
      var target = button.disabled ? row.querySelector("button:not(:disabled)") : button;
      if (target) target.focus();
      save(row);
    });

    // Drag and drop.
    list.addEventListener("dragstart", function (event) {
      dragged = event.target.closest("li[data-id]");
      if (!dragged) return;
      dragged.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.dataset.id);
    });
    list.addEventListener("dragover", function (event) {
      var over = event.target.closest("li[data-id]");
      if (!dragged || !over) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      items().forEach(function (row) { row.classList.toggle("drop-target", row === over && row !== dragged); });
    });
    list.addEventListener("dragleave", function (event) {
      var left = event.target.closest("li[data-id]");
      if (left) left.classList.remove("drop-target");
    });
    list.addEventListener("drop", function (event) {
      var over = event.target.closest("li[data-id]");
      if (!dragged || !over) return;
      event.preventDefault();
      over.classList.remove("drop-target");
      if (over !== dragged) {
        var rows = items();
        // Dropped on a row below: it goes after that row; on a row above: before it.
        if (rows.indexOf(dragged) < rows.indexOf(over)) {
          list.insertBefore(dragged, over.nextElementSibling);
        } else {
          list.insertBefore(dragged, over);
        }
        save(dragged);
      }
    });
    list.addEventListener("dragend", function () {
      if (dragged) dragged.classList.remove("dragging");
      items().forEach(function (row) { row.classList.remove("drop-target"); });
      dragged = null;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
