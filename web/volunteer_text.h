// The words of the volunteer's self-service page, in English and Spanish.
//
// vtr() looks a key up in the page's own catalog of the language, then in
// its English catalog, then in the shared catalog (web/i18n.h: weekday-free
// words such as hearing types), so the page's strings live beside the page
// instead of in the coordinator UI's catalog. Immutable; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "web/i18n.h"

namespace cw::web {

std::string_view vtr(Lang lang, std::string_view key);
// Every key of the page's English catalog (tests check the Spanish one has them).
std::vector<std::string_view> volunteer_text_keys();
bool volunteer_text_has(Lang lang, std::string_view key);

}  // namespace cw::web
