// Building local URLs for links: percent-encoding of path segments and query
// values, and a Query that keeps a page's filters when only one parameter
// changes (pagination, sorting). The result still goes through Html::text()
// when written into an attribute. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cw::web {

// Percent-encodes everything but unreserved characters (RFC 3986).
std::string url_encode(std::string_view s);

class Query {
 public:
  // Adds name=value; an empty value is left out (an unset filter).
  Query& add(std::string_view name, std::string_view value);
  // Replaces (or adds) one parameter.
  Query& set(std::string_view name, std::string_view value);
  // path + "?" + the encoded parameters (just path when there are none).
  std::string url(std::string_view path) const;

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

}  // namespace cw::web
