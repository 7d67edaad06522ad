#include "core/domain.h"

#include <algorithm>

namespace cw {

namespace {
template <class E, std::size_t N>
Result<E> parse_enum(std::string_view s, const std::array<std::pair<std::string_view, E>, N>& names,
                     std::string_view what) {
  for (const auto& [name, value] : names) {
    if (name == s) return value;
  }
  std::string expected;
  for (const auto& [name, value] : names) {
    if (!expected.empty()) expected += ", ";
    expected += name;
  }
  return fail(Error::invalid("unknown " + std::string(what) + " '" + std::string(s) +
                             "' (expected one of: " + expected + ")"));
}

template <class E, std::size_t N>
std::string_view enum_name(E v, const std::array<std::pair<std::string_view, E>, N>& names) {
  for (const auto& [name, value] : names) {
    if (value == v) return name;
  }
  return "?";
}

constexpr std::array<std::pair<std::string_view, SiteKind>, 3> kSiteKinds{{
    {"immigration-court", SiteKind::immigration_court},
    {"detention-court", SiteKind::detention_court},
    {"ice-field-office", SiteKind::ice_field_office},
}};
constexpr std::array<std::pair<std::string_view, HearingType>, 5> kHearingTypes{{
    {"master", HearingType::master},
    {"individual", HearingType::individual},
    {"bond", HearingType::bond},
    {"check-in", HearingType::check_in},
    {"other", HearingType::other},
}};
constexpr std::array<std::pair<std::string_view, HearingStatus>, 2> kHearingStatuses{{
    {"scheduled", HearingStatus::scheduled},
    {"cancelled", HearingStatus::cancelled},
}};
constexpr std::array<std::pair<std::string_view, Role>, 3> kRoles{{
    {"trainee", Role::trainee},
    {"watcher", Role::watcher},
    {"lead", Role::lead},
}};
constexpr std::array<std::pair<std::string_view, AssignmentState>, 5> kAssignmentStates{{
    {"proposed", AssignmentState::proposed},
    {"invited", AssignmentState::invited},
    {"confirmed", AssignmentState::confirmed},
    {"declined", AssignmentState::declined},
    {"cancelled", AssignmentState::cancelled},
}};
}  // namespace

std::string_view to_string(SiteKind k) { return enum_name(k, kSiteKinds); }
Result<SiteKind> parse_site_kind(std::string_view s) {
  return parse_enum(s, kSiteKinds, "site kind");
}

std::string_view to_string(HearingType t) { return enum_name(t, kHearingTypes); }
Result<HearingType> parse_hearing_type(std::string_view s) {
  return parse_enum(s, kHearingTypes, "hearing type");
}

TimeOfDay default_duration(HearingType t) {
  return t == HearingType::individual ? TimeOfDay{180} : TimeOfDay{60};
}

std::string_view to_string(HearingStatus s) { return enum_name(s, kHearingStatuses); }
Result<HearingStatus> parse_hearing_status(std::string_view s) {
  return parse_enum(s, kHearingStatuses, "status");
}

std::string_view to_string(Role r) { return enum_name(r, kRoles); }
Result<Role> parse_role(std::string_view s) { return parse_enum(s, kRoles, "role"); }

std::string_view to_string(AssignmentState s) { return enum_name(s, kAssignmentStates); }
Result<AssignmentState> parse_assignment_state(std::string_view s) {
  return parse_enum(s, kAssignmentStates, "assignment state");
}

bool Availability::available(LocalDate d, Half h) const {
  if (std::find(extra.begin(), extra.end(), HalfDay{d, h}) != extra.end()) return true;
  if (!weekly(weekday_index(d), h)) return false;
  return std::none_of(blackouts.begin(), blackouts.end(),
                      [d](const DateRange& r) { return r.contains(d); });
}

}  // namespace cw
