/* Feedback form: "another code" refreshes the captcha in place, "listen" plays it in the page.
   Without this script both still work: the button re-sends the form for a new code (the server keeps
   the typed text) and the link opens the WAV file. */
(function () {
  "use strict";

  function setUp(captcha) {
    var refresh = captcha.querySelector("[data-captcha-refresh]");
    var image = captcha.querySelector("[data-captcha-image]");
    var key = captcha.querySelector("input[type=hidden]");
    var answer = captcha.querySelector(".captcha__answer");
    var status = captcha.querySelector("[data-captcha-status]");
    var audio = captcha.querySelector("[data-captcha-audio]");
    var player = null;

    if (refresh && image && key) {
      refresh.addEventListener("click", function (event) {
        event.preventDefault();
        refresh.disabled = true;
        var url = captcha.getAttribute("data-refresh-url") + "?previous=" + encodeURIComponent(key.value);
        fetch(url, { headers: { "X-Requested-With": "XMLHttpRequest" }, credentials: "same-origin", cache: "no-store" })
          .then(function (response) {
            if (!response.ok) { throw new Error(response.status); }
            return response.json();
          })
          .then(function (data) {
            key.value = data.key;
            image.src = data.image_url;
            if (audio && data.audio_url) { audio.href = data.audio_url; }
            if (answer) { answer.value = ""; answer.focus(); }
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

  document.querySelectorAll("[data-captcha]").forEach(setUp);

  // After a refused submission, start from the list of what to correct.
  var summary = document.getElementById("form-summary");
  if (summary) { summary.focus(); }
})();
