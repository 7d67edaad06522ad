// Hearing and volunteer languages as a page shows them.
//
// The store keeps a language as its lowercase English name (matching.md:
// "spanish", "k'iche'"; the EOIR import lowercases tblLanguage). A page
// shows it in its own language: "Spanish" / "español". The table holds the
// languages immigration courts hear most often; a name it does not know is
// shown as stored (a proper name the catalog lacks reads better untouched
// than guessed). Immutable; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "web/i18n.h"

namespace cw::web {

std::string language_name(Lang lang, std::string_view stored);
// "Spanish, Mandarin" / "español, mandarín", or "—" for none.
std::string language_list(Lang lang, const std::vector<std::string>& stored);
// True when the table words `stored` (for tests).
bool knows_language(std::string_view stored);

}  // namespace cw::web
