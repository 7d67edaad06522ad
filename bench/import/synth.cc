#include "bench/import/synth.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

namespace cw::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kScheduleHeader =
    "IDNSCHEDULE\tIDNPROCEEDING\tIDNCASE\tOSC_DATE\tGENERATION\tSUB_GENERATION\tREC_TYPE\tLANG\t"
    "HEARING_LOC_CODE\tBASE_CITY_CODE\tIJ_CODE\tINTERPRETER_CODE\tINPUT_DATE\tINPUT_TIME\t"
    "UPDATE_DATE\tUPDATE_TIME\tASSIGNMENT_PATH\tCAL_TYPE\tADJ_DATE\tADJ_TIME_START\tADJ_TIME_STOP\t"
    "ADJ_RSN\tADJ_MEDIUM\tADJ_MSG\tADJ_ELAP_DAYS\tLNGSESSNID\tSCHEDULE_TYPE\tNOTICE_CODE\t"
    "BLNCLOCKOVERRIDE\tEOIRAttorneyID";
constexpr int kJudges = 150;
constexpr std::string_view kLangCodes[] = {"SP",  "SP",  "SP",  "SP",  "ENG", "MAM",
                                           "POR", "MAN", "HAT", "FRE", "ARA", "QQZ"};
constexpr std::string_view kStartForms[] = {"0830", "0900", "0900", "0930", "1000", "1030", "1100",
                                            "0100", "0100", "0130", "0200", "0230", "0300", "830",
                                            "900",  "8:30", "9:00", "1:30", "1300", "08:30"};
constexpr std::string_view kStopForms[] = {"1000", "1130", "1200", "0300",
                                           "0430", "0500", "XX",   ""};
constexpr std::string_view kBadStarts[] = {"0000", "", "N/A", "99", "2561", "ab:cd", "???"};
constexpr std::string_view kNotHearing[] = {"AN", "SL", "TR", "DT", "**"};
constexpr std::string_view kDetainedTypes[] = {"MD", "RD", "ID"};
constexpr std::string_view kOtherTypes[] = {"", "", "", "NH", "MH", "IH", "N/A"};
constexpr std::string_view kNullLikes[] = {"N/A", "b6", "???", "  "};
constexpr std::string_view kUnknownSites[] = {"ZZQ", "XXX", "QQ1"};

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ULL + 1) {}
  std::uint64_t next() {  // splitmix64
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
  template <class T, std::size_t N>
  const T& pick(const T (&a)[N]) {
    return a[below(static_cast<int>(N))];
  }

 private:
  std::uint64_t s_;
};

bool proceeding_detained(std::uint64_t id) { return (id * 0x9E3779B97F4A7C15ULL >> 40) % 100 < 30; }

std::string judge_code(int i) {
  return {static_cast<char>('A' + i / 26 % 26), static_cast<char>('A' + i % 26), 'J'};
}

struct Writer {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f{nullptr, &std::fclose};
  std::string buf;
  const char* eol = "\r\n";
  std::uint64_t bytes = 0;

  Result<void> open(const fs::path& p, bool crlf) {
    f.reset(std::fopen(p.c_str(), "wb"));
    if (!f) return fail(Error::io(p.string() + ": cannot create"));
    eol = crlf ? "\r\n" : "\n";
    return {};
  }
  void line(std::string_view s) {
    buf.append(s);
    buf.append(eol);
    if (buf.size() > (1 << 20)) flush();
  }
  void flush() {
    bytes += buf.size();
    if (std::fwrite(buf.data(), 1, buf.size(), f.get()) != buf.size()) std::abort();  // disk full
    buf.clear();
  }
  Result<void> close() {
    flush();
    if (std::fclose(f.release()) != 0) return fail(Error::io("write failed"));
    return {};
  }
};

std::string date_text(LocalDate d, bool with_time) {
  auto s = date::format("%F", d);
  return with_time ? s + " 00:00:00.000" : s;
}

