// Progressive enhancement only: every page works without this file.
"use strict";

// The device's own date (the page may come from the offline copy of an earlier day).
function localToday() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

// Upload: preview the chosen photo, show upload progress, then go to the review page. Without a
// connection the photo is queued on the device instead (offline-queue.js).
function enhanceUpload(form) {
  const inputs = form.querySelectorAll('input[type="file"][name="image"]');
  const preview = document.getElementById("upload-preview");
  const progress = document.getElementById("upload-progress");
  const status = document.getElementById("upload-status");
  const button = form.querySelector('button[type="submit"]');
  const metOn = form.querySelector("input[data-default-today]");
  let previewUrl = null;

  if (metOn) {
    const today = localToday();
    if (metOn.value < today) {
      metOn.max = today;
      metOn.value = today;
    }
  }

  function showPreview(input) {
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    const file = input.files && input.files[0];
    if (file) inputs.forEach((other) => { if (other !== input) other.value = ""; });
    if (!file || !preview) return;
    previewUrl = URL.createObjectURL(file);
    preview.src = previewUrl;
    preview.hidden = false;
  }

  inputs.forEach((input) => input.addEventListener("change", () => showPreview(input)));
  // A photo chosen before this script ran (slow page, or the browser restoring the form on "back")
  // fired its change event too early: preview it now.
  const alreadyChosen = Array.from(inputs).find((input) => input.files && input.files.length);
  if (alreadyChosen) showPreview(alreadyChosen);

  function chosenPhoto() {
    return Array.from(inputs).some((input) => input.files && input.files.length);
  }

  function showStatus(text, isError) {
    status.textContent = text;
    status.classList.toggle("field-error", Boolean(isError));
  }

  async function queueForLater(reason) {
    try {
      await window.MeishiQueue.enqueue(form);
    } catch (error) {
      showStatus(error.message, true);
      button.disabled = false;
      return;
    }
    // Ready for the next card of the stack: keep the event and the date, clear the photo and notes.
    inputs.forEach((input) => { input.value = ""; });
    const back = form.querySelector('input[name="back"]');
    if (back) back.value = "";
    const notes = form.querySelector('textarea[name="notes"]');
    if (notes) notes.value = "";
    if (preview) preview.hidden = true;
    progress.hidden = true;
    button.disabled = false;
    showStatus(`${reason} The photo is kept on this device and uploads when the connection returns.`, false);
  }

  form.addEventListener("submit", (event) => {
    if (!window.FormData || !window.XMLHttpRequest) return; // plain form post
    event.preventDefault();
    if (!chosenPhoto()) {
      showStatus("Choose a photo of the card first.", true);
      return;
    }
    const queue = window.MeishiQueue;
    if (queue && !navigator.onLine) {
      queueForLater("No connection.");
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", (e) => {
      if (!e.lengthComputable) return;
      progress.hidden = false;
      progress.value = Math.round((e.loaded / e.total) * 100);
      status.textContent = progress.value < 100 ? `Uploading… ${progress.value}%` : "Reading the card…";
    });
    xhr.addEventListener("load", () => {
      if (xhr.status < 400 && xhr.responseURL) {
        window.location.assign(xhr.responseURL);
        return;
      }
      // Show the server's own message from its error page.
      const page = new DOMParser().parseFromString(xhr.responseText, "text/html");
      const message = page.querySelector(".error-message");
      showStatus(message ? message.textContent : `Upload failed (${xhr.status}).`, true);
      button.disabled = false;
      progress.hidden = true;
    });
    xhr.addEventListener("error", () => {
      if (queue) {
        queueForLater("The upload did not reach the server.");
        return;
      }
      showStatus("The upload did not reach the server. Check the connection and try again.", true);
      button.disabled = false;
    });
    button.disabled = true;
    showStatus("Uploading…", false);
    xhr.send(new FormData(form));
  });
}

// Review: hovering or focusing a field highlights the boxes its words came from, and vice versa.
function linkFieldsAndBoxes() {
  const boxes = document.querySelectorAll(".overlay .box");
  if (!boxes.length) return;
  const setActive = (field, on) => {
    document.querySelectorAll(`.overlay .box[data-field="${field}"], .field[data-field="${field}"]`)
      .forEach((el) => el.classList.toggle("active", on));
  };
  document.querySelectorAll(".field[data-field]").forEach((el) => {
    const field = el.dataset.field;
    el.addEventListener("focusin", () => setActive(field, true));
    el.addEventListener("focusout", () => setActive(field, false));
    el.addEventListener("mouseenter", () => setActive(field, true));
    el.addEventListener("mouseleave", () => setActive(field, false));
  });
  boxes.forEach((box) => {
    const field = box.dataset.field;
    box.addEventListener("mouseenter", () => setActive(field, true));
    box.addEventListener("mouseleave", () => setActive(field, false));
  });
}

