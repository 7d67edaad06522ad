#include "store/schema.h"

#include <array>
#include <string>

#include "store/db.h"

namespace cw::store {
namespace {

// Times are UTC seconds (INTEGER); site-local dates are 'YYYY-MM-DD' text and
// local times minutes after midnight. Booleans are 0/1.
constexpr const char* kV1 = R"sql(
CREATE TABLE sites (
  code      TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  address   TEXT NOT NULL,
  timezone  TEXT NOT NULL,
  kind      TEXT NOT NULL
);

CREATE TABLE import_runs (
  id           INTEGER PRIMARY KEY,
  source       TEXT NOT NULL,             -- csv, eoir, ics, status, volunteers
  input        TEXT NOT NULL,             -- file, directory or URL (no secrets)
  started      INTEGER NOT NULL,
  finished     INTEGER,
  state        TEXT NOT NULL DEFAULT 'running',  -- running, ok, failed
  rows_read    INTEGER NOT NULL DEFAULT 0,
  new          INTEGER NOT NULL DEFAULT 0,
  updated      INTEGER NOT NULL DEFAULT 0,
  cancelled    INTEGER NOT NULL DEFAULT 0,
  unchanged    INTEGER NOT NULL DEFAULT 0,
  rejected     TEXT NOT NULL DEFAULT '{}',  -- {"reason": {"count": N, "lines": [..]}}
  error        TEXT NOT NULL DEFAULT '',
  fingerprint  TEXT NOT NULL DEFAULT ''     -- content hash, to skip unchanged sources
);

CREATE TABLE hearings (
  id            INTEGER PRIMARY KEY,
  source_key    TEXT NOT NULL UNIQUE,
  source        TEXT NOT NULL,
  site          TEXT NOT NULL REFERENCES sites(code),
  date          TEXT NOT NULL,
  start_min     INTEGER NOT NULL,
  stop_min      INTEGER,
  location      TEXT NOT NULL DEFAULT '',
  judge         TEXT NOT NULL DEFAULT '',
  type          TEXT NOT NULL,
  language      TEXT NOT NULL DEFAULT '',
  detained      INTEGER NOT NULL DEFAULT 0,
  status        TEXT NOT NULL DEFAULT 'scheduled',
  cancel_reason TEXT NOT NULL DEFAULT '',
  case_ref      TEXT NOT NULL DEFAULT '',   -- PRIVATE
  notes         TEXT NOT NULL DEFAULT '',
  version       INTEGER NOT NULL DEFAULT 1,
  first_seen    INTEGER NOT NULL,
  last_seen     INTEGER NOT NULL,
  last_changed  INTEGER NOT NULL,
  last_run      INTEGER REFERENCES import_runs(id)
);
CREATE INDEX hearings_by_date ON hearings(date, site);
CREATE INDEX hearings_by_site_date ON hearings(site, date);

-- One row per change of a hearing, for feeds (SEQUENCE) and notices.
CREATE TABLE hearing_changes (
  id          INTEGER PRIMARY KEY,
  hearing_id  INTEGER NOT NULL REFERENCES hearings(id) ON DELETE CASCADE,
  run_id      INTEGER REFERENCES import_runs(id),
  at          INTEGER NOT NULL,
  kind        TEXT NOT NULL,   -- new, updated, cancelled, restored
  version     INTEGER NOT NULL,
  old         TEXT NOT NULL DEFAULT '{}',  -- JSON of the changed fields before
  new         TEXT NOT NULL DEFAULT '{}'   -- and after (never the case reference)
);
CREATE INDEX hearing_changes_by_hearing ON hearing_changes(hearing_id);
CREATE INDEX hearing_changes_by_at ON hearing_changes(at);

CREATE TABLE closures (
  id          INTEGER PRIMARY KEY,
  site        TEXT NOT NULL REFERENCES sites(code),
  date        TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'closed',
  reason      TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL,          -- eoir-status, manual
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  UNIQUE (site, date, source)
);

CREATE TABLE volunteers (
  id            INTEGER PRIMARY KEY,
  handle        TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  email         TEXT NOT NULL DEFAULT '',
  phone         TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL DEFAULT 'watcher',
  max_per_week  INTEGER NOT NULL DEFAULT 2,
  grid          TEXT NOT NULL DEFAULT '00000000000000',  -- Mon am, Mon pm, ... Sun pm
  active        INTEGER NOT NULL DEFAULT 1,
  locale        TEXT NOT NULL DEFAULT 'en',
  channel       TEXT NOT NULL DEFAULT 'email',
  created       INTEGER NOT NULL,
  updated       INTEGER NOT NULL
);
CREATE TABLE volunteer_sites (
  volunteer_id  INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
  site          TEXT NOT NULL REFERENCES sites(code),
  PRIMARY KEY (volunteer_id, site)
);
CREATE TABLE volunteer_languages (
  volunteer_id  INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
  language      TEXT NOT NULL,
  PRIMARY KEY (volunteer_id, language)
);
CREATE TABLE volunteer_blackouts (
  volunteer_id  INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
  first         TEXT NOT NULL,
  last          TEXT NOT NULL
);
CREATE TABLE volunteer_extra (
  volunteer_id  INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
  date          TEXT NOT NULL,
  half          TEXT NOT NULL,
  PRIMARY KEY (volunteer_id, date, half)
);

CREATE TABLE sessions (
  id                 INTEGER PRIMARY KEY,
  site               TEXT NOT NULL REFERENCES sites(code),
  location           TEXT NOT NULL,
  judge              TEXT NOT NULL,
  date               TEXT NOT NULL,
  half               TEXT NOT NULL,
  start_min          INTEGER NOT NULL,
  end_min            INTEGER NOT NULL,
  hearings           INTEGER NOT NULL,
  detained_hearings  INTEGER NOT NULL DEFAULT 0,
  individual         INTEGER NOT NULL DEFAULT 0,
  languages          TEXT NOT NULL DEFAULT '',  -- ';'-separated
  types              TEXT NOT NULL DEFAULT '',  -- ';'-separated
  status             TEXT NOT NULL DEFAULT 'active',
  sequence           INTEGER NOT NULL DEFAULT 0,
  created            INTEGER NOT NULL,
  updated            INTEGER NOT NULL,
  UNIQUE (site, location, judge, date, half)
);
CREATE INDEX sessions_by_date ON sessions(date, site);

CREATE TABLE assignments (
  id            INTEGER PRIMARY KEY,
  session_id    INTEGER NOT NULL REFERENCES sessions(id),
  volunteer_id  INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
  state         TEXT NOT NULL,  -- proposed, invited, confirmed, declined, cancelled
  pinned        INTEGER NOT NULL DEFAULT 0,
  version       INTEGER NOT NULL DEFAULT 1,
  created       INTEGER NOT NULL,
  updated       INTEGER NOT NULL,
  UNIQUE (session_id, volunteer_id)
);
CREATE INDEX assignments_by_volunteer ON assignments(volunteer_id);

-- Coordinator rules on (volunteer, session) pairs that are not assignments.
CREATE TABLE forbidden_pairs (
  session_id    INTEGER NOT NULL REFERENCES sessions(id),
  volunteer_id  INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
  by_user       TEXT NOT NULL DEFAULT '',
  at            INTEGER NOT NULL,
  PRIMARY KEY (session_id, volunteer_id)
);

CREATE TABLE assignment_events (
  id             INTEGER PRIMARY KEY,
  assignment_id  INTEGER NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
  at             INTEGER NOT NULL,
  from_state     TEXT NOT NULL DEFAULT '',
  to_state       TEXT NOT NULL,
  actor          TEXT NOT NULL,   -- user name, 'matcher', 'volunteer', 'import'
  reason         TEXT NOT NULL DEFAULT ''
);

CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  password_hash  TEXT NOT NULL,    -- Argon2id (crypto_pwhash_str)
  role           TEXT NOT NULL,    -- admin, coordinator
  created        INTEGER NOT NULL,
  disabled       INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE auth_sessions (
  id          INTEGER PRIMARY KEY,
  token_hash  BLOB NOT NULL UNIQUE,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf        TEXT NOT NULL,
  created     INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL
);

-- Secret tokens (feeds, volunteer self-service links), stored only as hashes.
CREATE TABLE tokens (
  id          INTEGER PRIMARY KEY,
  token_hash  BLOB NOT NULL UNIQUE,
  purpose     TEXT NOT NULL,   -- feed-volunteer, feed-site, feed-open, volunteer-link
  subject     TEXT NOT NULL,   -- volunteer id, site code, or '' for open
  created     INTEGER NOT NULL,
  revoked     INTEGER
);
CREATE INDEX tokens_by_subject ON tokens(purpose, subject);

CREATE TABLE outbox (
  id          INTEGER PRIMARY KEY,
  idem_key    TEXT NOT NULL UNIQUE,   -- assignment + kind + version
  channel     TEXT NOT NULL,          -- email, webhook
  recipient   TEXT NOT NULL,
  kind        TEXT NOT NULL,
  due         INTEGER NOT NULL,
  state       TEXT NOT NULL DEFAULT 'pending',  -- pending, sending, sent, failed
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT NOT NULL DEFAULT '',
  subject     TEXT NOT NULL DEFAULT '',
  body        TEXT NOT NULL DEFAULT '',
  created     INTEGER NOT NULL,
  sent_at     INTEGER
);
CREATE INDEX outbox_due ON outbox(state, due);

CREATE TABLE audit_log (
  id       INTEGER PRIMARY KEY,
  at       INTEGER NOT NULL,
  actor    TEXT NOT NULL,
  action   TEXT NOT NULL,
  subject  TEXT NOT NULL DEFAULT '',
  detail   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE reports (
  id            INTEGER PRIMARY KEY,
  session_id    INTEGER NOT NULL REFERENCES sessions(id),
  volunteer_id  INTEGER REFERENCES volunteers(id) ON DELETE SET NULL,
  created       INTEGER NOT NULL,
  body          TEXT NOT NULL
);

-- Conditional-fetch state per configured source.
CREATE TABLE fetch_state (
  source         TEXT PRIMARY KEY,
  url            TEXT NOT NULL,
  etag           TEXT NOT NULL DEFAULT '',
  last_modified  TEXT NOT NULL DEFAULT '',
  content_hash   TEXT NOT NULL DEFAULT '',
  last_attempt   INTEGER,
  last_success   INTEGER,
  last_error     TEXT NOT NULL DEFAULT ''
);
)sql";

// Accounts (DESIGN.md §8, Auth): a user's own page language, sessions found
// by user (disable ends them all), API tokens (purpose 'api', subject = the
// owning user's id) found by owner.
constexpr const char* kV2 = R"sql(
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT '';  -- '' = Accept-Language
CREATE INDEX auth_sessions_by_user ON auth_sessions(user_id);
CREATE INDEX auth_sessions_by_created ON auth_sessions(created);
)sql";

// Notifications (DESIGN.md §7): who and what a message is about, the
// version it was planned for (the session's sequence), when to try again,
// the language and the facts it is rendered from at send time. State
// 'dropped' joins pending/sending/sent/failed for a message made stale
// before it went out.
constexpr const char* kV3 = R"sql(
ALTER TABLE outbox ADD COLUMN volunteer_id INTEGER REFERENCES volunteers(id) ON DELETE CASCADE;
ALTER TABLE outbox ADD COLUMN assignment_id INTEGER;
ALTER TABLE outbox ADD COLUMN session_id INTEGER;
ALTER TABLE outbox ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt INTEGER;
ALTER TABLE outbox ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
ALTER TABLE outbox ADD COLUMN payload TEXT NOT NULL DEFAULT '{}';
ALTER TABLE outbox ADD COLUMN updated INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_by_volunteer ON outbox(volunteer_id);
CREATE INDEX outbox_by_assignment ON outbox(assignment_id);
CREATE INDEX outbox_by_session ON outbox(session_id);
CREATE INDEX assignment_events_by_assignment ON assignment_events(assignment_id, to_state);
)sql";

