// The EOIR operational-status page, parsed tolerantly.
//
// EOIR publishes (and archives) notices listing each immigration court with
// its status for a day: "Open", "Closed", "Open to hear detained cases only",
// sometimes with a reason ("Closed due to inclement weather"). The markup has
// changed over the years, so parse_status_page() reads two shapes and needs
// neither to be well-formed:
//  - table rows: the first cell is the court, the second the status (header
//    rows — all <th>, or a status cell reading "Status" — are skipped);
//  - text lines outside tables: "Court: status" or "Court – status".
// Script, style and comments are skipped; character references (&amp;,
// &nbsp;, &#8211;, &#x2013;, …) are decoded. The notice's date is the first
// "Month D, YYYY", "M/D/YYYY" or "YYYY-MM-DD" on a line mentioning "updated",
// "as of", "effective" or "status for", else the first date on the page.
//
// Status rule: contains "detained" and "only" → partial (hearings that are
// not detained are cancelled); "closed" without "open" → closed; starts with
// "open" (including "delayed opening") → open, which changes nothing; anything
// else is unknown. A table row with an unknown status is reported; a text line
// with one is prose and ignored. Pure function, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace cw::scrapers::status {

enum class CourtStatus { open, closed, partial, unknown };
std::string_view to_string(CourtStatus s);
CourtStatus classify_status(std::string_view text);

struct StatusEntry {
  std::string court;   // as written, entities decoded, whitespace collapsed
  std::string status;  // as written
  CourtStatus kind = CourtStatus::unknown;
  std::int64_t line = 0;  // line of the page where the row or line starts
};

struct StatusPage {
  std::optional<LocalDate> date;
  std::vector<StatusEntry> entries;
};

StatusPage parse_status_page(std::string_view html);

// Decodes HTML character references in s (unknown ones are kept as written).
std::string decode_entities(std::string_view s);

}  // namespace cw::scrapers::status
