// The volunteer's self-service page (DESIGN.md §8 "Volunteer pages"):
//   GET  /v/{token}                               the page          route "volunteer_page"
//   GET  /v/{token}/erase                         confirm erasure   route "volunteer_erase_page"
//   POST /v/{token}/assignments/{id}/confirm      app::confirm      route "volunteer_answer"
//   POST /v/{token}/assignments/{id}/decline      app::decline      route "volunteer_answer"
//   POST /v/{token}/sessions/{id}/claim           app::claim        route "volunteer_claim"
//   POST /v/{token}/sessions/{id}/report          app::file_report  route "volunteer_report"
//   POST /v/{token}/availability                  app::set_availability  "volunteer_availability"
//   POST /v/{token}/erase                         app::erase_volunteer   "volunteer_erase"
//
// The token is a `volunteer-link` token (store/token_repo.h). An unknown,
// malformed or revoked one answers 404 with a plain page after the same
// work, and a client with too many misses gets 429, as on the feed routes
// (web/feed_rate_limit.h). A GET only reads (mail scanners open every link).
// Every POST carries the hidden field `csrf` = TokenSecret::mac(
// "volunteer-csrf", token): derived, not stored, so it needs no state, and
// it differs from the token itself (a leaked form value does not open the
// page); a wrong or missing one answers 403 before anything is read from the
// form. A change that works redirects (303) to the page with `?done=KIND`
// (one of a fixed list, shown as a message) and the anchor of what changed;
// one that is refused re-renders the page with the reason in the
// volunteer's language (409 for a hard constraint or a stale form, 400 for
// bad input). No token or personal data is logged or used as a metric label.
#include <httplib.h>

#include "app/assignments.h"
#include "app/volunteer_self.h"
#include "core/log.h"
#include "store/repos.h"
#include "store/token_repo.h"
#include "web/feed_rate_limit.h"
#include "web/layout.h"
#include "web/server.h"
#include "web/volunteer_forms.h"
#include "web/volunteer_page.h"

namespace cw::web {
namespace {

constexpr double kVolunteerMissBurst = 20;
constexpr double kVolunteerMissesPerMinute = 20;
constexpr std::string_view kCsrfContext = "volunteer-csrf";

using Request = httplib::Request;
using Response = httplib::Response;

void send_html(Response& res, int status, const std::string& body, Lang lang) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Robots-Tag", "noindex");
  res.set_header("Content-Language", std::string(lang_code(lang)));
  res.set_content(body, "text/html; charset=utf-8");
}

std::string webcal(const std::string& base, const std::string& token) {
  const auto scheme = base.find("://");
  return "webcal://" + base.substr(scheme == std::string::npos ? 0 : scheme + 3) + "/feeds/v/" +
         token + ".ics";
}

// One request on a volunteer link, once the token is known to be live.
struct Visit {
  std::string token;
  store::Pool::Lease db;
  Volunteer volunteer;
  Lang lang = Lang::en;
  app::Actor actor() const { return app::Actor::of_volunteer(volunteer.id, volunteer.handle); }
  std::string base_path() const { return "/v/" + token; }
};

class VolunteerRoutes {
 public:
  explicit VolunteerRoutes(WebServer& server) : server_(server) {
    auto secret =
        store::TokenSecret::load_or_create(store::TokenSecret::path_for(server.pool().path()));
    if (secret) {
      secret_ = *secret;
    } else {
      log::error("volunteer pages disabled: " + secret.error().message);
    }
  }

  void page(const Request& req, Response& res) {
    auto visit = open(req, res);
    if (!visit) return;
    std::string flash = flash_key(req.get_param_value("done"));
    render(*visit, res, 200, std::move(flash), std::nullopt);
  }

  void erase_page(const Request& req, Response& res) {
    auto visit = open(req, res);
    if (!visit) return;
    VolunteerView view = base_view(*visit);
    send_html(res, 200, render_erase_confirmation(view), visit->lang);
  }

  // Runs a POST: token, then csrf, then the change; `change` returns the
  // redirect target's `done` and anchor, or the error to show.
  template <class F>
  void post(const Request& req, Response& res, F change) {
    auto visit = open(req, res);
    if (!visit) return;
    if (!secret_->verify_mac(kCsrfContext, visit->token, req.get_param_value("csrf"))) {
      return send_html(res, 403, render_volunteer_notice(visit->lang, "error.title", "error.csrf"),
                       visit->lang);
    }
    const Outcome out = change(*visit, req);
    if (out.error) return render(*visit, res, out.status, "", out.error);
    res.status = 303;
    res.set_header("Location", visit->base_path() + "?done=" + out.done +
                                   (out.anchor.empty() ? "" : "#" + out.anchor));
  }

  void erase(const Request& req, Response& res) {
    auto visit = open(req, res);
    if (!visit) return;
    if (!secret_->verify_mac(kCsrfContext, visit->token, req.get_param_value("csrf"))) {
      return send_html(res, 403, render_volunteer_notice(visit->lang, "error.title", "error.csrf"),
                       visit->lang);
    }
    const Lang lang = visit->lang;
    if (auto ok =
            app::erase_volunteer(*visit->db, server_.clock(), visit->actor(), visit->volunteer.id);
        !ok) {
      log::error("volunteer page: erasure failed: " + ok.error().message);
      return send_html(res, 500, render_volunteer_notice(lang, "error.title", "error.gone"), lang);
    }
    send_html(res, 200, render_volunteer_notice(lang, "erase.title", "erase.done"), lang);
  }

