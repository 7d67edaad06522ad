#include "app/refusal_text.h"

#include <array>

#include "scheduler/eligibility.h"

namespace cw::app {
namespace {

using scheduler::Eligibility;
using scheduler::Rule;

// A session as "{place} on {date} ({half})", and its Spanish wording.
#define CW_SESSION_EN "{place} on {date} ({half|am=morning|pm=afternoon})"
#define CW_SESSION_ES "{place} el {date} ({half|am=mañana|pm=tarde})"

constexpr PhrasePattern kPatterns[] = {
    {"refusal.forbidden",
     "a coordinator has ruled out {name} for " CW_SESSION_EN "; allow the pair first",
     "un coordinador descartó a {name} para " CW_SESSION_ES "; vuelva a permitirlo primero"},
    {"refusal.wrong-site", "{name} does not watch at {site} (sites: {sites|=none})",
     "{name} no observa en {site} (sedes: {sites|=ninguna})"},
    {"refusal.not-available.inactive", "{name} is not active",
     "{name} no está activo en este momento"},
    {"refusal.not-available.blackout", "{name} is away on {date} (a blackout date)",
     "{name} no está el {date} (fecha de ausencia)"},
    {"refusal.not-available.grid",
     "{name} is not available on {weekday|mon=Monday|tue=Tuesday|wed=Wednesday|thu=Thursday|"
     "fri=Friday|sat=Saturday|sun=Sunday} {half|am=mornings|pm=afternoons}",
     "{name} no está disponible {weekday|mon=los lunes|tue=los martes|wed=los miércoles|"
     "thu=los jueves|fri=los viernes|sat=los sábados|sun=los domingos} "
     "{half|am=por la mañana|pm=por la tarde}"},
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

std::string weekday_code(LocalDate d) {
  static constexpr std::array<const char*, 7> kCodes{"mon", "tue", "wed", "thu",
                                                     "fri", "sat", "sun"};
  return kCodes[static_cast<std::size_t>(weekday_index(d))];
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

std::span<const PhrasePattern> refusal_patterns() { return kPatterns; }

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
          .arg("weekday", weekday_code(s.key.date));
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

std::string describe(const Session& s) { return fill(CW_SESSION_EN, session_phrase({}, s)); }

std::string english(const Phrase& phrase) {
  for (const auto& p : kPatterns) {
    if (p.key == phrase.key) return fill(p.en, phrase);
  }
  return {};
}

}  // namespace cw::app

#undef CW_SESSION_EN
#undef CW_SESSION_ES
