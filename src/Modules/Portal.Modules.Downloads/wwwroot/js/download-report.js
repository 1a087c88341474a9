// Draws the downloads-per-day chart from the canvas's data- attributes (the page has no inline script).
(function () {
    'use strict';
    var canvas = document.getElementById('download-chart');
    if (!canvas || typeof window.Chart !== 'function') return;
    var labels = JSON.parse(canvas.getAttribute('data-labels') || '[]');
    var values = JSON.parse(canvas.getAttribute('data-values') || '[]');
    new window.Chart(canvas, {
        type: 'bar',
        data: { labels: labels, datasets: [{ label: canvas.getAttribute('data-label') || '', data: values, backgroundColor: '#0d6efd' }] },
        options: { animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
})();