// Indexes for the coordinator desk's read models (app/queries.h): sessions
// paged in their listing order (date, half, site, location, judge) with or
// without a site, live assignments counted from the index alone, hearings
// paged in (date, start) order, volunteers found by site. The hearing indexes
// extend the old ones, so every query they served is still served.
constexpr const char* kV4 = R"sql(
DROP INDEX sessions_by_date;
CREATE INDEX sessions_by_day ON sessions(date, half, site, location, judge);
CREATE INDEX sessions_by_site_day ON sessions(site, date, half, location, judge);
CREATE INDEX assignments_by_session_state ON assignments(session_id, state);
DROP INDEX hearings_by_date;
CREATE INDEX hearings_by_date ON hearings(date, start_min, site);
DROP INDEX hearings_by_site_date;
CREATE INDEX hearings_by_site_date ON hearings(site, date, start_min);
CREATE INDEX volunteer_sites_by_site ON volunteer_sites(site, volunteer_id);
)sql";

// Coverage without counting (issue 8): sessions.live is the number of the
// session's live assignments (proposed, invited, confirmed; the list of
// store::live_states_sql()), kept by triggers in the transaction of every
// assignment write — insert, state or session change, delete (also the
// cascade of a volunteer's erasure) — so no read counts assignments per
// session. `courtwatch db check` verifies it (store/invariants.h,
// "session-live-count"). assignments_live holds the live assignments by
// session, for the bookings of the sessions of a few weeks
// (store::live_bookings). sessions_coverage answers the dashboard's
// per-site-and-day figures from the index alone; sessions_open holds only the
// active sessions with an empty seat (live below Session::need(): 2 with a
// detained hearing, else 1), in listing order, so "uncovered" pages and the
// dashboard's list read those and nothing else. Queries spell the same
// condition (store/read_models.cc), which is what lets SQLite use the index.
constexpr const char* kV5 = R"sql(
ALTER TABLE sessions ADD COLUMN live INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET live = (SELECT count(*) FROM assignments a WHERE a.session_id = sessions.id
                            AND a.state IN ('proposed','invited','confirmed'));
