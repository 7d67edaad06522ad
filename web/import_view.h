// How an import run record is shown (imports page, volunteers CSV upload):
// source, times, state, counts, and each rejection reason with its count and
// sample line numbers, each reason named in the page's language with what
// the row needed (app/import_text.h). The importer's own first message of a
// reason is shown only for volunteer files on an English page: hearing
// sources may quote a rejected field, and a case reference must never reach
// a page. Stateless.
#pragma once

#include "core/import_run.h"
#include "web/html.h"
#include "web/i18n.h"

namespace cw::web {

void import_run_summary(Html& h, Lang lang, const ImportRun& run);

}  // namespace cw::web
