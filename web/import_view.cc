#include "web/import_view.h"

#include <string>

#include "app/import_text.h"

namespace cw::web {
namespace {

std::string lines_text(const Rejects& r) {
  std::string out;
  for (const auto line : r.lines) {
    if (!out.empty()) out += ", ";
    out += std::to_string(line);
  }
  if (r.count > static_cast<std::int64_t>(r.lines.size())) out += ", …";
  return out;
}

}  // namespace

void import_run_summary(Html& h, Lang lang, const ImportRun& run) {
  const std::string id = std::to_string(run.id);
  const std::string state(to_string(run.state));
  h.raw("<section class=\"run\" id=\"run-").text(id).raw("\" aria-labelledby=\"run-").text(id);
  // A built-in source kind in the page's language; a configured source's own name as it is.
  const std::string source_key = "source." + run.source;
  h.raw("-h\"><h2 id=\"run-").text(id).raw("-h\">");
  h.text(has_entry(Lang::en, source_key) ? tr(lang, source_key) : run.source).raw(" · ");
  h.text(format_instant(run.started)).raw(" <span class=\"badge ");
  h.text(state == "ok" ? "ok" : state == "running" ? "warn" : "bad").raw("\">");
  h.text(tr(lang, "run." + state)).raw("</span></h2>");
  if (!run.input.empty()) h.raw("<p class=\"small muted mono\">").text(run.input).raw("</p>");
  const std::pair<const char*, std::int64_t> counts[] = {
      {"run.read", run.rows_read},      {"run.new", run.added},
      {"run.updated", run.updated},     {"run.cancelled", run.cancelled},
      {"run.unchanged", run.unchanged}, {"run.rejected", run.rejected_total()},
  };
  h.raw("<dl class=\"facts\">");
  for (const auto& [key, n] : counts) {
    h.raw("<div><dt>").text(tr(lang, key)).raw("</dt><dd>").text(std::to_string(n));
    h.raw("</dd></div>");
  }
  h.raw("</dl>");
  if (!run.error.empty()) {
    // Why in the page's language (app/import_text.h); a run recorded
    // without a kind (before issue 8) shows its stored English error.
    h.raw("<p class=\"error-box\" data-failure=\"").text(run.failure.key).raw("\">");
    h.text(tr(lang, "run.failed_because")).raw(" ");
    h.text(phrase_text(lang, app::failure_words(run), run.error)).raw("</p>");
  }
  if (run.rejected.empty()) {
    h.raw("</section>");
    return;
  }
  h.raw("<table><caption>").text(tr(lang, "run.rejected_rows")).raw("</caption><thead><tr>");
  h.raw("<th scope=\"col\">").text(tr(lang, "run.reason")).raw("</th><th scope=\"col\" ");
  h.raw("class=\"num\">").text(tr(lang, "run.count")).raw("</th><th scope=\"col\">");
  h.text(tr(lang, "run.lines")).raw("</th></tr></thead><tbody>");
  for (const auto& [reason, r] : run.rejected) {
    // The reason by name and what the row needed, in the page's language
    // (app/import_text.h); a volunteer file's first message as the
    // importer wrote it on an English page (it may quote the bad value).
    const app::RejectWords words = app::reject_words(run, reason);
    h.raw("<tr data-reason=\"").text(reason).raw("\"><td>");
    h.text(words.label.key.empty() ? reason : phrase_text(lang, words.label, ""));
    std::string why = phrase_text(lang, words.expected, "");
    if (run.source == "volunteers" && lang == Lang::en) {
      if (auto it = run.first_error.find(reason); it != run.first_error.end()) why = it->second;
    }
    if (!why.empty()) h.raw("<br><span class=\"small muted\">").text(why).raw("</span>");
    h.raw("</td><td class=\"num\">").text(std::to_string(r.count)).raw("</td><td>");
    h.text(lines_text(r)).raw("</td></tr>");
  }
  h.raw("</tbody></table></section>");
}

}  // namespace cw::web