Result<void> write_lookups(const fs::path& dir, const std::vector<Site>& sites, bool crlf) {
  Writer w;
  CW_TRY(w.open(dir / "tblLookupBaseCity.csv", crlf));
  w.line("BASE_CITY_CODE\tBASE_CITY\tBASE_STATE\tBASE_ST_ADDRESS\tBASE_ZIP_1");
  for (const auto& s : sites) w.line(s.code + "\t" + s.name + "  \tXX\t1 Main St\t00000");
  CW_TRY(w.close());

  CW_TRY(w.open(dir / "TBLLOOKUPJUDGE.CSV", crlf));
  w.line("JUDGE_CODE\tJUDGE_NAME\tJUDGE_ADDRESS");
  for (int i = 0; i < kJudges - 10; ++i) {  // the last ten codes stay unknown
    std::string name = i % 7 == 0 ? "Pe\xF1"
                                    "a, Mar\xED"
                                    "a " +
                                        std::to_string(i)
                                  : "Judge " + std::to_string(i);
    if (i % 5 == 0) name += "   ";
    if (i % 11 == 0) name.insert(2, 1, '\0');
    w.line(judge_code(i) + "\t" + name + "\t");
  }
  CW_TRY(w.close());

  CW_TRY(w.open(dir / "tbllanguage.csv", crlf));
  w.line("strCode\tstrDescription\tblnActive");
  for (const auto& [code, name] : std::initializer_list<std::pair<std::string_view, std::string>>{
           {"SP", std::string("SPANISH", 7)},
           {"ENG", "ENGLISH "},
           {"MAM", "MAM"},
           {"POR", "PORTUGUESE"},
           {"MAN", std::string("MAND\0ARIN", 9)},
           {"HAT", "HAITIAN CREOLE"},
           {"FRE", "FRENCH"},
           {"ARA", "ARABIC"}}) {
    w.line(std::string(code) + "\t" + name + "\t1");
  }
  CW_TRY(w.close());

  CW_TRY(w.open(dir / "tblLookupHloc.csv", crlf));
  w.line("HEARING_LOC_CODE\tHEARING_LOC_NAME\tblnActive\tBASE_CITY_CODE");
  for (const auto& s : sites) {
    for (int r = 1; r <= 3; ++r) {
      const auto code = s.code + std::to_string(r);
      if (r == 1) w.line(code + "\tOld " + s.name + " annex\t0\t" + s.code);
      w.line(code + "\t" + s.name + " Courtroom " + std::to_string(r) + " \t1\t" + s.code);
    }
  }
  CW_TRY(w.close());

  CW_TRY(w.open(dir / "tbllookupSchedule_Type.csv", crlf));
  w.line("strCode\tstrDescription");
  for (const auto* c : {"MD\tMaster detained", "CY\tCustody redetermination", "AN\tAnnual leave"}) {
    w.line(c);
  }
  return w.close();
}

Result<std::uint64_t> write_proceedings(const fs::path& path, std::uint64_t count, bool crlf) {
  Writer w;
  CW_TRY(w.open(path, crlf));
  std::string header = "IDNPROCEEDING\tIDNCASE";
  for (int c = 2; c < 38; ++c) header += c == 27 ? "\tCUSTODY" : "\tCOL" + std::to_string(c);
  w.line(header);
  std::string row;
  const char* other_custody[] = {"R", "N", "", "R "};
  for (std::uint64_t id = 1; id <= count; ++id) {
    row = std::to_string(id) + "\t" + std::to_string(3000000 + id * 3);
    for (int c = 2; c < 38; ++c) {
      row += '\t';
      if (c == 27) {
        row += proceeding_detained(id) ? "D" : other_custody[id % 4];
      } else if (c % 9 == 3) {
        row += "2019-04-02 00:00:00.000";
      } else if (c % 5 == 0) {
        row += "X";
      }
    }
    w.line(row);
  }
  CW_TRY(w.close());
  return w.bytes;
}

}  // namespace

std::vector<Site> synth_sites() {
  const std::pair<const char*, const char*> list[] = {
      {"CHI", "America/Chicago"},     {"HOU", "America/Chicago"},     {"NYC", "America/New_York"},
      {"LOS", "America/Los_Angeles"}, {"SFR", "America/Los_Angeles"}, {"MIA", "America/New_York"},
      {"ATL", "America/New_York"},    {"DAL", "America/Chicago"},     {"PHO", "America/Phoenix"},
      {"DEN", "America/Denver"},      {"SEA", "America/Los_Angeles"}, {"BOS", "America/New_York"},
      {"NEW", "America/New_York"},    {"SNA", "America/Chicago"},     {"ELP", "America/Denver"},
      {"HON", "Pacific/Honolulu"}};
  std::vector<Site> out;
  for (const auto& [code, zone] : list) {
    out.push_back({code, std::string(code) + " Immigration Court", "1 Main St", zone,
                   SiteKind::immigration_court});
  }
  return out;
}

