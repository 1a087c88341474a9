-- Customers who asked not to be emailed about new releases (user_id refers to Accounts' users).
CREATE TABLE dl_email_optouts (
    user_id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL
);
