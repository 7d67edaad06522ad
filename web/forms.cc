#include "web/forms.h"

namespace cw::web {
namespace {

std::string id_of(const Field& f) { return f.id.empty() ? "f-" + std::string(f.name) : f.id; }

void label(Html& h, const Field& f, const std::string& id) {
  h.raw("<label for=\"").text(id).raw("\">").text(f.label).raw("</label>");
  if (!f.hint.empty())
    h.raw("<p class=\"hint\" id=\"").text(id).raw("-hint\">").text(f.hint).raw("</p>");
}

// aria-describedby / aria-invalid / required / name / id of a control.
void control_attrs(Html& h, const Field& f, const std::string& id) {
  h.raw(" id=\"").text(id).raw("\" name=\"").text(f.name).raw("\"");
  if (!f.hint.empty() || !f.error.empty()) {
    h.raw(" aria-describedby=\"");
    if (!f.hint.empty()) h.text(id).raw("-hint ");
    if (!f.error.empty()) h.text(id).raw("-error");
    h.raw("\"");
  }
  if (!f.error.empty()) h.raw(" aria-invalid=\"true\"");
  if (f.required) h.raw(" required");
  if (!f.autocomplete.empty()) h.raw(" autocomplete=\"").text(f.autocomplete).raw("\"");
}

void error_line(Html& h, const Field& f, const std::string& id) {
  if (f.error.empty()) return;
  h.raw("<p class=\"field-error\" id=\"").text(id).raw("-error\">").text(f.error).raw("</p>");
}

}  // namespace

void input_field(Html& h, const Field& f) {
  const std::string id = id_of(f);
  h.raw("<div class=\"field\">");
  label(h, f, id);
  h.raw("<input type=\"").text(f.type).raw("\"");
  control_attrs(h, f, id);
  if (f.type != "file" && f.type != "password") h.raw(" value=\"").text(f.value).raw("\"");
  h.raw(">");
  error_line(h, f, id);
  h.raw("</div>");
}

void textarea_field(Html& h, const Field& f) {
  const std::string id = id_of(f);
  h.raw("<div class=\"field\">");
  label(h, f, id);
  h.raw("<textarea");
  control_attrs(h, f, id);
  h.raw(">").text(f.value).raw("</textarea>");
  error_line(h, f, id);
  h.raw("</div>");
}

void select_field(Html& h, const Field& f, const Options& options) {
  const std::string id = id_of(f);
  h.raw("<div class=\"field\">");
  label(h, f, id);
  h.raw("<select");
  control_attrs(h, f, id);
  h.raw(">");
  for (const auto& [value, text] : options) {
    h.raw("<option value=\"").text(value).raw("\"");
    if (value == f.value) h.raw(" selected");
    h.raw(">").text(text).raw("</option>");
  }
  h.raw("</select>");
  error_line(h, f, id);
  h.raw("</div>");
}

void checkbox_field(Html& h, std::string_view name, std::string_view label, bool checked,
                    std::string_view value) {
  h.raw("<div class=\"field check\"><input type=\"checkbox\" id=\"f-").text(name);
  h.raw("\" name=\"").text(name).raw("\" value=\"").text(value).raw("\"");
  if (checked) h.raw(" checked");
  h.raw("><label for=\"f-").text(name).raw("\">").text(label).raw("</label></div>");
}

void hidden_field(Html& h, std::string_view name, std::string_view value) {
  h.raw("<input type=\"hidden\" name=\"").text(name).raw("\" value=\"").text(value).raw("\">");
}

void csrf_field(Html& h, std::string_view csrf) { hidden_field(h, "csrf", csrf); }

void error_summary(Html& h, std::string_view heading, std::string_view message) {
  h.raw("<div class=\"error-box\" role=\"alert\"><strong>").text(heading).raw("</strong> ");
  h.text(message).raw("</div>");
}

void flash(Html& h, std::string_view message) {
  h.raw("<div class=\"flash\" role=\"status\">").text(message).raw("</div>");
}

void post_button(Html& h, const PostButton& b) {
  h.raw("<form class=\"inline\" method=\"post\" action=\"").text(b.action).raw("\"");
  if (!b.confirm.empty()) h.raw(" data-confirm=\"").text(b.confirm).raw("\"");
  h.raw(">");
  csrf_field(h, b.csrf);
  for (const auto& [name, value] : b.hidden) hidden_field(h, name, value);
  h.raw("<button type=\"submit\"");
  if (!b.css.empty()) h.raw(" class=\"").text(b.css).raw("\"");
  if (!b.aria_label.empty()) h.raw(" aria-label=\"").text(b.aria_label).raw("\"");
  h.raw(">").text(b.label).raw("</button></form>");
}

}  // namespace cw::web
