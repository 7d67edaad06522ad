// The words of "why is this seat empty" (scheduler/explain.h), in English and
// Spanish, side by side so that a translation cannot go missing.
//
// The explainer returns a Phrase keyed "unfilled.<kind>" with counts, site,
// weekday and half codes and a date; these patterns word it. The English
// pattern filled is the reason the CLI, the JSON API and the digest show;
// the coordinator pages merge these rows into their catalogs (web/i18n) and
// fill the pattern of the page's language. Pure; thread-safe.
#pragma once

#include <span>

#include "app/refusal_text.h"

namespace cw::app {

// Every reason pattern, keyed "unfilled.<kind>[.<variant>]".
std::span<const PhrasePattern> unfilled_patterns();

}  // namespace cw::app
