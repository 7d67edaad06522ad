// CSV downloads: GET /export/sessions.csv (the sessions list's filters; at
// most 62 days, read a page of 1000 at a time) and GET /export/coverage.csv
// (the dashboard's site × day figures). Cells are defused against CSV
// injection (web/csv_export.h). No case reference is in either: sessions
// carry none.
#include <httplib.h>

#include "app/queries.h"
#include "core/text.h"
#include "web/csv_export.h"
#include "web/desk.h"
#include "web/desk_routes.h"
#include "web/server.h"
#include "web/session_view.h"

namespace cw::web {
namespace {

constexpr int kMaxExportDays = 62;

void send_csv(httplib::Response& res, const std::string& name, const std::string& body) {
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  res.set_content(body, "text/csv; charset=utf-8");
}

std::string volunteers_cell(const app::SessionSummary& s) {
  std::string out;
  for (const auto& a : s.assignments) {
    if (!out.empty()) out += "; ";
    out += a.volunteer + " (" + std::string(to_string(a.state)) + ")";
  }
  return out;
}

Result<std::string> sessions_csv(WebServer& server, const httplib::Request& req) {
  app::SessionQuery q;
  q.from = date_param(req, "from");
  q.to = date_param(req, "to");
  const LocalDate from = q.from.value_or(utc_today(server));
  if (q.to && *q.to - from > date::days{kMaxExportDays}) {
    return fail(Error::invalid("to: at most 62 days after from"));
  }
  if (const std::string site = upper_ascii(req.get_param_value("site")); !site.empty())
    q.site = site;
  if (const std::string c = req.get_param_value("coverage"); c == "covered" || c == "uncovered") {
    q.covered = c == "covered";
  }
  q.page.limit = app::kMaxPageLimit;
  auto lease = server.pool().acquire();
  if (!lease) return fail(lease.error());
  CsvWriter w;
  w.row({"id", "date", "half", "site", "location", "judge", "start", "end", "hearings",
         "detained_hearings", "languages", "status", "seats", "assigned", "volunteers", "reason"});
  for (;;) {
    auto page = CW_TRY(app::list_sessions(**lease, q, server.clock().now()));
    for (const auto& s : page.items) {
      const Session& x = s.session;
      w.row({std::to_string(x.id), format_date(x.key.date), to_string(x.key.half), x.key.site,
             x.key.location, x.key.judge, format_time(x.start), format_time(x.end),
             std::to_string(x.hearings), std::to_string(x.detained_hearings),
             join_list(x.languages), x.status == SessionStatus::active ? "active" : "cancelled",
             std::to_string(x.need()), std::to_string(s.assigned), volunteers_cell(s),
             s.reason.value_or("")});
    }
    if (!page.next_cursor) break;
    q.page.cursor = *page.next_cursor;
  }
  return w.take();
}

Result<std::string> coverage_csv(WebServer& server) {
  auto lease = server.pool().acquire();
  if (!lease) return fail(lease.error());
  const auto d = CW_TRY(app::dashboard(**lease, server.clock().now(), 14, 0));
  CsvWriter w;
  w.row({"site", "site_name", "date", "sessions", "covered", "uncovered", "seats", "filled"});
  for (const auto& s : d.sites) {
    for (const auto& c : s.days) {
      w.row({s.site, s.name, format_date(c.date), std::to_string(c.sessions),
             std::to_string(c.sessions - c.uncovered), std::to_string(c.uncovered),
             std::to_string(c.seats), std::to_string(c.filled)});
    }
  }
  return w.take();
}

void send_failure(httplib::Response& res, const Error& e) {
  send_error(res, error_status(e), error_text(Lang::en, e));
}

}  // namespace

void add_export_routes(WebServer& server) {
  server.page_get("/export/sessions.csv", "export_sessions", UserRole::coordinator,
                  [&server](const httplib::Request& req, httplib::Response& res, const Principal&) {
                    auto csv = sessions_csv(server, req);
                    if (!csv) return send_failure(res, csv.error());
                    send_csv(res, "sessions.csv", *csv);
                  });
  server.page_get("/export/coverage.csv", "export_coverage", UserRole::coordinator,
                  [&server](const httplib::Request&, httplib::Response& res, const Principal&) {
                    auto csv = coverage_csv(server);
                    if (!csv) return send_failure(res, csv.error());
                    send_csv(res, "coverage.csv", *csv);
                  });
}

}  // namespace cw::web
