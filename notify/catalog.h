// The words of every message, in English and Spanish (DESIGN.md §7).
//
// Messages are written in the recipient's language (the volunteer's
// `locale`, a coordinator's configured one); anything else falls back to
// English. Templates carry {name} placeholders filled by fill(); a key
// missing from Spanish falls back to English, a key missing everywhere
// comes back as itself so a gap shows in tests. Catalogs are immutable:
// thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "notify/planner.h"
#include "notify/snapshot.h"

namespace cw::notify {

enum class Locale { en, es };
Locale locale_of(std::string_view code);

std::string_view text(Locale l, std::string_view key);
// Replaces each {name} in the template by its value (unknown names stay).
std::string fill(std::string_view tmpl, const std::map<std::string, std::string>& values);
// "Tue 1 Dec 2026, 09:00–12:00" / "mar 1 dic 2026, 09:00–12:00".
std::string format_when(Locale l, const Snapshot& s);
// "Chicago Immigration Court, Courtroom 5".
std::string format_where(const Snapshot& s);
// The subject line of a volunteer message about a session.
std::string subject_for(Kind k, Locale l, const Snapshot& s);

}  // namespace cw::notify
