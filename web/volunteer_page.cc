#include "web/volunteer_page.h"

#include "store/session_repos.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/volunteer_text.h"

namespace cw::web {
namespace {

// The shared shell without navigation or account (web/layout.h).
void shell_begin(Html& h, Lang lang, std::string_view title) {
  page_begin(h, Shell{lang, Nav::none, "", "", ""}, title);
}

void shell_end(Html& h, Lang lang) { page_end(h, Shell{lang, Nav::none, "", "", ""}); }

std::string_view state_badge(AssignmentState s) {
  switch (s) {
    case AssignmentState::confirmed:
      return "badge ok";
    case AssignmentState::proposed:
    case AssignmentState::invited:
      return "badge warn";
    case AssignmentState::declined:
    case AssignmentState::cancelled:
      return "badge none";
  }
  return "badge none";
}

// The hidden field every form carries.
void csrf_field(Html& h, const VolunteerView& v) {
  h.raw("<input type=\"hidden\" name=\"csrf\" value=\"").text(v.csrf).raw("\">");
}

void post_button(Html& h, const VolunteerView& v, const std::string& action, std::string_view label,
                 std::string_view css) {
  h.raw("<form method=\"post\" action=\"").text(v.base_path + action).raw("\">");
  csrf_field(h, v);
  h.raw("<button type=\"submit\" class=\"").text(css).raw("\">").text(label);
  h.raw("</button></form>");
}

std::string when(Lang lang, const Session& s) {
  return std::string(vtr(lang, "day." + std::to_string(weekday_index(s.key.date)))) + " " +
         format_date(s.key.date) + ", " + format_time(s.start) + "–" + format_time(s.end);
}

std::string where(const Session& s) {
  std::string out = s.key.location;
  if (!s.key.judge.empty()) out += (out.empty() ? "" : " · ") + s.key.judge;
  return out;
}

std::string types(Lang lang, const Session& s) {
  std::string out;
  for (const auto t : s.types) {
    out += (out.empty() ? "" : ", ") +
           std::string(tr(lang, std::string("type.") + std::string(to_string(t))));
  }
  return out;
}

// The facts of one session, shared by every list on the page.
void session_facts(Html& h, Lang lang, const store::PlacedSession& at) {
  const Session& s = at.session;
  h.raw("<h3>").text(at.site.name).raw("</h3>");
  h.raw("<p class=\"when\">").text(when(lang, s)).raw("</p>");
  h.raw("<p>").text(where(s)).raw("</p>");
  h.raw("<p class=\"muted\">").text(at.site.address).raw("</p>");
  h.raw("<p class=\"muted\">").text(std::to_string(s.hearings)).raw(" ");
  h.text(vtr(lang, s.hearings == 1 ? "session.hearing" : "session.hearings"));
  if (!s.types.empty()) h.raw(" (").text(types(lang, s)).raw(")");
  if (s.detained) h.raw(" · ").text(vtr(lang, "session.detained"));
  h.raw("</p>");
}

void flash_and_error(Html& h, Lang lang, const VolunteerView& v) {
  if (!v.flash_key.empty()) {
    h.raw("<p class=\"flash\" role=\"status\">").text(vtr(lang, v.flash_key)).raw("</p>");
  }
  if (v.error) {
    h.raw("<div class=\"error-box\" role=\"alert\" id=\"form-error\"><h2>");
    h.text(vtr(lang, "error.title")).raw("</h2><p>").text(vtr(lang, v.error->key));
    if (!v.error->detail_key.empty()) h.raw(" ").text(vtr(lang, v.error->detail_key));
    if (!v.error->detail.empty()) h.raw(" ").text(v.error->detail);
    h.raw("</p></div>");
  }
}

void upcoming(Html& h, Lang lang, const VolunteerView& v) {
  h.raw("<section id=\"upcoming\" aria-labelledby=\"upcoming-h\"><h2 id=\"upcoming-h\">");
  h.text(vtr(lang, "upcoming.title")).raw("</h2>");
  if (v.page.upcoming.empty()) h.raw("<p>").text(vtr(lang, "upcoming.none")).raw("</p>");
  h.raw("<ul class=\"cards\">");
  for (const auto& e : v.page.upcoming) {
    const std::string id = std::to_string(e.assignment);
    const std::string_view state = to_string(e.state);
    h.raw("<li class=\"card\" id=\"assignment-").text(id).raw("\">");
    session_facts(h, lang, e.at);
    h.raw("<p><span class=\"").text(state_badge(e.state)).raw("\">");
    h.text(vtr(lang, "state." + std::string(state))).raw("</span></p>");
    if (e.at.session.status == SessionStatus::active) {
      h.raw("<div class=\"actions\">");
      const std::string path = "/assignments/" + id;
      if (store::transition_allowed(e.state, AssignmentState::confirmed)) {
        post_button(h, v, path + "/confirm", vtr(lang, "btn.confirm"), "");
      }
      if (store::transition_allowed(e.state, AssignmentState::declined)) {
        post_button(h, v, path + "/decline", vtr(lang, "btn.decline"), "secondary");
      }
      h.raw("</div>");
    }
    h.raw("</li>");
  }
  h.raw("</ul></section>");
}

void open_sessions(Html& h, Lang lang, const VolunteerView& v) {
  h.raw("<section id=\"open\" aria-labelledby=\"open-h\"><h2 id=\"open-h\">");
  h.text(vtr(lang, "open.title")).raw("</h2>");
  if (v.page.claimable.empty()) h.raw("<p>").text(vtr(lang, "open.none")).raw("</p>");
  h.raw("<ul class=\"cards\">");
  for (const auto& o : v.page.claimable) {
    const std::string id = std::to_string(o.at.session.id);
    h.raw("<li class=\"card\" id=\"session-").text(id).raw("\">");
    session_facts(h, lang, o.at);
    h.raw("<p class=\"muted\">").text(std::to_string(o.assigned)).raw(" ");
    h.text(vtr(lang, "open.filled")).raw(" ").text(std::to_string(o.at.session.need()));
    h.raw("</p>");
    post_button(h, v, "/sessions/" + id + "/claim", vtr(lang, "btn.claim"), "");
    h.raw("</li>");
  }
  h.raw("</ul></section>");
}

void grid_day(Html& h, Lang lang, const Availability& a, int day) {
  h.raw("<fieldset class=\"day\"><legend>").text(vtr(lang, "day." + std::to_string(day)));
  h.raw("</legend>");
  for (const Half half : {Half::am, Half::pm}) {
    const std::string value = slot_value(day, half);
    h.raw("<label class=\"check\"><input type=\"checkbox\" name=\"slot\" value=\"")
        .text(value)
        .raw("\"");
    if (a.weekly(day, half)) h.raw(" checked");
    h.raw("> ").text(vtr(lang, half == Half::am ? "avail.am" : "avail.pm")).raw("</label>");
  }
  h.raw("</fieldset>");
}

void availability(Html& h, Lang lang, const VolunteerView& v) {
  const Availability& a = v.page.volunteer.availability;
  h.raw("<section id=\"availability\" aria-labelledby=\"avail-h\"><h2 id=\"avail-h\">");
  h.text(vtr(lang, "avail.title")).raw("</h2>");
  h.raw("<form method=\"post\" class=\"stack\" action=\"").text(v.base_path + "/availability");
  h.raw("\">");
  csrf_field(h, v);
  h.raw("<p>").text(vtr(lang, "avail.intro")).raw("</p><div class=\"week\">");
  for (int day = 0; day < 7; ++day) grid_day(h, lang, a, day);
  h.raw("</div><h3>").text(vtr(lang, "blackouts.title")).raw("</h3>");
  if (a.blackouts.empty()) h.raw("<p>").text(vtr(lang, "blackouts.none")).raw("</p>");
  h.raw("<ul class=\"plain\">");
  for (const auto& b : a.blackouts) {
    const std::string range = format_date(b.first) + ".." + format_date(b.last);
    const std::string shown = b.first == b.last
                                  ? format_date(b.first)
                                  : format_date(b.first) + " – " + format_date(b.last);
    h.raw("<li><label class=\"check\"><input type=\"checkbox\" name=\"remove_blackout\" value=\"");
    h.text(range);
    h.raw("\"> ").text(vtr(lang, "blackouts.remove")).raw(" ").text(shown).raw("</label></li>");
  }
  h.raw("</ul><p class=\"hint\" id=\"away-hint\">").text(vtr(lang, "date.hint")).raw("</p>");
  h.raw("<div class=\"inline\"><div class=\"field\"><label for=\"away-from\">");
  h.text(vtr(lang, "blackouts.from")).raw("</label>");
  h.raw("<input type=\"date\" id=\"away-from\" name=\"away_from\" ");
  h.raw("aria-describedby=\"away-hint\"></div>");
  h.raw("<div class=\"field\"><label for=\"away-to\">").text(vtr(lang, "blackouts.to"));
  h.raw("</label><input type=\"date\" id=\"away-to\" name=\"away_to\" ");
  h.raw("aria-describedby=\"away-hint\"></div></div>");
  h.raw("<div><button type=\"submit\">").text(vtr(lang, "btn.save_availability"));
  h.raw("</button></div></form></section>");
}

void calendar(Html& h, Lang lang, const VolunteerView& v) {
  h.raw("<section id=\"calendar\" aria-labelledby=\"cal-h\"><h2 id=\"cal-h\">");
  h.text(vtr(lang, "calendar.title")).raw("</h2>");
  if (v.webcal_url.empty()) {
    h.raw("<p>").text(vtr(lang, "calendar.none")).raw("</p></section>");
    return;
  }
  h.raw("<p>").text(vtr(lang, "calendar.intro")).raw("</p>");
  h.raw("<p><a class=\"button\" href=\"").text(v.webcal_url).raw("\">");
  h.text(vtr(lang, "calendar.link")).raw("</a></p></section>");
}

void ice_choice(Html& h, Lang lang, const std::string& id, store::IcePresent value,
                const std::optional<store::Report>& filed) {
  const std::string_view code = store::to_string(value);
  h.raw("<label class=\"check\"><input type=\"radio\" required name=\"ice_present\" value=\"");
  h.text(code);
  h.raw("\" id=\"ice-").text(id + "-" + std::string(code)).raw("\"");
  if (filed && filed->ice_present == value) h.raw(" checked");
  h.raw("> ").text(vtr(lang, "report." + std::string(code))).raw("</label>");
}

void report_form(Html& h, Lang lang, const VolunteerView& v, const app::EndedSession& e) {
  const std::string id = std::to_string(e.entry.at.session.id);
  h.raw("<li class=\"card\" id=\"report-").text(id).raw("\">");
  session_facts(h, lang, e.entry.at);
  if (e.report) h.raw("<p class=\"flash\">").text(vtr(lang, "report.filed")).raw("</p>");
  h.raw("<form method=\"post\" class=\"stack\" action=\"");
  h.text(v.base_path + "/sessions/" + id + "/report").raw("\">");
  csrf_field(h, v);
  h.raw("<fieldset class=\"field\"><legend>").text(vtr(lang, "report.ice")).raw("</legend>");
  for (const auto p : {store::IcePresent::yes, store::IcePresent::no, store::IcePresent::unsure}) {
    ice_choice(h, lang, id, p, e.report);
  }
  h.raw("</fieldset><div class=\"field\"><label for=\"detained-").text(id).raw("\">");
  h.text(vtr(lang, "report.detained")).raw("</label>");
  h.raw("<input type=\"number\" inputmode=\"numeric\" min=\"0\" max=\"999\" required ");
  h.raw("name=\"detained_count\" id=\"detained-").text(id).raw("\" value=\"");
  h.text(std::to_string(e.report ? e.report->detained_count : 0)).raw("\"></div>");
  h.raw("<div class=\"field\"><label for=\"notes-").text(id).raw("\">");
  h.text(vtr(lang, "report.notes")).raw("</label><p class=\"hint\" id=\"notes-hint-").text(id);
  h.raw("\">");
  h.text(vtr(lang, "report.notes_hint")).raw("</p>");
  h.raw("<textarea name=\"notes\" rows=\"4\" maxlength=\"2000\" id=\"notes-").text(id);
  h.raw("\" aria-describedby=\"notes-hint-").text(id).raw("\">");
  if (e.report) h.text(e.report->notes);
  h.raw("</textarea></div><div><button type=\"submit\">").text(vtr(lang, "btn.report"));
  h.raw("</button></div></form></li>");
}

void reports(Html& h, Lang lang, const VolunteerView& v) {
  h.raw("<section id=\"reports\" aria-labelledby=\"report-h\"><h2 id=\"report-h\">");
  h.text(vtr(lang, "report.title")).raw("</h2>");
  if (v.page.ended.empty()) h.raw("<p>").text(vtr(lang, "report.none")).raw("</p>");
  h.raw("<ul class=\"cards\">");
  for (const auto& e : v.page.ended) report_form(h, lang, v, e);
  h.raw("</ul></section>");
}

void erase_link(Html& h, Lang lang, const VolunteerView& v) {
  h.raw("<section id=\"erase\" aria-labelledby=\"erase-h\"><h2 id=\"erase-h\">");
  h.text(vtr(lang, "erase.title")).raw("</h2><p>").text(vtr(lang, "erase.intro")).raw("</p>");
  h.raw("<p><a href=\"").text(v.base_path + "/erase").raw("\">").text(vtr(lang, "erase.link"));
  h.raw("</a></p></section>");
}

}  // namespace

std::string slot_value(int day, Half half) {
  constexpr std::string_view kWeekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  return std::string(kWeekdays[day]) + "-" + std::string(to_string(half));
}

Lang volunteer_lang(const Volunteer& v) { return v.locale == "es" ? Lang::es : Lang::en; }

std::string describe_session(Lang lang, const store::PlacedSession& at) {
  const Session& s = at.session;
  std::string out = std::string(vtr(lang, "day." + std::to_string(weekday_index(s.key.date)))) +
                    " " + format_date(s.key.date) + ", " +
                    std::string(vtr(lang, s.key.half == Half::am ? "half.am" : "half.pm")) + ", ";
  const std::string place = where(s);
  if (!place.empty()) out += place + " · ";
  return out + at.site.name + ".";
}

std::string render_volunteer_page(const VolunteerView& v) {
  const Lang lang = volunteer_lang(v.page.volunteer);
  Html h;
  shell_begin(h, lang, vtr(lang, "page.title"));
  h.raw("<h1>").text(vtr(lang, "page.title")).raw("</h1><p>");
  h.text(vtr(lang, "page.hello")).raw(" ").text(v.page.volunteer.name).raw(". ");
  h.text(vtr(lang, "page.local_times")).raw("</p>");
  flash_and_error(h, lang, v);
  upcoming(h, lang, v);
  open_sessions(h, lang, v);
  reports(h, lang, v);
  availability(h, lang, v);
  calendar(h, lang, v);
  erase_link(h, lang, v);
  shell_end(h, lang);
  return h.take();
}

std::string render_erase_confirmation(const VolunteerView& v) {
  const Lang lang = volunteer_lang(v.page.volunteer);
  Html h;
  shell_begin(h, lang, vtr(lang, "erase.confirm_title"));
  h.raw("<h1>").text(vtr(lang, "erase.confirm_title")).raw("</h1>");
  flash_and_error(h, lang, v);
  h.raw("<p>").text(vtr(lang, "erase.intro")).raw("</p>");
  h.raw("<form method=\"post\" action=\"").text(v.base_path + "/erase").raw("\">");
  csrf_field(h, v);
  h.raw("<button type=\"submit\" class=\"danger\">").text(vtr(lang, "btn.erase"));
  h.raw("</button></form><p><a href=\"").text(v.base_path).raw("\">");
  h.text(vtr(lang, "erase.back")).raw("</a></p>");
  shell_end(h, lang);
  return h.take();
}

std::string render_volunteer_notice(Lang lang, std::string_view title_key,
                                    std::string_view body_key) {
  Html h;
  shell_begin(h, lang, vtr(lang, title_key));
  h.raw("<h1>").text(vtr(lang, title_key)).raw("</h1><p>").text(vtr(lang, body_key));
  h.raw("</p>");
  shell_end(h, lang);
  return h.take();
}

}  // namespace cw::web
