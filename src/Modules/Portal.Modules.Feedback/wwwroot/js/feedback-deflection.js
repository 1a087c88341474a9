// Suggested knowledge articles under the title of the new-request form, as the title is typed.
// Without this file the form still works: "Preview" shows the same list. Markup: the title input's
// data-deflection-target names a container with data-deflection-url (the suggestions handler, with
// the form's deflection session) and data-deflection-min (the shortest title that gets suggestions).
// The container is an aria-live region; the server renders the list (a partial), so the links,
// their texts and their recording redirects are the same with and without this script.
(function () {
    'use strict';
    var DEBOUNCE_MS = 300;

    function attach(input) {
        var box = document.getElementById(input.getAttribute('data-deflection-target'));
        if (!box) return;
        var url = box.getAttribute('data-deflection-url');
        var min = parseInt(box.getAttribute('data-deflection-min') || '3', 10);
        if (!url) return;
        var timer = null;
        var controller = null;
        var last = null;

        function clear() {
            if (controller) controller.abort();
            last = null;
            if (box.textContent.trim() !== '') box.textContent = '';
        }

        function load() {
            var q = input.value.trim();
            if (q.length < min) { clear(); return; }
            if (q === last) return;
            if (controller) controller.abort();
            controller = new AbortController();
            var separator = url.indexOf('?') >= 0 ? '&' : '?';
            fetch(url + separator + 'q=' + encodeURIComponent(q), {
                credentials: 'same-origin',
                headers: { 'Accept': 'text/html' },
                signal: controller.signal
            })
                .then(function (r) { return r.ok ? r.text() : null; })
                .then(function (html) {
                    // Typing may have gone on while this was on its way.
                    if (html === null || input.value.trim() !== q) return;
                    last = q;
                    // Server-rendered from encoded text only; parsed inertly, then moved in.
                    var parsed = new DOMParser().parseFromString(html, 'text/html');
                    box.replaceChildren.apply(box, Array.prototype.slice.call(parsed.body.childNodes));
                })
                .catch(function () { /* aborted or offline: the form still works */ });
        }

        input.addEventListener('input', function () {
            clearTimeout(timer);
            if (input.value.trim().length < min) { clear(); return; }
            timer = setTimeout(load, DEBOUNCE_MS);
        });
    }

    document.querySelectorAll('input[data-deflection-target]').forEach(attach);
})();
