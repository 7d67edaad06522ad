#include "web/volunteer_form.h"

#include <httplib.h>

#include <charconv>

#include "app/volunteers.h"
#include "core/text.h"
#include "web/forms.h"

namespace cw::web {
namespace {

namespace csv = app;  // the volunteers CSV text forms, via app/volunteers.h

constexpr const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr const char* kDayKeys[] = {"day.mon", "day.tue", "day.wed", "day.thu",
                                    "day.fri", "day.sat", "day.sun"};

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += "; ";
    out += i;
  }
  return out;
}

std::vector<std::string> list_of(std::string_view text, bool upper) {
  std::string s(text);
  for (char& c : s) {
    if (c == ',') c = ';';
  }
  std::vector<std::string> out;
  for (auto& item : split_trimmed(s, ';'))
    out.push_back(upper ? upper_ascii(item) : lower_ascii(item));
  return out;
}

std::string error_of(const FieldErrors& e, const char* name) {
  auto it = e.find(name);
  return it == e.end() ? std::string() : it->second;
}

std::string value(const httplib::Request& req, const char* name, std::size_t max) {
  std::string v(trim(req.get_param_value(name)));
  if (v.size() > max) v.resize(max);
  return v;
}

}  // namespace

Volunteer read_details(const httplib::Request& req, Volunteer v, Lang lang, FieldErrors& errors) {
  if (v.id == 0) {
    v.handle = value(req, "handle", 64);
    if (v.handle.empty() || v.handle.find_first_of(" /?#%") != std::string::npos) {
      errors["handle"] = tr(lang, "vol.err_handle");
    }
  }
  v.name = value(req, "name", 200);
  if (v.name.empty()) errors["name"] = tr(lang, "vol.err_name");
  v.email = value(req, "email", 254);
  if (!v.email.empty() && v.email.find('@') == std::string::npos)
    errors["email"] = tr(lang, "vol.err_email");
  v.phone = value(req, "phone", 40);
  if (auto role = parse_role(req.get_param_value("role"))) {
    v.role = *role;
  } else {
    errors["role"] = tr(lang, "vol.err_role");
  }
  v.sites = list_of(value(req, "sites", 500), true);
  v.languages = list_of(value(req, "languages", 500), false);
  const std::string max = value(req, "max_per_week", 4);
  int n = -1;
  if (std::from_chars(max.data(), max.data() + max.size(), n).ec != std::errc{} || n < 0 ||
      n > 14) {
    errors["max_per_week"] = tr(lang, "vol.err_max");
  } else {
    v.max_per_week = n;
  }
  v.active = req.get_param_value("active") == "1";
  v.locale = req.get_param_value("locale") == "es" ? "es" : "en";
  return v;
}

Volunteer read_availability(const httplib::Request& req, Volunteer v, Lang lang,
                            FieldErrors& errors) {
  v.availability.grid = {};
  const auto n = req.get_param_value_count("grid");
  for (std::size_t i = 0; i < n; ++i) {
    const std::string cell = req.get_param_value("grid", i);
    for (int d = 0; d < 7; ++d) {
      if (cell == std::string(kDays[d]) + "-am") v.availability.set_weekly(d, Half::am, true);
      if (cell == std::string(kDays[d]) + "-pm") v.availability.set_weekly(d, Half::pm, true);
    }
  }
  if (auto b = csv::parse_blackouts(value(req, "blackouts", 2000))) {
    v.availability.blackouts = *b;
  } else {
    errors["blackouts"] = std::string(tr(lang, "vol.err_blackouts")) + " (" + b.error() + ")";
  }
  if (auto x = csv::parse_extra_half_days(value(req, "extra", 2000))) {
    v.availability.extra = *x;
  } else {
    errors["extra"] = std::string(tr(lang, "vol.err_extra")) + " (" + x.error() + ")";
  }
  return v;
}

