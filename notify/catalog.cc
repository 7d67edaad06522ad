#include "notify/catalog.h"

#include <array>

namespace cw::notify {
namespace {

using Entry = std::pair<std::string_view, std::string_view>;

constexpr std::array kEnglish{
    Entry{"subject.invitation", "Court watch invitation: {site}, {when}"},
    Entry{"subject.confirm-request", "Please confirm tomorrow's court watch: {site}, {when}"},
    Entry{"subject.reminder", "Today: court watch at {site}, {when}"},
    Entry{"subject.change", "Changed: court watch at {site}, now {when}"},
    Entry{"subject.cancellation", "Cancelled: court watch at {site}, {when}"},
    Entry{"subject.digest", "Court watch daily digest for {date}"},
    Entry{"subject.alert", "ALERT: report from court watch at {site}, {when}"},
    Entry{"greeting", "Hello {name},"},
    Entry{"body.invitation",
          "You are invited to watch hearings at {where} on {when}.\n"
          "Please confirm or decline on your page; the attached invitation adds it to your "
          "calendar."},
    Entry{"body.confirm-request",
          "Your court watch is tomorrow: {where}, {when}.\n"
          "You have not confirmed yet. Please confirm or decline on your page."},
    Entry{"body.reminder",
          "Reminder: your court watch is today at {where}, {when}.\n"
          "Address: {address}"},
    Entry{"body.change", "Your court watch has changed.\nBefore: {old}\nNow: {new}"},
    Entry{"body.cancellation",
          "Your court watch at {where} on {when} is cancelled. You do not need to go."},
    Entry{"body.cancellation.unassigned",
          "You are no longer assigned to the court watch at {where} on {when}. You do not need "
          "to go."},
    Entry{"link", "Your page: {url}"},
    Entry{"link.label", "Open your page"},
    Entry{"unsubscribe",
          "To stop these messages, change your notification settings on your page or reply "
          "with \"unsubscribe\"."},
    Entry{"digest.intro", "Court watch digest for {date}."},
    Entry{"digest.uncovered", "Sessions in the next 72 hours that still need people:"},
    Entry{"digest.uncovered.none", "Every session in the next 72 hours is covered."},
    Entry{"digest.declines", "Declined since yesterday:"},
    Entry{"digest.imports", "Failed imports since yesterday:"},
    Entry{"digest.messages", "Messages that could not be delivered:"},
    Entry{"digest.none", "none"},
    Entry{"digest.no_reason", "no volunteer assigned yet"},
    Entry{"alert.body",
          "A volunteer filed a report for the court watch at {where} on {when}.\n"
          "ICE present: {ice}. People detained: {detained}.\n"
          "Read the report in the coordinator pages: {url}"},
    Entry{"yes", "yes"},
    Entry{"no", "no"},
};

constexpr std::array kSpanish{
    Entry{"subject.invitation", "Invitación a observar audiencias: {site}, {when}"},
    Entry{"subject.confirm-request", "Confirme la observación de mañana: {site}, {when}"},
    Entry{"subject.reminder", "Hoy: observación de audiencias en {site}, {when}"},
    Entry{"subject.change", "Cambio: observación en {site}, ahora {when}"},
    Entry{"subject.cancellation", "Cancelada: observación en {site}, {when}"},
    Entry{"subject.digest", "Resumen diario de observación para {date}"},
    Entry{"subject.alert", "ALERTA: informe de la observación en {site}, {when}"},
    Entry{"greeting", "Hola, {name}:"},
    Entry{"body.invitation",
          "Le invitamos a observar audiencias en {where} el {when}.\n"
          "Confirme o rechace en su página; la invitación adjunta lo agrega a su calendario."},
    Entry{"body.confirm-request",
          "Su observación es mañana: {where}, {when}.\n"
          "Todavía no ha confirmado. Confirme o rechace en su página."},
    Entry{"body.reminder",
          "Recordatorio: su observación es hoy en {where}, {when}.\n"
          "Dirección: {address}"},
    Entry{"body.change", "Su observación ha cambiado.\nAntes: {old}\nAhora: {new}"},
    Entry{"body.cancellation",
          "Su observación en {where} el {when} está cancelada. No necesita ir."},
    Entry{"body.cancellation.unassigned",
          "Ya no está asignado/a a la observación en {where} el {when}. No necesita ir."},
    Entry{"link", "Su página: {url}"},
    Entry{"link.label", "Abrir su página"},
    Entry{"unsubscribe",
          "Para dejar de recibir estos mensajes, cambie sus preferencias en su página o "
          "responda con \"unsubscribe\"."},
    Entry{"digest.intro", "Resumen de observación para {date}."},
    Entry{"digest.uncovered", "Sesiones de las próximas 72 horas que todavía necesitan personas:"},
    Entry{"digest.uncovered.none", "Todas las sesiones de las próximas 72 horas están cubiertas."},
    Entry{"digest.declines", "Rechazos desde ayer:"},
    Entry{"digest.imports", "Importaciones fallidas desde ayer:"},
    Entry{"digest.messages", "Mensajes que no se pudieron entregar:"},
    Entry{"digest.none", "ninguno"},
    Entry{"digest.no_reason", "aún no hay ningún voluntario asignado"},
    Entry{"alert.body",
          "Una persona voluntaria presentó un informe de la observación en {where} el {when}.\n"
          "ICE presente: {ice}. Personas detenidas: {detained}.\n"
          "Lea el informe en las páginas de coordinación: {url}"},
    Entry{"yes", "sí"},
    Entry{"no", "no"},
};

template <std::size_t N>
const std::string_view* find(const std::array<Entry, N>& cat, std::string_view key) {
  for (const auto& e : cat) {
    if (e.first == key) return &e.second;
  }
  return nullptr;
}

constexpr std::array<std::string_view, 7> kWeekdaysEn{"Mon", "Tue", "Wed", "Thu",
                                                      "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> kWeekdaysEs{"lun", "mar", "mié", "jue",
                                                      "vie", "sáb", "dom"};
constexpr std::array<std::string_view, 12> kMonthsEn{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 12> kMonthsEs{"ene", "feb", "mar", "abr", "may", "jun",
                                                     "jul", "ago", "sep", "oct", "nov", "dic"};

}  // namespace

Locale locale_of(std::string_view code) { return code.starts_with("es") ? Locale::es : Locale::en; }

std::string_view text(Locale l, std::string_view key) {
  if (l == Locale::es) {
    if (const auto* s = find(kSpanish, key)) return *s;
  }
  if (const auto* s = find(kEnglish, key)) return *s;
  return key;
}

std::string fill(std::string_view tmpl, const std::map<std::string, std::string>& values) {
  std::string out;
  out.reserve(tmpl.size() + 64);
  std::size_t i = 0;
  while (i < tmpl.size()) {
    const auto open = tmpl.find('{', i);
    if (open == std::string_view::npos) break;
    const auto close = tmpl.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(tmpl.substr(i, open - i));
    const auto it = values.find(std::string(tmpl.substr(open + 1, close - open - 1)));
    if (it != values.end()) {
      out += it->second;
    } else {
      out.append(tmpl.substr(open, close - open + 1));
    }
    i = close + 1;
  }
  out.append(tmpl.substr(i));
  return out;
}

std::string format_when(Locale l, const Snapshot& s) {
  const auto day = parse_iso_date(s.date);
  if (!day) return s.date + ", " + s.start + "–" + s.end;
  const date::year_month_day ymd{*day};
  const auto wd = static_cast<std::size_t>(weekday_index(*day));
  const auto m = static_cast<std::size_t>(static_cast<unsigned>(ymd.month()) - 1);
  const auto& wds = l == Locale::es ? kWeekdaysEs : kWeekdaysEn;
  const auto& ms = l == Locale::es ? kMonthsEs : kMonthsEn;
  return std::string(wds[wd]) + " " + std::to_string(static_cast<unsigned>(ymd.day())) + " " +
         std::string(ms[m]) + " " + std::to_string(static_cast<int>(ymd.year())) + ", " + s.start +
         "–" + s.end;
}

std::string format_where(const Snapshot& s) {
  return s.location.empty() ? s.site_name : s.site_name + ", " + s.location;
}

std::string subject_for(Kind k, Locale l, const Snapshot& s) {
  const std::string key = "subject." + std::string(to_string(k));
  return fill(text(l, key), {{"site", s.site_name}, {"when", format_when(l, s)}});
}

}  // namespace cw::notify
