// The words of an import run's rejected rows (DESIGN.md §4, §8), in English
// and Spanish, side by side.
//
// The importers (scrapers/) record each rejected row under a stable reason
// code ("bad-date") with an English message for the CLI and `import --json`
// ("hearings.csv: line 7, field 'date': expected YYYY-MM-DD or M/D/YYYY,
// got '13/45/2026'"). A page names each reason with "reject.<reason>" and
// says what the row needed with "reject.<reason>.expected", filled with the
// field the first rejected row broke — no value of the row, so a case
// reference quoted in a message never reaches a page. web/i18n merges
// import_patterns() into its catalogs. Pure; thread-safe.
#pragma once

#include <span>
#include <string>

#include "app/refusal_text.h"
#include "core/import_run.h"

namespace cw::app {

// Every pattern: "reject.<reason>", "reject.<reason>.expected" and
// "run.fail.<kind>" (why a run failed as a whole, core/import_run.h).
std::span<const PhrasePattern> import_patterns();

// How `reason` of `run` reads: its name and what the row needed (keys empty
// for a reason without words), `field` filled with the field the first
// rejected row broke (ImportRun::first_field, recorded by the importer) or
// the reason's own.
// Why `run` failed as a whole, as a phrase to word in the reader's language;
// empty key for a run that did not fail or was recorded without a kind
// (before issue 8): show its stored English error.
Phrase failure_words(const ImportRun& run);

struct RejectWords {
  Phrase label, expected;
};
RejectWords reject_words(const ImportRun& run, const std::string& reason);

}  // namespace cw::app
