/* Cổng — the site's only script (loaded with defer: the document is parsed when it runs).
   Everything here is an enhancement: pages read and navigate without it. Controls that need it carry
   the `hidden` attribute in the HTML and are shown here. No inline handlers anywhere (CSP). */
(function () {
  "use strict";

  var TEXT_SIZE_KEY = "cong:text-size";
  var TEXT_SIZES = ["small", "normal", "large"];

  // localStorage throws in some private modes and when storage is disabled; the choice is then per page.
  function readSetting(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (error) {
      return null;
    }
  }

  function writeSetting(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (error) {
      /* not remembered; nothing else to do */
    }
  }

  /* Print ------------------------------------------------------------------------------------ */

  function setUpPrint() {
    document.querySelectorAll('[data-action="print"]').forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  /* Text size: a class on #article-body, remembered across articles ------------------------ */

  function setUpTextSize() {
    var group = document.querySelector("[data-text-size]");
    var body = document.getElementById("article-body");
    if (!group || !body) {
      return;
    }
    var buttons = group.querySelectorAll("[data-font-size]");

    function apply(size) {
      if (TEXT_SIZES.indexOf(size) === -1) {
        size = "normal";
      }
      TEXT_SIZES.forEach(function (name) {
        body.classList.toggle("text-size-" + name, name === size && name !== "normal");
      });
      buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.fontSize === size));
      });
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        apply(button.dataset.fontSize);
        writeSetting(TEXT_SIZE_KEY, button.dataset.fontSize);
      });
    });
    apply(readSetting(TEXT_SIZE_KEY));
    group.hidden = false;
  }

  /* Copy link -------------------------------------------------------------------------------- */

  function copyWithSelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    document.body.removeChild(field);
    return copied;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        if (!copyWithSelection(text)) {
          throw new Error("copy failed");
        }
      });
    }
    return copyWithSelection(text) ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function setUpCopyLink() {
    document.querySelectorAll('[data-action="copy-link"]').forEach(function (button) {
      var share = button.closest(".share");
      var status = share ? share.querySelector("[data-copy-status]") : null;

      function announce(message) {
        if (status) {
          // Emptied first so the same message is announced again on a second click.
          status.textContent = "";
          window.setTimeout(function () {
            status.textContent = message;
          }, 50);
        }
      }

      button.hidden = false;
      button.addEventListener("click", function () {
        copyText(button.dataset.url || window.location.href).then(
          function () {
            announce(button.dataset.copiedMessage);
          },
          function () {
            announce(button.dataset.failedMessage);
          }
        );
      });
    });
  }

  /* Main menu: Escape closes a sub-menu opened by hover or focus (WCAG 1.4.13) --------------- */

  function setUpMenu() {
    document.querySelectorAll(".menu__item--parent").forEach(function (item) {
      function reopen() {
        item.classList.remove("is-dismissed");
      }
      item.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && !item.classList.contains("is-dismissed")) {
          item.classList.add("is-dismissed");
          var link = item.querySelector(".menu__link");
          if (link && item.contains(document.activeElement) && document.activeElement !== link) {
            link.focus();
          }
        }
      });
      item.addEventListener("mouseleave", reopen);
      item.addEventListener("focusout", function (event) {
        if (!item.contains(event.relatedTarget)) {
          reopen();
        }
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") {
        return;
      }
      document.querySelectorAll(".menu__item--parent:hover").forEach(function (item) {
        item.classList.add("is-dismissed");
      });
    });
  }

  /* Mobile menu: a disclosure button (WAI-ARIA APG), shown only on narrow screens ------------- */

  function setUpMobileMenu() {
    var nav = document.querySelector("[data-main-nav]");
    var button = nav ? nav.querySelector("[data-menu-toggle]") : null;
    if (!button) {
      return;
    }

    function isOpen() {
      return button.getAttribute("aria-expanded") === "true";
    }

    function setOpen(open) {
      button.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("is-open", open);
    }

    // site.css already drew the list closed and the button shown before the first paint, where
    // scripts run (`scripting: enabled`); this class does the same in browsers without that query.
    nav.classList.add("main-nav--collapsible");
    button.hidden = false;
    setOpen(false);
    button.addEventListener("click", function () {
      setOpen(!isOpen());
    });
    nav.addEventListener("keydown", function (event) {
      // On wide screens the button is not displayed and Escape belongs to the sub-menus (setUpMenu).
      if (event.key === "Escape" && isOpen() && button.offsetParent !== null) {
        setOpen(false);
        button.focus();
      }
    });
  }

  /* Videos: the player is loaded only when the visitor presses play (privacy, page weight) ----- */

  function setUpVideos() {
    document.querySelectorAll("[data-video-embed]").forEach(function (frame) {
      var button = frame.querySelector("[data-video-play]");
      if (!button) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        var iframe = document.createElement("iframe");
        iframe.src = frame.dataset.videoEmbed;
        iframe.title = frame.dataset.videoTitle || "";
        iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
        iframe.allowFullscreen = true;
        iframe.className = "video-player__iframe";
        frame.replaceChildren(iframe);
        frame.classList.add("is-playing");
        iframe.focus();
      });
    });
  }

  setUpPrint();
  setUpTextSize();
  setUpCopyLink();
  setUpMenu();
  setUpMobileMenu();
  setUpVideos();
})();
