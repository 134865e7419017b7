// Photos taken without a connection wait on the device (IndexedDB) and upload when it returns.
// Each queued photo gets its own Idempotency-Key when it is queued: if an upload reached the server but
// the answer was lost (page closed, connection dropped), sending it again returns the same scan, so a
// photo is never lost (it leaves the queue only once the server has it) nor read twice.
"use strict";

const MeishiQueue = (window.MeishiQueue = (() => {
  const DB_NAME = "meishi";
  const STORE = "uploads";
  const RETRY_MS = 30000;
  let flushing = null;

  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function withStore(mode, work) {
    const db = await openDb();
    try {
      return await new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const result = work(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  }

  const all = () => withStore("readonly", (store) => store.getAll());
  const put = (item) => withStore("readwrite", (store) => store.put(item));
  const remove = (key) => withStore("readwrite", (store) => store.delete(key));

  function newKey() {
    if (crypto.randomUUID) return "offline-" + crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return "offline-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // Keep a photo (and the form's other fields) for later. Blobs are copied into IndexedDB, so the
  // photo survives closing the page.
  async function enqueue(form) {
    const data = new FormData(form);
    const chosen = (name) => data.getAll(name).find((f) => f instanceof File && f.size > 0) || null;
    const image = chosen("image");
    if (!image) throw new Error("Choose a photo of the card first.");
    const fields = {};
    for (const name of ["event_id", "event_name", "met_on", "notes"]) {
      const value = data.get(name);
      if (typeof value === "string" && value.trim()) fields[name] = value.trim();
    }
    const back = chosen("back");
    const item = {
      key: newKey(),
      account: account(),
      queuedAt: new Date().toISOString(),
      image: new Blob([image], { type: image.type }),
      imageName: image.name || "card.jpg",
      back: back ? new Blob([back], { type: back.type }) : null,
      backName: back ? back.name || "back.jpg" : null,
      fields,
      attempts: 0,
      lastError: null,
    };
    await put(item);
    await render();
    return item;
  }

  // Whose photo it is: a device shared by two accounts uploads each photo to the account that took it.
  function account() {
    const meta = document.querySelector('meta[name="meishi-account"]');
    return meta ? meta.content : "";
  }

  function csrfToken() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  // Send one item. Resolves "done" (the server has it), "retry" (no connection or a passing server
  // problem) or "refused" (the server will never take it: kept, with the reason shown).
  async function send(item) {
    const body = new FormData();
    body.append("image", item.image, item.imageName);
    if (item.back) body.append("back", item.back, item.backName);
    for (const [name, value] of Object.entries(item.fields)) body.append(name, value);
    let response;
    try {
      response = await fetch("/cards/queued", {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { "X-CSRF-Token": csrfToken(), "Idempotency-Key": item.key },
      });
    } catch (error) {
      return { outcome: "retry", message: "No connection." };
    }
    if (response.redirected) return { outcome: "retry", message: "Sign in again to upload." };
    if (response.ok) {
      const scan = await response.json();
      rememberUploaded(scan, item);
      return { outcome: "done" };
    }
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const message = page.querySelector(".error-message");
    const text = message ? message.textContent.trim() : `The server answered ${response.status}.`;
    if (response.status >= 500 || response.status === 408 || response.status === 429 || response.status === 403) {
      return { outcome: "retry", message: text };
    }
    return { outcome: "refused", message: text };
  }

  function rememberUploaded(scan, item) {
    const list = document.getElementById("uploaded-list");
    if (!list) return;
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = scan.url;
    link.textContent = `Card queued at ${new Date(item.queuedAt).toLocaleTimeString()}`;
    li.appendChild(link);
    list.appendChild(li);
    document.getElementById("uploaded").hidden = false;
  }

  // Upload everything waiting, oldest first; one run at a time.
  function flush() {
    if (!flushing) {
      flushing = (async () => {
        const items = (await all()).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
        for (const item of items) {
          if (item.refused || item.account !== account()) continue;
          const result = await send(item);
          if (result.outcome === "done") {
            await remove(item.key);
          } else {
            item.attempts += 1;
            item.lastError = result.message;
            item.refused = result.outcome === "refused";
            await put(item);
            if (result.outcome === "retry") break; // the connection is gone again: try the rest later
          }
          await render();
        }
      })().finally(async () => {
        flushing = null;
        await render();
      });
    }
    return flushing;
  }

  async function render() {
    const section = document.getElementById("offline-queue");
    if (!section) return;
    const items = await all();
    section.hidden = items.length === 0;
    document.getElementById("queue-count").textContent = String(items.length);
    const list = document.getElementById("queue-list");
    list.replaceChildren(
      ...items.map((item) => {
        const li = document.createElement("li");
        li.dataset.key = item.key;
        const when = new Date(item.queuedAt).toLocaleTimeString();
        const event = item.fields.event_name ? ` (${item.fields.event_name})` : "";
        const other = item.account !== account() ? ` (waits for ${item.account} to sign in)` : "";
        li.textContent = `Card taken at ${when}${event}${other}` + (item.lastError ? `: ${item.lastError}` : "");
        if (item.refused) {
          const drop = document.createElement("button");
          drop.type = "button";
          drop.className = "small";
          drop.textContent = "Remove";
          drop.addEventListener("click", async () => { await remove(item.key); await render(); });
          li.append(" ", drop);
        }
        return li;
      }),
    );
    const status = document.getElementById("queue-status");
    if (status) {
      status.textContent = navigator.onLine
        ? (flushing ? "Uploading…" : "Upload waiting; it is retried automatically.")
        : "No connection: photos stay on this device and upload when it returns.";
    }
  }

  function retryAll() {
    return all()
      .then((items) => Promise.all(items.filter((i) => i.refused).map((i) => put({ ...i, refused: false }))))
      .then(flush);
  }

  function start() {
    const retry = document.getElementById("queue-retry");
    if (retry) retry.addEventListener("click", () => { retryAll(); });
    window.addEventListener("online", () => { flush(); });
    window.addEventListener("offline", () => { render(); });
    setInterval(() => { if (navigator.onLine) flush(); }, RETRY_MS);
    render().then(() => (navigator.onLine ? flush() : undefined));
  }

  return { enqueue, flush, start, count: () => all().then((items) => items.length) };
})());

document.addEventListener("DOMContentLoaded", () => {
  if (window.indexedDB && document.getElementById("offline-queue")) MeishiQueue.start();
});
