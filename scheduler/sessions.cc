#include "scheduler/sessions.h"

#include <algorithm>
#include <map>

namespace cw::scheduler {
namespace {

void add_unique(std::vector<std::string>& xs, const std::string& x) {
  if (std::find(xs.begin(), xs.end(), x) == xs.end()) xs.push_back(x);
}

bool is_english(const std::string& language) { return language.empty() || language == "english"; }

// The fields whose change is worth a new calendar SEQUENCE.
bool same_time_place_status(const Session& a, const Session& b) {
  return a.key == b.key && a.start == b.start && a.end == b.end && a.status == b.status;
}

bool same_content(const Session& a, const Session& b) {
  return same_time_place_status(a, b) && a.languages == b.languages && a.hearings == b.hearings &&
         a.detained_hearings == b.detained_hearings && a.detained == b.detained &&
         a.individual == b.individual && a.big == b.big && a.types == b.types;
}

}  // namespace

std::vector<Session> build_sessions(std::span<const Hearing> hearings) {
  std::map<SessionKey, Session> by_key;
  for (const auto& h : hearings) {
    if (h.status != HearingStatus::scheduled) continue;
    SessionKey key{h.site, h.location, h.judge, h.date, half_of(h.start)};
    auto [it, added] = by_key.try_emplace(key);
    Session& s = it->second;
    const TimeOfDay end =
        std::min(TimeOfDay{24 * 60}, h.stop ? *h.stop : h.start + default_duration(h.type));
    if (added) {
      s.key = std::move(key);
      s.start = h.start;
      s.end = end;
    }
    s.start = std::min(s.start, h.start);
    s.end = std::max(s.end, end);
    ++s.hearings;
    if (h.detained) ++s.detained_hearings;
    s.detained = s.detained || h.detained;
    s.individual = s.individual || h.type == HearingType::individual;
    if (!is_english(h.language)) add_unique(s.languages, h.language);
    if (std::find(s.types.begin(), s.types.end(), h.type) == s.types.end())
      s.types.push_back(h.type);
  }
  std::vector<Session> out;
  out.reserve(by_key.size());
  for (auto& [key, s] : by_key) {
    s.big = s.hearings >= 10;
    std::sort(s.languages.begin(), s.languages.end());
    std::sort(s.types.begin(), s.types.end());
    out.push_back(std::move(s));
  }
  return out;
}

std::string_view to_string(SessionChangeKind k) {
  switch (k) {
    case SessionChangeKind::added:
      return "added";
    case SessionChangeKind::updated:
      return "updated";
    case SessionChangeKind::cancelled:
      return "cancelled";
    case SessionChangeKind::restored:
      return "restored";
    case SessionChangeKind::unchanged:
      return "unchanged";
  }
  return "unchanged";
}

std::vector<SessionChange> reconcile(std::span<const Session> stored,
                                     std::span<const Session> fresh) {
  std::map<SessionKey, const Session*> old;
  for (const auto& s : stored) old.emplace(s.key, &s);
  std::map<SessionKey, SessionChange> out;
  for (const auto& f : fresh) {
    SessionChange c;
    c.session = f;
    c.session.status = SessionStatus::active;
    const auto it = old.find(f.key);
    if (it == old.end()) {
      c.kind = SessionChangeKind::added;
      c.session.id = 0;
      c.session.sequence = 0;
    } else {
      const Session& o = *it->second;
      c.session.id = o.id;
      c.session.sequence = o.sequence;
      if (o.status == SessionStatus::cancelled) {
        c.kind = SessionChangeKind::restored;
        ++c.session.sequence;
      } else if (!same_time_place_status(o, c.session)) {
        c.kind = SessionChangeKind::updated;
        ++c.session.sequence;
      } else {
        c.kind =
            same_content(o, c.session) ? SessionChangeKind::unchanged : SessionChangeKind::updated;
      }
      old.erase(it);
    }
    out.emplace(c.session.key, std::move(c));
  }
  for (const auto& [key, o] : old) {
    SessionChange c;
    c.session = *o;
    if (o->status != SessionStatus::cancelled) {
      c.kind = SessionChangeKind::cancelled;
      c.session.status = SessionStatus::cancelled;
      ++c.session.sequence;
    }
    out.emplace(key, std::move(c));
  }
  std::vector<SessionChange> result;
  result.reserve(out.size());
  for (auto& [key, c] : out) result.push_back(std::move(c));
  return result;
}

}  // namespace cw::scheduler
