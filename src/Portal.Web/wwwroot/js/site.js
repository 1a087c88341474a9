// Progressive enhancement only: every page works without this file.
(function () {
    'use strict';
    // Forms marked data-confirm ask before a destructive action.
    document.addEventListener('submit', function (event) {
        var form = event.target;
        var question = form.getAttribute && form.getAttribute('data-confirm');
        if (question && !window.confirm(question)) {
            event.preventDefault();
        }
    });
})();
