// The words of what app/ refuses outside assignments — a volunteer's or a
// closure's site that does not exist, a volunteer id already taken, a
// closure that is not there to lift — in English and Spanish, side by side.
//
// Each function returns the Error: the English pattern filled as its
// message (the CLI and the JSON API print it) and the Phrase a coordinator
// page words in its own language (web/i18n merges message_patterns() into
// its catalogs). Pure; thread-safe.
#pragma once

#include <optional>
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

// not_found: "session 12 does not exist" and the like.
Error no_session(Id id);
enum class Lookup { by_id, by_number };  // "volunteer 7 does not exist" / "no volunteer with id 7"
Error no_volunteer(Id id, Lookup how = Lookup::by_id);
Error no_assignment(Id id);
// conflict: the assignment was cancelled (and so cannot be confirmed, when `confirming`).
Error assignment_was_cancelled(Id id, bool confirming);

// invalid_input: a list's cursor that this list did not hand out, or one that is damaged.
Error foreign_cursor();
Error malformed_cursor();
// invalid_input: a number outside 1..max ("limit", with the value given),
// 1..max ("days") or 0..max ("uncovered_limit").
enum class Bound { limit, days, uncovered_limit };
Error out_of_range(Bound what, int max, std::optional<int> got = std::nullopt);
// invalid_input: a range that ends before it starts: a list's from/to, the
// plan's range, a report overview's range.
enum class RangeOf { list, plan, report };
Error backwards_range(RangeOf what, LocalDate from, LocalDate to);
// invalid_input: a volunteer record without an id or a name, or with a negative cap.
enum class Missing { id, name, negative_cap };
Error volunteer_incomplete(Missing what);

}  // namespace cw::app
