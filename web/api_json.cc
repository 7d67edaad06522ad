#include "web/api_json.h"

#include <httplib.h>

#include <algorithm>
#include <cstdint>

#include "app/record_json.h"
#include "core/log.h"
#include "core/text.h"

namespace cw::web::api {
namespace {

Error invalid(std::string_view name, std::string_view what) {
  return Error::invalid(std::string(name) + ": " + std::string(what));
}

Result<LocalDate> date_value(std::string_view name, std::string_view text) {
  auto d = parse_iso_date(text);
  if (!d) return fail(invalid(name, "expected an existing date YYYY-MM-DD"));
  return *d;
}

bool known_name(std::string_view name, std::initializer_list<std::string_view> known) {
  return std::find(known.begin(), known.end(), name) != known.end();
}

// A client's parameter or field name as shown in an error (bounded).
std::string shown_name(std::string_view name) {
  constexpr std::size_t kMax = 40;
  return name.size() <= kMax ? std::string(name) : std::string(name.substr(0, kMax)) + "...";
}

bool json_content_type(const httplib::Request& req) {
  const std::string type = lower_ascii(req.get_header_value("Content-Type"));
  const auto semi = type.find(';');
  return trim(std::string_view(type).substr(0, semi)) == "application/json";
}

}  // namespace

nlohmann::json session_json(const app::SessionSummary& x) {
  nlohmann::json assignments = nlohmann::json::array();
  for (const auto& a : x.assignments) {
    assignments.push_back(
        {{"id", a.id}, {"volunteer", a.volunteer}, {"state", to_string(a.state)}});
  }
  auto j = app::session_record(x.session, x.assigned);
  j["assignments"] = std::move(assignments);
  j["reason"] = x.reason ? nlohmann::json(*x.reason) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json hearing_json(const Hearing& h) { return app::hearing_record(h); }

nlohmann::json volunteer_json(const Volunteer& v) {
  return {{"id", v.handle},    {"name", v.name},           {"role", to_string(v.role)},
          {"sites", v.sites},  {"languages", v.languages}, {"max_per_week", v.max_per_week},
          {"active", v.active}};
}

nlohmann::json import_run_json(const ImportRun& r) { return nlohmann::json::parse(r.to_json()); }

bool is_api_path(std::string_view path) { return path.starts_with("/api/"); }

void send_status_error(httplib::Response& res, int status) {
  switch (status) {
    case 404:
      return send_error(res, 404, "not-found", "no such API route");
    case 413:
      return send_error(res, 413, "too-large", "the request is too large");
    case 405:
      return send_error(res, 405, "method-not-allowed", "this method is not allowed here");
    default:
      if (status >= 500) return send_error(res, status, "internal", "internal error");
      return send_error(res, status, "bad-request", "the request was refused");
  }
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  // Replace rather than throw on a stray invalid byte from old data.
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n",
                  "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, std::string_view code,
                std::string_view message) {
  send_json(res, status, {{"error", {{"code", code}, {"message", message}}}});
}

void send_unavailable(httplib::Response& res) {
  res.set_header("Retry-After", "60");
  send_error(res, 503, "unavailable", "the database is not reachable");
}

void send_failure(httplib::Response& res, const Error& e) {
  switch (e.code) {
    case Errc::invalid_input:
      return send_error(res, 422, "invalid", e.message);
    case Errc::not_found:
      return send_error(res, 404, "not-found", e.message);
    case Errc::conflict:
      return send_error(res, 409, e.rule.empty() ? "conflict" : e.rule, e.message);
    default:
      log::error("api: " + e.message);
      return send_error(res, 500, "internal", "internal error; see the server log");
  }
}

Result<Query> Query::parse(const httplib::Request& req,
                           std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : req.params) {
    if (!valid_utf8(name)) return fail(Error::invalid("query: a parameter name is not UTF-8"));
    if (!known_name(name, known)) return fail(invalid(shown_name(name), "unknown parameter"));
    if (req.params.count(name) > 1) return fail(invalid(name, "given more than once"));
    if (!valid_utf8(value)) return fail(invalid(name, "not valid UTF-8"));
  }
  Query q;
  q.req_ = &req;
  return q;
}

Result<std::optional<std::string>> Query::text(std::string_view name, std::size_t max) const {
  const std::string key(name);
  if (!req_->has_param(key)) return std::optional<std::string>{};
  std::string v = req_->get_param_value(key);
  if (v.size() > max) return fail(invalid(name, "too long"));
  return std::optional<std::string>(std::move(v));
}

Result<std::optional<LocalDate>> Query::date(std::string_view name) const {
  const auto v = CW_TRY(text(name, 10));
  if (!v) return std::optional<LocalDate>{};
  return std::optional<LocalDate>(CW_TRY(date_value(name, *v)));
}

Result<std::optional<bool>> Query::boolean(std::string_view name) const {
  const auto v = CW_TRY(text(name, 5));
  if (!v) return std::optional<bool>{};
  if (*v == "true") return std::optional<bool>(true);
  if (*v == "false") return std::optional<bool>(false);
  return fail(invalid(name, "expected true or false"));
}

Result<std::optional<std::string>> Query::site(std::string_view name) const {
  const auto v = CW_TRY(text(name, 16));
  if (!v) return std::optional<std::string>{};
  const std::string code = upper_ascii(*v);
  const bool ok = !code.empty() && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
  if (!ok) return fail(invalid(name, "expected a site code like CHI or CHI-ERO"));
  return std::optional<std::string>(code);
}

Result<app::PageRequest> Query::page() const {
  app::PageRequest p;
  if (const auto limit = CW_TRY(text("limit", 8))) {
    const bool digits = !limit->empty() && std::all_of(limit->begin(), limit->end(),
                                                       [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) return fail(invalid("limit", "expected a whole number"));
    p.limit = std::stoi(*limit);
  }
  if (const auto cursor = CW_TRY(text("cursor", 2048))) p.cursor = *cursor;
  if (p.cursor.empty() && req_->has_param("cursor")) {
    return fail(invalid("cursor", "empty (leave it out for the first page)"));
  }
  return p;
}

std::optional<Body> Body::parse(const httplib::Request& req, httplib::Response& res,
                                std::initializer_list<std::string_view> known) {
  if (!json_content_type(req)) {
    send_error(res, 415, "unsupported-media-type", "the body must be application/json");
    return std::nullopt;
  }
  if (req.body.size() > kMaxBody) {
    send_error(res, 413, "too-large",
               "the body is larger than " + std::to_string(kMaxBody) + " bytes");
    return std::nullopt;
  }
  if (!valid_utf8(req.body)) {
    send_error(res, 400, "malformed", "body: not valid UTF-8");
    return std::nullopt;
  }
  Body b;
  b.json_ = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (b.json_.is_discarded()) {
    send_error(res, 400, "malformed", "body: not valid JSON");
    return std::nullopt;
  }
  if (!b.json_.is_object()) {
    send_error(res, 400, "malformed", "body: expected a JSON object");
    return std::nullopt;
  }
  for (const auto& [name, _] : b.json_.items()) {
    if (!known_name(name, known)) {
      send_error(res, 422, "invalid", shown_name(name) + ": unknown field");
      return std::nullopt;
    }
  }
  return b;
}

Result<std::optional<std::string>> Body::text(std::string_view name, std::size_t max) const {
  const auto it = json_.find(std::string(name));
  if (it == json_.end()) return std::optional<std::string>{};
  if (!it->is_string()) return fail(invalid(name, "expected a string"));
  auto v = it->get<std::string>();
  if (v.size() > max) return fail(invalid(name, "too long"));
  return std::optional<std::string>(std::move(v));
}

Result<std::optional<LocalDate>> Body::date(std::string_view name) const {
  const auto v = CW_TRY(text(name, 64));
  if (!v) return std::optional<LocalDate>{};
  return std::optional<LocalDate>(CW_TRY(date_value(name, *v)));
}

Result<std::optional<bool>> Body::boolean(std::string_view name) const {
  const auto it = json_.find(std::string(name));
  if (it == json_.end()) return std::optional<bool>{};
  if (!it->is_boolean()) return fail(invalid(name, "expected true or false"));
  return std::optional<bool>(it->get<bool>());
}

Result<std::optional<std::int64_t>> Body::integer(std::string_view name) const {
  const auto it = json_.find(std::string(name));
  if (it == json_.end()) return std::optional<std::int64_t>{};
  if (!it->is_number_integer() ||
      (it->is_number_unsigned() &&
       it->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))) {
    return fail(invalid(name, "expected a whole number"));
  }
  return std::optional<std::int64_t>(it->get<std::int64_t>());
}

}  // namespace cw::web::api
