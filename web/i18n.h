// Message catalogs for pages and messages (English and Spanish).
//
// Every user-visible string is looked up by key in the catalog of the chosen
// language; a missing key falls back to English, then to the key itself (so a
// gap shows up in tests rather than as an empty string). Adding a language is
// adding a catalog in i18n.cc. Catalogs are immutable: thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/phrase.h"

namespace cw::web {

enum class Lang { en, es };

std::string_view lang_code(Lang l);
// Picks a supported language from an Accept-Language header (q-values honoured).
Lang negotiate(std::string_view accept_language);
std::string_view tr(Lang l, std::string_view key);
// `phrase` (core/phrase.h) worded by the catalog of l; `english` (the
// message app/ wrote) when the phrase is empty or has no pattern.
std::string phrase_text(Lang l, const Phrase& phrase, std::string_view english);
// True when the catalog of l has its own entry for key (no fallback).
bool has_entry(Lang l, std::string_view key);

}  // namespace cw::web
