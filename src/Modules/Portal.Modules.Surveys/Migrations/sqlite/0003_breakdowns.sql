-- Surveys: what results are broken down by, copied onto the invitation when it is made (the event carries them):
-- the product of the request, session or campaign, the engineer the request was assigned to when it closed,
-- and the session's instructor. Empty when not known.
ALTER TABLE sv_invitations ADD COLUMN product_code TEXT NOT NULL DEFAULT '';
ALTER TABLE sv_invitations ADD COLUMN engineer TEXT NOT NULL DEFAULT '';
ALTER TABLE sv_invitations ADD COLUMN instructor TEXT NOT NULL DEFAULT '';
