// Draws the search insights chart from the canvas's data- attributes (the page has no inline script).
(function () {
    'use strict';
    var canvas = document.getElementById('search-chart');
    if (!canvas || typeof window.Chart !== 'function') return;
    var labels = JSON.parse(canvas.getAttribute('data-labels') || '[]');
    var series = JSON.parse(canvas.getAttribute('data-series') || '[]');
    var colours = ['#0d6efd', '#dc3545', '#198754'];
    new window.Chart(canvas, {
        type: 'line',
        data: {
            labels: labels,
            datasets: series.map(function (s, i) {
                return { label: s.label, data: s.values, borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length], tension: 0.2 };
            })
        },
        options: { animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
})();
