// Title suggestions under a search box as you type (the ARIA 1.2 combobox pattern: the input is
// the combobox, the list a listbox of options, the highlighted option named by
// aria-activedescendant while focus stays in the input). Without this file every box is a plain
// GET form. Markup: input[data-suggest-url][aria-controls=<listbox id>] inside a form that also
// holds a [data-suggest-status] live region; data-suggest-count is the "{0} suggestions" text.
(function () {
    'use strict';
    var DEBOUNCE_MS = 200;

    // Only site-relative links are followed: a suggestion can never send the reader elsewhere.
    function isLocal(url) {
        return typeof url === 'string' && url.charAt(0) === '/' && url.charAt(1) !== '/' && url.charAt(1) !== '\\';
    }

    function attach(input) {
        if (input.getAttribute('data-suggest-ready')) return;
        var list = document.getElementById(input.getAttribute('aria-controls'));
        if (!list) return;
        input.setAttribute('data-suggest-ready', 'true');
        var form = input.form;
        var status = form ? form.querySelector('[data-suggest-status]') : null;
        var url = input.getAttribute('data-suggest-url');
        var countText = input.getAttribute('data-suggest-count') || '{0}';
        var timer = null;
        var controller = null;
        var active = -1;

        function options() { return list.querySelectorAll('[role=option]'); }

        function isOpen() { return !list.classList.contains('d-none'); }

        function close() {
            clearTimeout(timer);
            if (controller) controller.abort();
            list.classList.add('d-none');
            list.textContent = '';
            input.setAttribute('aria-expanded', 'false');
            input.removeAttribute('aria-activedescendant');
            active = -1;
        }

        function show(items) {
            list.textContent = '';
            active = -1;
            input.removeAttribute('aria-activedescendant');
            items.filter(function (item) { return item && isLocal(item.url); }).forEach(function (item, i) {
                var option = document.createElement('a');
                option.className = 'list-group-item list-group-item-action';
                option.id = list.id + '-' + i;
                option.setAttribute('role', 'option');
                option.setAttribute('aria-selected', 'false');
                option.setAttribute('tabindex', '-1');
                option.href = item.url;
                if (item.lang) option.lang = item.lang === 'zh' ? 'zh-CN' : item.lang;
                option.textContent = item.title;
                list.appendChild(option);
            });
            var count = options().length;
            list.classList.toggle('d-none', count === 0);
            input.setAttribute('aria-expanded', count > 0 ? 'true' : 'false');
            if (status) status.textContent = countText.replace('{0}', String(count));
        }

        function highlight(index) {
            var all = options();
            if (all.length === 0) return;
            active = (index + all.length) % all.length;
            all.forEach(function (o, i) {
                o.classList.toggle('active', i === active);
                o.setAttribute('aria-selected', i === active ? 'true' : 'false');
            });
            input.setAttribute('aria-activedescendant', all[active].id);
            all[active].scrollIntoView({ block: 'nearest' });
        }

        function fetchSuggestions() {
            var q = input.value.trim();
            if (q.length === 0) { close(); return; }
            if (controller) controller.abort();
            controller = new AbortController();
            fetch(url + '?q=' + encodeURIComponent(q), {
                credentials: 'same-origin',
                headers: { 'Accept': 'application/json' },
                signal: controller.signal
            })
                .then(function (r) { return r.ok ? r.json() : []; })
                .then(function (items) {
                    // Typing may have gone on, or the box been cleared, while this was on its way.
                    if (input.value.trim() === q && document.activeElement === input) show(Array.isArray(items) ? items : []);
                })
                .catch(function () { /* aborted or offline: the form still works */ });
        }

        input.addEventListener('input', function () {
            clearTimeout(timer);
            if (input.value.trim().length === 0) { close(); return; }
            timer = setTimeout(fetchSuggestions, DEBOUNCE_MS);
        });

        input.addEventListener('keydown', function (e) {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                if (!isOpen()) {
                    if (e.key === 'ArrowDown' && input.value.trim().length > 0) { e.preventDefault(); fetchSuggestions(); }
                    return;
                }
                e.preventDefault();
                highlight(e.key === 'ArrowDown' ? active + 1 : active - 1);
            } else if (e.key === 'Escape' && isOpen()) {
                e.preventDefault();
                close();
            } else if (e.key === 'Enter' && isOpen() && active >= 0) {
                // With no option highlighted, Enter submits the form (the full results page).
                e.preventDefault();
                window.location.assign(options()[active].getAttribute('href'));
            }
        });

        // Keep the focus in the input when an option is pressed, so blur does not close the
        // list before the click opens the link.
        list.addEventListener('mousedown', function (e) { e.preventDefault(); });
        input.addEventListener('blur', function () { setTimeout(close, 150); });
    }

    document.querySelectorAll('input[data-suggest-url][aria-controls]').forEach(attach);
})();
