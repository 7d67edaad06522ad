// Form controls with their labels, hints and error messages.
//
// Every control gets a <label for>, an id derived from its name ("f-NAME"
// unless Field::id is set), aria-describedby pointing at its hint and error,
// and aria-invalid when it has an error, so that screen readers announce the
// problem with the field. Values are escaped (Html::text). A form that failed
// re-renders with the submitted values and the messages; error_summary()
// at the top of the form says what to fix (role=alert).
//
// post_button() is the one-button POST form used for actions on a row
// (unassign, lift, rotate): it carries the csrf field and, optionally,
// hidden fields and a confirmation question (data-confirm, /static/app.js).
// Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/html.h"

namespace cw::web {

struct Field {
  std::string_view name;
  std::string_view label;
  std::string value = {};
  std::string error = {};          // shown under the control; empty: no error
  std::string_view type = "text";  // text, search, date, email, tel, number, password, file
  std::string_view hint = {};
  bool required = false;
  std::string_view autocomplete = {};
  std::string id = {};  // defaults to "f-" + name
};

using Options = std::vector<std::pair<std::string, std::string>>;  // value, label

void input_field(Html& h, const Field& f);
void textarea_field(Html& h, const Field& f);
void select_field(Html& h, const Field& f, const Options& options);
void checkbox_field(Html& h, std::string_view name, std::string_view label, bool checked,
                    std::string_view value = "1");
void hidden_field(Html& h, std::string_view name, std::string_view value);
void csrf_field(Html& h, std::string_view csrf);

// <div class="error-box" role="alert"> with a heading and the message.
void error_summary(Html& h, std::string_view heading, std::string_view message);
// <div class="flash" role="status"> after a successful change (PRG landing).
void flash(Html& h, std::string_view message);

struct PostButton {
  std::string action;  // URL of the POST
  std::string_view label;
  std::string_view csrf;
  std::vector<std::pair<std::string, std::string>> hidden = {};
  std::string_view confirm = {};     // question asked before submitting; empty: none
  std::string_view css = {};         // button class: "", "secondary", "danger"
  std::string_view aria_label = {};  // when the visible label is ambiguous in a list
};
void post_button(Html& h, const PostButton& b);

}  // namespace cw::web
