/* Similar proposals while a title is typed (progressive enhancement).
 *
 * The proposal form works without this file: its "Check for similar proposals" button and the check
 * before saving show the same suggestions from the server. With JavaScript, the suggestions follow the
 * title as it is typed: 400 ms after the last key, the fragment from `similar/?title=…` replaces the
 * content of the aria-live="polite" region, which screen readers announce without moving focus. */
(function () {
    "use strict";

    var DELAY_MS = 400;
    var MIN_LENGTH = 4;

    function init() {
        var region = document.getElementById("similar-proposals");
        var form = region && region.closest("form");
        var title = form && form.querySelector('input[name="title"]');
        if (!region || !title || !window.fetch) {
            return;
        }
        var checked = form.querySelector('input[name="similar_checked"]');
        var url = region.getAttribute("data-similar-url");
        var exclude = region.getAttribute("data-exclude");
        var timer = null;
        var lastAsked = title.value.trim();
        var controller = null;

        function show(html) {
            region.innerHTML = html;
            var shown = region.querySelector("[data-title]");
            // The person has now seen the suggestions for this title: sending it does not stop to
            // show them again.
            if (shown && checked) {
                checked.value = shown.getAttribute("data-title");
            }
        }

        function ask() {
            var text = title.value.trim();
            if (text === lastAsked) {
                return;
            }
            lastAsked = text;
            if (text.length < MIN_LENGTH) {
                show("");
                return;
            }
            if (controller) {
                controller.abort();
            }
            controller = window.AbortController ? new AbortController() : null;
            var query = "?title=" + encodeURIComponent(text) + (exclude ? "&exclude=" + encodeURIComponent(exclude) : "");
            fetch(url + query, {
                credentials: "same-origin",
                headers: { "X-Requested-With": "fetch" },
                signal: controller ? controller.signal : undefined,
            })
                .then(function (response) {
                    return response.ok ? response.text() : null;
                })
                .then(function (html) {
                    if (html !== null && title.value.trim() === text) {
                        show(html);
                    }
                })
                .catch(function () {
                    /* Offline or aborted: the check before saving still shows the suggestions. */
                });
        }

        title.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(ask, DELAY_MS);
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
