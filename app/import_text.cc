#include "app/import_text.h"

namespace cw::app {
namespace {

// One reason: its name, the field it is about unless the message names one,
// and what the row needed. Literal file values (yes, HH:MM, DTSTART) stay as
// the file must hold them.
struct Reason {
  std::string_view code, field, name_en, name_es, expected_en, expected_es;
};

constexpr Reason kReasons[] = {
    // CSV files (hearings and volunteers) and their shared checks.
    {"missing-field", "", "required value missing", "falta un valor obligatorio",
     "a value: the field is required", "un valor: el campo es obligatorio"},
    {"invalid-utf8", "", "not UTF-8 text", "texto que no es UTF-8", "UTF-8 text without NUL bytes",
     "texto UTF-8 sin bytes NUL"},
    {"bad-field-count", "", "wrong number of fields", "número de campos incorrecto",
     "as many fields as the header has", "tantos campos como la cabecera"},
    {"record-too-long", "", "row too long", "fila demasiado larga", "a row of at most 64 KiB",
     "una fila de 64 KiB como máximo"},
    {"unterminated-quote", "", "quote never closed", "comillas sin cerrar",
     "every quoted field closed by a quote", "que cada campo entre comillas se cierre"},
    {"bad-date", "date", "invalid date", "fecha no válida", "YYYY-MM-DD or M/D/YYYY",
     "YYYY-MM-DD o M/D/YYYY"},
    {"bad-time", "time", "invalid time", "hora no válida", "HH:MM, H:MM AM/PM or HHMM",
     "HH:MM, H:MM AM/PM o HHMM"},
    {"bad-end-time", "end_time", "invalid end time", "hora de fin no válida",
     "HH:MM, H:MM AM/PM or HHMM, after the start", "HH:MM, H:MM AM/PM o HHMM, después del inicio"},
    {"unknown-site", "site", "unknown site", "sede desconocida", "site codes from the sites table",
     "códigos de sede de la tabla de sedes"},
    {"bad-type", "type", "invalid hearing type", "tipo de audiencia no válido",
     "master, individual, bond, check-in or other", "master, individual, bond, check-in u other"},
    {"bad-detained", "detained", "invalid detained flag", "valor de detenido no válido",
     "yes, no, true, false, 1 or 0", "yes, no, true, false, 1 o 0"},
    {"bad-status", "status", "invalid status", "estado no válido", "scheduled, cancelled or empty",
     "scheduled, cancelled o vacío"},
    {"duplicate-key", "", "same hearing twice", "audiencia repetida",
     "each hearing once in the file (the first was kept)",
     "cada audiencia una sola vez en el archivo (se conservó la primera)"},
    // Volunteers CSV.
    {"bad-id", "id", "invalid id", "id no válido", "a handle of at most 64 bytes without spaces",
     "un identificador de 64 bytes como máximo, sin espacios"},
    {"bad-email", "email", "invalid e-mail", "correo no válido",
     "an address with one @ and no spaces", "una dirección con una sola @ y sin espacios"},
    {"bad-role", "role", "invalid role", "función no válida", "trainee, watcher or lead",
     "trainee, watcher o lead"},
    {"bad-max-per-week", "max_per_week", "invalid weekly cap", "límite semanal no válido",
     "a whole number 0..999 (empty means 2)", "un número entero de 0 a 999 (vacío equivale a 2)"},
    {"bad-availability", "availability", "invalid availability", "disponibilidad no válida",
     "half-days like mon-am, tue-pm or a bare weekday, separated by spaces",
     "medias jornadas como mon-am, tue-pm o un día solo (mon..sun), separadas por espacios"},
    {"bad-blackout", "blackouts", "invalid blackout dates", "fechas de ausencia no válidas",
     "dates YYYY-MM-DD or ranges YYYY-MM-DD..YYYY-MM-DD, separated by ;",
     "fechas YYYY-MM-DD o rangos YYYY-MM-DD..YYYY-MM-DD, separados por ;"},
    {"bad-extra", "extra", "invalid extra half-days", "medias jornadas adicionales no válidas",
     "half-days YYYY-MM-DD:am or YYYY-MM-DD:pm, separated by ;",
     "medias jornadas YYYY-MM-DD:am o YYYY-MM-DD:pm, separadas por ;"},
    {"bad-active", "active", "invalid active flag", "valor de activo no válido",
     "yes or no (empty means yes)", "yes o no (vacío equivale a yes)"},
    {"bad-locale", "locale", "invalid language", "idioma no válido", "en or es (empty means en)",
     "en o es (vacío equivale a en)"},
    {"duplicate-id", "id", "same volunteer twice", "voluntario repetido",
     "each id once in the file (the first was kept)",
     "cada id una sola vez en el archivo (se conservó la primera fila)"},
    // EOIR release.
    {"line-too-long", "", "line too long", "línea demasiado larga",
     "a line that fits the read buffer", "una línea que quepa en el búfer de lectura"},
    {"missing-id", "IDNSCHEDULE", "hearing without an id", "audiencia sin identificador",
     "a value: the field is required", "un valor: el campo es obligatorio"},
    // ICS calendars.
    {"missing-uid", "UID", "event without a UID", "evento sin UID", "a UID on every event",
     "un UID en cada evento"},
    {"bad-uid", "UID", "UID too long", "UID demasiado largo", "a UID of at most 255 bytes",
     "un UID de 255 bytes como máximo"},
    {"bad-dtstart", "DTSTART", "invalid start", "inicio no válido", "a valid date and time",
     "una fecha y hora válidas"},
    {"all-day", "DTSTART", "all-day event", "evento de todo el día",
     "a start time, not only a date", "una hora de inicio, no solo una fecha"},
    {"unknown-tzid", "TZID", "unknown time zone", "zona horaria desconocida",
     "an IANA zone name or a VTIMEZONE in the calendar",
     "un nombre de zona IANA o un VTIMEZONE en el calendario"},
    {"bad-rrule", "RRULE", "invalid repetition rule", "regla de repetición no válida",
     "an RRULE with FREQ", "una RRULE con FREQ"},
    {"bad-rdate", "RDATE", "invalid extra date", "fecha adicional no válida",
     "dates with a time, periods that end after they start",
     "fechas con hora y periodos que terminen después de empezar"},
    {"bad-exdate", "EXDATE", "invalid excluded date", "fecha excluida no válida", "valid dates",
     "fechas válidas"},
    {"bad-recurrence-id", "RECURRENCE-ID", "invalid recurrence id",
     "identificador de repetición no válido", "a valid date and time", "una fecha y hora válidas"},
    {"too-many-occurrences", "RRULE", "too many repetitions", "demasiadas repeticiones",
     "fewer occurrences within the horizon", "menos repeticiones dentro del horizonte"},
    // EOIR operational-status page.
    {"unknown-court", "", "unknown court", "tribunal desconocido",
     "a court name the sites table knows", "un nombre de tribunal que la tabla de sedes conoce"},
    {"unknown-status", "", "unknown court status", "estado del tribunal desconocido",
     "open, closed or detained-only", "abierto, cerrado o solo para detenidos"},
};

// Why a run failed as a whole (core/import_run.h RunFailure), keyed
// "run.fail.<kind>"; parameters: host, status, file, limit.
constexpr PhrasePattern kFailures[] = {
    {"run.fail.unreachable", "the server {host} could not be reached",
     "no se pudo conectar con el servidor {host}"},
    {"run.fail.timed-out", "the server {host} did not answer in time",
     "el servidor {host} no respondió a tiempo"},
    {"run.fail.fetch-failed", "the download from {host} failed", "falló la descarga desde {host}"},
    {"run.fail.too-large", "{file|=the answer of {host}|*={file}} is larger than {limit}",
     "{file|=la respuesta de {host}|*={file}} supera el límite de {limit}"},
    {"run.fail.http-status", "the server {host} answered with HTTP status {status}",
     "el servidor {host} respondió con el código HTTP {status}"},
    {"run.fail.not-http", "the address is not an http:// or https:// URL",
     "la dirección no es una URL http:// ni https://"},
    {"run.fail.file-missing", "the file {file} does not exist", "el archivo {file} no existe"},
    {"run.fail.file-unreadable", "the file {file} could not be read",
     "no se pudo leer el archivo {file}"},
    {"run.fail.not-a-calendar", "{file} is not an iCalendar file",
     "{file} no es un archivo iCalendar"},
    {"run.fail.release-incomplete", "the EOIR release lacks {file}",
     "a la publicación de la EOIR le falta {file}"},
    {"run.fail.bad-header", "the header row of {file} lacks one of the required columns",
     "a la fila de cabecera de {file} le falta una columna obligatoria"},
    {"run.fail.no-date", "the status page does not give a date",
     "la página de estado no indica ninguna fecha"},
    {"run.fail.io", "the source could not be read", "no se pudo leer la fuente"},
    {"run.fail.bad-input", "the source is not in the expected format",
     "la fuente no tiene el formato esperado"},
    {"run.fail.not-found", "the site or source it names does not exist",
     "la sede o la fuente que indica no existe"},
    {"run.fail.database", "the database refused the changes, so nothing was saved",
     "la base de datos rechazó los cambios, así que no se guardó nada"},
    {"run.fail.internal", "an internal error stopped the run",
     "un fallo interno detuvo la importación"},
    {"run.fail.interrupted", "the process ended before the run finished",
     "el proceso terminó antes de que acabara la importación"},
};

#define CW_FIELD_EN "{field|=|*={field}: }expected "
#define CW_FIELD_ES "{field|=|*={field}: }se esperaba "

struct ImportCatalog {
  std::vector<std::string> keys, texts;  // own what the patterns point at
  std::vector<PhrasePattern> patterns;
};

const ImportCatalog& import_catalog() {
  static const ImportCatalog f = [] {
    ImportCatalog out;
    for (const auto& r : kReasons) {
      out.keys.push_back("reject." + std::string(r.code));
      out.keys.push_back("reject." + std::string(r.code) + ".expected");
      out.texts.push_back(CW_FIELD_EN + std::string(r.expected_en));
      out.texts.push_back(CW_FIELD_ES + std::string(r.expected_es));
    }
    for (std::size_t i = 0; i < std::size(kReasons); ++i) {
      const auto& r = kReasons[i];
      out.patterns.push_back({out.keys[2 * i], r.name_en, r.name_es});
      out.patterns.push_back({out.keys[2 * i + 1], out.texts[2 * i], out.texts[2 * i + 1]});
    }
    out.patterns.insert(out.patterns.end(), std::begin(kFailures), std::end(kFailures));
    return out;
  }();
  return f;
}

#undef CW_FIELD_EN
#undef CW_FIELD_ES

}  // namespace

std::span<const PhrasePattern> import_patterns() { return import_catalog().patterns; }

Phrase failure_words(const ImportRun& run) {
  if (run.state == RunState::ok || run.failure.key.empty()) return {};
  for (const auto& p : kFailures) {
    if (p.key == run.failure.key) return run.failure;
  }
  return {};
}

RejectWords reject_words(const ImportRun& run, const std::string& reason) {
  const Reason* r = nullptr;
  for (const auto& x : kReasons) {
    if (x.code == reason) r = &x;
  }
  if (!r) return {};
  // The field the importer recorded with the reason (a column or property
  // name, never a value), else the reason's own.
  const auto it = run.first_field.find(reason);
  const std::string field = it != run.first_field.end() ? it->second : std::string(r->field);
  RejectWords out;
  out.label.key = "reject." + reason;
  out.expected.key = "reject." + reason + ".expected";
  out.expected.arg("field", field);
  return out;
}

}  // namespace cw::app
