// Draws the survey results charts from their canvases' data- attributes (the page has no inline script).
// The tables beside them hold the same numbers and are what counts; the charts are a picture of them.
(function () {
    'use strict';
    if (typeof window.Chart !== 'function') return;
    function read(canvas, name) { return JSON.parse(canvas.getAttribute('data-' + name) || '[]'); }
    document.querySelectorAll('canvas[data-survey-chart]').forEach(function (canvas) {
        var kind = canvas.getAttribute('data-survey-chart');
        var labels = read(canvas, 'labels');
        var averages = read(canvas, 'averages');
        var datasets = [];
        var scales = {};
        if (kind === 'trend') {
            datasets.push({ type: 'bar', label: canvas.getAttribute('data-count-label') || '', data: read(canvas, 'counts'), backgroundColor: '#0d6efd', yAxisID: 'y' });
            datasets.push({ type: 'line', label: canvas.getAttribute('data-average-label') || '', data: averages, borderColor: '#dc3545', backgroundColor: '#dc3545', spanGaps: true, yAxisID: 'rating' });
            scales = { y: { beginAtZero: true, ticks: { precision: 0 } }, rating: { position: 'right', min: 1, max: 5, grid: { drawOnChartArea: false } } };
        } else {
            datasets.push({ type: 'bar', label: canvas.getAttribute('data-average-label') || '', data: averages, backgroundColor: '#198754' });
            scales = { y: { min: 0, max: 5 } };
        }
        new window.Chart(canvas, { data: { labels: labels, datasets: datasets }, options: { animation: false, scales: scales } });
    });
})();
