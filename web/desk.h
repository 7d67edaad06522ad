// What every coordinator page (pages_*.cc) shares: the shell for the signed-
// in principal, how an Error is shown to a coordinator, query parameters,
// and the Post/Redirect/Get landing message.
//
// Errors: invalid input, not found and conflicts (a broken hard constraint
// included) carry messages written for coordinators by app/ and are shown
// as they are, headed by the rule's name when there is one, and worded in
// the page's language when app/ gave the message as a Phrase (a refused
// assignment: app/refusal_text.h); anything else (database, I/O, internal)
// is logged and shown as a generic "nothing was changed, try again" so that
// no SQL or internal detail reaches a page.
//
// PRG: a successful POST answers 303 to the page with ?done=KEY; the page
// shows tr("done.KEY") in a status box. Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/domain.h"
#include "core/error.h"
#include "core/time.h"
#include "web/auth.h"
#include "web/html.h"
#include "web/layout.h"

namespace cw::web {

class WebServer;

Shell desk_shell(const httplib::Request& req, const Principal& me, Nav nav);

// The message a coordinator sees for e (and logs the detail of hidden ones).
std::string error_text(Lang lang, const Error& e);
// The HTTP status of a page re-rendered with e: 409 for conflicts, 404, 422, 500.
int error_status(const Error& e);

// A link to a session's page labelled "2026-12-08 morning · HOU · Courtroom 3 · Judge X".
void session_link(Html& h, Lang lang, Id id, const SessionKey& key);
// "morning" / "afternoon" in the page's language.
std::string_view half_name(Lang lang, Half half);

// ?name=YYYY-MM-DD, or nullopt when absent or malformed.
std::optional<LocalDate> date_param(const httplib::Request& req, const char* name);
// "Today" for pages that need a default range: the UTC date (sites' local
// dates differ from it by at most one day; ranges are shown, never implied).
LocalDate utc_today(const WebServer& server);

// The status box for ?done=KEY (only keys of the catalog are shown).
void done_flash(Html& h, Lang lang, const httplib::Request& req);
// "/path?done=key" (plus the page's own query, already encoded).
std::string done_url(std::string_view path, std::string_view key, std::string_view query = {});

// POST /locale: the header's language switch (a cookie; back to the page).
void add_locale_route(WebServer& server);

}  // namespace cw::web
