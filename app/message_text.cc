#include "app/message_text.h"

namespace cw::app {
namespace {

constexpr PhrasePattern kMessagePatterns[] = {
    {"message.unknown-site", "unknown site '{site}'", "la sede '{site}' no existe"},
    {"message.volunteer-exists", "a volunteer with id {handle} already exists",
     "ya existe un voluntario con el id {handle}"},
    {"message.no-closure", "no manual closure of {site} on {date}",
     "no hay ningún cierre manual de {site} el {date}"},
    // Something asked for by its number that is not there.
    {"message.no-session", "session {id} does not exist", "la sesión {id} no existe"},
    {"message.no-volunteer", "volunteer {id} does not exist", "el voluntario {id} no existe"},
    {"message.no-volunteer-id", "no volunteer with id {id}",
     "no hay ningún voluntario con el número {id}"},
    {"message.no-assignment", "assignment {id} does not exist", "la asignación {id} no existe"},
    {"message.assignment-cancelled", "assignment {id} was cancelled",
     "la asignación {id} fue cancelada"},
    {"message.assignment-cancelled.confirm",
     "assignment {id} was cancelled and cannot be confirmed",
     "la asignación {id} fue cancelada y ya no se puede confirmar"},
    // A list's position or size out of reach (sessions, hearings, volunteers, imports).
    {"message.cursor-foreign", "cursor: not a cursor returned by this list (ask again without it)",
     "esta posición de la lista no viene de esta lista; vuelva a la primera página"},
    {"message.cursor-malformed", "cursor: malformed",
     "esta posición de la lista está dañada; vuelva a la primera página"},
    {"message.limit", "limit: expected 1 to {max}, got {limit}",
     "límite: se esperaba un número de 1 a {max}, se recibió {limit}"},
    {"message.days", "days: expected 1 to {max}", "días: se esperaba un número de 1 a {max}"},
    {"message.uncovered-limit", "uncovered_limit: expected 0 to {max}",
     "sesiones sin cubrir: se esperaba un número de 0 a {max}"},
    // A date range that ends before it starts.
    {"message.range.list", "to: {to} is before from ({from})",
     "hasta: el {to} es anterior a desde (el {from})"},
    {"message.range.plan", "the plan's range ends ({to}) before it starts ({from})",
     "el periodo del plan termina ({to}) antes de empezar ({from})"},
    {"message.range", "the range ends ({to}) before it starts ({from})",
     "el periodo termina ({to}) antes de empezar ({from})"},
    // A volunteer's record as a coordinator enters it.
    {"message.volunteer-no-id", "the volunteer needs an id, e.g. v0042",
     "el voluntario necesita un id, p. ej. v0042"},
    {"message.volunteer-no-name", "the volunteer needs a name", "el voluntario necesita un nombre"},
    {"message.volunteer-negative-cap", "max per week cannot be negative",
     "el máximo por semana no puede ser negativo"},
};

Phrase with_id(std::string key, Id id) {
  return Phrase{std::move(key), {}}.arg("id", std::to_string(id));
}

Phrase range_phrase(std::string key, LocalDate from, LocalDate to) {
  return Phrase{std::move(key), {}}.arg("from", format_date(from)).arg("to", format_date(to));
}

}  // namespace

std::span<const PhrasePattern> message_patterns() { return kMessagePatterns; }

Error no_session(Id id) {
  return phrased_error(Errc::not_found, with_id("message.no-session", id));
}

Error no_volunteer(Id id, Lookup how) {
  return phrased_error(
      Errc::not_found,
      with_id(how == Lookup::by_number ? "message.no-volunteer-id" : "message.no-volunteer", id));
}

Error no_assignment(Id id) {
  return phrased_error(Errc::not_found, with_id("message.no-assignment", id));
}

Error assignment_was_cancelled(Id id, bool confirming) {
  return phrased_error(Errc::conflict, with_id(confirming ? "message.assignment-cancelled.confirm"
                                                          : "message.assignment-cancelled",
                                               id));
}

Error foreign_cursor() {
  return phrased_error(Errc::invalid_input, Phrase{"message.cursor-foreign", {}});
}

Error malformed_cursor() {
  return phrased_error(Errc::invalid_input, Phrase{"message.cursor-malformed", {}});
}

Error out_of_range(Bound what, int max, std::optional<int> got) {
  static constexpr const char* kKeys[] = {"message.limit", "message.days",
                                          "message.uncovered-limit"};
  Phrase p{kKeys[static_cast<int>(what)], {}};
  p.arg("max", std::to_string(max));
  if (got) p.arg("limit", std::to_string(*got));
  return phrased_error(Errc::invalid_input, std::move(p));
}

Error backwards_range(RangeOf what, LocalDate from, LocalDate to) {
  static constexpr const char* kKeys[] = {"message.range.list", "message.range.plan",
                                          "message.range"};
  return phrased_error(Errc::invalid_input, range_phrase(kKeys[static_cast<int>(what)], from, to));
}

Error volunteer_incomplete(Missing what) {
  static constexpr const char* kKeys[] = {"message.volunteer-no-id", "message.volunteer-no-name",
                                          "message.volunteer-negative-cap"};
  return phrased_error(Errc::invalid_input, Phrase{kKeys[static_cast<int>(what)], {}});
}

Error unknown_site(Errc code, std::string_view site) {
  return phrased_error(code, Phrase{"message.unknown-site", {}}.arg("site", std::string(site)));
}

Error volunteer_exists(std::string_view handle) {
  return phrased_error(Errc::conflict,
                       Phrase{"message.volunteer-exists", {}}.arg("handle", std::string(handle)));
}

Error no_manual_closure(std::string_view site, LocalDate date) {
  return phrased_error(Errc::not_found, Phrase{"message.no-closure", {}}
                                            .arg("site", std::string(site))
                                            .arg("date", format_date(date)));
}

}  // namespace cw::app
