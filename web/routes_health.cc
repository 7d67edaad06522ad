// /healthz, /readyz and /metrics.
#include <httplib.h>

#include "store/schema.h"
#include "store/session_repos.h"
#include "web/server.h"

namespace cw::web {
namespace {

// Runs a query returning (label, count) rows and appends one gauge family.
void gauge_rows(std::string& out, store::Database& db, const char* name, const char* help,
                const char* label, std::string_view sql) {
  metric_header(out, name, "gauge", help);
  auto& s = db.stmt(sql);
  while (true) {
    auto row = s.step();
    if (!row || !*row) break;
    metric_value(out, name, std::string(label) + "=\"" + s.text(0) + "\"",
                 static_cast<double>(s.int64(1)));
  }
}

void gauge_one(std::string& out, store::Database& db, const char* name, const char* help,
               const char* sql) {
  metric_header(out, name, "gauge", help);
  auto& s = db.stmt(sql);
  auto row = s.step();
  metric_value(out, name, "", (row && *row) ? static_cast<double>(s.int64(0)) : 0.0);
  s.reset();
}

}  // namespace

void add_health_routes(WebServer& server) {
  server.get("/healthz", "healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_content("ok\n", "text/plain; charset=utf-8");
  });

  server.get("/readyz", "readyz", [&server](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    auto db = server.pool().acquire();
    if (!db) return send_error(res, 503, "database not reachable");
    if ((*db)->user_version() != store::schema_version()) {
      return send_error(res, 503, "database migrations not applied");
    }
    res.set_content("ready\n", "text/plain; charset=utf-8");
  });

  // Counts only, but still behind a login (DESIGN.md §8): Prometheus
  // scrapes it with an API token (authorization: credentials_file).
  server.api_get(
      "/metrics", "metrics", UserRole::coordinator,
      [&server](const httplib::Request&, httplib::Response& res, const Principal&) {
        std::string out;
        auto lease = server.pool().acquire();
        if (lease) {
          auto& db = **lease;
          gauge_rows(out, db, "courtwatch_hearings", "Hearings stored, by status.", "status",
                     "SELECT status, count(*) FROM hearings GROUP BY status");
          gauge_rows(out, db, "courtwatch_import_runs", "Import runs, by source and state.",
                     "source_state",
                     "SELECT source || ':' || state, count(*) FROM import_runs GROUP BY 1");
          gauge_one(out, db, "courtwatch_import_last_success_timestamp_seconds",
                    "Finish time of the last successful import.",
                    "SELECT coalesce(max(finished), 0) FROM import_runs WHERE state = 'ok'");
          gauge_one(out, db, "courtwatch_import_failures", "Import runs that failed as a whole.",
                    "SELECT count(*) FROM import_runs WHERE state = 'failed'");
          gauge_one(out, db, "courtwatch_volunteers_active", "Active volunteers.",
                    "SELECT count(*) FROM volunteers WHERE active = 1");
          gauge_rows(out, db, "courtwatch_sessions", "Active watch sessions by coverage.",
                     "coverage",
                     "SELECT CASE WHEN n = 0 THEN 'uncovered' WHEN n < need THEN 'partial' "
                     "ELSE 'covered' END, count(*) FROM (SELECT s.id, "
                     "CASE WHEN s.detained_hearings > 0 THEN 2 ELSE 1 END AS need, "
                     "(SELECT count(*) FROM assignments a WHERE a.session_id = s.id AND a.state IN " +
                         store::live_states_sql() +
                         ") AS n FROM sessions s "
                         "WHERE s.status = 'active') GROUP BY 1");
          gauge_rows(out, db, "courtwatch_outbox", "Outbox messages by state.", "state",
                     "SELECT state, count(*) FROM outbox GROUP BY state");
          gauge_one(out, db, "courtwatch_outbox_due",
                    "Pending messages whose due time has passed (the delivery backlog).",
                    "SELECT count(*) FROM outbox WHERE state = 'pending' AND due <= "
                    "CAST(strftime('%s', 'now') AS INTEGER)");
          gauge_one(out, db, "courtwatch_outbox_retrying",
                    "Pending messages that failed transiently and wait for their next attempt.",
                    "SELECT count(*) FROM outbox WHERE state = 'pending' AND attempts > 0");
          gauge_one(out, db, "courtwatch_outbox_failures",
                    "Messages failed for good (permanent error or attempts spent).",
                    "SELECT count(*) FROM outbox WHERE state = 'failed'");
          gauge_rows(out, db, "courtwatch_fetch_failing",
                     "1 while the last fetch of a scheduled source failed.", "source",
                     "SELECT source, last_error != '' FROM fetch_state ORDER BY source");
          gauge_rows(out, db, "courtwatch_fetch_last_success_timestamp_seconds",
                     "When a scheduled source was last fetched successfully.", "source",
                     "SELECT source, coalesce(last_success, 0) FROM fetch_state ORDER BY source");
        } else {
          metric_header(out, "courtwatch_database_up", "gauge",
                        "Whether the database is reachable.");
          metric_value(out, "courtwatch_database_up", "", 0);
        }
        server.metrics().render_http(out);
        res.set_header("Cache-Control", "no-store");
        res.set_content(out, "text/plain; version=0.0.4; charset=utf-8");
      });
}

}  // namespace cw::web
