// Check-in scan page: the phone camera (BarcodeDetector, where the browser has it) or a
// typed code posts to the check-in endpoint. A scan that cannot be sent (no
// connection) is kept in localStorage with its time and sent when the connection
// returns; the server ignores a second row for the same person and day, so replaying
// the queue is safe.
(function () {
  "use strict";
  var root = document.getElementById("scanner");
  if (!root) return;
  var form = document.getElementById("scan-form");
  var input = document.getElementById("scan-code");
  var result = document.getElementById("scan-result");
  var queueNote = document.getElementById("scan-queue");
  var url = root.getAttribute("data-check-in-url");
  var key = "kim-scan-queue:" + root.getAttribute("data-event");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function readQueue() {
    try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; }
  }
  function writeQueue(items) {
    localStorage.setItem(key, JSON.stringify(items));
    queueNote.textContent = items.length
      ? items.length + " pindaian tersimpan di perangkat, dikirim saat tersambung."
      : "";
  }
  function show(text, ok) {
    result.textContent = text;
    result.className = ok ? "msg msg-success" : "msg msg-error";
  }
  // Resolves with the server's answer, rejects when the network failed.
  function send(item, queued) {
    var body = new FormData();
    body.append("code", item.code);
    body.append("scanned_at", item.scanned_at);
    if (queued) body.append("queued", "1");
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "Accept": "application/json" }
    }).then(function (response) {
      if (response.status >= 500) throw new Error("server");
      return response.json();
    });
  }
  function record(code) {
    var item = { code: code, scanned_at: new Date().toISOString() };
    if (!navigator.onLine) { keep(item); return; }
    send(item, false).then(function (answer) {
      show(answer.message, answer.ok);
    }, function () { keep(item); });
  }
  function keep(item) {
    var items = readQueue();
    items.push(item);
    writeQueue(items);
    show("Tidak tersambung: " + item.code + " disimpan dan akan dikirim.", true);
  }
  var flushing = false;
  function flush() {
    var items = readQueue();
    if (flushing || !items.length || !navigator.onLine) return;
    flushing = true;
    send(items[0], true).then(function (answer) {
      writeQueue(readQueue().slice(1));
      show(answer.message, answer.ok);
      flushing = false;
      flush();
    }, function () { flushing = false; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var code = input.value.trim();
    if (!code) return;
    record(code);
    input.value = "";
    input.focus();
  });
  window.addEventListener("online", flush);
  writeQueue(readQueue());
  flush();

  // The camera: only where the browser can read QR codes itself (no library to load).
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  var video = document.getElementById("scan-video");
  var start = document.getElementById("scan-start");
  var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  var last = "", lastAt = 0;
  start.hidden = false;
  start.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        start.hidden = true;
        return video.play();
      })
      .then(function () { setInterval(detect, 400); })
      .catch(function () { show("Kamera tidak dapat dibuka; ketik kodenya.", false); });
  });
  function detect() {
    detector.detect(video).then(function (codes) {
      if (!codes.length) return;
      var code = codes[0].rawValue;
      var now = Date.now();
      // The same badge held in front of the camera is one scan, not ten.
      if (code === last && now - lastAt < 5000) return;
      last = code; lastAt = now;
      record(code);
    }).catch(function () {});
  }
})();
