-- Training: courses, their materials and their sessions. product_code refers to ServiceContracts'
-- catalog; no foreign key across modules.
CREATE TABLE tr_courses (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The content import's key (content/training/<code>.md); staff-made courses get one too.
    code TEXT NOT NULL UNIQUE,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    outline_zh TEXT NOT NULL DEFAULT '',
    outline_en TEXT NOT NULL DEFAULT '',
    product_code TEXT NOT NULL,
    audience TEXT NOT NULL CHECK (audience IN ('administrator', 'operator', 'expert')),
    level TEXT NOT NULL CHECK (level IN ('basic', 'advanced')),
    -- central 集中培训, onsite 现场培训交流, topic 专题交流
    mode TEXT NOT NULL CHECK (mode IN ('central', 'onsite', 'topic')),
    duration_hours INTEGER NOT NULL CHECK (duration_hours > 0),
    prerequisites TEXT NOT NULL DEFAULT '',
    certifies BOOLEAN NOT NULL DEFAULT FALSE,
    certificate_months INTEGER NOT NULL DEFAULT 24 CHECK (certificate_months > 0),
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    row_version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Files for enrolled trainees; store_key is the file store's key, file_name for display only.
CREATE TABLE tr_materials (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id BIGINT NOT NULL REFERENCES tr_courses (id),
    store_key TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_tr_materials_course ON tr_materials (course_id);

CREATE TABLE tr_sessions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id BIGINT NOT NULL REFERENCES tr_courses (id),
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at TIMESTAMPTZ NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    online_url TEXT NOT NULL DEFAULT '',
    instructor TEXT NOT NULL DEFAULT '',
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    enroll_until TIMESTAMPTZ NOT NULL,
    status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled', 'completed')),
    -- Grows with every change trainees' calendars must follow (iCalendar SEQUENCE).
    sequence INTEGER NOT NULL DEFAULT 0,
    row_version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX ix_tr_sessions_calendar ON tr_sessions (starts_at, status);
CREATE INDEX ix_tr_sessions_course ON tr_sessions (course_id, starts_at);