// Review: clicking (or pressing Enter on) a word of the card puts its text into the field last focused.
function wordsFillFields() {
  const words = document.querySelectorAll(".overlay .word");
  const form = document.querySelector(".contact-form");
  if (!words.length || !form) return;
  let target = null;
  const hint = document.getElementById("word-hint");
  form.addEventListener("focusin", (event) => {
    const el = event.target;
    if (el.matches('input[type="text"], input[type="email"], input[type="tel"], textarea, input:not([type])')) {
      target = el;
      if (hint) hint.textContent = `Words you pick go into: ${el.labels && el.labels[0] ? el.labels[0].textContent.trim() : el.getAttribute("aria-label") || el.name}.`;
    }
  });
  const use = (word) => {
    if (!target) {
      if (hint) hint.textContent = "Click a field first, then the words that belong in it.";
      return;
    }
    const text = word.dataset.text;
    target.value = target.value.trim() ? `${target.value.trimEnd()} ${text}` : text;
    target.dispatchEvent(new Event("input", { bubbles: true }));
    target.focus();
  };
  words.forEach((word) => {
    word.addEventListener("mousedown", (event) => event.preventDefault()); // keep the field focused
    word.addEventListener("click", () => use(word));
    word.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        use(word);
      }
    });
  });
}

// Review: "Use ..." puts a value the reader left out as too unsure into its field.
function suggestionButtons() {
  document.querySelectorAll("button.use-suggestion").forEach((button) => {
    button.addEventListener("click", () => {
      const input = document.getElementById(`f-${button.dataset.field}`);
      if (!input) return;
      input.value = button.dataset.value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.focus();
    });
  });
}

// "Copy" buttons copy the text of the field they name (a drafted note, the calendar address).
function copyButtons() {
  document.querySelectorAll("button[data-copy]").forEach((button) => {
    button.addEventListener("click", async () => {
      const source = document.getElementById(button.dataset.copy);
      if (!source) return;
      try {
        await navigator.clipboard.writeText(source.value);
      } catch (error) {
        source.select();
        document.execCommand("copy");
      }
      button.textContent = "Copied";
    });
  });
}

// The app works offline once signed in: the service worker keeps the scan page; signing out forgets it.
function offlineSupport() {
  if (!("serviceWorker" in navigator) || !document.querySelector('meta[name="csrf-token"]')) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => undefined);
  const signOut = document.querySelector("form.signout");
  if (signOut && window.caches) {
    signOut.addEventListener("submit", () => {
      caches.keys().then((names) => names.forEach((name) => caches.delete(name)));
    });
  }
}

// Lists (emails, phones, websites): an "Add another" button clones the blank row.
function addRowButtons() {
  document.querySelectorAll(".field.list").forEach((fieldset) => {
    const template = fieldset.querySelector("[data-template-row]");
    if (!template) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "add-row";
    button.textContent = "Add another";
    button.addEventListener("click", () => {
      const row = template.cloneNode(true);
      row.removeAttribute("data-template-row");
      row.querySelectorAll("input").forEach((i) => { i.value = ""; });
      template.after(row);
      row.querySelector("input").focus();
    });
    fieldset.appendChild(button);
  });
}

// Follow-ups: using a channel link (email, LinkedIn, X, call) pre-selects it as the channel for "Mark done".
function channelPreselect() {
  document.querySelectorAll(".fu-actions").forEach((item) => {
    const select = item.querySelector('select[name="channel"]');
    item.querySelectorAll("a.channel[data-channel]").forEach((link) => {
      link.addEventListener("click", () => { if (select) select.value = link.dataset.channel; });
    });
  });
}

// Destructive forms ask first.
function confirmForms() {
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const upload = document.querySelector('form[data-enhance="upload"]');
  if (upload) enhanceUpload(upload);
  linkFieldsAndBoxes();
  wordsFillFields();
  suggestionButtons();
  copyButtons();
  offlineSupport();
  addRowButtons();
  channelPreselect();
  confirmForms();
});
