// Message catalogs for pages and messages (English and Spanish).
//
// Every user-visible string is looked up by key in the catalog of the chosen
// language; a missing key falls back to English, then to the key itself (so a
// gap shows up in tests rather than as an empty string). Adding a language is
// adding a catalog in i18n.cc. Catalogs are immutable: thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace cw::web {

enum class Lang { en, es };

std::string_view lang_code(Lang l);
// Picks a supported language from an Accept-Language header (q-values honoured).
Lang negotiate(std::string_view accept_language);
std::string_view tr(Lang l, std::string_view key);
// True when the catalog of l has its own entry for key (no fallback).
bool has_entry(Lang l, std::string_view key);

}  // namespace cw::web
