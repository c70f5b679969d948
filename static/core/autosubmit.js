// A filter select marked `data-autosubmit` submits its form when changed (in place of an
// inline onchange handler, which the Content-Security-Policy refuses).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.form && field.hasAttribute && field.hasAttribute("data-autosubmit")) {
    field.form.requestSubmit();
  }
});
