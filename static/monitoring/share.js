// "Salin teks": copy a material's share text with one tap (the text stays selectable
// in its box for phones without the clipboard API).
for (const button of document.querySelectorAll("[data-copy]")) {
  button.addEventListener("click", async () => {
    const box = document.getElementById(button.dataset.copy);
    if (!box) return;
    box.select();
    try {
      await navigator.clipboard.writeText(box.value);
    } catch (e) {
      document.execCommand("copy");
    }
    const label = button.textContent;
    button.textContent = "Tersalin ✓";
    setTimeout(() => { button.textContent = label; }, 2000);
  });
}
