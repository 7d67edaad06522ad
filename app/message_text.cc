#include "app/message_text.h"

namespace cw::app {
namespace {

constexpr PhrasePattern kPatterns[] = {
    {"message.unknown-site", "unknown site '{site}'", "la sede '{site}' no existe"},
    {"message.volunteer-exists", "a volunteer with id {handle} already exists",
     "ya existe un voluntario con el id {handle}"},
    {"message.no-closure", "no manual closure of {site} on {date}",
     "no hay ningún cierre manual de {site} el {date}"},
};

}  // namespace

std::span<const PhrasePattern> message_patterns() { return kPatterns; }

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