void details_fields(Html& h, Lang lang, const Volunteer& v, const FieldErrors& e, bool creating) {
  if (creating) {
    input_field(h, {.name = "handle",
                    .label = tr(lang, "vol.id"),
                    .value = v.handle,
                    .error = error_of(e, "handle"),
                    .hint = tr(lang, "detail.handle_hint"),
                    .required = true});
  }
  input_field(h, {.name = "name",
                  .label = tr(lang, "vol.name"),
                  .value = v.name,
                  .error = error_of(e, "name"),
                  .required = true,
                  .autocomplete = "off"});
  input_field(h, {.name = "email",
                  .label = tr(lang, "vol.email"),
                  .value = v.email,
                  .error = error_of(e, "email"),
                  .type = "email",
                  .autocomplete = "off"});
  input_field(h, {.name = "phone",
                  .label = tr(lang, "vol.phone"),
                  .value = v.phone,
                  .error = error_of(e, "phone"),
                  .type = "tel",
                  .autocomplete = "off"});
  select_field(h,
               {.name = "role",
                .label = tr(lang, "vol.role"),
                .value = std::string(to_string(v.role)),
                .error = error_of(e, "role")},
               {{"trainee", std::string(tr(lang, "role.trainee"))},
                {"watcher", std::string(tr(lang, "role.watcher"))},
                {"lead", std::string(tr(lang, "role.lead"))}});
  input_field(h, {.name = "sites",
                  .label = tr(lang, "vol.sites"),
                  .value = joined(v.sites),
                  .error = error_of(e, "sites"),
                  .hint = tr(lang, "vol.sites_hint")});
  input_field(h, {.name = "languages",
                  .label = tr(lang, "col.languages"),
                  .value = joined(v.languages),
                  .error = error_of(e, "languages"),
                  .hint = tr(lang, "vol.languages_hint")});
  input_field(h, {.name = "max_per_week",
                  .label = tr(lang, "vol.max_per_week"),
                  .value = std::to_string(v.max_per_week),
                  .error = error_of(e, "max_per_week"),
                  .type = "number"});
  select_field(h, {.name = "locale", .label = tr(lang, "vol.locale"), .value = v.locale},
               {{"en", "English"}, {"es", "Español"}});
  checkbox_field(h, "active", tr(lang, "vol.active"), v.active);
}

void availability_fields(Html& h, Lang lang, const Volunteer& v, const FieldErrors& e,
                         const httplib::Request* raw) {
  h.raw("<fieldset><legend>").text(tr(lang, "vol.grid")).raw("</legend>");
  h.raw("<table class=\"grid-editor\"><thead><tr><td></td><th scope=\"col\">");
  h.text(tr(lang, "half.am")).raw("</th><th scope=\"col\">").text(tr(lang, "half.pm"));
  h.raw("</th></tr></thead><tbody>");
  for (int d = 0; d < 7; ++d) {
    h.raw("<tr><th scope=\"row\">").text(tr(lang, kDayKeys[d])).raw("</th>");
    for (const Half half : {Half::am, Half::pm}) {
      const std::string cell = std::string(kDays[d]) + "-" + std::string(to_string(half));
      h.raw("<td><input type=\"checkbox\" name=\"grid\" id=\"g-").text(cell).raw("\" value=\"");
      h.text(cell).raw("\" aria-label=\"").text(tr(lang, kDayKeys[d])).raw(" ");
      h.text(tr(lang, half == Half::am ? "half.am" : "half.pm")).raw("\"");
      if (v.availability.weekly(d, half)) h.raw(" checked");
      h.raw("></td>");
    }
    h.raw("</tr>");
  }
  h.raw("</tbody></table></fieldset>");
  const std::string blackouts =
      raw ? raw->get_param_value("blackouts") : csv::format_blackouts(v.availability.blackouts);
  const std::string extra =
      raw ? raw->get_param_value("extra") : csv::format_extra_half_days(v.availability.extra);
  input_field(h, {.name = "blackouts",
                  .label = tr(lang, "vol.blackouts"),
                  .value = blackouts,
                  .error = error_of(e, "blackouts"),
                  .hint = tr(lang, "vol.blackouts_hint")});
  input_field(h, {.name = "extra",
                  .label = tr(lang, "vol.extra"),
                  .value = extra,
                  .error = error_of(e, "extra"),
                  .hint = tr(lang, "vol.extra_hint")});
}

}  // namespace cw::web
