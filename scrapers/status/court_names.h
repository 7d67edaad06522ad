// Court names as the EOIR status page writes them → site codes.
//
// CourtNames indexes the sites table (immigration and detention courts, not
// ICE offices) by a normalized form of each site's name: lowercase ASCII
// words, without "immigration", "court", "adjudication", "center",
// "hearing", "location", "street", "drive", "the" and punctuation
// ("Atlanta - Ted Turner Drive Immigration Court" → "atlanta ted turner").
// A small alias table covers the names EOIR notices use that differ from
// ours ("Arlington" → ANN, "Atlanta (Peachtree Street)" → ATL, "Miami Krome"
// → KRO, …) and picks the current code where two codes name one court
// (Chelmsford → CHE, Port Isabel → PIS, Portland → POO, Annandale → ANN). A
// name that is a site code itself ("CHI") matches that site. Immutable after
// construction; thread-safe to share.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"

namespace cw::scrapers::status {

class CourtNames {
 public:
  explicit CourtNames(const std::vector<Site>& sites);
  std::optional<std::string> find(std::string_view name) const;

  static std::string normalize(std::string_view name);

 private:
  std::map<std::string, std::string> by_name_;  // normalized name → code
  std::set<std::string> ambiguous_;
  std::set<std::string> codes_;
};

}  // namespace cw::scrapers::status
