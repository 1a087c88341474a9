// Title suggestions under a search box (input[data-suggest-url]) as you type. Without this file
// the box is a plain GET form; with it, arrow keys move through the list and Enter opens one.
(function () {
    'use strict';
    function attach(input) {
        var list = document.getElementById(input.getAttribute('aria-controls'));
        if (!list) return;
        var url = input.getAttribute('data-suggest-url');
        var timer = null;
        var controller = null;
        var active = -1;

        function close() {
            list.classList.add('d-none');
            list.textContent = '';
            input.setAttribute('aria-expanded', 'false');
            input.removeAttribute('aria-activedescendant');
            active = -1;
        }

        function show(items) {
            list.textContent = '';
            items.forEach(function (item, i) {
                var a = document.createElement('a');
                a.className = 'list-group-item list-group-item-action';
                a.id = list.id + '-' + i;
                a.setAttribute('role', 'option');
                a.href = item.url;
                a.textContent = item.title;
                list.appendChild(a);
            });
            list.classList.toggle('d-none', items.length === 0);
            input.setAttribute('aria-expanded', items.length > 0 ? 'true' : 'false');
            active = -1;
        }

        function highlight(index) {
            var options = list.querySelectorAll('[role=option]');
            if (options.length === 0) return;
            active = (index + options.length) % options.length;
            options.forEach(function (o, i) {
                o.classList.toggle('active', i === active);
                o.setAttribute('aria-selected', i === active ? 'true' : 'false');
            });
            input.setAttribute('aria-activedescendant', options[active].id);
        }

        input.addEventListener('input', function () {
            clearTimeout(timer);
            var q = input.value.trim();
            if (q.length === 0) { close(); return; }
            timer = setTimeout(function () {
                if (controller) controller.abort();
                controller = new AbortController();
                fetch(url + '?q=' + encodeURIComponent(q), { credentials: 'same-origin', signal: controller.signal })
                    .then(function (r) { return r.ok ? r.json() : []; })
                    .then(show)
                    .catch(function () { /* aborted or offline: the form still works */ });
            }, 150);
        });
        input.addEventListener('keydown', function (e) {
            if (list.classList.contains('d-none')) return;
            if (e.key === 'ArrowDown') { e.preventDefault(); highlight(active + 1); }
            else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(active - 1); }
            else if (e.key === 'Escape') { close(); }
            else if (e.key === 'Enter' && active >= 0) {
                e.preventDefault();
                window.location.href = list.querySelectorAll('[role=option]')[active].href;
            }
        });
        input.addEventListener('blur', function () { setTimeout(close, 200); });
    }
    document.querySelectorAll('input[data-suggest-url]').forEach(attach);
})();
