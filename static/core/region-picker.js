// The region picker (kimportal/regions/templates/regions/picker.html) without inline
// handlers, so the Content-Security-Policy can refuse inline script.
(function () {
  "use strict";

  function picker(node) {
    return node.closest(".region-picker");
  }

  // Choosing a province/kab/kota/kecamatan empties the levels below it, then asks
  // htmx (hx-trigger="region-picked") for the options of the next level.
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!(select instanceof HTMLSelectElement) || !select.dataset.level) return;
    var root = picker(select);
    if (!root || select.dataset.empty === undefined) return;
    var level = Number(select.dataset.level);
    root.querySelectorAll("select[data-level]").forEach(function (other) {
      if (Number(other.dataset.level) > level) other.innerHTML = select.dataset.empty;
    });
    if (select.value && window.htmx) window.htmx.trigger(select, "region-picked");
  });

  // Enter in the desa search must not submit the whole form.
  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (event.key === "Enter" && input.matches && input.matches(".picker-search input")) {
      event.preventDefault();
    }
  });

  // A desa picked from the search results becomes the value of the desa field.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".region-picker button[data-code]");
    if (!button) return;
    var code = button.dataset.code;
    var form = button.closest("form");
    var field = form && (form.querySelector("select[name=village]") || form.querySelector("[data-village-field]"));
    if (field) {
      var exists = Array.prototype.some.call(field.options || [], function (o) { return o.value === code; });
      if (!exists && field.options) {
        var option = document.createElement("option");
        option.value = code;
        option.text = button.textContent.trim();
        field.appendChild(option);
      }
      field.value = code;
    }
    var root = picker(button);
    var village = root && root.querySelector('select[data-level="3"]');
    if (village) village.dispatchEvent(new Event("change", { bubbles: true }));
    var results = button.closest("[aria-live]");
    if (results) results.innerHTML = "";
  });
})();
