#include "notify/plan_source.h"

#include <nlohmann/json.hpp>

#include "store/outbox_repo.h"
#include "store/repos.h"
#include "store/session_repos.h"

namespace cw::notify {
namespace {

Instant instant(std::int64_t s) { return Instant{std::chrono::seconds{s}}; }

constexpr auto kRecent = std::chrono::hours{48};
constexpr auto kReportSessions = std::chrono::days{14};

Result<void> load_assignments(store::Database& db, LocalDate from, LocalDate to, PlanInput& in) {
  auto& q = db.stmt(
      "SELECT a.id, a.session_id, a.volunteer_id, a.state, a.pinned, "
      "(SELECT count(*) FROM assignment_events e WHERE e.assignment_id = a.id "
      "AND e.to_state = 'invited'), "
      "(SELECT max(at) FROM assignment_events e WHERE e.assignment_id = a.id "
      "AND e.to_state = 'invited'), "
      "(SELECT max(id) FROM assignment_events e WHERE e.assignment_id = a.id "
      "AND e.to_state = 'cancelled') "
      "FROM assignments a JOIN sessions s ON s.id = a.session_id "
      "WHERE s.date BETWEEN ? AND ? AND a.state != 'proposed' ORDER BY a.id");
  q.bind_all(format_date(from), format_date(to));
  while (CW_TRY(q.step())) {
    AssignmentFacts f;
    f.assignment.id = q.int64(0);
    f.assignment.session = q.int64(1);
    f.assignment.volunteer = q.int64(2);
    auto state = parse_assignment_state(q.text(3));
    if (!state) {
      q.reset();
      return fail(state.error());
    }
    f.assignment.state = *state;
    f.assignment.pinned = q.int64(4) != 0;
    f.invite_round = q.int32(5);
    if (auto at = q.opt_int64(6)) f.invited_at = instant(*at);
    f.cancel_event = q.opt_int64(7).value_or(0);
    in.assignments.push_back(f);
  }
  return {};
}

Result<void> load_volunteers(store::Database& db, PlanInput& in) {
  auto& q = db.stmt("SELECT id, handle, name, email, locale, channel, active FROM volunteers");
  while (CW_TRY(q.step())) {
    RecipientFacts v;
    v.id = q.int64(0);
    v.handle = q.text(1);
    v.name = q.text(2);
    v.email = q.text(3);
    v.locale = q.text(4);
    v.channel = q.text(5);
    v.active = q.int64(6) != 0;
    in.volunteers.emplace(v.id, std::move(v));
  }
  return {};
}

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
  auto& q = db.stmt(
      "SELECT r.id, r.session_id, r.created, r.body FROM reports r "
      "JOIN sessions s ON s.id = r.session_id WHERE s.date >= ?");
  q.bind(1,
         format_date(LocalDate{date::floor<date::days>(now - kReportSessions).time_since_epoch()}));
  while (CW_TRY(q.step())) {
    auto r = read_report(q.int64(0), q.int64(1), instant(q.int64(2)), q.text(3));
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
  CW_TRY(load_assignments(db, from, to, in));
  CW_TRY(load_volunteers(db, in));
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
