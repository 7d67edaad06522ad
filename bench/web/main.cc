// bench_web: coordinator pages and the JSON API on a nationwide database.
//
// Builds (once, cached in the build directory per week) a database of about
// 500 000 hearings, 15 000 sessions per fortnight and 10 000 volunteers —
// the matcher benchmark's synthetic world over ten weeks (four past, six
// ahead), imported through the same app/ use cases as `courtwatch import
// csv` and `volunteers import` (which refresh the sessions), then planned
// and applied by app::apply_plan() over the next two weeks. Then it serves
// that file with the real WebServer on loopback and measures, over
// keep-alive connections, the server time (request to last byte, p50/p99)
// and the bytes of: the dashboard, the sessions list page, session detail
// pages, GET /api/v1/sessions (first page, an uncovered filter, a deep page)
// and POST /api/v1/match as a dry run; plus the read models called directly.
// Targets (DESIGN.md §12): every page < 300 KB and < 100 ms p99, the
// dashboard < 50 ms. Prints one line per measurement and exits 1 when a
// target is missed.
// Usage: bench_web [ROUNDS] [--db PATH]
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "app/accounts.h"
#include "app/imports.h"
#include "app/plan.h"
#include "app/queries.h"
#include "bench/match/generator.h"
#include "daemon/sites_file.h"
#include "store/db.h"
#include "store/session_repos.h"
#include "web/server.h"

namespace {

using namespace cw;
using Clock_ = std::chrono::steady_clock;

struct Figures {
  std::string name;
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
  std::size_t bytes = 0;
  double limit_ms = 0;  // p99 target, 0 for none
  bool bounded_size = true;
  bool skipped = false;  // the route is not installed in this build
};

double ms_since(Clock_::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock_::now() - t0).count();
}

