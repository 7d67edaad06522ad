// bench_match: the matcher on synthetic worlds from 2 sites / 30 volunteers
// to nationwide (70 sites, two weeks, ~15 000 sessions, 10 000 volunteers).
// Each size runs in a child process so its peak RSS is its own; the time is
// sessions building + matching (+ explanations), not data generation. Every
// plan is checked by the independent checker and scored by the independent
// scorer. --write-csv DIR also writes hearings.csv and volunteers.csv of the
// chosen size for `courtwatch import csv` / `courtwatch volunteers import`.
// Beside the matcher, each size also times LEMON's NetworkSimplex alone on
// the same flow network (every component's relaxation network merged into
// one graph: trainee arcs included, no branch and bound), so the matcher's
// own overhead over the bare solver shows in the same run; without trainees
// the two objectives must agree.
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench/match/generator.h"
#include "scheduler/explain.h"
#include "scheduler/match_network.h"
#include "scheduler/matcher.h"
#include "scheduler/plan_check.h"
#include "scheduler/sessions.h"

namespace {

using namespace cw;

struct Size {
  const char* name;
  int sites;
  int volunteers;
  double trainees;
};

constexpr Size kSizes[] = {
    {"small", 2, 30, 0.1},          {"metro", 6, 300, 0.1},
    {"regional", 20, 2500, 0.1},    {"nationwide-no-trainees", 70, 10000, 0.0},
    {"nationwide", 70, 10000, 0.1},
};

std::vector<std::string> site_codes(const std::string& sites_csv) {
  std::vector<std::string> codes;
  std::ifstream in(sites_csv);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto comma = line.find(',');
    if (comma != std::string::npos && comma > 0) codes.push_back(line.substr(0, comma));
  }
  for (int i = static_cast<int>(codes.size()); i < 200; ++i)
    codes.push_back("S" + std::to_string(i));
  return codes;
}

bench::WorldSpec spec_for(const Size& size, const std::vector<std::string>& codes,
                          std::uint32_t seed) {
  bench::WorldSpec spec;
  spec.sites = codes;
  spec.site_count = size.sites;
  spec.volunteers = size.volunteers;
  spec.trainee_share = size.trainees;
  spec.first_day = LocalDate{date::year{2026} / 3 / 2};
  spec.seed = seed;
  return spec;
}

