// bench_web: coordinator pages and the JSON API on a nationwide database.
//
// The world (DESIGN.md §12: "500 000 hearings, 15 000 sessions") is the
// matcher benchmark's synthetic nationwide one — 70 sites, 10 000 volunteers,
// about 1 540 sessions a weekday, i.e. 15 000 sessions in any two weeks, the
// window every desk page and the matcher work on — over ten weeks (four past,
// six ahead), which is what it takes to hold 500 000 hearings at a docket's
// realistic 6 to 7 hearings per session. So the file holds about 77 000
// sessions in all and 15 400 in the dashboard's 14 days; the bench prints
// both. (15 000 sessions in all would mean 33 hearings a session, or two
// weeks of sessions with no history: neither is what a deployment holds, and
// a query that is not bounded by its window shows up only with the history.)
// It is imported through the same app/ use cases as `courtwatch import csv`
// and `volunteers import` (which refresh the sessions), planned and applied
// by app::apply_plan() over the next two weeks, the first week invited, and
// then the volunteers answer: every eighth invitation is declined and every
// other one confirmed (app::decline/confirm), so the window holds the state
// mix of a real fortnight and about a thousand uncovered sessions with
// reasons — the matcher alone covers every seat of this world, which would
// leave the dashboard's list and the uncovered filters nothing to show.
// The file is built once a day (the plan starts today) in the build
// directory. Then it serves that file with the real WebServer on loopback
// and measures, over keep-alive connections, the server time (request to
// last byte, p50/p99) and the bytes of: the dashboard page, the sessions list
// page (all, uncovered), session detail pages (a sample across the window,
// uncovered ones and the busiest site's included), GET /api/v1/sessions
// (first page, covered and uncovered filters), GET /api/v1/hearings and
// POST /api/v1/match as a dry run; plus the read models called directly.
// Targets (DESIGN.md §12): every page < 300 KB and < 100 ms p99, the
// dashboard < 50 ms. Prints one line per measurement (for the read models
// called directly also the median CPU time of the call, which the machine's
// other load does not inflate) and exits 1 when a target is missed.
// Usage: bench_web [ROUNDS] [--db PATH]
#include <httplib.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "app/accounts.h"
#include "app/assignments.h"
#include "app/imports.h"
#include "app/plan.h"
#include "app/queries.h"
#include "bench/match/generator.h"
#include "daemon/sites_file.h"
#include "store/db.h"
#include "store/schema.h"
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
  // Median CPU time of the calling thread (read models called directly
  // only): the work a call does, whatever else the shared machine runs.
  double cpu_p50_ms = -1;
};

// A session's live assignments, counted (the bench's own figure, whatever the
// schema keeps).
const std::string kLiveCount =
    "(SELECT count(*) FROM assignments a WHERE a.session_id = sessions.id AND a.state IN " +
    store::live_states_sql() + ")";

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

LocalDate today_of(Instant now) {
  return LocalDate{date::floor<date::days>(now).time_since_epoch()};
}

LocalDate this_monday(Instant now) { return iso_week_start(today_of(now)); }

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
  const auto coordinator = app::Actor::coordinator("bench");
  const int invited =
      check(app::invite(*db, clock, coordinator, today, today + date::days{6}), "invite");
  int declined = 0, confirmed = 0, n = 0;
  for (const auto& a :
       check(store::AssignmentRepo(*db).list(today, today + date::days{6}), "assignments")) {
    if (a.state != AssignmentState::invited) continue;
    if (++n % 8 == 0) {
      check(app::decline(*db, clock, coordinator, a.id), "decline");
      ++declined;
    } else if (n % 2 == 0) {
      check(app::confirm(*db, clock, coordinator, a.id), "confirm");
      ++confirmed;
    }
  }
  std::printf("planned; %d invited, %d declined, %d confirmed\n", invited, declined, confirmed);
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

double thread_cpu_ms() {
  timespec t{};
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0) return 0;  // no thread clock: no figure
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