CREATE TRIGGER assignments_live_insert AFTER INSERT ON assignments
WHEN new.state IN ('proposed','invited','confirmed')
BEGIN
  UPDATE sessions SET live = live + 1 WHERE id = new.session_id;
END;
CREATE TRIGGER assignments_live_delete AFTER DELETE ON assignments
WHEN old.state IN ('proposed','invited','confirmed')
BEGIN
  UPDATE sessions SET live = live - 1 WHERE id = old.session_id;
END;
CREATE TRIGGER assignments_live_update AFTER UPDATE OF state, session_id ON assignments
WHEN old.session_id IS NOT new.session_id
  OR (old.state IN ('proposed','invited','confirmed')) <> (new.state IN ('proposed','invited','confirmed'))
BEGIN
  UPDATE sessions SET live = live - 1
   WHERE id = old.session_id AND old.state IN ('proposed','invited','confirmed');
  UPDATE sessions SET live = live + 1
   WHERE id = new.session_id AND new.state IN ('proposed','invited','confirmed');
END;
CREATE INDEX assignments_live ON assignments(session_id, volunteer_id)
  WHERE state IN ('proposed','invited','confirmed');
CREATE INDEX sessions_coverage ON sessions(date, site, status, detained_hearings, live);
CREATE INDEX sessions_open ON sessions(date, half, site, location, judge)
  WHERE status = 'active' AND live < (CASE WHEN detained_hearings > 0 THEN 2 ELSE 1 END);
)sql";

