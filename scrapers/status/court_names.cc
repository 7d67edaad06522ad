#include "scrapers/status/court_names.h"

#include <array>
#include <cctype>
#include <sstream>

#include "core/text.h"

namespace cw::scrapers::status {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 19> kAliases{{
    {"arlington", "ANN"},
    {"annandale", "ANN"},
    {"chelmsford", "CHE"},
    {"port isabel", "PIS"},
    {"portland", "POO"},
    {"atlanta peachtree", "ATL"},
    {"atlanta w peachtree", "ATL"},
    {"atlanta west peachtree", "ATL"},
    {"miami krome", "KRO"},
    {"krome", "KRO"},
    {"new york federal plaza", "NYC"},
    {"new york 26 federal plaza", "NYC"},
    {"new york varick", "NYV"},
    {"new york broadway", "NYB"},
    {"los angeles n los angeles", "NLA"},
    {"san juan", "SAJ"},
    {"guaynabo", "SAJ"},
    {"fort snelling", "BLM"},
    {"bloomington", "BLM"},
}};

const std::set<std::string>& stop_words() {
  static const std::set<std::string> words{"immigration", "court",   "courts",   "adjudication",
                                           "center",      "hearing", "location", "street",
                                           "st",          "drive",   "dr",       "the"};
  return words;
}

}  // namespace

std::string CourtNames::normalize(std::string_view name) {
  std::string spaced;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    spaced += (u < 0x80 && std::isalnum(u)) ? static_cast<char>(std::tolower(u)) : ' ';
  }
  std::istringstream words(spaced);
  std::string word, out;
  while (words >> word) {
    if (stop_words().contains(word)) continue;
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

CourtNames::CourtNames(const std::vector<Site>& sites) {
  for (const auto& s : sites) {
    if (s.kind == SiteKind::ice_field_office) continue;
    codes_.insert(s.code);
    const auto key = normalize(s.name);
    if (key.empty()) continue;
    auto [it, fresh] = by_name_.emplace(key, s.code);
    if (!fresh && it->second != s.code) ambiguous_.insert(key);
  }
  for (const auto& [alias, code] : kAliases) {
    if (!codes_.contains(std::string(code))) continue;
    by_name_[std::string(alias)] = std::string(code);
    ambiguous_.erase(std::string(alias));
  }
}

std::optional<std::string> CourtNames::find(std::string_view name) const {
  auto upper = upper_ascii(trim(name));  // not const: returned by move
  if (codes_.contains(upper)) return upper;
  const auto key = normalize(name);
  const auto it = by_name_.find(key);
  if (it == by_name_.end() || ambiguous_.contains(key)) return std::nullopt;
  return it->second;
}

}  // namespace cw::scrapers::status
