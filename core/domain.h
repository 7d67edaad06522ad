// Domain types shared by every module.
//
// Plain value types with no behaviour beyond conversions to and from their
// textual names (the names are part of the CLI, CSV and JSON interfaces). A
// Hearing's case_ref is private: it never leaves the server (DESIGN.md §11),
// so no formatter outside store/ may print it. Ids are SQLite rowids; 0 means
// "not stored yet".
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace cw {

using Id = std::int64_t;

enum class SiteKind { immigration_court, detention_court, ice_field_office };
std::string_view to_string(SiteKind k);
Result<SiteKind> parse_site_kind(std::string_view s);

struct Site {
  std::string code;  // EOIR base-city code ("CHI") or ICE office ("CHI-ERO")
  std::string name;
  std::string address;   // street, city, state and ZIP on one line
  std::string timezone;  // IANA name
  SiteKind kind = SiteKind::immigration_court;
};

enum class HearingType { master, individual, bond, check_in, other };
std::string_view to_string(HearingType t);
Result<HearingType> parse_hearing_type(std::string_view s);
// Default length of a hearing without a stop time (matching.md).
TimeOfDay default_duration(HearingType t);

enum class HearingStatus { scheduled, cancelled };
std::string_view to_string(HearingStatus s);
Result<HearingStatus> parse_hearing_status(std::string_view s);

struct Hearing {
  Id id = 0;
  std::string source_key;  // stable across imports ("csv:…", "eoir:…", "ics:…")
  std::string site;
  LocalDate date{};
  TimeOfDay start{};
  std::optional<TimeOfDay> stop;
  std::string location;
  std::string judge;
  HearingType type = HearingType::other;
  std::string language;  // lowercase English name, empty if unknown
  bool detained = false;
  HearingStatus status = HearingStatus::scheduled;
  std::string cancel_reason;  // "source", "vanished", "closure"; empty when scheduled
  std::string case_ref;       // PRIVATE: never shown outside the server
  std::string notes;
};

enum class Role { trainee, watcher, lead };
std::string_view to_string(Role r);
Result<Role> parse_role(std::string_view s);

struct DateRange {
  LocalDate first{};
  LocalDate last{};  // inclusive
  bool contains(LocalDate d) const { return first <= d && d <= last; }
};

struct HalfDay {
  LocalDate date{};
  Half half = Half::am;
  friend bool operator==(const HalfDay&, const HalfDay&) = default;
};

// A volunteer's weekly grid of half-days plus exceptions.
struct Availability {
  std::array<bool, 14> grid{};  // index weekday_index * 2 + (pm ? 1 : 0)
  std::vector<DateRange> blackouts;
  std::vector<HalfDay> extra;

  bool weekly(int weekday, Half h) const { return grid[weekday * 2 + (h == Half::pm)]; }
  void set_weekly(int weekday, Half h, bool on) { grid[weekday * 2 + (h == Half::pm)] = on; }
  // True when the volunteer can attend on this date and half (grid and not
  // blacked out, or an extra half-day).
  bool available(LocalDate d, Half h) const;
};

struct Volunteer {
  Id id = 0;
  std::string handle;  // the coalition's own id, e.g. "v0001"
  std::string name;
  std::string email;
  std::string phone;
  Role role = Role::watcher;
  std::vector<std::string> sites;
  std::vector<std::string> languages;
  int max_per_week = 2;
  Availability availability;
  bool active = true;
  std::string locale = "en";  // language of pages and messages: "en" or "es"
};

// A watch session: the hearings at one (site, location, judge, date, half).
struct SessionKey {
  std::string site;
  std::string location;
  std::string judge;
  LocalDate date{};
  Half half = Half::am;
  friend bool operator==(const SessionKey&, const SessionKey&) = default;
  friend auto operator<=>(const SessionKey&, const SessionKey&) = default;
};

enum class SessionStatus { active, cancelled };

struct Session {
  Id id = 0;
  SessionKey key;
  TimeOfDay start{};
  TimeOfDay end{};
  std::vector<std::string> languages;  // non-English, sorted, unique
  int hearings = 0;
  int detained_hearings = 0;
  bool detained = false;    // D(s)
  bool individual = false;  // I(s)
  bool big = false;         // B(s): 10 or more hearings
  std::vector<HearingType> types;
  SessionStatus status = SessionStatus::active;
  int sequence = 0;  // rises whenever time, place or status changes

  int need() const { return detained ? 2 : 1; }
  int weight() const { return 1 + 3 * detained + 2 * individual + big; }
};

enum class AssignmentState { proposed, invited, confirmed, declined, cancelled };
std::string_view to_string(AssignmentState s);
Result<AssignmentState> parse_assignment_state(std::string_view s);
// A live assignment holds a seat: it counts toward every hard constraint and
// the coverage (proposed, invited, confirmed). The one definition; SQL uses
// store::live_states_sql(), built from it.
constexpr bool is_live(AssignmentState s) {
  return s == AssignmentState::proposed || s == AssignmentState::invited ||
         s == AssignmentState::confirmed;
}
inline constexpr std::array kAllAssignmentStates{
    AssignmentState::proposed, AssignmentState::invited, AssignmentState::confirmed,
    AssignmentState::declined, AssignmentState::cancelled};

struct Assignment {
  Id id = 0;
  Id session = 0;
  Id volunteer = 0;
  AssignmentState state = AssignmentState::proposed;
  bool pinned = false;
};

}  // namespace cw
