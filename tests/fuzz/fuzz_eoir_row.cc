// Fuzz target for the EOIR row parser: arbitrary bytes as tbl_schedule lines
// (and, when the first byte is odd, the first line as the header), through
// the row splitter and every row rule. It checks what must hold for any
// input: no crash or undefined behaviour, hearings only inside the window,
// times in range, every output string valid UTF-8, known reject reasons, and
// the case id never inside a message.
//
// Built with clang as a libFuzzer target, or with GCC into the standalone
// driver fuzz_driver.cc (corpus replay plus random mutations); see
// tests/fuzz/CMakeLists.txt.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/text.h"
#include "scrapers/eoir/fields.h"
#include "scrapers/eoir/schedule.h"

namespace {

using namespace cw;
using namespace cw::scrapers::eoir;

constexpr std::string_view kHeader =
    "IDNSCHEDULE\tIDNPROCEEDING\tIDNCASE\tOSC_DATE\tGENERATION\tSUB_GENERATION\tREC_TYPE\tLANG\t"
    "HEARING_LOC_CODE\tBASE_CITY_CODE\tIJ_CODE\tINTERPRETER_CODE\tINPUT_DATE\tINPUT_TIME\t"
    "UPDATE_DATE\tUPDATE_TIME\tASSIGNMENT_PATH\tCAL_TYPE\tADJ_DATE\tADJ_TIME_START\tADJ_TIME_STOP\t"
    "ADJ_RSN\tADJ_MEDIUM\tADJ_MSG\tADJ_ELAP_DAYS\tLNGSESSNID\tSCHEDULE_TYPE\tNOTICE_CODE\t"
    "BLNCLOCKOVERRIDE\tEOIRAttorneyID";

void check(bool ok) {
  if (!ok) std::abort();
}

const Lookups& lookups() {
  static const Lookups l = [] {
    Lookups x;
    x.language.add("SP", "spanish");
    x.judge.add("ABJ",
                "Pe\xC3\xB1"
                "a, Mar\xC3\xAD"
                "a");
    x.location.add("CHI1", "Chicago Courtroom 1");
    x.location.add("CHI1", "old", false);
    return x;
  }();
  return l;
}

const CustodySet& custody() {
  static const CustodySet c = [] {
    CustodySet s;
    for (std::uint64_t id : {1u, 42u, 700u, 4294967295u}) s.add(id);
    s.add(99999999999ULL);
    s.seal();
    return s;
  }();
  return c;
}

ImportScope scope() {
  ImportScope s;
  const int first = day_number(LocalDate{date::year{2026} / 3 / 2});
  s.sites = {{"CHI", first, first + 59}, {"HOU", first - 1, first + 58}, {"CHI-ERO", first, first}};
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string_view header = kHeader;
  if (!in.empty() && (static_cast<unsigned char>(in[0]) & 1)) {
    const auto nl = in.find('\n');
    header = in.substr(1, nl == std::string_view::npos ? in.size() - 1 : nl - 1);
    in = nl == std::string_view::npos ? std::string_view{} : in.substr(nl + 1);
  }
  const auto sc = scope();
  auto parser = ScheduleParser::create(header, sc, lookups(), custody());
  if (!parser) return 0;
  Hearing h;
  RowReject reject;
  std::int64_t line_no = 1;
  while (!in.empty()) {
    const auto nl = in.find('\n');
    const auto line = in.substr(0, nl);
    in = nl == std::string_view::npos ? std::string_view{} : in.substr(nl + 1);
    ++line_no;
    // The field parsers on their own, on the raw line.
    if (const auto t = parse_eoir_time(line)) check(t->count() > 0 && t->count() < 24 * 60);
    if (const auto d = parse_day_number(line)) check(*d > -800000 && *d < 3000000);
    (void)clean_code(line);
    switch (parser->parse(line, line_no, h, reject)) {
      case RowFate::hearing: {
        const int day = day_number(h.date);
        check(day >= parser->first_day() && day <= parser->last_day());
        check(h.start.count() > 0 && h.start.count() < 24 * 60);
        check(!h.stop || (h.stop->count() > 0 && h.stop->count() < 24 * 60));
        check(h.source_key.starts_with("eoir:") && h.source_key.size() > 5);
        for (const auto* s :
             {&h.source_key, &h.site, &h.location, &h.judge, &h.language, &h.case_ref}) {
          check(valid_utf8(*s));
        }
        check((h.status == HearingStatus::cancelled) == (h.cancel_reason == "source"));
        break;
      }
      case RowFate::rejected:
        check(reject.reason == "bad-time" || reject.reason == "unknown-site" ||
              reject.reason == "missing-id");
        check(valid_utf8(reject.message));
        break;
      default:
        break;
    }
  }
  return 0;
}
