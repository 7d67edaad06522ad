// A message in a form that can be worded in the reader's language.
//
// app/ words what it refuses in English for the JSON API, the CLI and the
// logs (Error::message), and also hands the same message over as a Phrase:
// the catalog key of its pattern and the values to fill in. A page looks the
// key up in its language's catalog and fills the pattern with fill(), so a
// coordinator reading Spanish gets the whole sentence in Spanish, names and
// places included as they are.
//
// Pattern syntax: `{name}` is the value of argument `name`;
// `{name|a=text|b=text|*=text}` picks the text whose key equals the value
// (`*` for any other value; without `*` the value itself), which is how a
// pattern words a half-day, a weekday or a plural in its own language. A
// chosen text may hold placeholders of its own, filled from the same phrase
// (`{n|0=|*=, {n} at their cap}`); '|' and '}' inside such a nested
// placeholder belong to it. A '{' without its '}' is kept as text. An
// argument the phrase lacks fills as nothing. Values are inserted verbatim,
// never parsed as pattern (HTML escaping happens where the text is
// rendered). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cw {

struct Phrase {
  std::string key;  // empty: no phrase, show the English message
  std::vector<std::pair<std::string, std::string>> args;

  Phrase& arg(std::string name, std::string value) {
    args.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

std::string fill(std::string_view pattern, const Phrase& phrase);
// The placeholder names a pattern uses, sorted and unique (for catalog checks).
std::vector<std::string> placeholders(std::string_view pattern);

}  // namespace cw
