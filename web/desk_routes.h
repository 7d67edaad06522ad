// The coordinator desk's routes (DESIGN.md §8), one file per page group, all
// behind the login (WebServer::page_get/page_post; erasure admin-only):
//   /                       dashboard            pages_dashboard.cc
//   /sessions, /sessions/N  list, detail + POSTs pages_sessions.cc, pages_session_detail.cc
//   /plan                   preview, apply, invite pages_plan.cc
//   /volunteers…            list, search, new, import, one volunteer
//                                                pages_volunteers.cc, pages_volunteer.cc
//   /imports                runs                 pages_imports.cc
//   /closures               enter, lift          pages_closures.cc
//   /reports                observation reports  pages_reports.cc
//   /audit                  audit log            pages_audit.cc
//   /export/*.csv           sessions, coverage   pages_export.cc
//   /locale                 language switch      desk.cc
// add_desk_pages() registers them all; call it once while installing routes.
#pragma once

namespace cw::web {

class WebServer;

void add_dashboard_page(WebServer& server);
void add_session_list_page(WebServer& server);
void add_session_detail_page(WebServer& server);
void add_plan_pages(WebServer& server);
void add_volunteer_list_pages(WebServer& server);  // before add_volunteer_pages (/new, /import)
void add_volunteer_pages(WebServer& server);
void add_imports_page(WebServer& server);
void add_closure_pages(WebServer& server);
void add_reports_page(WebServer& server);
void add_audit_page(WebServer& server);
void add_export_routes(WebServer& server);

void add_desk_pages(WebServer& server);

}  // namespace cw::web
