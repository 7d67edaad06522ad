#include "app/refusal_text.h"

#include "app/audit_text.h"
#include "app/import_text.h"
#include "app/message_text.h"
#include "app/phrase_words.h"
#include "app/unfilled_text.h"
#include "scheduler/eligibility.h"

namespace cw::app {
namespace {

using scheduler::Eligibility;
using scheduler::Rule;

// A session as "{place} on {date} ({half})", and its Spanish wording.
#define CW_SESSION_EN "{place} on {date} ({half|am=morning|pm=afternoon})"
#define CW_SESSION_ES "{place} el {date} ({half|am=mañana|pm=tarde})"

constexpr PhrasePattern kRefusalPatterns[] = {
    {"refusal.forbidden",
     "a coordinator has ruled out {name} for " CW_SESSION_EN "; allow the pair first",
     "un coordinador descartó a {name} para " CW_SESSION_ES "; vuelva a permitirlo primero"},
    {"refusal.wrong-site", "{name} does not watch at {site} (sites: {sites|=none})",
     "{name} no observa en {site} (sedes: {sites|=ninguna})"},
    {"refusal.not-available.inactive", "{name} is not active",
     "{name} no está activo en este momento"},
    {"refusal.not-available.blackout", "{name} is away on {date} (a blackout date)",
     "{name} no está el {date} (fecha de ausencia)"},
    {"refusal.not-available.grid", "{name} is not available on " CW_WEEKDAY_EN " " CW_HALVES_EN,
     "{name} no está disponible " CW_WEEKDAYS_ES " " CW_HALVES_ES},
    {"refusal.double-booked.same", "{name} is already assigned to " CW_SESSION_EN,
     "{name} ya tiene un puesto en " CW_SESSION_ES},
    {"refusal.double-booked", "{name} is already at {clash} that {half|am=morning|pm=afternoon}",
     "{name} ya está en {clash} esa {half|am=mañana|pm=tarde}"},
    {"refusal.weekly-cap",
     "{name} has reached the weekly cap of {cap} {cap|1=session|*=sessions} (week of {week})",
     "{name} ya llegó al límite semanal de {cap} {cap|1=sesión|*=sesiones} (semana del "
     "{week})"},
    {"refusal.session-full",
     CW_SESSION_EN " already has its {seats} {seats|1=volunteer|*=volunteers}",
     CW_SESSION_ES " ya tiene {seats|1=el voluntario|*=los voluntarios} que necesita "
                   "({seats})"},
    {"refusal.trainee-alone",
     "{name} is a trainee and " CW_SESSION_EN " has no watcher or lead yet; assign one first",
     "{name} está en formación y " CW_SESSION_ES
     " aún no tiene observador ni líder; asigne uno primero"},
    // Not a broken hard constraint: the target is missing or in another state.
    {"refusal.no-handle", "enter the volunteer's id, e.g. v0001",
     "escriba el id del voluntario, p. ej. v0001"},
    {"refusal.no-volunteer", "no volunteer '{handle}'",
     "no hay ningún voluntario con el id '{handle}'"},
    {"refusal.cancelled", CW_SESSION_EN " is cancelled", CW_SESSION_ES " está cancelada"},
    {"refusal.past", CW_SESSION_EN " has already taken place", CW_SESSION_ES " ya tuvo lugar"},
    {"refusal.not-live", "assignment {id} is already {state|cancelled=cancelled|declined=declined}",
     "la asignación {id} ya está {state|cancelled=cancelada|declined=rechazada}"},
    {"refusal.not-live.pin",
     "assignment {id} is {state|cancelled=cancelled|declined=declined}; assign the volunteer again",
     "la asignación {id} está {state|cancelled=cancelada|declined=rechazada}; vuelva a asignar al "
     "voluntario"},
    {"refusal.not-ruled-out", "volunteer {volunteer} is not ruled out for session {session}",
     "el voluntario {volunteer} no está descartado para la sesión {session}"},
};

std::string place(const SessionKey& k) {
  return k.location.empty() ? k.site : k.site + " " + k.location;
}

std::string display_name(const Volunteer& v) { return v.name.empty() ? v.handle : v.name; }

std::string joined(const std::vector<std::string>& xs) {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : ", ") + x;
  return out;
}

// The session's place, date and half, as CW_SESSION_* word them.
Phrase session_phrase(std::string key, const Session& s) {
  Phrase p{std::move(key), {}};
  p.arg("place", place(s.key))
      .arg("date", format_date(s.key.date))
      .arg("half", s.key.half == Half::am ? "am" : "pm");
  return p;
}

std::string not_available_key(Eligibility why) {
  switch (why) {
    case Eligibility::inactive:
      return "refusal.not-available.inactive";
    case Eligibility::blacked_out:
      return "refusal.not-available.blackout";
    default:
      return "refusal.not-available.grid";
  }
}

}  // namespace

