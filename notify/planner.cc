#include "notify/planner.h"

#include <nlohmann/json.hpp>
#include <set>

#include "notify/catalog.h"
#include "notify/due_time.h"
#include "notify/snapshot.h"

namespace cw::notify {
namespace {

using store::OutboxRow;
using Json = nlohmann::json;

constexpr auto kLateDigest = std::chrono::hours{6};
constexpr auto kAlertWindow = std::chrono::hours{48};

bool delivered(const OutboxRow& r) { return r.state == "sent" || r.state == "sending"; }
bool settled(const OutboxRow& r) { return delivered(r) || r.state == "failed"; }

std::vector<std::string> channels_for(const RecipientFacts& v, bool webhook) {
  std::vector<std::string> out;
  if (!v.active || v.channel == "none") return out;
  if ((v.channel == "email" || v.channel == "both") && !v.email.empty()) out.emplace_back("email");
  if ((v.channel == "webhook" || v.channel == "both") && webhook) out.emplace_back("webhook");
  return out;
}

// One message the rules call for, before it is split per channel.
struct Wanted {
  Kind kind = Kind::invitation;
  std::string slot;
  Instant due{};
  Json payload;
  std::string subject;
};

class Planner {
 public:
  explicit Planner(const PlanInput& in) : in_(in) {
    for (const auto& r : in.existing) {
      by_key_[r.idem_key] = &r;
      if (r.assignment) by_assignment_[*r.assignment].push_back(&r);
    }
  }

  Result<Plan> run() {
    for (const auto& a : in_.assignments) CW_TRY(plan_assignment(a));
    CW_TRY(plan_coordinators());
    return std::move(out_);
  }

 private:
  // The latest message the volunteer was sent about this assignment's session.
  const OutboxRow* told(Id assignment) const {
    const OutboxRow* best = nullptr;
    const auto it = by_assignment_.find(assignment);
    if (it == by_assignment_.end()) return nullptr;
    for (const auto* r : it->second) {
      if (!delivered(*r) || r->kind == "cancellation") continue;
      if (!best || r->version > best->version || (r->version == best->version && r->id > best->id))
        best = r;
    }
    return best;
  }

  bool cancellation_sent(Id assignment) const {
    const auto it = by_assignment_.find(assignment);
    if (it == by_assignment_.end()) return false;
    for (const auto* r : it->second) {
      if (r->kind == "cancellation" && settled(*r)) return true;
    }
    return false;
  }

  // Urgent messages go at once; the others wait out the quiet hours.
  Instant due_at(Instant t, Zone zone, Instant session_start, bool can_be_urgent) const {
    if (can_be_urgent && session_start - t <= in_.rules.urgent_within) return t;
    return hold_for_quiet_hours(t, zone, in_.rules.quiet);
  }

