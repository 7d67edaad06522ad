// /healthz, /readyz and /metrics.
#include <httplib.h>

#include <memory>

#include "app/metrics.h"
#include "store/schema.h"
#include "web/layout.h"
#include "web/server.h"

namespace cw::web {
namespace {

void gauge(std::string& out, const char* name, const char* help, std::int64_t value) {
  metric_header(out, name, "gauge", help);
  metric_value(out, name, "", static_cast<double>(value));
}

void gauges(std::string& out, const char* name, const char* help, const char* label,
            const std::vector<store::LabelledCount>& rows) {
  metric_header(out, name, "gauge", help);
  for (const auto& r : rows) {
    metric_value(out, name, std::string(label) + "=\"" + r.label + "\"",
                 static_cast<double>(r.count));
  }
}

void domain_gauges(std::string& out, const store::MetricsSnapshot& m) {
  gauges(out, "courtwatch_hearings", "Hearings stored, by status.", "status", m.hearings_by_status);
  gauges(out, "courtwatch_import_runs", "Import runs, by source and state.", "source_state",
         m.import_runs);
  gauge(out, "courtwatch_import_last_success_timestamp_seconds",
        "Finish time of the last successful import.", m.import_last_success);
  gauge(out, "courtwatch_import_failures", "Import runs that failed as a whole.",
        m.import_failures);
  gauge(out, "courtwatch_volunteers_active", "Active volunteers.", m.volunteers_active);
  gauges(out, "courtwatch_sessions", "Active watch sessions by coverage.", "coverage",
         m.sessions_by_coverage);
  gauges(out, "courtwatch_outbox", "Outbox messages by state.", "state", m.outbox_by_state);
  gauge(out, "courtwatch_outbox_due",
        "Pending messages whose due time has passed (the delivery backlog).", m.outbox_due);
  gauge(out, "courtwatch_outbox_retrying",
        "Pending messages that failed transiently and wait for their next attempt.",
        m.outbox_retrying);
  gauge(out, "courtwatch_outbox_failures",
        "Messages failed for good (permanent error or attempts spent).", m.outbox_failures);
  gauges(out, "courtwatch_fetch_failing", "1 while the last fetch of a scheduled source failed.",
         "source", m.fetch_failing);
  gauges(out, "courtwatch_fetch_last_success_timestamp_seconds",
         "When a scheduled source was last fetched successfully.", "source", m.fetch_last_success);
}

}  // namespace

void add_health_routes(WebServer& server) {
  server.get("/healthz", "healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_content("ok\n", "text/plain; charset=utf-8");
  });

  server.get("/readyz", "readyz", [&server](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    auto db = server.pool().acquire();
    if (!db) return send_unavailable(req, res);
    if ((*db)->user_version() != store::schema_version()) {
      return send_error(res, 503, "database migrations not applied");
    }
    res.set_content("ready\n", "text/plain; charset=utf-8");
  });

  // Counts only, but still behind a login (DESIGN.md §8): Prometheus
  // scrapes it with an API token (authorization: credentials_file). The
  // domain counts come from app::MetricsCache, recounted only when the
  // database changed since the last scrape.
  auto cache = std::make_shared<app::MetricsCache>(server.pool().path());
  server.api_get(
      "/metrics", "metrics", UserRole::coordinator,
      [&server, cache](const httplib::Request&, httplib::Response& res, const Principal&) {
        std::string out;
        if (auto m = cache->snapshot(server.clock().now())) {
          domain_gauges(out, *m);
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