// What a feed body can depend on changed (issue 10's load test): the feed
// service used to hash every session, assignment, site and token row after
// each commit, on each pooled connection (~0.1 s a time on a nationwide
// database). feed_changes.n now moves, in the writing transaction, with every
// insert, update and delete of those rows (tokens: only what a feed reads, not
// their use), so store::feed_data_digest() is one row read. A rolled-back
// write rolls the count back with the rows, so equal counts still mean equal
// data; a REPLACE fires the insert trigger, and triggers disable the
// truncate optimisation, so no write escapes it.
constexpr const char* kV6 = R"sql(
CREATE TABLE feed_changes (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT INTO feed_changes (id, n) VALUES (1, 0);
CREATE TRIGGER feed_changes_sessions_insert AFTER INSERT ON sessions
BEGIN UPDATE feed_changes SET n = n + 1; END;
CREATE TRIGGER feed_changes_sessions_update AFTER UPDATE ON sessions
BEGIN UPDATE feed_changes SET n = n + 1; END;
CREATE TRIGGER feed_changes_sessions_delete AFTER DELETE ON sessions
BEGIN UPDATE feed_changes SET n = n + 1; END;
CREATE TRIGGER feed_changes_assignments_insert AFTER INSERT ON assignments
BEGIN UPDATE feed_changes SET n = n + 1; END;
CREATE TRIGGER feed_changes_assignments_update AFTER UPDATE ON assignments
BEGIN UPDATE feed_changes SET n = n + 1; END;
CREATE TRIGGER feed_changes_assignments_delete AFTER DELETE ON assignments
BEGIN UPDATE feed_changes SET n = n + 1; END;
CREATE TRIGGER feed_changes_sites_insert AFTER INSERT ON sites
BEGIN UPDATE feed_changes SET n = n + 1; END;
CREATE TRIGGER feed_changes_sites_update AFTER UPDATE ON sites
BEGIN UPDATE feed_changes SET n = n + 1; END;
CREATE TRIGGER feed_changes_sites_delete AFTER DELETE ON sites
BEGIN UPDATE feed_changes SET n = n + 1; END;
CREATE TRIGGER feed_changes_tokens_insert AFTER INSERT ON tokens
BEGIN UPDATE feed_changes SET n = n + 1; END;
CREATE TRIGGER feed_changes_tokens_update AFTER UPDATE OF purpose, subject, revoked ON tokens
BEGIN UPDATE feed_changes SET n = n + 1; END;
CREATE TRIGGER feed_changes_tokens_delete AFTER DELETE ON tokens
BEGIN UPDATE feed_changes SET n = n + 1; END;
)sql";