  Result<void> plan_assignment(const AssignmentFacts& af) {
    const Assignment& a = af.assignment;
    const auto s_it = in_.sessions.find(a.session);
    const auto v_it = in_.volunteers.find(a.volunteer);
    if (s_it == in_.sessions.end() || v_it == in_.volunteers.end()) return {};
    const SessionFacts& sf = s_it->second;
    const RecipientFacts& v = v_it->second;
    const Zone zone = CW_TRY(find_zone(sf.site.timezone));
    const Snapshot snap = snapshot_of(sf.session, sf.site);
    const Instant start = resolve(zone, sf.session.key.date, sf.session.start).instant;
    const Locale lang = locale_of(v.locale);
    const std::string prefix = "a" + std::to_string(a.id) + "/";
    const int seq = sf.session.sequence;
    const OutboxRow* known = told(a.id);
    std::vector<Wanted> wanted;
    auto want = [&](Kind k, const std::string& round, Instant due, Json payload,
                    const Snapshot& about) {
      payload["assignment"] = a.id;
      wanted.push_back({k, prefix + std::string(to_string(k)) + "/" + round, due,
                        std::move(payload), subject_for(k, lang, about)});
    };

    const bool session_cancelled = sf.session.status == SessionStatus::cancelled;
    const bool live = a.state == AssignmentState::invited || a.state == AssignmentState::confirmed;
    if (start > in_.now && (session_cancelled || a.state == AssignmentState::cancelled)) {
      if (known && !cancellation_sent(a.id)) {
        auto before = snapshot_from_json(Json::parse(known->payload).at("session"));
        Snapshot about = before ? *before : snap;
        about.cancelled = true;
        const std::string round =
            session_cancelled ? "s" + std::to_string(seq) : "e" + std::to_string(af.cancel_event);
        want(Kind::cancellation, round, due_at(in_.now, zone, start, true),
             {{"session", to_json(about)},
              {"reason", session_cancelled ? "session-cancelled" : "unassigned"}},
             about);
      }
    } else if (start > in_.now && live && !session_cancelled) {
      if (known && known->version < seq) {
        Json old = Json::parse(known->payload).at("session");
        want(Kind::change, std::to_string(seq), due_at(in_.now, zone, start, true),
             {{"session", to_json(snap)}, {"old", std::move(old)}}, snap);
      }
      const std::string round = std::to_string(af.invite_round);
      if (a.state == AssignmentState::invited && af.invite_round > 0) {
        want(Kind::invitation, round, due_at(in_.now, zone, start, false),
             {{"session", to_json(snap)}}, snap);
        const Instant rule = local_rule_time(zone, sf.session.key.date - date::days{1},
                                             in_.rules.confirm_request_at);
        if ((!af.invited_at || *af.invited_at < rule) && rule < start) {
          want(Kind::confirm_request, round, due_at(std::max(rule, in_.now), zone, start, false),
               {{"session", to_json(snap)}}, snap);
        }
      }
      if (a.state == AssignmentState::confirmed) {
        const Instant rule = local_rule_time(zone, sf.session.key.date, in_.rules.reminder_at);
        if (rule < start) {
          want(Kind::reminder, round, due_at(std::max(rule, in_.now), zone, start, false),
               {{"session", to_json(snap)}}, snap);
        }
      }
    }
    std::set<std::string> keys;
    for (const auto& w : wanted) {
      for (const auto& ch : channels_for(v, in_.webhook_enabled)) {
        OutboxRow row;
        row.idem_key = w.slot + "/s" + std::to_string(seq) + "/" + ch;
        row.channel = ch;
        row.recipient = ch == "email" ? v.email : v.handle;
        row.kind = std::string(to_string(w.kind));
        row.due = w.due;
        row.subject = w.subject;
        row.volunteer = v.id;
        row.assignment = a.id;
        row.session = sf.session.id;
        row.version = seq;
        row.locale = lang == Locale::es ? "es" : "en";
        row.payload = w.payload.dump();
        keys.insert(row.idem_key);
        add_unless_settled(std::move(row), w.slot);
      }
    }
    drop_unwanted(a, sf, start, keys);
    return {};
  }

  // Adds the row unless it exists, or this slot was already sent on this
  // channel (a later version of the session is then told by a change).
  void add_unless_settled(OutboxRow row, const std::string& slot) {
    if (by_key_.contains(row.idem_key)) return;
    const auto it = by_assignment_.find(*row.assignment);
    if (it != by_assignment_.end()) {
      for (const auto* r : it->second) {
        if (settled(*r) && r->channel == row.channel && slot_of(r->idem_key) == slot) return;
      }
    }
    out_.add.push_back(std::move(row));
  }

  void drop_unwanted(const Assignment& a, const SessionFacts& sf, Instant start,
                     const std::set<std::string>& keys) {
    const auto it = by_assignment_.find(a.id);
    if (it == by_assignment_.end()) return;
    for (const auto* r : it->second) {
      if (r->state != "pending" || keys.contains(r->idem_key)) continue;
      std::string why;
      if (sf.session.status == SessionStatus::cancelled) {
        why = "session cancelled";
      } else if (start <= in_.now) {
        why = "session already started";
      } else if (r->version != sf.session.sequence) {
        why = "session changed (sequence " + std::to_string(r->version) + " → " +
              std::to_string(sf.session.sequence) + ")";
      } else {
        why = "assignment is " + std::string(cw::to_string(a.state));
      }
      out_.drop.push_back({r->id, why});
    }
  }