template <class Fn>
Figures direct(const std::string& name, int rounds, double limit, Fn fn) {
  std::vector<double> ms, cpu;
  for (int i = 0; i < rounds; ++i) {
    const auto t0 = Clock_::now();
    const double c0 = thread_cpu_ms();
    fn();
    cpu.push_back(thread_cpu_ms() - c0);
    ms.push_back(ms_since(t0));
  }
  auto f = summarize(name, ms, 0, limit);
  f.bounded_size = false;
  std::ranges::sort(cpu);
  f.cpu_p50_ms = cpu[cpu.size() / 2];
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
    // v2: the world with answered invitations (see the top of this file);
    // one file per schema version, since the bench opens it without migrating.
    path = dir + "/nationwide-v2-s" + std::to_string(store::schema_version()) + "-" +
           format_date(today_of(now)) + ".db";
  }
  if (!std::filesystem::exists(path)) build_db(path, now);

  std::vector<Figures> out;
  SystemClock clock;
  const LocalDate today = today_of(now);
  {
    auto db = check(store::Database::open(path, store::OpenMode::read_write_existing), "open");
    // Counts in the whole file, or with ?1 and ?2 the window's first and last day.
    auto count = [&](const std::string& sql) {
      auto& q = db->stmt(sql);
      if (sql.find("?1") != std::string::npos) {
        q.bind(1, format_date(today)).bind(2, format_date(today + date::days{13}));
      }
      check(q.step(), "count");
      const auto n = q.int64(0);
      q.reset();
      return static_cast<long long>(n);
    };
    std::printf(
        "database: %lld hearings, %lld sessions (%lld active in the 14 days from today, %lld of "
        "them with an empty seat), %lld volunteers\n",
        count("SELECT count(*) FROM hearings"), count("SELECT count(*) FROM sessions"),
        count("SELECT count(*) FROM sessions WHERE date BETWEEN ?1 AND ?2 AND status = 'active'"),
        count("SELECT count(*) FROM sessions WHERE date BETWEEN ?1 AND ?2 AND status = 'active' "
              "AND " +
              kLiveCount + " < (CASE WHEN detained_hearings > 0 THEN 2 ELSE 1 END)"),
        count("SELECT count(*) FROM volunteers"));
    out.push_back(direct("model dashboard()", rounds, 50,
                         [&] { check(app::dashboard(*db, now), "dashboard"); }));
    out.push_back(direct("model list_sessions(100)", rounds, 100,
                         [&] { check(app::list_sessions(*db, {}, now), "sessions"); }));
    app::SessionQuery open;
    open.covered = false;
    out.push_back(direct("model list_sessions(covered=false)", rounds, 100,
                         [&] { check(app::list_sessions(*db, open, now), "sessions"); }));
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
  pages.client.set_read_timeout(60, 0);
  // Detail pages: a sample spread over the window's sessions, the first
  // uncovered ones (their candidates and reasons) and the busiest site's
  // (the most volunteers to rank).
  std::vector<Id> ids;
  {
    auto add = [&](const std::string& sql) {
      auto& q = admin->stmt(sql);
      q.bind(1, format_date(today)).bind(2, format_date(today + date::days{13}));
      while (check(q.step(), "ids")) ids.push_back(q.int64(0));
    };
    add("SELECT id FROM sessions WHERE date BETWEEN ?1 AND ?2 AND status = 'active' "
        "AND id % 400 = 0");
    add("SELECT id FROM sessions WHERE date BETWEEN ?1 AND ?2 AND status = 'active' "
        "AND " +
        kLiveCount +
        " < (CASE WHEN detained_hearings > 0 THEN 2 ELSE 1 END) ORDER BY date LIMIT 10");
    add("SELECT id FROM sessions WHERE date BETWEEN ?1 AND ?2 AND site = (SELECT site FROM "
        "volunteer_sites GROUP BY site ORDER BY count(*) DESC LIMIT 1) ORDER BY date LIMIT 10");
    if (ids.empty()) {
      (void)std::fprintf(stderr, "bench_web: no session in the next two weeks\n");
      return 1;
    }
    std::printf("detail pages: %zu sessions\n", ids.size());
  }
  out.push_back(pages.run("page / (the dashboard)", "/", rounds, 50));
  out.push_back(pages.run("page /sessions", "/sessions", rounds, 100));
  out.push_back(
      pages.run("page /sessions?coverage=uncovered", "/sessions?coverage=uncovered", rounds, 100));
  {
    std::vector<double> ms;
    std::size_t bytes = 0;
    for (int i = 0; i < std::max(rounds, static_cast<int>(ids.size())); ++i) {
      const auto f = pages.run("", "/sessions/" + std::to_string(ids[i % ids.size()]), 1, 100);
      ms.push_back(f.p50_ms);
      bytes = std::max(bytes, f.bytes);
    }
    out.push_back(summarize("page /sessions/{id}", ms, bytes, 100));
  }
  out.push_back(api.run("GET /api/v1/sessions", "/api/v1/sessions", rounds, 100));
  out.push_back(
      api.run("GET /api/v1/sessions?covered=false", "/api/v1/sessions?covered=false", rounds, 100));
  out.push_back(
      api.run("GET /api/v1/sessions?covered=true", "/api/v1/sessions?covered=true", rounds, 100));
  out.push_back(api.run("GET /api/v1/hearings", "/api/v1/hearings", rounds, 100));
  auto dry = api.run("POST /api/v1/match (dry run)", "/api/v1/match", 3, 0, "{}");
  dry.bounded_size = false;
  out.push_back(dry);
  server.stop();
  serving.join();

  bool ok = true;
  std::printf("%-40s %9s %9s %9s %10s %11s\n", "measurement", "p50 ms", "p99 ms", "max ms", "bytes",
              "cpu p50 ms");
  for (const auto& f : out) {
    const bool fast = f.limit_ms == 0 || f.p99_ms < f.limit_ms;
    const bool small = !f.bounded_size || f.bytes < 300 * 1024;
    ok = ok && fast && small;
    const std::string cpu = f.cpu_p50_ms < 0 ? "-" : std::to_string(f.cpu_p50_ms).substr(0, 6);
    std::printf("%-40s %9.2f %9.2f %9.2f %10zu %11s%s\n", f.name.c_str(), f.p50_ms, f.p99_ms,
                f.max_ms, f.bytes, cpu.c_str(), fast && small ? "" : "  MISSES TARGET");
  }
  return ok ? 0 : 1;
}
