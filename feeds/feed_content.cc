#include "feeds/feed_content.h"

#include <algorithm>

namespace cw::feeds {
namespace {

// The status an event has in a feed, or nullopt when it is not shown.
std::optional<EventStatus> status_in(FeedKind kind, const SessionFacts& f) {
  const bool cancelled = f.session.status == SessionStatus::cancelled;
  switch (kind) {
    case FeedKind::volunteer:
      if (!f.mine) return std::nullopt;
      if (cancelled) {
        // A session that went away cancels its assignments; show it as
        // cancelled unless the volunteer had declined it.
        if (*f.mine == AssignmentState::declined) return std::nullopt;
        return EventStatus::cancelled;
      }
      if (!is_live(*f.mine)) return std::nullopt;
      return *f.mine == AssignmentState::confirmed ? EventStatus::confirmed
                                                   : EventStatus::tentative;
    case FeedKind::site:
      return cancelled ? EventStatus::cancelled : EventStatus::confirmed;
    case FeedKind::open:
      if (cancelled) return EventStatus::cancelled;
      if (f.assigned >= f.session.need()) return std::nullopt;
      return EventStatus::confirmed;
  }
  return std::nullopt;
}

std::string_view type_phrase(HearingType t) {
  switch (t) {
    case HearingType::master:
      return "master calendar";
    case HearingType::individual:
      return "individual hearings";
    case HearingType::bond:
      return "bond hearings";
    case HearingType::check_in:
      return "ICE check-ins";
    case HearingType::other:
      return "other hearings";
  }
  return "hearings";
}

std::string types_phrase(const Session& s) {
  std::string out;
  for (const auto t : s.types) out += (out.empty() ? "" : ", ") + std::string(type_phrase(t));
  return out;
}

std::string coverage_tag(const SessionFacts& f) {
  if (f.assigned == 0) return "[UNCOVERED] ";
  return "[" + std::to_string(std::min(f.assigned, f.session.need())) + "/" +
         std::to_string(f.session.need()) + "] ";
}

}  // namespace

Instant last_modified(const SessionFacts& f) { return std::max(f.updated, f.assignments_updated); }

LocalDate first_shown_date(Instant now) {
  return LocalDate{date::floor<date::days>(now).time_since_epoch()} - kPastKeepDays;
}

Selection select_events(FeedKind kind, std::span<const SessionFacts> all, Instant now) {
  Selection sel;
  const auto midnight = date::floor<date::days>(now) + date::days{1};
  sel.valid_until = Instant{midnight};
  const LocalDate first = first_shown_date(now);
  for (const auto& f : all) {
    if (f.session.key.date < first) continue;
    const auto status = status_in(kind, f);
    if (!status) continue;
    if (*status == EventStatus::cancelled) {
      const Instant drop = f.updated + kCancelledKeepDays;
      if (drop <= now) continue;
      sel.valid_until = std::min(sel.valid_until, drop);
    }
    sel.events.push_back({&f, *status});
    sel.last_modified = std::max(sel.last_modified, last_modified(f));
  }
  return sel;
}

std::string short_site_name(const Site& site) {
  for (const std::string_view suffix : {" Immigration Court", " Field Office"}) {
    if (const auto at = site.name.find(suffix); at != std::string::npos && at > 0) {
      return site.name.substr(0, at);
    }
  }
  return site.name.empty() ? site.code : site.name;
}

std::string summary(FeedKind kind, const SessionFacts& f) {
  std::string out = kind == FeedKind::site ? coverage_tag(f) : std::string();
  out += "Court watch · " + short_site_name(f.site);
  if (!f.session.key.location.empty()) out += " · " + f.session.key.location;
  if (const auto types = types_phrase(f.session); !types.empty()) out += " (" + types + ")";
  return out;
}

std::string description(const SessionFacts& f, const std::string& coordinator_contact,
                        const std::string& self_service_url) {
  const Session& s = f.session;
  std::string out;
  if (!s.key.judge.empty()) out += "Judge: " + s.key.judge + "\n";
  if (const auto types = types_phrase(s); !types.empty()) out += "Calendar: " + types + "\n";
  out += "Hearings: " + std::to_string(s.hearings) + "\n";
  std::string langs;
  for (const auto& l : s.languages) langs += (langs.empty() ? "" : ", ") + l;
  out += "Languages: " + (langs.empty() ? std::string("English") : langs) + "\n";
  out += "Detained: " + std::to_string(s.detained_hearings) + "\n";
  out += "Observers: " + std::to_string(f.assigned) + " of " + std::to_string(s.need()) + "\n";
  if (!coordinator_contact.empty()) out += "Coordinator: " + coordinator_contact + "\n";
  if (!self_service_url.empty()) out += "Your page: " + self_service_url + "\n";
  if (!out.empty()) out.pop_back();
  return out;
}

}  // namespace cw::feeds
