#include "web/desk_routes.h"

#include "web/desk.h"

namespace cw::web {

void add_desk_pages(WebServer& server) {
  add_locale_route(server);
  add_dashboard_page(server);
  add_session_list_page(server);
  add_session_detail_page(server);
  add_plan_pages(server);
  add_volunteer_list_pages(server);
  add_volunteer_pages(server);
  add_imports_page(server);
  add_closure_pages(server);
  add_reports_page(server);
  add_audit_page(server);
  add_export_routes(server);
}

}  // namespace cw::web
