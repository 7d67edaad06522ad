// The words of a refused assignment (a broken hard constraint), in English
// and Spanish, next to the rule that refuses (assignment_check.h).
//
// refusal_phrase() turns a verdict of scheduler::check_addition() into a
// Phrase (core/phrase.h): the key of one of the patterns below and the
// values to fill in (names, places and dates as they are; half-day,
// weekday and counts as codes the patterns word). The English pattern
// filled is Error::message, which the JSON API and the CLI print; the
// coordinator pages merge these rows into their catalogs (web/i18n) and fill
// the pattern of the page's language. One row per message, both languages
// side by side, so a translation cannot go missing. Pure; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/domain.h"
#include "core/phrase.h"
#include "scheduler/assignment_rules.h"

namespace cw::app {

struct PhrasePattern {
  std::string_view key, en, es;
};

// Every refusal pattern, keyed "refusal.<rule code>[.<variant>]".
std::span<const PhrasePattern> refusal_patterns();

// The phrase for `verdict` refusing v for s (empty key for Rule::none).
Phrase refusal_phrase(const scheduler::Verdict& verdict, const Volunteer& v, const Session& s);
// An Error of `code` worded by `phrase` (a pattern of app/): the English
// words as its message, for the CLI and the API; the phrase, for a page.
Error phrased_error(Errc code, Phrase phrase);

// Refusals that are not a broken hard constraint (the target is missing or
// in another state): the Error with the English message and the phrase.
Error missing_handle();                            // invalid_input: no volunteer id given
Error unknown_volunteer(std::string_view handle);  // not_found
Error session_cancelled(const Session& s);         // conflict
Error session_past(const Session& s);              // conflict: a claim after the day
enum class Action { unassign, pin };
Error assignment_not_live(Id assignment, AssignmentState state, Action action);  // conflict
Error not_ruled_out(Id volunteer, Id session);  // not_found: allow without a forbid

// A session's values as the patterns name them: place, date, half ("am", "pm").
Phrase session_values(const Session& s);
// "HOU Courtroom 3 on 2026-12-08 (morning)", as the English patterns word a session.
std::string describe(const Session& s);
// The phrase worded in English (the API's and the CLI's message): any
// pattern of app/: refusals, unfilled reasons (unfilled_text.h), messages
// (message_text.h) and the audit log's words (audit_text.h) alike.
std::string english(const Phrase& phrase);
// The phrase worded in the language of `locale` ("es": Spanish; anything
// else: English), for words app/ hands to a module without its catalogs
// (the coordinator's daily digest, notify/).
std::string worded(std::string_view locale, const Phrase& phrase);

}  // namespace cw::app
