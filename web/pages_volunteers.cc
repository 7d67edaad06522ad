// GET /volunteers — volunteers (search by id or name, filter by site),
// keyset-paginated by app::list_volunteers(); links to create one and to the
// CSV import. GET/POST /volunteers/import — upload a volunteers CSV
// (matching.md); the result page lists every rejected row with its line and
// reason (app::import_volunteers_csv records the run).
#include <httplib.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/imports.h"
#include "app/queries.h"
#include "core/text.h"
#include "web/desk.h"
#include "web/desk_routes.h"
#include "web/forms.h"
#include "web/language_names.h"
#include "web/pager.h"
#include "web/server.h"
#include "web/session_view.h"
#include "web/url.h"

namespace cw::web {
namespace {

constexpr int kVolunteerPageSize = 50;
constexpr std::size_t kMaxUpload = 512 * 1024;

void search_form(Html& h, Lang lang, const std::string& q, const std::string& site) {
  h.raw("<form class=\"filters\" method=\"get\" action=\"/volunteers\" role=\"search\">");
  input_field(h, {.name = "q", .label = tr(lang, "vol.search"), .value = q, .type = "search"});
  input_field(h, {.name = "site",
                  .label = tr(lang, "col.site"),
                  .value = site,
                  .hint = tr(lang, "vol.site_hint")});
  h.raw("<button type=\"submit\">").text(tr(lang, "filter.apply")).raw("</button></form>");
}

void volunteer_table(Html& h, Lang lang, const std::vector<Volunteer>& items) {
  h.raw("<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"");
  h.text(tr(lang, "vol.title")).raw("\"><table><thead><tr>");
  for (const char* k : {"vol.id", "vol.name", "vol.role", "vol.sites", "col.languages",
                        "vol.max_per_week", "vol.active"}) {
    h.raw("<th scope=\"col\">").text(tr(lang, k)).raw("</th>");
  }
  h.raw("</tr></thead><tbody>");
  for (const auto& v : items) {
    h.raw("<tr><td><a href=\"/volunteers/").text(url_encode(v.handle)).raw("\">").text(v.handle);
    h.raw("</a></td><td>").text(v.name).raw("</td><td>");
    h.text(tr(lang, "role." + std::string(to_string(v.role)))).raw("</td><td>");
    h.text(join_list(v.sites)).raw("</td><td>").text(language_list(lang, v.languages));
    h.raw("</td><td class=\"num\">").text(std::to_string(v.max_per_week)).raw("</td><td>");
    h.text(tr(lang, v.active ? "yes" : "no")).raw("</td></tr>");
  }
  h.raw("</tbody></table></div>");
}

void import_form(Html& h, Lang lang, const Shell& shell) {
  h.raw("<form class=\"stack\" method=\"post\" action=\"/volunteers/import\" ");
  h.raw("enctype=\"multipart/form-data\">");
  csrf_field(h, shell.csrf);
  input_field(h, {.name = "file",
                  .label = tr(lang, "vol.import_file"),
                  .type = "file",
                  .hint = tr(lang, "vol.import_hint"),
                  .required = true});
  h.raw("<div><button type=\"submit\">").text(tr(lang, "vol.import_submit"));
  h.raw("</button></div></form>");
}

void render_import(const httplib::Request& req, httplib::Response& res, const Principal& me,
                   const std::string& error, int status) {
  const Shell shell = desk_shell(req, me, Nav::volunteers);
  const Lang lang = shell.lang;
  Html h;
  page_begin(h, shell, tr(lang, "vol.import_title"));
  h.raw("<p class=\"small\"><a href=\"/volunteers\">").text(tr(lang, "vol.back"));
  h.raw("</a></p><h1>").text(tr(lang, "vol.import_title")).raw("</h1>");
  if (!error.empty()) error_summary(h, tr(lang, "form.error"), error);
  import_form(h, lang, shell);
  page_end(h, shell);
  send_page(res, shell, std::move(h), status);
}

// The uploaded file's own name, reduced to a safe file name: the importer's
// messages name the file ("volunteers.csv: line 3, field 'email': ..."), and
// a coordinator knows the name they uploaded, not a temporary one.
std::string upload_name(const std::string& filename) {
  std::string name = filename.substr(filename.find_last_of("/\\") + 1);
  for (char& c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_';
    if (!ok) c = '_';
  }
  if (name.size() > 80) name.erase(0, name.size() - 80);
  if (name.empty() || name.front() == '.') name = "volunteers.csv";
  return name;
}

// A private temp directory holding the upload under its own name, removed
// with everything in it when the import is done.
class Spool {
 public:
  Spool() = default;
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;
  ~Spool() {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  Result<std::string> write(const httplib::MultipartFormData& file) {
    char dir[] = "/tmp/courtwatch-upload-XXXXXX";
    if (::mkdtemp(dir) == nullptr) {
      return fail(Error::io("cannot create a temporary directory for the upload"));
    }
    dir_ = dir;
    std::string path = dir_ + "/" + upload_name(file.filename);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(file.content.data(), static_cast<std::streamsize>(file.content.size()));
    if (!out) return fail(Error::io("cannot write the upload to a temporary file"));
    return path;
  }

 private:
  std::string dir_;
};

}  // namespace

void add_volunteer_list_pages(WebServer& server) {
  server.page_get(
      "/volunteers", "volunteers_page", UserRole::coordinator,
      [&server](const httplib::Request& req, httplib::Response& res, const Principal& me) {
        const Shell shell = desk_shell(req, me, Nav::volunteers);
        const Lang lang = shell.lang;
        std::string q = std::string(trim(req.get_param_value("q")));
        std::string site = upper_ascii(trim(req.get_param_value("site")));
        if (q.size() > 100) q.resize(100);
        if (site.size() > 16) site.clear();
        auto lease = server.pool().acquire();
        if (!lease) return send_unavailable(res, shell);
        app::VolunteerQuery vq;
        if (!q.empty()) vq.search = q;
        if (!site.empty()) vq.site = site;
        vq.page.limit = kVolunteerPageSize;
        vq.page.cursor = req.get_param_value("cursor");
        auto page = app::list_volunteers(**lease, vq);
        Html h;
        page_begin(h, shell, tr(lang, "vol.title"));
        h.raw("<h1>").text(tr(lang, "vol.title")).raw("</h1>");
        done_flash(h, lang, req);
        h.raw("<p class=\"actions\"><a class=\"button\" href=\"/volunteers/new\">");
        h.text(tr(lang, "vol.new")).raw("</a><a class=\"button secondary\" ");
        h.raw("href=\"/volunteers/import\">").text(tr(lang, "vol.import_title")).raw("</a></p>");
        search_form(h, lang, q, site);
        int status = 200;
        if (!page) {
          error_summary(h, tr(lang, "form.error"), error_text(lang, page.error()));
          status = error_status(page.error());
        } else if (page->items.empty()) {
          h.raw("<p>").text(tr(lang, "vol.none")).raw("</p>");
        } else {
          volunteer_table(h, lang, page->items);
          cursor_pager(h, lang, req, page->next_cursor, "/volunteers",
                       Query().add("q", q).add("site", site));
        }
        page_end(h, shell);
        send_page(res, shell, std::move(h), status);
      });

  server.page_get("/volunteers/import", "volunteers_import_page", UserRole::coordinator,
                  [](const httplib::Request& req, httplib::Response& res, const Principal& me) {
                    render_import(req, res, me, {}, 200);
                  });

  server.page_post(
      "/volunteers/import", "volunteers_import", UserRole::coordinator,
      [&server](const httplib::Request& req, httplib::Response& res, const Principal& me) {
        const Lang lang = desk_shell(req, me, Nav::volunteers).lang;
        if (!req.has_file("file") || req.get_file_value("file").content.empty()) {
          return render_import(req, res, me, std::string(tr(lang, "vol.import_missing")), 422);
        }
        const auto& file = req.get_file_value("file");
        if (file.content.size() > kMaxUpload) {
          return render_import(req, res, me, std::string(tr(lang, "vol.import_too_big")), 413);
        }
        Spool spool;
        auto path = spool.write(file);
        if (!path) return render_import(req, res, me, error_text(lang, path.error()), 500);
        auto lease = server.pool().acquire();
        if (!lease) return send_unavailable(res, desk_shell(req, me, Nav::volunteers));
        auto out = app::import_volunteers_csv(**lease, server.clock(), *path,
                                              std::filesystem::path(*path).filename().string());
        if (!out) {
          return render_import(req, res, me, error_text(lang, out.error()),
                               error_status(out.error()));
        }
        // The run record, with every rejected row, is on the imports page.
        redirect_see_other(res, "/imports?done=imported#run-" + std::to_string(out->run.id));
      });
}

}  // namespace cw::web
