// How a session and its assignments are shown on the coordinator pages
// (dashboard, sessions list, session detail): the one-line summary with its
// badges and reason, assignment state badges, and the session's facts.
// Pure rendering of app/queries.h values; stateless.
#pragma once

#include "app/queries.h"
#include "web/html.h"
#include "web/i18n.h"

namespace cw::web {

// "<a>2026-12-08 morning · HOU · Courtroom 3 · Judge X</a> 09:00–12:00
// [Detained] [1 of 2 seats open] — reason".
void session_summary_line(Html& h, Lang lang, const app::SessionSummary& s);
// A badge for an assignment state (proposed, invited, confirmed, declined).
void state_badge(Html& h, Lang lang, AssignmentState state);
// The coverage badge of a session: covered, n seats open, cancelled.
void coverage_badge(Html& h, Lang lang, const app::SessionSummary& s);
// "Spanish, K'iche'" or "—".
std::string join_list(const std::vector<std::string>& items);

}  // namespace cw::web
