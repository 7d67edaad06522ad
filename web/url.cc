#include "web/url.h"

#include <algorithm>

namespace cw::web {

std::string url_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

Query& Query::add(std::string_view name, std::string_view value) {
  if (!value.empty()) params_.emplace_back(name, value);
  return *this;
}

Query& Query::set(std::string_view name, std::string_view value) {
  std::erase_if(params_, [&](const auto& p) { return p.first == name; });
  return add(name, value);
}

std::string Query::url(std::string_view path) const {
  std::string out(path);
  char sep = '?';
  for (const auto& [name, value] : params_) {
    out += sep;
    out += url_encode(name);
    out += '=';
    out += url_encode(value);
    sep = '&';
  }
  return out;
}

}  // namespace cw::web
