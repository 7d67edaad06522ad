// GET /api/v1/sessions, /hearings, /volunteers, /imports (DESIGN.md §8).
//
// Each handler parses its query strictly, calls one app/queries.h read model
// on a pooled connection and prints it with web/api_json.h. Reads only: a GET
// never writes.
#include <httplib.h>

#include "app/queries.h"
#include "web/api_json.h"
#include "web/server.h"

namespace cw::web {
namespace {

// Runs a read against a pooled connection; answers 503 when none is free.
template <class Fn>
void with_read_db(WebServer& server, httplib::Response& res, Fn fn) {
  auto lease = server.pool().acquire();
  if (!lease) return api::send_unavailable(res);
  fn(**lease);
}

template <class T, class ToJson>
void answer(httplib::Response& res, const Result<app::Page<T>>& page, ToJson to_json) {
  if (!page) return api::send_failure(res, page.error());
  api::send_json(res, 200, api::list_json(*page, to_json));
}

Result<app::SessionQuery> session_query(const httplib::Request& req) {
  const auto q =
      CW_TRY(api::Query::parse(req, {"from", "to", "site", "covered", "limit", "cursor"}));
  app::SessionQuery s;
  s.from = CW_TRY(q.date("from"));
  s.to = CW_TRY(q.date("to"));
  s.site = CW_TRY(q.site("site"));
  s.covered = CW_TRY(q.boolean("covered"));
  s.page = CW_TRY(q.page());
  return s;
}

Result<app::HearingQuery> hearing_query(const httplib::Request& req) {
  const auto q = CW_TRY(api::Query::parse(req, {"from", "to", "site", "limit", "cursor"}));
  app::HearingQuery h;
  h.from = CW_TRY(q.date("from"));
  h.to = CW_TRY(q.date("to"));
  h.site = CW_TRY(q.site("site"));
  h.page = CW_TRY(q.page());
  return h;
}

Result<app::VolunteerQuery> volunteer_query(const httplib::Request& req) {
  const auto q = CW_TRY(api::Query::parse(req, {"site", "q", "limit", "cursor"}));
  app::VolunteerQuery v;
  v.site = CW_TRY(q.site("site"));
  v.search = CW_TRY(q.text("q", 100));
  v.page = CW_TRY(q.page());
  return v;
}

Result<app::PageRequest> imports_query(const httplib::Request& req) {
  const auto q = CW_TRY(api::Query::parse(req, {"limit", "cursor"}));
  return q.page();
}

}  // namespace

void add_api_read_routes(WebServer& server) {
  server.api_get("/api/v1/sessions", "api_sessions", UserRole::coordinator,
                 [&server](const httplib::Request& req, httplib::Response& res, const Principal&) {
                   const auto q = session_query(req);
                   if (!q) return api::send_failure(res, q.error());
                   with_read_db(server, res, [&](store::Database& db) {
                     answer(res, app::list_sessions(db, *q, server.clock().now()),
                            api::session_json);
                   });
                 });
  server.api_get("/api/v1/hearings", "api_hearings", UserRole::coordinator,
                 [&server](const httplib::Request& req, httplib::Response& res, const Principal&) {
                   const auto q = hearing_query(req);
                   if (!q) return api::send_failure(res, q.error());
                   with_read_db(server, res, [&](store::Database& db) {
                     answer(res, app::list_hearings(db, *q, server.clock().now()),
                            api::hearing_json);
                   });
                 });
  server.api_get("/api/v1/volunteers", "api_volunteers", UserRole::coordinator,
                 [&server](const httplib::Request& req, httplib::Response& res, const Principal&) {
                   const auto q = volunteer_query(req);
                   if (!q) return api::send_failure(res, q.error());
                   with_read_db(server, res, [&](store::Database& db) {
                     answer(res, app::list_volunteers(db, *q), api::volunteer_json);
                   });
                 });
  server.api_get("/api/v1/imports", "api_imports", UserRole::coordinator,
                 [&server](const httplib::Request& req, httplib::Response& res, const Principal&) {
                   const auto q = imports_query(req);
                   if (!q) return api::send_failure(res, q.error());
                   with_read_db(server, res, [&](store::Database& db) {
                     answer(res, app::list_imports(db, *q), api::import_run_json);
                   });
                 });
}

}  // namespace cw::web