  Result<void> plan_coordinators() {
    for (const auto& c : in_.coordinators) {
      const Zone zone = CW_TRY(find_zone(c.timezone));
      const Locale lang = locale_of(c.locale);
      const LocalDate today = local_day(zone, in_.now);
      const Instant due = local_rule_time(zone, today, in_.rules.digest_at);
      if (in_.now <= due + kLateDigest) {
        OutboxRow row =
            coordinator_row(c, "digest/" + c.email + "/" + format_date(today), Kind::digest, due);
        row.subject = fill(text(lang, "subject.digest"), {{"date", format_date(today)}});
        row.payload = Json{
            {"date", format_date(today)},
            {"timezone", c.timezone},
            {"sites", c.sites},
            {"name",
             c.name}}.dump();
        add_coordinator_row(std::move(row));
      }
      for (const auto& r : in_.reports) {
        if (!(r.ice_present || r.detained > 0) || r.created + kAlertWindow < in_.now) continue;
        const auto s_it = in_.sessions.find(r.session);
        if (s_it == in_.sessions.end()) continue;
        const auto& site = s_it->second.site.code;
        if (!c.sites.empty() && std::find(c.sites.begin(), c.sites.end(), site) == c.sites.end())
          continue;
        const Snapshot snap = snapshot_of(s_it->second.session, s_it->second.site);
        OutboxRow row = coordinator_row(c, "report" + std::to_string(r.id) + "/alert/" + c.email,
                                        Kind::alert, in_.now);
        row.subject = subject_for(Kind::alert, lang, snap);
        row.payload = Json{
            {"report", r.id},
            {"session", to_json(snap)},
            {"ice_present", r.ice_present},
            {"detained",
             r.detained}}.dump();
        add_coordinator_row(std::move(row));
      }
    }
    return {};
  }

  OutboxRow coordinator_row(const Coordinator& c, std::string key, Kind k, Instant due) const {
    OutboxRow row;
    row.idem_key = std::move(key);
    row.channel = "email";
    row.recipient = c.email;
    row.kind = std::string(to_string(k));
    row.due = due;
    row.locale = locale_of(c.locale) == Locale::es ? "es" : "en";
    return row;
  }

  void add_coordinator_row(OutboxRow row) {
    if (!by_key_.contains(row.idem_key)) out_.add.push_back(std::move(row));
  }

  const PlanInput& in_;
  Plan out_;
  std::map<std::string, const OutboxRow*> by_key_;
  std::map<Id, std::vector<const OutboxRow*>> by_assignment_;
};

}  // namespace

std::string_view to_string(Kind k) {
  switch (k) {
    case Kind::invitation:
      return "invitation";
    case Kind::confirm_request:
      return "confirm-request";
    case Kind::reminder:
      return "reminder";
    case Kind::change:
      return "change";
    case Kind::cancellation:
      return "cancellation";
    case Kind::digest:
      return "digest";
    case Kind::alert:
      return "alert";
  }
  return "invitation";
}

std::string slot_of(const std::string& idem_key) {
  if (!idem_key.starts_with('a')) return idem_key;
  auto cut = idem_key.rfind('/');
  if (cut == std::string::npos || cut == 0) return idem_key;
  cut = idem_key.rfind('/', cut - 1);
  return cut == std::string::npos ? idem_key : idem_key.substr(0, cut);
}

Result<Plan> plan_messages(const PlanInput& in) {
  try {
    return Planner(in).run();
  } catch (const nlohmann::json::exception& e) {
    return fail(Error::internal(std::string("outbox payload: ") + e.what()));
  }
}

}  // namespace cw::notify
