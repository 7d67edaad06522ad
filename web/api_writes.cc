// POST /api/v1/match, /invite, /assignments and DELETE /api/v1/assignments/{id}
// (DESIGN.md §8).
//
// Each handler validates its JSON body strictly (web/api_json.h), calls the
// app/ use case with the signed-in coordinator as the actor — the use case
// checks the rules, writes in one transaction and records the audit entry —
// and prints the result. A refused assignment answers 409 with the broken
// rule's code.
#include <httplib.h>

#include <algorithm>

#include "app/assignments.h"
#include "app/plan.h"
#include "app/queries.h"
#include "app/query_params.h"
#include "store/session_repos.h"
#include "web/api_json.h"
#include "web/server.h"

namespace cw::web {
namespace {

nlohmann::json seat_json(const app::PlannedSeat& a) {
  return {{"session", a.session},
          {"volunteer", a.handle},
          {"site", a.key.site},
          {"location", a.key.location},
          {"judge", a.key.judge},
          {"date", format_date(a.key.date)},
          {"half", to_string(a.key.half)},
          {"state", to_string(a.state)}};
}

nlohmann::json plan_json(const app::PlanDiff& p) {
  nlohmann::json added = nlohmann::json::array(), removed = nlohmann::json::array(),
                 unfilled = nlohmann::json::array();
  for (const auto& a : p.added) added.push_back(seat_json(a));
  for (const auto& a : p.removed) removed.push_back(seat_json(a));
  for (const auto& u : p.unfilled) {
    unfilled.push_back({{"session", u.session},
                        {"site", u.key.site},
                        {"location", u.key.location},
                        {"judge", u.key.judge},
                        {"date", format_date(u.key.date)},
                        {"half", to_string(u.key.half)},
                        {"seats", u.seats},
                        {"reason", u.reason}});
  }
  return {{"objective", p.objective},
          {"added", std::move(added)},
          {"removed", std::move(removed)},
          {"kept", p.kept},
          {"unfilled", std::move(unfilled)}};
}

Result<nlohmann::json> assignment_json(store::Database& db, const Assignment& a,
                                       const std::string& handle) {
  const auto s = CW_TRY(store::SessionRepo(db).find(a.session));
  if (!s) return fail(Error::internal("assignment without its session"));
  return nlohmann::json{{"id", a.id},
                        {"session", a.session},
                        {"volunteer", handle},
                        {"site", s->key.site},
                        {"location", s->key.location},
                        {"judge", s->key.judge},
                        {"date", format_date(s->key.date)},
                        {"half", to_string(s->key.half)},
                        {"state", to_string(a.state)},
                        {"pinned", a.pinned}};
}

// The "from"/"to" of a body with the lists' defaults (today, + 13 days).
Result<DateRange> body_range(const api::Body& body, Instant now) {
  const auto from = CW_TRY(body.date("from"));
  const auto to = CW_TRY(body.date("to"));
  return app::resolve_range(from, to, now);
}

app::Actor actor_of(const Principal& me) { return app::Actor::coordinator(me.name); }

// Runs fn(db) on a pooled connection and answers its failure, if any.
template <class Fn>
void with_write_db(WebServer& server, httplib::Response& res, Fn fn) {
  auto lease = server.pool().acquire();
  if (!lease) return api::send_unavailable(res);
  if (auto ok = fn(**lease); !ok) api::send_failure(res, ok.error());
}

void match(WebServer& server, const httplib::Request& req, httplib::Response& res,
           const Principal& me) {
  const auto body = api::Body::parse(req, res, {"from", "to", "apply"});
  if (!body) return;
  const auto range = body_range(*body, server.clock().now());
  if (!range) return api::send_failure(res, range.error());
  const auto apply = body->boolean("apply");
  if (!apply) return api::send_failure(res, apply.error());
  with_write_db(server, res, [&](store::Database& db) -> Result<void> {
    const app::PlanRequest plan{range->first, range->last, false};
    const auto diff = apply->value_or(false)
                          ? CW_TRY(app::apply_plan(db, server.clock(), actor_of(me), plan))
                          : CW_TRY(app::preview_plan(db, plan));
    api::send_json(res, 200, plan_json(diff));
    return {};
  });
}

void invite(WebServer& server, const httplib::Request& req, httplib::Response& res,
            const Principal& me) {
  const auto body = api::Body::parse(req, res, {"from", "to"});
  if (!body) return;
  const auto range = body_range(*body, server.clock().now());
  if (!range) return api::send_failure(res, range.error());
  with_write_db(server, res, [&](store::Database& db) -> Result<void> {
    const int n = CW_TRY(app::invite(db, server.clock(), actor_of(me), range->first, range->last));
    api::send_json(res, 200, {{"invited", n}});
    return {};
  });
}

void assign(WebServer& server, const httplib::Request& req, httplib::Response& res,
            const Principal& me) {
  const auto body = api::Body::parse(req, res, {"session", "volunteer", "pin"});
  if (!body) return;
  const auto session = api::required(body->integer("session"), "session");
  if (!session) return api::send_failure(res, session.error());
  const auto handle = api::required(body->text("volunteer", 64), "volunteer");
  if (!handle) return api::send_failure(res, handle.error());
  const auto pin = body->boolean("pin");
  if (!pin) return api::send_failure(res, pin.error());
  with_write_db(server, res, [&](store::Database& db) -> Result<void> {
    const Id volunteer = CW_TRY(app::volunteer_id(db, *handle));
    const auto a = CW_TRY(app::assign(db, server.clock(), actor_of(me), *session, volunteer,
                                      pin->value_or(false) ? app::Pin::yes : app::Pin::no));
    api::send_json(res, 201, CW_TRY(assignment_json(db, a, *handle)));
    return {};
  });
}

void unassign(WebServer& server, const httplib::Request& req, httplib::Response& res,
              const Principal& me) {
  // The route takes any segment, so that a malformed id is checked after
  // authentication (401 first) and answered like a missing one.
  const std::string text = req.matches[1].str();
  const bool digits =
      !text.empty() && text.size() <= 18 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) return api::send_error(res, 404, "not-found", "no such assignment");
  const Id id = std::stoll(text);
  with_write_db(server, res, [&](store::Database& db) -> Result<void> {
    CW_TRY(app::unassign(db, server.clock(), actor_of(me), id));
    res.status = 204;
    return {};
  });
}

}  // namespace

void add_api_write_routes(WebServer& server) {
  auto bind = [&server](auto fn) {
    return [&server, fn](const httplib::Request& req, httplib::Response& res, const Principal& me) {
      fn(server, req, res, me);
    };
  };
  server.api_post("/api/v1/match", "api_match", UserRole::coordinator, bind(match));
  server.api_post("/api/v1/invite", "api_invite", UserRole::coordinator, bind(invite));
  server.api_post("/api/v1/assignments", "api_assign", UserRole::coordinator, bind(assign));
  server.api_delete(R"(/api/v1/assignments/(.+))", "api_unassign", UserRole::coordinator,
                    bind(unassign));
}

}  // namespace cw::web
