// GET /imports — import runs, newest first (app::list_imports, 20 a page):
// counts, rejected rows by reason with sample lines, and failed runs (a fetch
// that failed, a file that could not be read) with their error.
#include <httplib.h>

#include "app/queries.h"
#include "web/desk.h"
#include "web/desk_routes.h"
#include "web/forms.h"
#include "web/import_view.h"
#include "web/pager.h"
#include "web/server.h"

namespace cw::web {

void add_imports_page(WebServer& server) {
  server.page_get(
      "/imports", "imports_page", UserRole::coordinator,
      [&server](const httplib::Request& req, httplib::Response& res, const Principal& me) {
        const Shell shell = desk_shell(req, me, Nav::imports);
        const Lang lang = shell.lang;
        auto lease = server.pool().acquire();
        if (!lease) return send_unavailable(res, shell);
        auto page = app::list_imports(**lease, app::PageRequest{20, req.get_param_value("cursor")});
        Html h;
        page_begin(h, shell, tr(lang, "imports.title"));
        h.raw("<h1>").text(tr(lang, "imports.title")).raw("</h1>");
        done_flash(h, lang, req);
        int status = 200;
        if (!page) {
          error_summary(h, tr(lang, "form.error"), error_text(lang, page.error()));
          status = error_status(page.error());
        } else if (page->items.empty()) {
          h.raw("<p>").text(tr(lang, "imports.none")).raw("</p>");
        } else {
          for (const auto& run : page->items) import_run_summary(h, lang, run);
          cursor_pager(h, lang, req, page->next_cursor, "/imports", Query());
        }
        page_end(h, shell);
        send_page(res, shell, std::move(h), status);
      });
}

}  // namespace cw::web