// CPU time of this process, to tell the algorithm's cost from waiting for a
// shared machine's cores.
double cpu_seconds() {
  timespec ts{};
  (void)clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// LEMON's NetworkSimplex, called directly, on the matcher's flow network
// (all components in one graph, min cost over flows of any value via a free
// source-sink bypass). Returns the optimum's profit and the seconds taken to
// build and solve the graph (not to prepare the instance).
struct LemonRun {
  std::int64_t profit = 0;
  double seconds = 0;
  std::size_t arcs = 0;
};

LemonRun run_lemon(const scheduler::MatchInput& in) {
  using Graph = lemon::SmartDigraph;
  const scheduler::Instance inst = scheduler::prepare(in);
  std::vector<scheduler::ComponentNetwork> nets;
  for (const auto& comp : inst.components) {
    if (!comp.candidates.empty()) nets.push_back(scheduler::component_network(inst, comp));
  }
  const auto t0 = std::chrono::steady_clock::now();
  Graph g;
  const Graph::Node source = g.addNode(), sink = g.addNode();
  Graph::ArcMap<int> upper(g);
  Graph::ArcMap<std::int64_t> cost(g);
  int supply = 0;
  LemonRun run;
  for (const auto& net : nets) {
    std::vector<Graph::Node> node(static_cast<std::size_t>(net.flow.node_count()));
    for (int i = 0; i < net.flow.node_count(); ++i) {
      node[static_cast<std::size_t>(i)] = i == net.source ? source
                                          : i == net.sink ? sink
                                                          : g.addNode();
    }
    for (const auto& a : net.flow.arcs()) {
      const auto arc =
          g.addArc(node[static_cast<std::size_t>(a.from)], node[static_cast<std::size_t>(a.to)]);
      upper[arc] = a.capacity;
      cost[arc] = a.cost;
      if (a.from == net.source) supply += a.capacity;
      ++run.arcs;
    }
  }
  const auto bypass = g.addArc(source, sink);
  upper[bypass] = supply;
  cost[bypass] = 0;
  lemon::NetworkSimplex<Graph, int, std::int64_t> simplex(g);
  simplex.upperMap(upper).costMap(cost).stSupply(source, sink, supply);
  simplex.run();
  run.profit = -simplex.totalCost();
  run.seconds = seconds_since(t0);
  return run;
}

int run_one(const Size& size, const std::vector<std::string>& codes, std::uint32_t seed) {
  const bench::World world = bench::generate(spec_for(size, codes, seed));
  const auto t0 = std::chrono::steady_clock::now();
  scheduler::MatchInput in;
  in.sessions = scheduler::build_sessions(world.hearings);
  in.volunteers = world.volunteers;
  const double t_sessions = seconds_since(t0);
  const auto t1 = std::chrono::steady_clock::now();
  const double cpu0 = cpu_seconds();
  const scheduler::Plan plan = scheduler::match(in);
  const double t_match = seconds_since(t1);
  const double cpu_match = cpu_seconds() - cpu0;
  const auto unfilled = scheduler::explain_unfilled(in, plan);
  const double t_total = seconds_since(t0);
  const auto problems = scheduler::check_plan(in, plan.assignments);
  const bool score_ok = scheduler::score_plan(in, plan.assignments) == plan.objective;
  const double gap = plan.bound > 0 ? 100.0 * static_cast<double>(plan.bound - plan.objective) /
                                          static_cast<double>(plan.bound)
                                    : 0.0;
  std::printf(
      "%-24s %5d %6zu %7zu %8lld %6d %8zu %7zu %11lld %7.3f%% %7.3f %7.3f %7.3f %s\n", size.name,
      size.sites, in.volunteers.size(), in.sessions.size(),
      static_cast<long long>(plan.stats.pairs), plan.stats.components, plan.assignments.size(),
      unfilled.size(), static_cast<long long>(plan.objective), gap, t_sessions, t_match, t_total,
      problems.empty() && score_ok
          ? "ok"
          : ("FAIL: " + (problems.empty() ? std::string("score") : problems.front())).c_str());
  std::printf(
      "%-24s match CPU %.3f s; flow solves %d, arcs solved %lld, "
      "branch-and-bound nodes %d, bound %lld\n",
      size.name, cpu_match, plan.stats.flow_solves, static_cast<long long>(plan.stats.flow_arcs),
      plan.stats.bb_nodes, static_cast<long long>(plan.bound));
  const LemonRun lemon = run_lemon(in);
  const bool no_trainees = size.trainees == 0.0;
  const bool lemon_ok = !no_trainees || lemon.profit == plan.objective;
  std::printf(
      "%-24s LEMON NetworkSimplex alone on the same network (%zu arcs): %.3f s, profit %lld%s; "
      "matcher/LEMON time %.2fx\n",
      size.name, lemon.arcs, lemon.seconds, static_cast<long long>(lemon.profit),
      no_trainees ? (lemon_ok ? " = matcher objective" : " != matcher objective: FAIL")
                  : " (relaxation: trainees may sit alone)",
      t_match / lemon.seconds);
  (void)std::fflush(stdout);
  return problems.empty() && score_ok && lemon_ok ? 0 : 1;
}

int write_csv(const Size& size, const std::vector<std::string>& codes, std::uint32_t seed,
              const std::string& dir) {
  const bench::World world = bench::generate(spec_for(size, codes, seed));
  std::filesystem::create_directories(dir);
  std::ofstream h(dir + "/hearings.csv"), v(dir + "/volunteers.csv");
  bench::write_hearings_csv(world, h);
  bench::write_volunteers_csv(world, v);
  std::printf("wrote %zu hearings and %zu volunteers to %s\n", world.hearings.size(),
              world.volunteers.size(), dir.c_str());
  return h && v ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string only, csv_dir, sites_csv = std::string(CW_SOURCE_DIR) + "/config/sites.csv";
  std::uint32_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--size" && has_value) {
      only = argv[++i];
    } else if (a == "--seed" && has_value) {
      seed = static_cast<std::uint32_t>(std::stoul(argv[++i]));
    } else if (a == "--sites" && has_value) {
      sites_csv = argv[++i];
    } else if (a == "--write-csv" && has_value) {
      csv_dir = argv[++i];
    } else {
      (void)std::fprintf(stderr,
                         "usage: bench_match [--size NAME] [--seed N] [--sites sites.csv] "
                         "[--write-csv DIR]\nsizes: small metro regional nationwide-no-trainees "
                         "nationwide\n");
      return 2;
    }
  }
  const auto codes = site_codes(sites_csv);
  if (!csv_dir.empty()) {
    for (const auto& size : kSizes) {
      if (only.empty() ? std::strcmp(size.name, "small") == 0 : only == size.name) {
        return write_csv(size, codes, seed, csv_dir);
      }
    }
    (void)std::fprintf(stderr, "unknown size '%s'\n", only.c_str());
    return 2;
  }
  std::printf("%-24s %5s %6s %7s %8s %6s %8s %7s %11s %8s %7s %7s %7s %s\n", "size", "sites",
              "vols", "sessions", "pairs", "comps", "assigned", "unfilled", "objective", "gap",
              "sess_s", "match_s", "total_s", "check");
  int failures = 0;
  for (const auto& size : kSizes) {
    if (!only.empty() && only != size.name) continue;
    (void)std::fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) _exit(run_one(size, codes, seed));
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    // ru_maxrss is in kilobytes on Linux.
    std::printf("%-24s peak RSS %.1f MB\n", size.name, static_cast<double>(usage.ru_maxrss) / 1024);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failures;
  }
  return failures ? 1 : 0;
}
