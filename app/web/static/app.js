// Progressive enhancement only: every page works without this file.
"use strict";

// Upload: preview the chosen photo, show upload progress, then go to the review page.
function enhanceUpload(form) {
  const input = form.querySelector('input[type="file"]');
  const preview = document.getElementById("upload-preview");
  const progress = document.getElementById("upload-progress");
  const status = document.getElementById("upload-status");
  const button = form.querySelector('button[type="submit"]');
  let previewUrl = null;

  input.addEventListener("change", () => {
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    const file = input.files && input.files[0];
    if (!file || !preview) return;
    previewUrl = URL.createObjectURL(file);
    preview.src = previewUrl;
    preview.hidden = false;
  });

  form.addEventListener("submit", (event) => {
    if (!window.FormData || !window.XMLHttpRequest) return; // plain form post
    event.preventDefault();
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
      status.textContent = message ? message.textContent : `Upload failed (${xhr.status}).`;
      status.classList.add("field-error");
      button.disabled = false;
      progress.hidden = true;
    });
    xhr.addEventListener("error", () => {
      status.textContent = "The upload did not reach the server. Check the connection and try again.";
      button.disabled = false;
    });
    button.disabled = true;
    status.classList.remove("field-error");
    status.textContent = "Uploading…";
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
    box.addEventListener("click", () => {
      const target = document.querySelector(`.field[data-field="${field}"] input, .field[data-field="${field}"] textarea`);
      if (target) target.focus();
    });
  });
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

// Follow-ups: using a channel link pre-selects it as the channel for "Mark done".
function channelPreselect() {
  document.querySelectorAll(".due").forEach((item) => {
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
  addRowButtons();
  channelPreselect();
  confirmForms();
});