Figures summarize(std::string name, std::vector<double> ms, std::size_t bytes, double limit) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) {
    return ms[std::min(ms.size() - 1,
                       static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
  };
  return {std::move(name), at(0.5), at(0.99), ms.back(), bytes, limit, true};
}

LocalDate this_monday(Instant now) {
  return iso_week_start(LocalDate{date::floor<date::days>(now).time_since_epoch()});
}

void check(const Result<void>& r, const char* what) {
  if (!r) {
    (void)std::fprintf(stderr, "bench_web: %s: %s\n", what, r.error().message.c_str());
    std::exit(1);
  }
}
template <class T>
T check(Result<T> r, const char* what) {
  if (!r) {
    (void)std::fprintf(stderr, "bench_web: %s: %s\n", what, r.error().message.c_str());
    std::exit(1);
  }
  return std::move(*r);
}

// The nationwide database, built through app/ like the CLI would.
void build_db(const std::string& path, Instant now) {
  const auto t0 = Clock_::now();
  const std::string tmp = path + ".partial";
  std::filesystem::remove(tmp);
  auto db = check(store::Database::open(tmp), "open");
  SystemClock clock;
  check(daemon::sync_sites(*db, CW_SOURCE_DIR "/config/sites.csv"), "sites");
  bench::WorldSpec spec;
  for (const auto& s : check(daemon::read_sites_file(CW_SOURCE_DIR "/config/sites.csv"), "sites"))
    spec.sites.push_back(s.code);
  spec.site_count = 70;
  spec.volunteers = 10000;
  spec.weeks = 10;
  spec.first_day = this_monday(now) - date::weeks{4};
  spec.seed = 7;
  const auto world = bench::generate(spec);
  const std::string dir = std::filesystem::path(path).parent_path().string();
  {
    std::ofstream h(dir + "/hearings.csv"), v(dir + "/volunteers.csv");
    bench::write_hearings_csv(world, h);
    bench::write_volunteers_csv(world, v);
  }
  std::printf("building %s: %zu hearings, %zu volunteers\n", path.c_str(), world.hearings.size(),
              world.volunteers.size());
  check(app::import_hearings_csv(*db, clock, dir + "/hearings.csv"), "import hearings");
  check(app::import_volunteers_csv(*db, clock, dir + "/volunteers.csv"), "import volunteers");
  const LocalDate today{date::floor<date::days>(now).time_since_epoch()};
  check(app::apply_plan(*db, clock, app::Actor::system("bench"),
                        {today, today + date::days{13}, false}),
        "plan");
  check(db->exec("PRAGMA wal_checkpoint(TRUNCATE)"), "checkpoint");
  db.reset();
  std::filesystem::rename(tmp, path);
  std::filesystem::remove(dir + "/hearings.csv");
  std::filesystem::remove(dir + "/volunteers.csv");
  std::printf("built in %.1f s\n", ms_since(t0) / 1000);
}

struct Http {
  httplib::Client client;
  httplib::Headers headers;
  // Whether the route answers at all (the coordinator pages may not be
  // installed yet in a build that has the API).
  bool installed(const std::string& path) {
    auto res = client.Get(path, headers);
    return res && res->status != 404;
  }
  Figures run(const std::string& name, const std::string& path, int rounds, double limit,
              const std::string& body = "") {
    std::vector<double> ms;
    std::size_t bytes = 0;
    for (int i = 0; i < rounds; ++i) {
      const auto t0 = Clock_::now();
      auto res = body.empty() ? client.Get(path, headers)
                              : client.Post(path, headers, body, "application/json");
      ms.push_back(ms_since(t0));
      if (!res || res->status != 200) {
        (void)std::fprintf(stderr, "bench_web: %s %s: status %d\n", name.c_str(), path.c_str(),
                           res ? res->status : -1);
        std::exit(1);
      }
      bytes = std::max(bytes, res->body.size());
    }
    return summarize(name, ms, bytes, limit);
  }
};

template <class Fn>
Figures direct(const std::string& name, int rounds, double limit, Fn fn) {
  std::vector<double> ms;
  for (int i = 0; i < rounds; ++i) {
    const auto t0 = Clock_::now();
    fn();
    ms.push_back(ms_since(t0));
  }
  auto f = summarize(name, ms, 0, limit);
  f.bounded_size = false;
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 200;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) {
      path = argv[++i];
    } else {
      rounds = std::max(10, std::stoi(argv[i]));
    }
  }
  (void)std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress lines as they come
  preload_zones();
  const Instant now = SystemClock().now();
  if (path.empty()) {
    const std::string dir = CW_BINARY_DIR "/bench/web";
    std::filesystem::create_directories(dir);
    path = dir + "/nationwide-" + format_date(this_monday(now)) + ".db";
  }
  if (!std::filesystem::exists(path)) build_db(path, now);

  std::vector<Figures> out;
  SystemClock clock;
  {
    auto db = check(store::Database::open(path, store::OpenMode::read_write_existing), "open");
    std::int64_t hearings = 0, sessions = 0, volunteers = 0;
    for (auto [table, n] : {std::pair{"hearings", &hearings}, std::pair{"sessions", &sessions},
                            std::pair{"volunteers", &volunteers}}) {
      auto& q = db->stmt(std::string("SELECT count(*) FROM ") + table);
      check(q.step(), "count");
      *n = q.int64(0);
      q.reset();
    }
    std::printf("database: %lld hearings, %lld sessions, %lld volunteers\n",
                static_cast<long long>(hearings), static_cast<long long>(sessions),
                static_cast<long long>(volunteers));
    out.push_back(direct("model dashboard()", rounds, 50,
                         [&] { check(app::dashboard(*db, now), "dashboard"); }));
    out.push_back(direct("model list_sessions(100)", rounds, 100,
                         [&] { check(app::list_sessions(*db, {}, now), "sessions"); }));
  }

  // The server, a coordinator with an API token and a signed-in session.
  auto admin = check(store::Database::open(path, store::OpenMode::read_write_existing), "open");
  const std::string user = "bench-" + std::to_string(now.time_since_epoch().count());
  const auto account = check(app::add_user(*admin, clock, "bench",
                                           {user, "bench password 123", UserRole::coordinator, ""}),
                             "user");
  const auto token = check(app::create_api_token(*admin, clock, "bench", user), "token");
  const auto session = check(app::start_session(*admin, clock, account), "session");
  web::ServerOptions opts;
  opts.port = 0;
  opts.threads = 8;
  web::WebServer server(opts, path, clock);
  const int port = check(server.bind(), "bind");
  std::thread serving([&server] { server.run(); });
  server.wait_until_running(std::chrono::seconds(10));

  Http api{httplib::Client("127.0.0.1", port), {{"Authorization", "Bearer " + token.token}}};
  Http pages{httplib::Client("127.0.0.1", port), {{"Cookie", "cw_session=" + session.token}}};
  api.client.set_read_timeout(60, 0);
  pages.client.set_read_timeout(60, 0);  // a page that lists every hearing takes seconds
  std::vector<Id> ids;
  {
    const auto page = check(app::list_sessions(*admin, app::SessionQuery{}, now), "ids");
    for (std::size_t i = 0; i < page.items.size(); i += 10) ids.push_back(page.items[i].session.id);
    if (ids.empty()) {
      (void)std::fprintf(stderr, "bench_web: no session in the next two weeks\n");
      return 1;
    }
  }
  auto skipped = [](std::string name) {
    Figures f;
    f.name = std::move(name) + " (not installed)";
    f.skipped = true;
    return f;
  };
  out.push_back(pages.run("page / (the dashboard's route)", "/", rounds, 50));
  out.push_back(pages.installed("/sessions") ? pages.run("page /sessions", "/sessions", rounds, 100)
                                             : skipped("page /sessions"));
  if (!pages.installed("/sessions/" + std::to_string(ids.front()))) {
    out.push_back(skipped("page /sessions/{id}"));
  } else {
    std::vector<double> ms;
    std::size_t bytes = 0;
    for (int i = 0; i < rounds; ++i) {
      const auto f = pages.run("", "/sessions/" + std::to_string(ids[i % ids.size()]), 1, 100);
      ms.push_back(f.p50_ms);
      bytes = std::max(bytes, f.bytes);
    }
    out.push_back(summarize("page /sessions/{id}", ms, bytes, 100));
  }
  out.push_back(api.run("GET /api/v1/sessions", "/api/v1/sessions", rounds, 100));
  out.push_back(
      api.run("GET /api/v1/sessions?covered=false", "/api/v1/sessions?covered=false", rounds, 100));
  out.push_back(api.run("GET /api/v1/hearings", "/api/v1/hearings", rounds, 100));
  auto dry = api.run("POST /api/v1/match (dry run)", "/api/v1/match", 3, 0, "{}");
  dry.bounded_size = false;
  out.push_back(dry);
  server.stop();
  serving.join();

  bool ok = true;
  std::printf("%-38s %9s %9s %9s %10s\n", "measurement", "p50 ms", "p99 ms", "max ms", "bytes");
  for (const auto& f : out) {
    if (f.skipped) {
      std::printf("%-38s %9s\n", f.name.c_str(), "-");
      continue;
    }
    const bool fast = f.limit_ms == 0 || f.p99_ms < f.limit_ms;
    const bool small = !f.bounded_size || f.bytes < 300 * 1024;
    ok = ok && fast && small;
    std::printf("%-38s %9.2f %9.2f %9.2f %10zu%s\n", f.name.c_str(), f.p50_ms, f.p99_ms, f.max_ms,
                f.bytes, fast && small ? "" : "  MISSES TARGET");
  }
  return ok ? 0 : 1;
}
