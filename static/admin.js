/* Autosave for the publishing editor: while someone types, the draft is
 * posted (action=autosave) every 20 seconds, so an edit survives a closed
 * tab or a lost connection. The form works the same without this file:
 * "Save draft" does the same thing by hand. The server refuses a save
 * that would overwrite someone else's newer work (409); then the editor
 * is told to save by hand to see the differences. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.URLSearchParams || !window.FormData) {
    return;
  }
  var status = form.querySelector("[data-autosave-status]");
  var dirty = false;
  var busy = false;
  var stopped = false;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function save() {
    if (!dirty || busy || stopped) {
      return;
    }
    busy = true;
    dirty = false;
    var data = new URLSearchParams(new FormData(form));
    data.set("action", "autosave");
    fetch(form.getAttribute("action"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: data.toString()
    }).then(function (response) {
      return response.text().then(function (text) {
        if (response.status === 200) {
          say(text);
        } else if (response.status === 409) {
          stopped = true;
          say("Not saved: someone else changed this first. Use Save draft to see the differences.");
        } else {
          dirty = true;
          say("Not saved automatically (" + response.status + "). Use Save draft.");
        }
      });
    }).catch(function () {
      dirty = true;
      say("Not saved automatically: the portal could not be reached. Your text is still here.");
    }).then(function () {
      busy = false;
    });
  }

  form.addEventListener("input", function () {
    dirty = true;
  });
  form.addEventListener("submit", function () {
    stopped = true;
  });
  window.setInterval(save, 20000);
})();
