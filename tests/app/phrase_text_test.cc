// The words of app/'s phrases in both languages: every pattern of the
// unfilled reasons (unfilled_text.h), of the refusals and refused actions
// (refusal_text.h), of the messages (message_text.h) and of the audit log
// (audit_text.h), filled with every value its choices name, reads
// wholly in Spanish — no word of the English text survives into the Spanish
// one except the values themselves — and the reasons the explainer gives
// read as a coordinator expects in both languages.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "app/audit_text.h"
#include "app/import_text.h"
#include "app/message_text.h"
#include "app/refusal_text.h"
#include "app/unfilled_text.h"
#include "scheduler/explain.h"
#include "tests/scheduler/builders.h"

namespace cw::app {
namespace {

using scheduler::testing::make_session;
using scheduler::testing::make_volunteer;

// Values for a placeholder: every code a pattern chooses on, counts both
// singular and plural, names and places with words of their own.
std::vector<std::string> samples(const std::string& name) {
  static const std::map<std::string, std::vector<std::string>> kCodes{
      {"half", {"am", "pm"}},
      {"weekday", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}},
      {"state", {"cancelled", "declined"}},
      {"assignment_state", {"proposed", "invited", "confirmed", "declined", "cancelled"}},
      {"pinned", {"yes", "no"}},
      {"role", {"admin", "coordinator"}},
      {"scope", {"closed", "partial"}},
      {"purpose", {"feed-volunteer", "volunteer-link"}},
      {"ice", {"yes", "no", "unsure"}},
      {"user", {"alice"}},
      {"volunteer", {"v0001"}},
      {"weekly", {"", "mon-am tue"}},
      {"blackouts", {"", "2026-12-24"}},
      {"first", {"booked", "capped", "trainee", "loaded", "unplaced"}},
      {"name", {"Zoe Quill"}},
      {"place", {"HOU Courtroom 3"}},
      {"clash", {"HOU Courtroom 7"}},
      {"site", {"HOU"}},
      {"sites", {"", "CHI, HOU"}},
      {"handle", {"v0009"}},
      {"date", {"2026-12-08"}},
      {"week", {"2026-12-07"}},
  };
  if (const auto it = kCodes.find(name); it != kCodes.end()) return it->second;
  return {"1", "3"};  // counts and ids
}

// An import pattern worded in "en" or "es" (web/i18n does the same for a page).
std::string worded_import(std::string_view lang, const Phrase& phrase) {
  for (const auto& p : import_patterns()) {
    if (p.key == phrase.key) return fill(lang == "es" ? p.es : p.en, phrase);
  }
  return "(no pattern " + phrase.key + ")";
}

// Every combination of sample values over the pattern's placeholders.
std::vector<Phrase> fillings(std::string_view key, std::string_view pattern) {
  std::vector<Phrase> out{Phrase{std::string(key), {}}};
  for (const auto& name : placeholders(pattern)) {
    std::vector<Phrase> next;
    for (const auto& p : out) {
      for (const auto& v : samples(name)) {
        Phrase q = p;
        next.push_back(q.arg(name, v));
      }
    }
    out = std::move(next);
  }
  return out;
}

std::set<std::string> words(const std::string& s) {
  std::set<std::string> out;
  static const std::regex kWord("[A-Za-z]{3,}");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), kWord); it != std::sregex_iterator();
       ++it) {
    std::string w = it->str();
    for (auto& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.insert(w);
  }
  return out;
}

void expect_wholly_spanish(const PhrasePattern& p) {
  for (const auto& phrase : fillings(p.key, p.en)) {
    const std::string en = fill(p.en, phrase), es = fill(p.es, phrase);
    std::set<std::string> values;
    for (const auto& [n, v] : phrase.args) values.merge(words(v));
    // Words spelled alike in both languages.
    static const std::set<std::string> kShared{"manual", "plan", "ice", "api"};
    for (const auto& w : words(en)) {
      if (values.contains(w) || kShared.contains(w)) continue;
      EXPECT_FALSE(words(es).contains(w))
          << p.key << ": English '" << w << "' in \"" << es << "\" (English: \"" << en << "\")";
    }
    EXPECT_EQ(es.find('{'), std::string::npos) << p.key << ": " << es;
    EXPECT_EQ(en.find('{'), std::string::npos) << p.key << ": " << en;
  }
}

