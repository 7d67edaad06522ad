#include "web/language_names.h"

#include <algorithm>

namespace cw::web {
namespace {

struct Name {
  std::string_view stored, en, es;
};

// Sorted by the stored name (binary search). The most frequent languages of
// EOIR dockets and ICE check-ins, Mayan languages included.
constexpr Name kNames[] = {
    {"akateko", "Akateko", "akateko"},
    {"albanian", "Albanian", "albanés"},
    {"amharic", "Amharic", "amhárico"},
    {"arabic", "Arabic", "árabe"},
    {"armenian", "Armenian", "armenio"},
    {"awakateko", "Awakateko", "awakateko"},
    {"bengali", "Bengali", "bengalí"},
    {"burmese", "Burmese", "birmano"},
    {"cantonese", "Cantonese", "cantonés"},
    {"chuj", "Chuj", "chuj"},
    {"creole", "Creole", "criollo"},
    {"dari", "Dari", "darí"},
    {"english", "English", "inglés"},
    {"farsi", "Farsi", "farsi"},
    {"foochow", "Foochow", "fuzhounés"},
    {"french", "French", "francés"},
    {"fuzhou", "Fuzhou", "fuzhounés"},
    {"garifuna", "Garifuna", "garífuna"},
    {"georgian", "Georgian", "georgiano"},
    {"gujarati", "Gujarati", "guyaratí"},
    {"haitian creole", "Haitian Creole", "criollo haitiano"},
    {"hindi", "Hindi", "hindi"},
    {"ixil", "Ixil", "ixil"},
    {"k'iche'", "K'iche'", "k'iche'"},
    {"kanjobal", "Q'anjob'al", "q'anjob'al"},
    {"kaqchikel", "Kaqchikel", "kaqchikel"},
    {"kazakh", "Kazakh", "kazajo"},
    {"korean", "Korean", "coreano"},
    {"kurdish", "Kurdish", "kurdo"},
    {"kyrgyz", "Kyrgyz", "kirguís"},
    {"lingala", "Lingala", "lingala"},
    {"mam", "Mam", "mam"},
    {"mandarin", "Mandarin", "mandarín"},
    {"mixteco", "Mixtec", "mixteco"},
    {"nepali", "Nepali", "nepalí"},
    {"pashto", "Pashto", "pastún"},
    {"persian", "Persian", "persa"},
    {"portuguese", "Portuguese", "portugués"},
    {"punjabi", "Punjabi", "panyabí"},
    {"q'anjob'al", "Q'anjob'al", "q'anjob'al"},
    {"q'eqchi'", "Q'eqchi'", "q'eqchi'"},
    {"quechua", "Quechua", "quechua"},
    {"quiche", "K'iche'", "k'iche'"},
    {"romanian", "Romanian", "rumano"},
    {"russian", "Russian", "ruso"},
    {"somali", "Somali", "somalí"},
    {"spanish", "Spanish", "español"},
    {"swahili", "Swahili", "suajili"},
    {"tagalog", "Tagalog", "tagalo"},
    {"tamil", "Tamil", "tamil"},
    {"tigrinya", "Tigrinya", "tigriña"},
    {"turkish", "Turkish", "turco"},
    {"ukrainian", "Ukrainian", "ucraniano"},
    {"urdu", "Urdu", "urdu"},
    {"uzbek", "Uzbek", "uzbeko"},
    {"vietnamese", "Vietnamese", "vietnamita"},
    {"wolof", "Wolof", "wólof"},
};

const Name* find(std::string_view stored) {
  const auto it = std::ranges::lower_bound(kNames, stored, {}, &Name::stored);
  return it != std::end(kNames) && it->stored == stored ? &*it : nullptr;
}

}  // namespace

std::string language_name(Lang lang, std::string_view stored) {
  const Name* n = find(stored);
  if (!n) return std::string(stored);
  return std::string(lang == Lang::es ? n->es : n->en);
}

std::string language_list(Lang lang, const std::vector<std::string>& stored) {
  if (stored.empty()) return "—";
  std::string out;
  for (const auto& s : stored) {
    if (!out.empty()) out += ", ";
    out += language_name(lang, s);
  }
  return out;
}

bool knows_language(std::string_view stored) { return find(stored) != nullptr; }

}  // namespace cw::web
