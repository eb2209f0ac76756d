// "Select all" on the admin's export page. Attached here because the strict Content-Security-Policy
// blocks the inline handler django-import-export's template uses.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector("input.select-toggle");
  if (!toggle) {
    return;
  }
  toggle.addEventListener("change", () => {
    for (const box of document.querySelectorAll('.selectable-field-export-row input[type="checkbox"]')) {
      box.checked = toggle.checked;
    }
  });
});