TEST(PhraseText, EveryUnfilledReasonReadsWhollyInSpanish) {
  ASSERT_GE(unfilled_patterns().size(), 8u);
  for (const auto& p : unfilled_patterns()) {
    EXPECT_EQ(placeholders(p.en), placeholders(p.es)) << p.key;
    expect_wholly_spanish(p);
  }
}

TEST(PhraseText, EveryRefusalMessageAndAuditEntryReadsWhollyInSpanish) {
  ASSERT_GE(audit_patterns().size(), 3 * 27u);  // every action: name, subject and detail
  for (const auto table : {refusal_patterns(), message_patterns(), audit_patterns()}) {
    for (const auto& p : table) {
      EXPECT_EQ(p.en.empty(), p.es.empty()) << p.key;
      EXPECT_EQ(placeholders(p.en), placeholders(p.es)) << p.key;
      expect_wholly_spanish(p);
    }
  }
}

TEST(PhraseText, AMessageCarriesItsEnglishWordsAndItsPhrase) {
  const Error e = unknown_volunteer("v0009");
  EXPECT_EQ(e.code, Errc::not_found);
  EXPECT_EQ(e.message, "no volunteer 'v0009'");  // the API's and the CLI's words, unchanged
  EXPECT_EQ(e.phrase.key, "refusal.no-volunteer");
  const Error site = unknown_site(Errc::invalid_input, "ZZZ");
  EXPECT_EQ(site.message, "unknown site 'ZZZ'");
  EXPECT_EQ(site.phrase.key, "message.unknown-site");
}

// The JSON API and the CLI keep their English words (DESIGN.md §8) while a
// page gets the phrase; worded() is what the daily digest's reasons use.
TEST(PhraseText, MessagesKeepTheirEnglishWordsAndWordTheSameInSpanish) {
  const LocalDate d1 = *parse_iso_date("2026-12-01"), d8 = *parse_iso_date("2026-12-08");
  const std::pair<Error, std::string> cases[] = {
      {no_session(12), "session 12 does not exist"},
      {no_volunteer(7), "volunteer 7 does not exist"},
      {no_volunteer(7, Lookup::by_number), "no volunteer with id 7"},
      {no_assignment(4), "assignment 4 does not exist"},
      {assignment_was_cancelled(4, true), "assignment 4 was cancelled and cannot be confirmed"},
      {assignment_was_cancelled(4, false), "assignment 4 was cancelled"},
      {foreign_cursor(), "cursor: not a cursor returned by this list (ask again without it)"},
      {malformed_cursor(), "cursor: malformed"},
      {out_of_range(Bound::limit, 1000, 0), "limit: expected 1 to 1000, got 0"},
      {out_of_range(Bound::days, 62), "days: expected 1 to 62"},
      {out_of_range(Bound::uncovered_limit, 1000), "uncovered_limit: expected 0 to 1000"},
      {backwards_range(RangeOf::list, d8, d1), "to: 2026-12-01 is before from (2026-12-08)"},
      {backwards_range(RangeOf::plan, d8, d1),
       "the plan's range ends (2026-12-01) before it starts (2026-12-08)"},
      {backwards_range(RangeOf::report, d8, d1),
       "the range ends (2026-12-01) before it starts (2026-12-08)"},
      {volunteer_incomplete(Missing::id), "the volunteer needs an id, e.g. v0042"},
      {volunteer_incomplete(Missing::name), "the volunteer needs a name"},
      {volunteer_incomplete(Missing::negative_cap), "max per week cannot be negative"},
  };
  for (const auto& [e, message] : cases) {
    EXPECT_EQ(e.message, message);
    EXPECT_FALSE(e.phrase.key.empty()) << message;
    EXPECT_EQ(worded("en", e.phrase), message);
    const std::string es = worded("es", e.phrase);
    EXPECT_FALSE(es.empty()) << message;
    EXPECT_NE(es, message);
  }
  EXPECT_EQ(worded("es", no_session(12).phrase), "la sesión 12 no existe");
  EXPECT_EQ(worded("es", backwards_range(RangeOf::plan, d8, d1).phrase),
            "el periodo del plan termina (2026-12-01) antes de empezar (2026-12-08)");
}

