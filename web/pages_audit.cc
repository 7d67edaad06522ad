// GET /audit — the audit log, newest first, 50 entries a page (keyset on the
// entry id: ?before=ID). Entries hold no secrets and no personal data by
// construction (store/audit_repo.h); each is worded in the page's language
// from its action code and stored values (app/audit_text.h), escaped.
#include <httplib.h>

#include <charconv>

#include "app/audit_text.h"
#include "store/audit_repo.h"
#include "web/desk.h"
#include "web/desk_routes.h"
#include "web/forms.h"
#include "web/server.h"
#include "web/url.h"

namespace cw::web {
namespace {

constexpr int kAuditPageSize = 50;

std::optional<Id> before_param(const httplib::Request& req) {
  const std::string v = req.get_param_value("before");
  Id id = 0;
  if (v.empty() || std::from_chars(v.data(), v.data() + v.size(), id).ec != std::errc{} ||
      id <= 0) {
    return std::nullopt;
  }
  return id;
}

void entries_table(Html& h, Lang lang, const std::vector<store::AuditEntry>& entries) {
  h.raw("<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"");
  h.text(tr(lang, "nav.audit")).raw("\"><table><thead><tr>");
  for (const char* k : {"audit.when", "audit.who", "audit.what", "audit.subject", "audit.detail"}) {
    h.raw("<th scope=\"col\">").text(tr(lang, k)).raw("</th>");
  }
  h.raw("</tr></thead><tbody>");
  for (const auto& e : entries) {
    h.raw("<tr><td class=\"mono\">").text(format_instant(e.at)).raw("</td><td>").text(e.actor);
    // The action by name and the entry's values in the page's language
    // (app/audit_text.h); an entry written without values, as stored.
    const std::string action_key = "audit.action." + e.action;
    const app::AuditWords words = app::audit_words(e);
    h.raw("</td><td>").text(has_entry(Lang::en, action_key) ? tr(lang, action_key) : e.action);
    h.raw("</td><td>").text(phrase_text(lang, words.subject, e.subject)).raw("</td><td>");
    h.text(phrase_text(lang, words.detail, e.detail)).raw("</td></tr>");
  }
  h.raw("</tbody></table></div>");
}

}  // namespace

void add_audit_page(WebServer& server) {
  server.page_get(
      "/audit", "audit_page", UserRole::coordinator,
      [&server](const httplib::Request& req, httplib::Response& res, const Principal& me) {
        const Shell shell = desk_shell(req, me, Nav::audit);
        const Lang lang = shell.lang;
        auto lease = server.pool().acquire();
        if (!lease) return send_unavailable(res, shell);
        const auto before = before_param(req);
        auto page = store::AuditRepo(**lease).list(kAuditPageSize, before);
        Html h;
        page_begin(h, shell, tr(lang, "nav.audit"));
        h.raw("<h1>").text(tr(lang, "nav.audit")).raw("</h1><p class=\"muted\">");
        h.text(tr(lang, "audit.intro")).raw("</p>");
        int status = 200;
        if (!page) {
          error_summary(h, tr(lang, "form.error"), error_text(lang, page.error()));
          status = 500;
        } else if (page->entries.empty()) {
          h.raw("<p>").text(tr(lang, "audit.none")).raw("</p>");
        } else {
          entries_table(h, lang, page->entries);
          if (before || page->next) {
            h.raw("<nav class=\"pager\" aria-label=\"").text(tr(lang, "pager.label")).raw("\">");
            if (before) {
              h.raw("<a href=\"/audit\">").text(tr(lang, "pager.first")).raw("</a>");
            }
            if (page->next) {
              h.raw("<a rel=\"next\" href=\"/audit?before=").text(std::to_string(*page->next));
              h.raw("\">").text(tr(lang, "pager.next")).raw("</a>");
            }
            h.raw("</nav>");
          }
        }
        page_end(h, shell);
        send_page(res, shell, std::move(h), status);
      });
}

}  // namespace cw::web
