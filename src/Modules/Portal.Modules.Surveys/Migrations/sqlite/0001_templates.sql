-- Surveys: templates and their versions. A version is never changed once written: editing a template
-- (by staff or by a changed content file) adds the next version, so answers (0002+) that reference
-- question ids always keep the exact texts they were given to.
CREATE TABLE sv_templates (
    id INTEGER PRIMARY KEY,
    -- The content import's key (content/surveys/<code>.yaml).
    code TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('general', 'request', 'training')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE sv_template_versions (
    id INTEGER PRIMARY KEY,
    template_id INTEGER NOT NULL REFERENCES sv_templates (id),
    version INTEGER NOT NULL CHECK (version > 0),
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    intro_zh TEXT NOT NULL DEFAULT '',
    intro_en TEXT NOT NULL DEFAULT '',
    -- JSON array of {"zh": ..., "en": ...}: the fields above the questions (合同名称, 客户名称, ...).
    header_fields TEXT NOT NULL DEFAULT '[]',
    -- acc_users id of the staff member who saved it; NULL when it came from content/.
    created_by INTEGER,
    created_at TEXT NOT NULL,
    UNIQUE (template_id, version)
);

CREATE TABLE sv_sections (
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES sv_template_versions (id),
    position INTEGER NOT NULL,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    UNIQUE (version_id, position)
);

CREATE TABLE sv_questions (
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES sv_template_versions (id),
    section_id INTEGER NOT NULL REFERENCES sv_sections (id),
    position INTEGER NOT NULL,
    -- rating: 5..1 or not applicable; choice: one of sv_choices; text: free text.
    kind TEXT NOT NULL CHECK (kind IN ('rating', 'choice', 'text')),
    text_zh TEXT NOT NULL,
    text_en TEXT NOT NULL,
    required INTEGER NOT NULL DEFAULT 1,
    -- rating only: an optional remark (其他意见) may go with the rating.
    allow_remark INTEGER NOT NULL DEFAULT 0,
    UNIQUE (section_id, position)
);
CREATE INDEX ix_sv_questions_version ON sv_questions (version_id);

CREATE TABLE sv_choices (
    id INTEGER PRIMARY KEY,
    question_id INTEGER NOT NULL REFERENCES sv_questions (id),
    position INTEGER NOT NULL,
    text_zh TEXT NOT NULL,
    text_en TEXT NOT NULL,
    UNIQUE (question_id, position)
);