Result<SynthExpect> write_synthetic_release(const SynthOptions& opts) {
  const fs::path root(opts.dir);
  std::error_code ec;
  fs::create_directories(root / "Data", ec);
  fs::create_directories(root / "Lookup", ec);
  if (ec) return fail(Error::io(opts.dir + ": cannot create: " + ec.message()));
  const auto sites = synth_sites();
  CW_TRY(write_lookups(root / "Lookup", sites, opts.crlf));
  const auto proceedings = static_cast<std::uint64_t>(opts.rows / 3 + 1);

  SynthExpect ex;
  ex.proceeding_bytes =
      CW_TRY(write_proceedings(root / "Data" / "B_TblProceeding.csv", proceedings, opts.crlf));
  ex.schedule_path = (root / "Data" / "tbl_Schedule.csv").string();
  Writer w;
  CW_TRY(w.open(ex.schedule_path, opts.crlf));
  w.line(kScheduleHeader);
  Rng rng(opts.seed);
  std::string row;
  std::vector<std::string> f(30);
  for (std::int64_t i = 0; i < opts.rows; ++i) {
    ++ex.rows;
    const bool in_window = rng.chance(opts.window_fraction);
    const std::uint64_t proc = 1 + rng.next() % proceedings;
    const auto& site = sites[static_cast<std::size_t>(rng.below(static_cast<int>(sites.size())))];
    for (auto& s : f) s.clear();
    f[0] = std::to_string(10000000 + i);
    f[1] = std::to_string(proc);
    f[2] = std::to_string(3000000 + proc * 3);
    f[3] = "2018-06-0" + std::to_string(1 + rng.below(9)) + " 00:00:00.000";
    f[4] = "1";
    f[5] = "0";
    f[6] = "O";
    f[7] = rng.chance(0.02) ? std::string(rng.pick(kNullLikes)) : std::string(rng.pick(kLangCodes));
    if (rng.chance(0.05)) f[7] += " ";
    f[8] = site.code + std::to_string(1 + rng.below(4));  // room 4 is not in the lookup
    f[9] = rng.chance(0.03) ? site.code + "  " : site.code;
    f[10] =
        rng.chance(0.01) ? "b6" : judge_code(rng.below(kJudges)) + (rng.chance(0.05) ? " " : "");
    f[11] = "I" + std::to_string(rng.below(999));
    f[12] = "2019-01-15 00:00:00.000";
    f[13] = "1213";
    f[14] = "2020-02-11 00:00:00.000";
    f[15] = "0945";
    f[16] = "NNN";
    f[17] = rng.chance(0.65) ? "M" : rng.chance(0.9) ? "I" : "0";
    f[22] = rng.chance(0.5) ? "P" : "V";
    f[24] = std::to_string(rng.below(300));
    f[25] = std::to_string(rng.next() % 9000000);
    f[27] = "N";
    f[28] = "0";
    f[29] = rng.chance(0.3) ? std::to_string(rng.next() % 900000) : "";
    const bool time_part = !rng.chance(0.05);
    std::string_view type = rng.pick(kOtherTypes);
    if (!in_window) {
      ++ex.outside_window;
      const LocalDate d = rng.chance(0.7)
                              ? opts.as_of - date::days{1 + rng.below(7000)}
                              : opts.as_of + date::days{opts.horizon_days + rng.below(700)};
      f[18] = rng.chance(0.001) ? "" : date_text(d, time_part);
      f[19] =
          rng.chance(0.01) ? std::string(rng.pick(kBadStarts)) : std::string(rng.pick(kStartForms));
      if (rng.chance(0.02)) type = rng.pick(kNotHearing);
    } else {
      f[18] = date_text(opts.as_of + date::days{rng.below(opts.horizon_days)}, time_part);
      const bool unknown = rng.chance(0.002);
      if (unknown) f[9] = rng.pick(kUnknownSites);
      const int t = rng.below(100);
      type = t < 3    ? rng.pick(kNotHearing)
             : t < 11 ? rng.pick(kDetainedTypes)
             : t < 14 ? "CY"
                      : type;
      const bool bad_time = rng.chance(0.003);
      f[19] = bad_time ? rng.pick(kBadStarts) : rng.pick(kStartForms);
      if (t < 3) {
        ++ex.not_hearing;
      } else if (unknown) {
        ++ex.unknown_site;
      } else if (bad_time) {
        ++ex.bad_time;
      } else {
        ++ex.hearings;
        const int r = rng.below(100);
        f[21] = r < 12 ? "A" + std::to_string(r) : r < 15 ? "00" : "";
        ex.cancelled += r < 12;
        const bool typed = type == "MD" || type == "RD" || type == "ID";
        ex.detained += typed || proceeding_detained(proc);
      }
    }
    f[20] = rng.pick(kStopForms);
    if (rng.chance(0.02)) f[19] += " ";
    f[26] = type;
    const bool tabs = rng.chance(0.01);
    if (tabs) {
      ++ex.tabs_in_msg;
      f[23] =
          "Resp. requested\tcontinuance\tper IJ Pe\xF1"
          "a";
    } else if (rng.chance(0.05)) {
      f[23] = "Audiencia reprogramada, se\xF1or juez  ";
    }
    std::size_t fields = 30;
    if (!tabs && rng.chance(0.005)) {  // short row: only the last three (unused) fields go
      ++ex.short_rows;
      fields = 30 - static_cast<std::size_t>(1 + rng.below(3));
    }
    row.clear();
    for (std::size_t c = 0; c < fields; ++c) {
      if (c) row += '\t';
      row += f[c];
    }
    w.line(row);
  }
  CW_TRY(w.close());
  ex.schedule_bytes = w.bytes;
  return ex;
}

}  // namespace cw::bench