// Issue 8: every reason code an importer records (found in scrapers/'s
// sources, so a new reason without words fails here) has a name and an
// expectation in both languages, and the Spanish ones hold no English word
// but the literal values a file must contain.
TEST(PhraseText, EveryRejectionReasonOfTheImportersHasWordsInBothLanguages) {
  static const std::regex kCode(
      R"re((?:reject\(|Reject\{|reason = |return )"([a-z]+(?:-[a-z0-9]+)+)")re");
  std::set<std::string> codes;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(CW_SOURCE_DIR) + "/scrapers")) {
    if (entry.path().extension() != ".cc" && entry.path().extension() != ".h") continue;
    std::ifstream in(entry.path());
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kCode);
         it != std::sregex_iterator(); ++it) {
      codes.insert((*it)[1].str());
    }
  }
  ASSERT_GE(codes.size(), 30u);  // the scan finds what it is for
  ImportRun run;
  for (const auto& code : codes) {
    const auto w = reject_words(run, code);
    EXPECT_EQ(w.label.key, "reject." + code) << code << " has no words";
    for (const auto& key : {w.label.key, w.expected.key}) {
      bool found = false;
      for (const auto& p : import_patterns()) found = found || p.key == key;
      EXPECT_TRUE(found) << key;
    }
  }
  // Literal values a file must hold, the same on an English and a Spanish page.
  static const std::set<std::string> kFileTokens{
      "yyyy", "hhmm", "bytes", "utf", "nul", "kib", "master", "individual", "bond", "check",
      "other", "yes", "true", "false", "scheduled", "cancelled", "trainee", "watcher", "lead",
      "mon", "tue", "sun", "uid", "dtstart", "rrule", "freq", "rdate", "exdate", "vtimezone",
      "iana", "tzid",
      // Names of formats and protocols, the same in both languages.
      "http", "https", "url", "icalendar", "eoir"};
  for (const auto& p : import_patterns()) {
    EXPECT_EQ(placeholders(p.en), placeholders(p.es)) << p.key;
    EXPECT_FALSE(p.es.empty()) << p.key;
    for (const auto& field : {std::string(), std::string("date")}) {
      Phrase phrase{std::string(p.key), {}};
      phrase.arg("field", field);
      const std::string en = fill(p.en, phrase), es = fill(p.es, phrase);
      for (const auto& w : words(en)) {
        if (w == field || kFileTokens.contains(w)) continue;
        EXPECT_FALSE(words(es).contains(w)) << p.key << ": English '" << w << "' in \"" << es;
      }
    }
  }
}

// The parameters a RunFailure phrase may carry (core/import_run.h).
const std::set<std::string> kFailureParams{"host", "status", "file", "limit"};

TEST(PhraseText, EveryKindOfFailedRunHasWordsInBothLanguages) {
  ASSERT_FALSE(all_run_failures().empty());
  for (const auto kind : all_run_failures()) {
    const Phrase phrase = run_failure(kind)
                              .arg("host", "courts.example.org")
                              .arg("status", "503")
                              .arg("file", "hearings.csv")
                              .arg("limit", "16 MB");
    const PhrasePattern* pattern = nullptr;
    for (const auto& p : import_patterns()) {
      if (p.key == phrase.key) pattern = &p;
    }
    ASSERT_NE(pattern, nullptr) << phrase.key << " has no words";
    EXPECT_FALSE(pattern->en.empty()) << phrase.key;
    EXPECT_FALSE(pattern->es.empty()) << phrase.key;
    EXPECT_EQ(placeholders(pattern->en), placeholders(pattern->es)) << phrase.key;
    for (const auto& name : placeholders(pattern->en)) {
      EXPECT_TRUE(kFailureParams.contains(name)) << phrase.key << ": {" << name << "}";
    }
    const std::string en = worded("en", phrase), es = worded("es", phrase);
    EXPECT_NE(en, es) << phrase.key;
    EXPECT_EQ(es.find('{'), std::string::npos) << es;
    ImportRun run;
    run.state = RunState::failed;
    run.failure = phrase;
    EXPECT_EQ(failure_words(run).key, phrase.key);
  }
}

