-- Where an article came from when staff drafted it from a case (e.g. a closed Feedback request):
-- a label (the request reference) and a staff URL. Shown to staff only.
ALTER TABLE kb_articles ADD COLUMN source_label TEXT NULL;
ALTER TABLE kb_articles ADD COLUMN source_url TEXT NULL;
