// The JSON API's shapes and its strict request parsing (DESIGN.md §8).
//
// Objects: a session is the object of `courtwatch sessions --json` plus
// "assignments": [{"id", "volunteer", "state"}] and "reason" (null when
// covered); a hearing is the object of `hearings --json` without
// "source_key"; a volunteer has id (handle), name, role, sites, languages,
// max_per_week, active and never an e-mail or phone; an import run is its
// record as `import --json` prints it; lists are {"items", "next_cursor"}.
// Errors are {"error": {"code", "message"}} with the right 4xx:
// "malformed" (400: the body is not one UTF-8 JSON object), "invalid" (422:
// a parameter or field is unknown, repeated, of the wrong type or out of
// range; the message starts with its name), "not-found" (404), "conflict"
// (409) or the broken rule's code (409: "double-booked", "weekly-cap", ...),
// "too-large" (413), "unsupported-media-type" (415); 401 "unauthenticated"
// and 403 "forbidden"/"bad-csrf" come from web/auth.h; 500 "internal" hides
// the cause, which goes to the log.
//
// Parsing is strict: a query parameter or body field this route does not
// know, one given twice, a wrong JSON type, a malformed date, a body that is
// not one UTF-8 JSON object of at most kMaxBody bytes — each is refused with
// the name of what is wrong. Values are never echoed back in messages.
// Stateless; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/queries.h"
#include "core/domain.h"
#include "core/import_run.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace cw::web::api {

inline constexpr std::size_t kMaxBody = 16 * 1024;

nlohmann::json session_json(const app::SessionSummary& s);
nlohmann::json hearing_json(const Hearing& h);
nlohmann::json volunteer_json(const Volunteer& v);
nlohmann::json import_run_json(const ImportRun& r);

template <class T, class ToJson>
nlohmann::json list_json(const app::Page<T>& page, ToJson to_json) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& x : page.items) items.push_back(to_json(x));
  return {{"items", std::move(items)},
          {"next_cursor", page.next_cursor ? nlohmann::json(*page.next_cursor) : nullptr}};
}

// Whether a request path is under the JSON API (/api/).
bool is_api_path(std::string_view path);

void send_json(httplib::Response& res, int status, const nlohmann::json& body);
// The error object for a status set outside a handler (no route: 404; a
// body over the server's limit: 413; an exception: 500).
void send_status_error(httplib::Response& res, int status);
void send_error(httplib::Response& res, int status, std::string_view code,
                std::string_view message);
// 503 {"error": {"code": "unavailable", ...}}: no database connection.
void send_unavailable(httplib::Response& res);
// Answers an error value from app/ with its status: invalid_input 422,
// not_found 404, conflict 409 (code = the broken rule when there is one),
// anything else 500 (logged, not shown).
void send_failure(httplib::Response& res, const Error& e);

// The query string of a GET, checked against the parameters a route knows.
class Query {
 public:
  // Refuses unknown and repeated parameters.
  static Result<Query> parse(const httplib::Request& req,
                             std::initializer_list<std::string_view> known);
  Result<std::optional<LocalDate>> date(std::string_view name) const;
  Result<std::optional<bool>> boolean(std::string_view name) const;
  // A site code as given (upper-cased); refuses anything but [A-Z0-9-], ≤ 16.
  Result<std::optional<std::string>> site(std::string_view name) const;
  Result<std::optional<std::string>> text(std::string_view name, std::size_t max_bytes) const;
  // limit (default 100) and cursor.
  Result<app::PageRequest> page() const;

 private:
  const httplib::Request* req_ = nullptr;
};

// A JSON request body: one object whose fields are all known to the route.
class Body {
 public:
  // Refuses a body that is not application/json (415), larger than kMaxBody
  // (413), not valid UTF-8 JSON or not an object (400), or with unknown
  // fields (422).
  // On error, the response has been sent.
  static std::optional<Body> parse(const httplib::Request& req, httplib::Response& res,
                                   std::initializer_list<std::string_view> known);
  Result<std::optional<LocalDate>> date(std::string_view name) const;
  Result<std::optional<bool>> boolean(std::string_view name) const;
  Result<std::optional<std::int64_t>> integer(std::string_view name) const;
  Result<std::optional<std::string>> text(std::string_view name, std::size_t max_bytes) const;

 private:
  nlohmann::json json_;
};

// Requires a value that parsing returned as optional.
template <class T>
Result<T> required(Result<std::optional<T>> v, std::string_view name) {
  if (!v) return std::unexpected(std::move(v).error());
  if (!*v) return std::unexpected(Error::invalid(std::string(name) + ": required"));
  return **v;
}

}  // namespace cw::web::api