TEST(PhraseText, AFailedRunReadsInTheReadersLanguage) {
  ImportRun run;
  run.state = RunState::failed;
  run.error = "https://courts.example.org/cal.ics: HTTP 503 (after 3 attempts)";
  run.failure =
      run_failure(RunFailure::http_status).arg("host", "courts.example.org").arg("status", "503");
  EXPECT_EQ(worded("es", failure_words(run)),
            "el servidor courts.example.org respondió con el código HTTP 503");
  EXPECT_EQ(worded("en", failure_words(run)),
            "the server courts.example.org answered with HTTP status 503");
  run.failure = run_failure(RunFailure::too_large).arg("host", "a.org").arg("limit", "16 MB");
  EXPECT_EQ(worded("es", failure_words(run)), "la respuesta de a.org supera el límite de 16 MB");
  run.failure = run_failure(RunFailure::too_large).arg("file", "big.ics").arg("limit", "64 MB");
  EXPECT_EQ(worded("es", failure_words(run)), "big.ics supera el límite de 64 MB");
  // Recorded before runs had a kind: nothing to word, the page shows run.error.
  run.failure = {};
  EXPECT_TRUE(failure_words(run).key.empty());
  // A run that did not fail has no failure to word.
  run.state = RunState::ok;
  run.failure = run_failure(RunFailure::io);
  EXPECT_TRUE(failure_words(run).key.empty());
}

TEST(PhraseText, ARejectionNamesTheFieldOfItsFirstRowButNoValue) {
  ImportRun run;
  run.source = "csv";
  run.reject("missing-field", 7, "h.csv: line 7, field 'judge': required value is empty", "judge");
  run.reject("bad-date", 9, "h.csv: line 9, field 'date': expected YYYY-MM-DD, got 'A-201-301'",
             "date");
  // The field is what the importer recorded; the English message is never read.
  run.reject("bad-time", 3, "h.csv: line 3, field 'time_of_day': expected HH:MM", "end_time");
  run.reject("bad-field-count", 4, "h.csv: line 4, field 'judge': expected 12 fields");
  EXPECT_EQ(worded_import("en", reject_words(run, "bad-time").expected),
            "end_time: expected HH:MM, H:MM AM/PM or HHMM");
  EXPECT_EQ(worded_import("es", reject_words(run, "bad-field-count").expected),
            "se esperaba tantos campos como la cabecera");
  const auto missing = reject_words(run, "missing-field");
  EXPECT_EQ(worded_import("es", missing.expected),
            "judge: se esperaba un valor: el campo es obligatorio");
  const auto bad = reject_words(run, "bad-date");
  EXPECT_EQ(worded_import("es", bad.label), "fecha no válida");
  EXPECT_EQ(worded_import("en", bad.expected), "date: expected YYYY-MM-DD or M/D/YYYY");
  EXPECT_TRUE(reject_words(run, "no-such-reason").label.key.empty());
}

TEST(PhraseText, AnAuditEntryWithoutStoredValuesShowsAsStored) {
  store::AuditEntry old{1, {}, "alice", "closure.add", "HOU 2026-12-08", "closed: 3 hearings"};
  EXPECT_TRUE(audit_words(old).subject.key.empty());
  EXPECT_TRUE(audit_words(old).detail.key.empty());
  store::AuditEntry current{2,
                            {},
                            "alice",
                            "plan.invite",
                            "2026-12-01..2026-12-14",
                            R"({"from":"2026-12-01","to":"2026-12-14","invited":"1"})"};
  EXPECT_EQ(worded("es", audit_words(current).detail), "1 invitación");
  EXPECT_EQ(worded("en", audit_words(current).subject), "2026-12-01..2026-12-14");
}

