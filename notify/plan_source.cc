#include "notify/plan_source.h"

#include <nlohmann/json.hpp>

#include "store/notify_rows.h"
#include "store/outbox_repo.h"
#include "store/repos.h"
#include "store/session_repos.h"

namespace cw::notify {
namespace {

Instant instant(std::int64_t s) { return Instant{std::chrono::seconds{s}}; }

constexpr auto kRecent = std::chrono::hours{48};
constexpr auto kReportSessions = std::chrono::days{14};

// ICE presence or detention, from the report body; anything else: none.
ReportFacts read_report(Id id, Id session, Instant created, const std::string& body) {
  ReportFacts r{id, session, false, 0, created};
  const auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object()) return r;
  if (const auto it = j.find("ice_present"); it != j.end() && it->is_string())
    r.ice_present = it->get<std::string>() == "yes";
  if (const auto it = j.find("detained_count"); it != j.end() && it->is_number_integer())
    r.detained = std::max(0, it->get<int>());
  // A report edited later (store/report_repo.h keeps "updated" in the body)
  // counts from its last change.
  if (const auto it = j.find("updated"); it != j.end() && it->is_number_integer())
    r.created = std::max(r.created, instant(it->get<std::int64_t>()));
  return r;
}

Result<void> load_reports(store::Database& db, Instant now, PlanInput& in) {
  // Reports about sessions of the last two weeks; the planner keeps those
  // created or changed in the last two days.
  const LocalDate from{date::floor<date::days>(now - kReportSessions).time_since_epoch()};
  for (const auto& b : CW_TRY(store::report_bodies(db, from))) {
    auto r = read_report(b.id, b.session, b.created, b.body);
    if (r.created + kRecent >= now) in.reports.push_back(r);
  }
  return {};
}

}  // namespace

Result<PlanInput> load_plan_input(store::Database& db, const NotifyConfig& config, Instant now) {
  PlanInput in;
  in.now = now;
  in.rules = config.rules;
  in.coordinators = config.coordinators;
  in.webhook_enabled = !config.webhook.url.empty();
  const LocalDate from = LocalDate{date::floor<date::days>(now).time_since_epoch()} - date::days{1};
  const LocalDate to = from + date::days{config.rules.horizon_days + 1};

  std::map<std::string, Site> sites;
  for (auto& s : CW_TRY(store::SiteRepo(db).all())) sites.emplace(s.code, std::move(s));
  store::SessionFilter sf;
  sf.from = from;
  sf.to = to;
  store::SessionRepo session_repo(db);
  auto add_session = [&](Session s) {
    const auto it = sites.find(s.key.site);
    const Id id = s.id;  // not read from the moved-from session
    if (it != sites.end()) in.sessions.emplace(id, SessionFacts{std::move(s), it->second});
  };
  for (auto& s : CW_TRY(session_repo.list(sf))) add_session(std::move(s));
  in.assignments = CW_TRY(store::assignment_histories(db, from, to));
  for (auto& v : CW_TRY(store::recipients(db))) in.volunteers.emplace(v.id, std::move(v));
  CW_TRY(load_reports(db, now, in));
  for (const auto& r : in.reports) {
    if (in.sessions.contains(r.session)) continue;
    if (auto s = CW_TRY(session_repo.find(r.session))) add_session(std::move(*s));
  }
  in.existing = CW_TRY(store::OutboxRepo(db).for_planning(from, now - kRecent));
  return in;
}

Result<PlanCounts> plan_outbox(store::Database& db, const NotifyConfig& config, Instant now) {
  auto tx = CW_TRY(db.begin_immediate());
  const PlanInput in = CW_TRY(load_plan_input(db, config, now));
  const Plan plan = CW_TRY(plan_messages(in));
  store::OutboxRepo outbox(db);
  PlanCounts counts;
  for (const auto& d : plan.drop) counts.dropped += CW_TRY(outbox.drop(d.id, d.reason, now));
  for (const auto& row : plan.add) counts.added += CW_TRY(outbox.insert(row, now));
  CW_TRY(tx.commit());
  return counts;
}

}  // namespace cw::notify
