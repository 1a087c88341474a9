using Xunit;

// One journey at a time: each starts a portal and a Chromium, and on a small CI machine that also
// runs the other test assemblies, several at once starved page loads past Playwright's timeout.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
