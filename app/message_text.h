// The words of what app/ refuses outside assignments — a volunteer's or a
// closure's site that does not exist, a volunteer id already taken, a
// closure that is not there to lift — in English and Spanish, side by side.
//
// Each function returns the Error: the English pattern filled as its
// message (the CLI and the JSON API print it) and the Phrase a coordinator
// page words in its own language (web/i18n merges message_patterns() into
// its catalogs). Pure; thread-safe.
#pragma once

#include <span>
#include <string_view>

#include "app/refusal_text.h"
#include "core/error.h"

namespace cw::app {

// Every message pattern, keyed "message.<kind>".
std::span<const PhrasePattern> message_patterns();

Error unknown_site(Errc code, std::string_view site);
Error volunteer_exists(std::string_view handle);
Error no_manual_closure(std::string_view site, LocalDate date);

}  // namespace cw::app
