// What goes into a calendar feed, and the words it says (DESIGN.md §6).
//
// Three feeds publish the plan: a volunteer's own sessions, every session at
// a site with its coverage, and the open sessions that still need people.
// select_events() decides which stored sessions appear in a feed, with what
// STATUS, and until when that selection stays valid (a cancelled session
// stays for 14 days after its cancellation, then drops out; a session dated
// more than 14 days ago drops out too), so a cached feed body can be reused
// until something changes or `valid_until` passes. summary() and
// description() build the human text: site, courtroom, judge, calendar
// types, counts and languages — never a respondent's name, a case number or
// an A-number, which are not even part of the input. Pure functions,
// thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/domain.h"
#include "core/time.h"

namespace cw::feeds {

enum class FeedKind { volunteer, site, open };

// One stored session with what the feeds need around it.
struct SessionFacts {
  Session session;
  Site site;
  Instant updated{};              // last change of the session row (its cancellation too)
  Instant assignments_updated{};  // last change of its assignments (epoch if none)
  int assigned = 0;               // live assignments: proposed, invited or confirmed
  // The subscribing volunteer's assignment (volunteer feeds only).
  std::optional<AssignmentState> mine;
};

enum class EventStatus { tentative, confirmed, cancelled };

struct FeedEvent {
  const SessionFacts* facts = nullptr;
  EventStatus status = EventStatus::confirmed;
};

struct Selection {
  std::vector<FeedEvent> events;  // in input order
  Instant valid_until{};          // when the selection must be recomputed
  Instant last_modified{};        // latest change of the events shown (epoch if none)
};

inline constexpr auto kCancelledKeepDays = date::days{14};
inline constexpr auto kPastKeepDays = date::days{14};

// The first session date a feed shows at `now`.
LocalDate first_shown_date(Instant now);
Selection select_events(FeedKind kind, std::span<const SessionFacts> all, Instant now);

// "Court watch · Chicago · Courtroom 5 (master calendar)", prefixed with the
// coverage ("[1/2] ", "[UNCOVERED] ") on site feeds.
std::string summary(FeedKind kind, const SessionFacts& f);
// Several lines: judge, calendar types, hearings, languages, detained count,
// the coordinator contact and (if given) the volunteer's self-service link.
std::string description(const SessionFacts& f, const std::string& coordinator_contact,
                        const std::string& self_service_url);
// "Chicago" for "Chicago Immigration Court".
std::string short_site_name(const Site& site);
// When an event last changed: the later of the session and its assignments.
Instant last_modified(const SessionFacts& f);

}  // namespace cw::feeds
