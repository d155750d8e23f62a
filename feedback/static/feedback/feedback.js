/* Feedback forms: "another code" refreshes the captcha in place, "listen" plays it in the page, and
   the form under an article gets its challenge when the reader starts writing and is sent in place.
   Without this script everything still works: the button re-sends the form for a new code (the server
   keeps the typed text), the link opens the WAV file, and the form under an article is a plain post
   that comes back with a challenge. */
(function () {
  "use strict";

  var SCRIPT = { "X-Requested-With": "XMLHttpRequest" };

  function json(response) {
    return response.json().then(function (data) { return { ok: response.ok, data: data }; });
  }

  function newChallenge(captcha, previous) {
    var url = captcha.getAttribute("data-refresh-url") + "?previous=" + encodeURIComponent(previous || "");
    return fetch(url, { headers: SCRIPT, credentials: "same-origin", cache: "no-store" }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    });
  }

  // Put a challenge in the widget; the first one replaces the placeholder a stored page carries.
  function fill(captcha, data) {
    captcha.querySelector("input[type=hidden]").value = data.key;
    var image = captcha.querySelector("[data-captcha-image]");
    if (!image) {
      var placeholder = captcha.querySelector("[data-captcha-placeholder]");
      image = document.createElement("img");
      image.className = "captcha__image";
      image.alt = placeholder.getAttribute("data-image-alt");
      image.setAttribute("data-captcha-image", "");
      placeholder.replaceWith(image);
    }
    image.src = data.image_url;
    var audio = captcha.querySelector("[data-captcha-audio]");
    if (audio) {
      audio.hidden = !data.audio_url;
      if (data.audio_url) { audio.href = data.audio_url; }
    }
    var answer = captcha.querySelector(".captcha__answer");
    if (answer) { answer.value = ""; }
    captcha.removeAttribute("data-captcha-pending");
  }

  function setUpCaptcha(captcha) {
    var refresh = captcha.querySelector("[data-captcha-refresh]");
    var key = captcha.querySelector("input[type=hidden]");
    var answer = captcha.querySelector(".captcha__answer");
    var status = captcha.querySelector("[data-captcha-status]");
    var audio = captcha.querySelector("[data-captcha-audio]");
    var player = null;

    if (refresh && key) {
      refresh.addEventListener("click", function (event) {
        event.preventDefault();
        refresh.disabled = true;
        newChallenge(captcha, key.value)
          .then(function (data) {
            fill(captcha, data);
            if (answer) { answer.focus(); }
            if (status) { status.textContent = refresh.getAttribute("data-done") || ""; }
          })
          .catch(function () {
            // Fall back to the form's own way: a round trip that keeps the typed text.
            refresh.disabled = false;
            refresh.form.requestSubmit(refresh);
          })
          .finally(function () { refresh.disabled = false; });
      });
    }

    if (audio && window.Audio) {
      audio.addEventListener("click", function (event) {
        event.preventDefault();
        if (player) { player.pause(); }
        player = new Audio(audio.href);
        player.play().catch(function () { window.location.href = audio.href; });
        if (answer) { answer.focus(); }
      });
    }
  }

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  // The form under an article: a challenge (and the CSRF token) when the reader starts writing, the
  // post in place, the confirmation or the errors announced where the form was.
  function setUpOpinion(form) {
    var captcha = form.querySelector("[data-captcha]");
    var summary = form.querySelector("[data-opinion-errors]");
    var result = form.parentNode.querySelector("[data-opinion-result]");
    var button = form.querySelector("button[type=submit]:not([name])");
    var token = "";
    var starting = null;

    function start() {
      if (!starting && captcha && captcha.hasAttribute("data-captcha-pending")) {
        starting = newChallenge(captcha, "")
          .then(function (data) { token = data.csrf_token; fill(captcha, data); })
          .catch(function () { starting = null; });
      }
      return starting || Promise.resolve();
    }

    function clearErrors() {
      form.querySelectorAll(".form-field--invalid").forEach(function (field) {
        field.classList.remove("form-field--invalid");
        var list = field.querySelector(".form-field__errors");
        if (list) { list.remove(); }
        field.querySelectorAll("[aria-invalid]").forEach(function (input) { input.removeAttribute("aria-invalid"); });
      });
      summary.hidden = true;
      summary.textContent = "";
    }

    function showErrors(errors) {
      clearErrors();
      var title = document.createElement("p");
      title.className = "form-summary__title";
      title.textContent = form.getAttribute("data-not-sent") || "";
      summary.appendChild(title);
      var list = document.createElement("ul");
      Object.keys(errors).forEach(function (name) {
        var input = form.querySelector("[name='" + name + "'], [name='" + name + "_1']");
        var field = input && input.closest(".form-field");
        var item = document.createElement("li");
        if (field) {
          var label = field.querySelector(".form-field__label");
          var link = document.createElement("a");
          link.href = "#" + input.id;
          link.textContent = (label ? label.textContent.replace(/\s*\*$/, "") + ": " : "") + errors[name][0];
          item.appendChild(link);
          field.classList.add("form-field--invalid");
          input.setAttribute("aria-invalid", "true");
          var messages = document.createElement("ul");
          messages.className = "errorlist form-field__errors";
          messages.id = input.id + "_error";
          errors[name].forEach(function (text) {
            var line = document.createElement("li");
            line.textContent = text;
            messages.appendChild(line);
          });
          field.insertBefore(messages, input.closest(".captcha") || input);
        } else {
          item.textContent = errors[name].join(" ");
        }
        list.appendChild(item);
      });
      summary.appendChild(list);
      summary.hidden = false;
      summary.focus();
    }

    form.addEventListener("focusin", start);
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) { return; }
      event.preventDefault();
      button.disabled = true;
      start()
        .then(function () {
          return fetch(form.action, {
            method: "POST",
            body: new FormData(form),
            headers: Object.assign({ "X-CSRFToken": token || cookie("csrftoken") }, SCRIPT),
            credentials: "same-origin",
          });
        })
        .then(json)
        .then(function (answer) {
          if (answer.ok && answer.data.code) {
            result.textContent = answer.data.message;
            result.hidden = false;
            form.hidden = true;
            result.focus();
            return;
          }
          if (answer.data.challenge && captcha) { fill(captcha, answer.data.challenge); }
          showErrors(answer.data.errors || {});
        })
        .catch(function () {
          // The page's own way, a plain post, still works.
          form.submit();
        })
        .finally(function () { button.disabled = false; });
    });
  }

  document.querySelectorAll("[data-captcha]").forEach(setUpCaptcha);
  document.querySelectorAll("[data-opinion-form]").forEach(setUpOpinion);

  // After a refused submission, start from the list of what to correct.
  var summary = document.getElementById("form-summary") || document.querySelector("[data-opinion-errors]:not([hidden])");
  if (summary) { summary.focus(); }
})();