  const store::TokenSecret* secret() const { return secret_ ? &*secret_ : nullptr; }
  WebServer& server() { return server_; }

 private:
  // Resolves the token to a live volunteer, or answers 404/429/503 itself.
  std::optional<Visit> open(const Request& req, Response& res) {
    const auto now = MissLimiter::Clock::now();
    const std::string client = client_address(req, server_.options());
    const Lang guess = negotiate(req.get_header_value("Accept-Language"));
    if (misses_.exhausted(client, now)) {
      res.set_header("Retry-After", "60");
      send_error(res, 429, "too many requests");
      return std::nullopt;
    }
    auto lease = server_.pool().acquire();
    if (!lease || !secret_) {
      send_unavailable(res, Shell{.lang = guess});
      return std::nullopt;
    }
    std::string token = req.matches[1].str();
    auto found = resolve(**lease, token);
    if (!found) {
      log::error("volunteer page: cannot look up a link: " + found.error().message);
      send_error(res, 500, "internal error");
      return std::nullopt;
    }
    if (!*found) {
      misses_.record_miss(client, now);
      send_html(res, 404, render_volunteer_notice(guess, "notfound.title", "notfound.body"), guess);
      return std::nullopt;
    }
    Visit v{std::move(token), std::move(*lease), std::move(**found), Lang::en};
    v.lang = volunteer_lang(v.volunteer);
    return v;
  }

  static Result<std::optional<Volunteer>> resolve(store::Database& db, const std::string& token) {
    const auto match = CW_TRY(store::TokenRepo(db).lookup(token));
    if (!match || match->purpose != store::TokenPurpose::volunteer_link) {
      return std::optional<Volunteer>{};
    }
    const auto id = parse_id(match->subject);
    if (!id) return std::optional<Volunteer>{};
    return store::VolunteerRepo(db).find(*id);
  }

  VolunteerView base_view(const Visit& visit) {
    VolunteerView view;
    view.page.volunteer = visit.volunteer;
    view.base_path = visit.base_path();
    view.csrf = secret_->mac(kCsrfContext, visit.token);
    return view;
  }

  void render(Visit& visit, Response& res, int status, std::string flash,
              std::optional<FormError> error) {
    VolunteerView view = base_view(visit);
    auto page = app::volunteer_page(*visit.db, visit.volunteer.id, server_.clock().now());
    if (!page) {
      log::error("volunteer page: cannot read the page: " + page.error().message);
      return send_error(res, 500, "internal error");
    }
    view.page = std::move(*page);
    auto feed = store::TokenRepo(*visit.db).live(*secret_, store::TokenPurpose::feed_volunteer,
                                                 std::to_string(visit.volunteer.id));
    if (feed && *feed) view.webcal_url = webcal(public_base_url(server_.options()), **feed);
    view.flash_key = std::move(flash);
    view.error = std::move(error);
    send_html(res, status, render_volunteer_page(view), visit.lang);
  }

  WebServer& server_;
  std::optional<store::TokenSecret> secret_;
  MissLimiter misses_{kVolunteerMissBurst, kVolunteerMissesPerMinute};
};

}  // namespace

void add_volunteer_routes(WebServer& server) {
  auto r = std::make_shared<VolunteerRoutes>(server);
  const Clock& clock = server.clock();
  server.get(R"(/v/([^/]+))", "volunteer_page",
             [r](const Request& req, Response& res) { r->page(req, res); });
  server.get(R"(/v/([^/]+)/erase)", "volunteer_erase_page",
             [r](const Request& req, Response& res) { r->erase_page(req, res); });
  server.post(R"(/v/([^/]+)/assignments/(\d+)/(confirm|decline))", "volunteer_answer",
              [r, &clock](const Request& req, Response& res) {
                r->post(req, res, [&](Visit& v, const Request& q) {
                  return answer(*v.db, clock, v.actor(), q.matches[2].str(), q.matches[3].str());
                });
              });
  server.post(R"(/v/([^/]+)/sessions/(\d+)/claim)", "volunteer_claim",
              [r, &clock](const Request& req, Response& res) {
                r->post(req, res, [&](Visit& v, const Request& q) {
                  return claim(*v.db, clock, v.actor(), v.lang, q.matches[2].str());
                });
              });
  server.post(R"(/v/([^/]+)/sessions/(\d+)/report)", "volunteer_report",
              [r, &clock](const Request& req, Response& res) {
                r->post(req, res, [&](Visit& v, const Request& q) {
                  return report(*v.db, clock, v.actor(), q.matches[2].str(), q.params);
                });
              });
  server.post(R"(/v/([^/]+)/availability)", "volunteer_availability",
              [r, &clock](const Request& req, Response& res) {
                r->post(req, res, [&](Visit& v, const Request& q) {
                  return availability(*v.db, clock, v.actor(), q.params);
                });
              });
  server.post(R"(/v/([^/]+)/erase)", "volunteer_erase",
              [r](const Request& req, Response& res) { r->erase(req, res); });
}

}  // namespace cw::web
