// The dissemination report form on a phone (issue 9, item 4):
// - a pasted link fills in platform, medium, action and format (the same guess as
//   monitoring/evidence.py: guess_from_link);
// - what is typed is kept in localStorage, so a dropped connection or a closed tab
//   loses nothing;
// - the form is sent with fetch; when the network fails, the draft waits and is sent
//   again when the phone is back online. The hidden idempotency key travels with it,
//   so a retry never makes a second report.
// Without JavaScript the form still posts normally.

const STRIP = /^(www|m|mobile|web|mbasic|music)\./;
const MESSAGING = ["wa.me", "chat.whatsapp.com", "whatsapp.com", "t.me", "telegram.me"];
const PLATFORM_NAMES = {
  youtube: "YouTube", instagram: "Instagram", facebook: "Facebook",
  tiktok: "TikTok", x: "X/Twitter", website: "Situs web", whatsapp: "WhatsApp",
};

export function guess(raw) {
  let url;
  try {
    const text = raw.trim();
    url = new URL(text.includes("://") ? text : "https://" + text);
  } catch (e) {
    return null;
  }
  if (!/^https?:$/.test(url.protocol)) return null;
  const host = url.hostname.toLowerCase().replace(STRIP, "");
  const path = url.pathname.toLowerCase();
  if (MESSAGING.includes(host)) {
    return { platform: "whatsapp", medium: "messaging", action_kind: "whatsapp_share", format: "text" };
  }
  let platform = "website";
  if (["youtube.com", "youtu.be", "youtube-nocookie.com"].includes(host)) platform = "youtube";
  else if (["instagram.com", "instagr.am"].includes(host)) platform = "instagram";
  else if (["facebook.com", "fb.com", "fb.watch"].includes(host)) platform = "facebook";
  else if (host === "tiktok.com" || host.endsWith(".tiktok.com")) platform = "tiktok";
  else if (host === "x.com" || host === "twitter.com") platform = "x";
  if (platform === "website") {
    return { platform, medium: "online", action_kind: "web_post", format: "feature" };
  }
  let format = "text";
  if (platform === "youtube" || platform === "tiktok" || host === "fb.watch"
      || /\/(reels?|videos?|watch)(\/|$)/.test(path)) format = "video";
  else if (platform === "instagram") format = "photo";
  return { platform, medium: "social", action_kind: "social_post", format };
}

const SKIP = new Set(["csrfmiddlewaretoken", "photo"]);

function fields(form) {
  return Array.from(form.elements).filter(
    (el) => el.name && !SKIP.has(el.name) && el.type !== "submit" && el.type !== "file"
  );
}

function save(form, key) {
  const data = {};
  for (const el of fields(form)) data[el.name] = el.value;
  try {
    localStorage.setItem(key, JSON.stringify(data));
  } catch (e) {
    // Storage full or disabled: the form still works, only without the safety net.
  }
}

function restore(form, key) {
  let data = null;
  try {
    data = JSON.parse(localStorage.getItem(key) || "null");
  } catch (e) {
    data = null;
  }
  if (!data) return false;
  for (const el of fields(form)) {
    if (el.name in data && el.name !== "kim") el.value = data[el.name];
  }
  return true;
}

function applyGuess(form, note) {
  const input = form.elements.evidence_url;
  const result = input && input.value ? guess(input.value) : null;
  if (!result) {
    note.textContent = "";
    return;
  }
  for (const name of ["action_kind", "medium", "format"]) {
    if (form.elements[name]) form.elements[name].value = result[name];
  }
  note.textContent = "Terdeteksi: " + PLATFORM_NAMES[result.platform] + ". Periksa pilihan di bawah.";
}

function showOffline(form, text) {
  const box = form.querySelector("#offline-note");
  if (!box) return;
  box.textContent = text;
  box.hidden = false;
}

async function send(form, key, submitter) {
  const body = new FormData(form);
  const action = submitter && submitter.name ? submitter.value : "submit";
  body.set("action", action);
  localStorage.setItem(key + ":pending", action);
  let response;
  try {
    response = await fetch(form.action || window.location.href, {
      method: "POST",
      body,
      credentials: "same-origin",
    });
  } catch (e) {
    showOffline(form, "Koneksi terputus. Laporan disimpan di ponsel ini dan akan dikirim otomatis saat tersambung lagi.");
    window.addEventListener("online", () => send(form, key, submitter), { once: true });
    return;
  }
  if (response.redirected && response.ok) {
    localStorage.removeItem(key);
    localStorage.removeItem(key + ":pending");
    window.location.assign(response.url);
    return;
  }
  localStorage.removeItem(key + ":pending");
  // The server answered with the form and its messages: show them in place.
  const html = await response.text();
  const page = new DOMParser().parseFromString(html, "text/html");
  const fresh = page.querySelector("main");
  if (fresh) {
    document.querySelector("main").replaceWith(fresh);
    init();
  }
}

export function init() {
  const form = document.getElementById("report-form");
  if (!form || form.dataset.ready) return;
  form.dataset.ready = "1";
  const key = form.dataset.draftKey;
  const note = document.getElementById("guess-note");
  const hasErrors = form.querySelector(".errorlist");
  if (!hasErrors && restore(form, key)) {
    note.textContent = "Isian yang belum terkirim dipulihkan.";
  }
  form.addEventListener("input", (event) => {
    if (event.target.name === "evidence_url") applyGuess(form, note);
    save(form, key);
  });
  form.addEventListener("change", () => save(form, key));
  form.addEventListener("submit", (event) => {
    if (form.elements.photo && form.elements.photo.files.length) return; // native post
    event.preventDefault();
    save(form, key);
    send(form, key, event.submitter);
  });
  const pending = localStorage.getItem(key + ":pending");
  if (pending && navigator.onLine) {
    send(form, key, { name: "action", value: pending });
  }
}

init();