std::span<const PhrasePattern> refusal_patterns() { return kRefusalPatterns; }

Phrase refusal_phrase(const scheduler::Verdict& verdict, const Volunteer& v, const Session& s) {
  const std::string code(scheduler::rule_code(verdict.rule));
  const std::string name = display_name(v);
  switch (verdict.rule) {
    case Rule::none:
      return {};
    case Rule::forbidden:
    case Rule::trainee_alone:
      return session_phrase("refusal." + code, s).arg("name", name);
    case Rule::wrong_site:
      return Phrase{"refusal." + code, {}}
          .arg("name", name)
          .arg("site", s.key.site)
          .arg("sites", joined(v.sites));
    case Rule::not_available:
      return session_phrase(not_available_key(verdict.eligibility), s)
          .arg("name", name)
          .arg("weekday", std::string(scheduler::weekday_code(s.key.date)));
    case Rule::double_booked:
      if (verdict.clash->id == s.id) {
        return session_phrase("refusal.double-booked.same", s).arg("name", name);
      }
      return session_phrase("refusal." + code, s)
          .arg("name", name)
          .arg("clash", place(verdict.clash->key));
    case Rule::weekly_cap:
      return Phrase{"refusal." + code, {}}
          .arg("name", name)
          .arg("cap", std::to_string(v.max_per_week))
          .arg("week", format_date(iso_week_start(s.key.date)));
    case Rule::session_full:
      return session_phrase("refusal." + code, s).arg("seats", std::to_string(s.need()));
  }
  return {};
}

Error phrased_error(Errc code, Phrase phrase) {
  std::string message = english(phrase);
  return Error{code, std::move(message), {}, std::move(phrase)};
}

Error missing_handle() {
  return phrased_error(Errc::invalid_input, Phrase{"refusal.no-handle", {}});
}

Error unknown_volunteer(std::string_view handle) {
  return phrased_error(Errc::not_found,
                       Phrase{"refusal.no-volunteer", {}}.arg("handle", std::string(handle)));
}

Error session_cancelled(const Session& s) {
  return phrased_error(Errc::conflict, session_phrase("refusal.cancelled", s));
}

Error session_past(const Session& s) {
  return phrased_error(Errc::conflict, session_phrase("refusal.past", s));
}

Error assignment_not_live(Id assignment, AssignmentState state, Action action) {
  return phrased_error(
      Errc::conflict,
      Phrase{action == Action::pin ? "refusal.not-live.pin" : "refusal.not-live", {}}
          .arg("id", std::to_string(assignment))
          .arg("state", std::string(to_string(state))));
}

Error not_ruled_out(Id volunteer, Id session) {
  return phrased_error(Errc::not_found, Phrase{"refusal.not-ruled-out", {}}
                                            .arg("volunteer", std::to_string(volunteer))
                                            .arg("session", std::to_string(session)));
}

Phrase session_values(const Session& s) { return session_phrase({}, s); }

std::string describe(const Session& s) { return fill(CW_SESSION_EN, session_phrase({}, s)); }

std::string english(const Phrase& phrase) { return worded("en", phrase); }

std::string worded(std::string_view locale, const Phrase& phrase) {
  for (const auto table : {refusal_patterns(), unfilled_patterns(), message_patterns(),
                           audit_patterns(), import_patterns()}) {
    for (const auto& p : table) {
      if (p.key == phrase.key) return fill(locale == "es" ? p.es : p.en, phrase);
    }
  }
  return {};
}

}  // namespace cw::app

#undef CW_SESSION_EN
#undef CW_SESSION_ES