// Why a failed run failed, typed (issue 8: a page words it in its reader's
// language): {"kind": "http-status", "host": "…", "status": "503"} (core/
// import_run.h RunFailure, non-personal parameters only); '' for runs
// recorded before, which show their stored English error.
constexpr const char* kV7 = R"sql(
ALTER TABLE import_runs ADD COLUMN failure TEXT NOT NULL DEFAULT '';
)sql";

constexpr std::array kMigrations{kV1, kV2, kV3, kV4, kV5, kV6, kV7};

}  // namespace

int schema_version() { return static_cast<int>(kMigrations.size()); }

Result<void> migrate(Database& db) {
  auto tx = CW_TRY(db.begin_immediate());
  const int current = db.user_version();
  if (current > schema_version()) {
    return fail(Error::unsupported("database schema version " + std::to_string(current) +
                                   " is newer than this build supports (" +
                                   std::to_string(schema_version()) +
                                   "); upgrade courtwatch or restore a backup"));
  }
  for (int v = current; v < schema_version(); ++v) {
    if (auto ok = db.exec(kMigrations[static_cast<std::size_t>(v)]); !ok) {
      return fail(std::move(ok).error().context("migration " + std::to_string(v + 1)));
    }
  }
  if (current != schema_version()) {
    CW_TRY(db.exec("PRAGMA user_version = " + std::to_string(schema_version())));
  }
  return tx.commit();
}

}  // namespace cw::store
