#include "app/unfilled_text.h"

#include "app/phrase_words.h"

namespace cw::app {
namespace {

// One part of a mixed tally ("2 booked elsewhere that half-day"): shown when
// its count is not 0, after ", " unless it is the first part shown.
#define CW_PART(name, text) "{" name "|0=|*={first|" name "= |*=, }{" name "} " text "}"

constexpr PhrasePattern kUnfilledPatterns[] = {
    {"unfilled.no-site", "no volunteer lists {site}",
     "ningún voluntario tiene {site} entre sus sedes"},
    {"unfilled.none-active", "no active volunteer for {site}",
     "ningún voluntario activo para {site}"},
    {"unfilled.none-available", "no active volunteer for {site} on " CW_WEEKDAY_EN " " CW_HALVES_EN,
     "ningún voluntario activo para {site} " CW_WEEKDAYS_ES " " CW_HALVES_ES},
    {"unfilled.blacked-out",
     "{count} {count|1=volunteer|*=volunteers} for {site} on " CW_WEEKDAY_EN " " CW_HALVES_EN
     ", {count|1=blacked out|*=all blacked out} on {date}",
     "{count} {count|1=voluntario|*=voluntarios} para {site} " CW_WEEKDAYS_ES " " CW_HALVES_ES
     ", {count|1=ausente|*=todos ausentes} el {date}"},
    {"unfilled.all-assigned", "no other eligible volunteer ({already} already assigned)",
     "ningún otro voluntario elegible ({already} ya {already|1=asignado|*=asignados})"},
    {"unfilled.declined", "{eligible} eligible, {declined} declined or forbidden by a coordinator",
     "{eligible} {eligible|1=elegible|*=elegibles}, {declined} "
     "{declined|1=rechazó la sesión o fue descartado|*=rechazaron la sesión o fueron descartados} "
     "por un coordinador"},
    // Every eligible volunteer kept out for the same cause (`first`).
    {"unfilled.eligible.all",
     "{eligible} eligible, {eligible|1=|*=all }{first|booked=booked elsewhere that half-day|"
     "capped=at their weekly cap|"
     "trainee={eligible|1=a trainee, who needs|*=trainees, who need} a watcher or lead beside them|"
     "loaded=free, but the load penalty of one more session outweighs the seat|"
     "unplaced=free and could take the seat: run the matcher or assign by hand}",
     "{eligible} {eligible|1=elegible|*=elegibles}, {eligible|1=|*=todos }"
     "{first|booked=con otra sesión esa media jornada|capped=en su límite semanal|"
     "trainee=en formación, sin observador ni líder a su lado|"
     "loaded={eligible|1=libre|*=libres}, pero la penalización por una sesión más supera el "
     "valor de la plaza|"
     "unplaced={eligible|1=libre y podría|*=libres y podrían} ocupar la plaza: ejecute el "
     "emparejador o asigne a mano}"},
    // Several causes, counted in a fixed order.
    {"unfilled.eligible.mixed",
     "{eligible} eligible:" CW_PART("booked", "booked elsewhere that half-day")
         CW_PART("capped", "at their weekly cap")
             CW_PART("trainee", "{trainee|1=trainee|*=trainees} without a watcher or lead")
                 CW_PART("loaded", "free, but the load penalty outweighs the seat")
                     CW_PART("unplaced", "free and could take the seat (run the matcher)"),
     "{eligible} {eligible|1=elegible|*=elegibles}:" CW_PART(
         "booked", "con otra sesión esa media jornada") CW_PART("capped", "en su límite semanal")
         CW_PART("trainee", "en formación sin observador ni líder")
             CW_PART("loaded",
                     "{loaded|1=libre|*=libres}, pero la penalización por carga supera la "
                     "plaza") CW_PART("unplaced",
                                      "{unplaced|1=libre que podría|*=libres que podrían} "
                                      "ocupar la plaza (ejecute el emparejador)")},
};

#undef CW_PART

}  // namespace

std::span<const PhrasePattern> unfilled_patterns() { return kUnfilledPatterns; }

}  // namespace cw::app
