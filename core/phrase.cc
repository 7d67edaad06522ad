#include "core/phrase.h"

#include <algorithm>

namespace cw {
namespace {

// Patterns nest: a chosen text may hold placeholders of its own
// ("{n|0=|*=, {n} at their cap}"), filled with the same phrase. Values are
// never parsed: only pattern text is.

std::string_view value_of(const Phrase& p, std::string_view name) {
  for (const auto& [n, v] : p.args) {
    if (n == name) return v;
  }
  return {};
}

// The '}' that closes the '{' at `open`, counting nested braces; npos if none.
std::size_t closing(std::string_view s, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == '{') ++depth;
    if (s[i] == '}' && --depth == 0) return i;
  }
  return std::string_view::npos;
}

// `spec` split at the '|' outside nested braces.
std::vector<std::string_view> alternatives(std::string_view spec) {
  std::vector<std::string_view> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < spec.size(); ++i) {
    if (spec[i] == '{') ++depth;
    if (spec[i] == '}') --depth;
    if (spec[i] == '|' && depth == 0) {
      parts.push_back(spec.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(spec.substr(start));
  return parts;
}

void fill_into(std::string& out, std::string_view pattern, const Phrase& phrase);

// "name|a=x|*=y" with the value of name -> the chosen text, itself filled.
void choose_into(std::string& out, std::string_view spec, const Phrase& p) {
  const auto parts = alternatives(spec);
  const std::string_view value = value_of(p, parts.front());
  std::string_view fallback;
  bool has_fallback = false;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const auto eq = parts[i].find('=');
    if (eq == std::string_view::npos) continue;
    const auto key = parts[i].substr(0, eq);
    const auto text = parts[i].substr(eq + 1);
    if (key == value) return fill_into(out, text, p);
    if (key == "*") {
      fallback = text;
      has_fallback = true;
    }
  }
  if (has_fallback) return fill_into(out, fallback, p);
  out += value;  // a value is inserted verbatim, never parsed
}

void fill_into(std::string& out, std::string_view pattern, const Phrase& phrase) {
  std::size_t i = 0;
  while (i < pattern.size()) {
    const auto open = pattern.find('{', i);
    const auto close = open == std::string_view::npos ? open : closing(pattern, open);
    if (close == std::string_view::npos) {
      out += pattern.substr(i);
      break;
    }
    out += pattern.substr(i, open - i);
    choose_into(out, pattern.substr(open + 1, close - open - 1), phrase);
    i = close + 1;
  }
}

void collect(std::string_view pattern, std::vector<std::string>& names) {
  std::size_t i = 0;
  while (true) {
    const auto open = pattern.find('{', i);
    if (open == std::string_view::npos) break;
    const auto close = closing(pattern, open);
    if (close == std::string_view::npos) break;
    const auto parts = alternatives(pattern.substr(open + 1, close - open - 1));
    names.emplace_back(parts.front());
    for (std::size_t k = 1; k < parts.size(); ++k) {
      const auto eq = parts[k].find('=');
      if (eq != std::string_view::npos) collect(parts[k].substr(eq + 1), names);
    }
    i = close + 1;
  }
}

}  // namespace

std::string fill(std::string_view pattern, const Phrase& phrase) {
  std::string out;
  out.reserve(pattern.size() + 32);
  fill_into(out, pattern, phrase);
  return out;
}

std::vector<std::string> placeholders(std::string_view pattern) {
  std::vector<std::string> names;
  collect(pattern, names);
  std::ranges::sort(names);
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace cw
