#include "web/session_view.h"

#include "web/desk.h"

namespace cw::web {

std::string join_list(const std::vector<std::string>& items) {
  if (items.empty()) return "—";
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += ", ";
    out += i;
  }
  return out;
}

void state_badge(Html& h, Lang lang, AssignmentState state) {
  const char* css = "none";
  switch (state) {
    case AssignmentState::confirmed:
      css = "ok";
      break;
    case AssignmentState::invited:
    case AssignmentState::proposed:
      css = "warn";
      break;
    case AssignmentState::declined:
    case AssignmentState::cancelled:
      css = "bad";
      break;
  }
  h.raw("<span class=\"badge ").text(css).raw("\">");
  h.text(tr(lang, "state." + std::string(to_string(state)))).raw("</span>");
}

void coverage_badge(Html& h, Lang lang, const app::SessionSummary& s) {
  if (s.session.status == SessionStatus::cancelled) {
    h.raw("<span class=\"badge none\">").text(tr(lang, "session.cancelled")).raw("</span>");
  } else if (s.covered()) {
    h.raw("<span class=\"badge ok\">").text(tr(lang, "session.covered")).raw("</span>");
  } else {
    h.raw("<span class=\"badge bad\">").text(std::to_string(s.empty_seats())).raw(" / ");
    h.text(std::to_string(s.session.need())).raw(" ").text(tr(lang, "session.seats_open"));
    h.raw("</span>");
  }
}

void session_summary_line(Html& h, Lang lang, const app::SessionSummary& s) {
  session_link(h, lang, s.session.id, s.session.key);
  h.raw(" <span class=\"muted\">").text(format_time(s.session.start)).raw("–");
  h.text(format_time(s.session.end)).raw("</span> ");
  if (s.session.detained) {
    h.raw("<span class=\"badge bad\">").text(tr(lang, "session.detained")).raw("</span> ");
  }
  coverage_badge(h, lang, s);
  if (s.reason) {
    h.raw("<br><span class=\"muted\">").text(phrase_text(lang, s.why, *s.reason)).raw("</span>");
  }
}

}  // namespace cw::web