TEST(PhraseText, EnglishAuditDetailsAgreeInNumberWithTheirCounts) {
  auto closure = [](const char* counts) {
    return store::AuditEntry{3, {}, "alice", "closure.add", "HOU 2026-12-08", counts};
  };
  EXPECT_EQ(worded("en", audit_words(closure(R"({"site":"HOU","date":"2026-12-08","scope":"full",)"
                                             R"("hearings":"1","sessions":"1","restored":"0",)"
                                             R"("assignments":"1"})"))
                             .detail),
            "closed: 1 hearing cancelled, 1 session cancelled, 0 restored, 1 assignment "
            "cancelled");
  EXPECT_EQ(worded("en", audit_words(closure(R"({"site":"HOU","date":"2026-12-08","scope":"full",)"
                                             R"("hearings":"3","sessions":"2","restored":"0",)"
                                             R"("assignments":"0"})"))
                             .detail),
            "closed: 3 hearings cancelled, 2 sessions cancelled, 0 restored, 0 assignments "
            "cancelled");
  const store::AuditEntry erase{
      4,
      {},
      "admin",
      "volunteer.erase",
      "volunteer 9",
      R"({"volunteer":"9","assignments":"1","reports":"1","messages":"2"})"};
  EXPECT_EQ(worded("en", audit_words(erase).detail),
            "1 assignment removed, 1 report kept without a name, 2 messages removed");
}

using Words = std::pair<std::string, std::string>;

// The reason of the only unfilled session of `in` under `plan`, in English
// (the API's and the CLI's words) and Spanish.
std::pair<std::string, std::string> unfilled_words(const scheduler::MatchInput& in,
                                                   const scheduler::Plan& plan) {
  const auto u = scheduler::explain_unfilled(in, plan);
  EXPECT_EQ(u.size(), 1u);
  if (u.empty()) return {};
  for (const auto& p : unfilled_patterns()) {
    if (p.key == u[0].why.key) return {english(u[0].why), fill(p.es, u[0].why)};
  }
  ADD_FAILURE() << "no pattern for " << u[0].why.key;
  return {};
}

TEST(PhraseText, WordsTheExplainersReasonsInBothLanguages) {
  scheduler::MatchInput in;
  in.sessions = {make_session({.site = "HOU", .day = 1})};
  in.volunteers = {make_volunteer("a", {"HOU"})};
  in.volunteers[0].availability.set_weekly(1, Half::am, false);
  EXPECT_EQ(unfilled_words(in, scheduler::match(in)),
            (Words{"no active volunteer for HOU on Tuesday mornings",
                   "ningún voluntario activo para HOU los martes por la mañana"}));

  in = {};
  for (int d = 0; d < 4; ++d) in.sessions.push_back(make_session({.day = d}));
  for (const char* h : {"a", "b", "c"})
    in.volunteers.push_back(make_volunteer(h, {"CHI"}, Role::watcher, 1));
  EXPECT_EQ(
      unfilled_words(in, scheduler::match(in)),
      (Words{"3 eligible, all at their weekly cap", "3 elegibles, todos en su límite semanal"}));

  in = {};
  in.sessions = {make_session({.detained = true, .individual = true}),
                 make_session({.judge = "Judge B"})};
  in.volunteers = {make_volunteer("a"), make_volunteer("b"),
                   make_volunteer("c", {"CHI"}, Role::watcher, 0)};
  EXPECT_EQ(unfilled_words(in, scheduler::match(in)),
            (Words{"3 eligible: 2 booked elsewhere that half-day, 1 at their weekly cap",
                   "3 elegibles: 2 con otra sesión esa media jornada, 1 en su límite semanal"}));

  // Issue 8: the only eligible volunteer, at 1 of 3 sessions that week and
  // unassigned by hand from this one, is free and worth the seat.
  in = {};
  in.sessions = {make_session({.day = 0}), make_session({.day = 1})};
  in.volunteers = {make_volunteer("ana", {"CHI"}, Role::watcher, 3)};
  scheduler::Plan stored;
  stored.assignments = {{0, 1, false}};
  EXPECT_EQ(unfilled_words(in, stored),
            (Words{"1 eligible, free and could take the seat: run the matcher or assign by hand",
                   "1 elegible, libre y podría ocupar la plaza: ejecute el emparejador o asigne a "
                   "mano"}));
}

}  // namespace
}  // namespace cw::app
