#include "scrapers/ics/tzid.h"

#include <array>
#include <utility>

#include "core/text.h"

namespace cw::scrapers::ics {
namespace {

// Windows zone names (CLDR windowsZones.xml, territory 001 or US) for the
// zones where immigration courts and ICE field offices sit.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kWindowsZones{{
    {"Eastern Standard Time", "America/New_York"},
    {"US Eastern Standard Time", "America/Indiana/Indianapolis"},
    {"Central Standard Time", "America/Chicago"},
    {"Mountain Standard Time", "America/Denver"},
    {"US Mountain Standard Time", "America/Phoenix"},
    {"Pacific Standard Time", "America/Los_Angeles"},
    {"Alaskan Standard Time", "America/Anchorage"},
    {"Hawaiian Standard Time", "Pacific/Honolulu"},
    {"Atlantic Standard Time", "America/Halifax"},
    {"SA Western Standard Time", "America/Puerto_Rico"},
    {"West Pacific Standard Time", "Pacific/Guam"},
    {"UTC", "Etc/UTC"},
    {"Coordinated Universal Time", "Etc/UTC"},
    {"GMT Standard Time", "Europe/London"},
}};

// Outlook's display names ("(UTC-06:00) Central Time (US & Canada)").
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kDisplayNames{{
    {"eastern time (us", "America/New_York"},
    {"central time (us", "America/Chicago"},
    {"mountain time (us", "America/Denver"},
    {"pacific time (us", "America/Los_Angeles"},
    {"arizona", "America/Phoenix"},
    {"hawaii", "Pacific/Honolulu"},
    {"alaska", "America/Anchorage"},
    {"guam", "Pacific/Guam"},
}};

std::optional<Zone> lookup(std::string_view name) {
  if (name.empty()) return std::nullopt;
  if (auto z = find_zone(name)) return *z;
  return std::nullopt;
}

}  // namespace

std::optional<Zone> map_tzid(std::string_view tzid) {
  tzid = trim(tzid);
  if (tzid.size() >= 2 && tzid.front() == '"' && tzid.back() == '"') {
    tzid = tzid.substr(1, tzid.size() - 2);
  }
  if (tzid.empty() || tzid.size() > 200) return std::nullopt;
  for (const auto& [windows, iana] : kWindowsZones) {
    if (iequals(tzid, windows)) return lookup(iana);
  }
  if (tzid.starts_with("(UTC") || tzid.starts_with("(GMT")) {
    const auto lower = lower_ascii(tzid);
    for (const auto& [part, iana] : kDisplayNames) {
      if (lower.find(part) != std::string::npos) return lookup(iana);
    }
    return std::nullopt;
  }
  if (auto z = lookup(tzid)) return z;
  // A vendor prefix: try each suffix after a '/' ("/a.org/1/America/Chicago"
  // → "a.org/1/America/Chicago" → "1/America/Chicago" → "America/Chicago").
  for (std::size_t pos = tzid.find('/'); pos != std::string_view::npos;
       pos = tzid.find('/', pos + 1)) {
    if (auto z = lookup(tzid.substr(pos + 1))) return z;
  }
  return std::nullopt;
}

}  // namespace cw::scrapers::ics
