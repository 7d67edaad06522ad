#include "core/phrase.h"

#include <algorithm>

#include "core/text.h"

namespace cw {
namespace {

std::string_view value_of(const Phrase& p, std::string_view name) {
  for (const auto& [n, v] : p.args) {
    if (n == name) return v;
  }
  return {};
}

// "name|a=x|*=y" with the value of name -> the chosen text.
std::string choose(std::string_view spec, const Phrase& p) {
  const auto parts = split(spec, '|');
  const std::string_view value = value_of(p, parts.front());
  std::string_view fallback = value;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const auto eq = parts[i].find('=');
    if (eq == std::string_view::npos) continue;
    const auto key = parts[i].substr(0, eq);
    const auto text = parts[i].substr(eq + 1);
    if (key == value) return std::string(text);
    if (key == "*") fallback = text;
  }
  return std::string(fallback);
}

}  // namespace

std::string fill(std::string_view pattern, const Phrase& phrase) {
  std::string out;
  out.reserve(pattern.size() + 32);
  std::size_t i = 0;
  while (i < pattern.size()) {
    const auto open = pattern.find('{', i);
    const auto close = open == std::string_view::npos ? open : pattern.find('}', open);
    if (close == std::string_view::npos) {
      out += pattern.substr(i);
      break;
    }
    out += pattern.substr(i, open - i);
    out += choose(pattern.substr(open + 1, close - open - 1), phrase);
    i = close + 1;
  }
  return out;
}

std::vector<std::string> placeholders(std::string_view pattern) {
  std::vector<std::string> names;
  std::size_t i = 0;
  while (true) {
    const auto open = pattern.find('{', i);
    if (open == std::string_view::npos) break;
    const auto close = pattern.find('}', open);
    if (close == std::string_view::npos) break;
    const auto spec = pattern.substr(open + 1, close - open - 1);
    names.emplace_back(spec.substr(0, spec.find('|')));
    i = close + 1;
  }
  std::ranges::sort(names);
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace cw
