#include "web/i18n.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <unordered_map>

#include "app/audit_text.h"
#include "app/import_text.h"
#include "app/message_text.h"
#include "app/refusal_text.h"
#include "app/unfilled_text.h"
#include "core/phrase.h"
#include "core/text.h"
#include "web/catalog_pages.h"

namespace cw::web {
namespace {

using Catalog = std::unordered_map<std::string_view, std::string_view>;

const Catalog& english() {
  static const Catalog c{
      {"app.title", "courtwatch"},
      {"hearings.title", "Upcoming hearings"},
      {"hearings.intro", "Scheduled hearings per site for the next 14 days."},
      {"hearings.none", "No hearings scheduled in the next 14 days."},
      {"hearings.count", "hearings"},
      {"col.date", "Date"},
      {"col.time", "Time"},
      {"col.location", "Location"},
      {"col.judge", "Judge"},
      {"col.type", "Type"},
      {"col.language", "Language"},
      {"col.detained", "Detained"},
      {"yes", "yes"},
      {"no", "no"},
      {"type.master", "master calendar"},
      {"type.individual", "individual"},
      {"type.bond", "bond"},
      {"type.check-in", "check-in"},
      {"type.other", "other"},
      {"times.local", "Times are local to each site."},
      {"login.title", "Sign in"},
      {"login.username", "User name"},
      {"login.password", "Password"},
      {"login.submit", "Sign in"},
      {"login.failed",
       "Wrong user name or password, or too many attempts. Check them and try again in a few "
       "minutes."},
      {"login.expired", "The sign-in form had expired. Please try again."},
      {"login.unavailable", "Signing in is not possible right now. Please try again shortly."},
      {"auth.forbidden", "Your account's role does not allow this page or action."},
      {"auth.bad_csrf",
       "This form had expired or did not come from courtwatch. Reload the page and try again."},
  };
  return c;
}

const Catalog& spanish() {
  static const Catalog c{
      {"app.title", "courtwatch"},
      {"hearings.title", "Próximas audiencias"},
      {"hearings.intro", "Audiencias programadas por sede para los próximos 14 días."},
      {"hearings.none", "No hay audiencias programadas en los próximos 14 días."},
      {"hearings.count", "audiencias"},
      {"col.date", "Fecha"},
      {"col.time", "Hora"},
      {"col.location", "Sala"},
      {"col.judge", "Juez"},
      {"col.type", "Tipo"},
      {"col.language", "Idioma"},
      {"col.detained", "Detenido"},
      {"yes", "sí"},
      {"no", "no"},
      {"type.master", "calendario general"},
      {"type.individual", "individual"},
      {"type.bond", "fianza"},
      {"type.check-in", "presentación ante ICE"},
      {"type.other", "otra"},
      {"times.local", "Las horas son locales de cada sede."},
      {"login.title", "Iniciar sesión"},
      {"login.username", "Nombre de usuario"},
      {"login.password", "Contraseña"},
      {"login.submit", "Entrar"},
      {"login.failed",
       "Usuario o contraseña incorrectos, o demasiados intentos. Revíselos e inténtelo de nuevo "
       "en unos minutos."},
      {"login.expired", "El formulario de inicio de sesión había caducado. Inténtelo de nuevo."},
      {"login.unavailable",
       "No es posible iniciar sesión en este momento. Inténtelo de nuevo en breve."},
      {"auth.forbidden", "El rol de su cuenta no permite esta página o acción."},
      {"auth.bad_csrf",
       "Este formulario había caducado o no provenía de courtwatch. Recargue la página e "
       "inténtelo de nuevo."},
  };
  return c;
}

// The base catalog of a language plus the coordinator pages' (catalog_pages.cc)
// and app/'s phrase patterns: refusals, unfilled reasons, messages and the
// audit log's words (filled by phrase_text()).
Catalog with_pages(Catalog c, Lang l) {
  for (const auto& e : page_catalog(l)) c.emplace(e.key, e.value);
  for (const auto table :
       {app::refusal_patterns(), app::unfilled_patterns(), app::message_patterns(),
        app::audit_patterns(), app::import_patterns()}) {
    for (const auto& p : table) c.emplace(p.key, l == Lang::es ? p.es : p.en);
  }
  return c;
}

const Catalog& merged(Lang l) {
  static const Catalog en = with_pages(english(), Lang::en);
  static const Catalog es = with_pages(spanish(), Lang::es);
  return l == Lang::es ? es : en;
}

}  // namespace

std::string_view lang_code(Lang l) { return l == Lang::es ? "es" : "en"; }

Lang negotiate(std::string_view header) {
  Lang best = Lang::en;
  double best_q = -1;
  for (auto part : split(header, ',')) {
    part = trim(part);
    double q = 1.0;
    if (const auto semi = part.find(';'); semi != std::string_view::npos) {
      auto param = trim(part.substr(semi + 1));
      part = trim(part.substr(0, semi));
      if (param.starts_with("q=")) {
        param.remove_prefix(2);
        q = 0;
        std::from_chars(param.data(), param.data() + param.size(), q);
      }
    }
    const auto tag = lower_ascii(part.substr(0, part.find('-')));
    std::optional<Lang> lang;
    if (tag == "es") lang = Lang::es;
    if (tag == "en") lang = Lang::en;
    if (lang && q > best_q) {
      best = *lang;
      best_q = q;
    }
  }
  return best;
}

bool has_entry(Lang l, std::string_view key) { return merged(l).contains(key); }

std::string phrase_text(Lang l, const Phrase& phrase, std::string_view english) {
  if (phrase.key.empty() || !has_entry(l, phrase.key)) return std::string(english);
  return fill(tr(l, phrase.key), phrase);
}

std::string_view tr(Lang l, std::string_view key) {
  const Catalog& c = merged(l);
  if (auto it = c.find(key); it != c.end()) return it->second;
  if (auto it = merged(Lang::en).find(key); it != merged(Lang::en).end()) return it->second;
  return key;
}

}  // namespace cw::web
