#include "core/import_run.h"

#include <gtest/gtest.h>

#include <set>

#include "core/text.h"

namespace cw {
namespace {

TEST(ImportRun, KeepsOnlyTwentySampleLinesPerReason) {
  ImportRun run;
  for (std::int64_t i = 1; i <= 25; ++i) {
    run.reject("bad-date", i * 10, "line " + std::to_string(i * 10));
  }
  run.reject("unknown-site", 3, "line 3");
  EXPECT_EQ(run.rejected["bad-date"].count, 25);
  EXPECT_EQ(run.rejected["bad-date"].lines.size(), 20u);
  EXPECT_EQ(run.rejected["bad-date"].lines.back(), 200);
  EXPECT_EQ(run.first_error["bad-date"], "line 10");
  EXPECT_EQ(run.rejected_total(), 26);
}

TEST(ImportRun, KeepsTheFieldOfEachReasonsFirstRow) {
  ImportRun run;
  run.reject("missing-field", 3, "line 3", "judge");
  run.reject("missing-field", 4, "line 4", "date");
  run.reject("bad-field-count", 5, "line 5");
  EXPECT_EQ(run.first_field.at("missing-field"), "judge");
  EXPECT_FALSE(run.first_field.contains("bad-field-count"));
  EXPECT_NE(run.rejected_json().find(R"("example":"line 3","field":"judge"})"), std::string::npos)
      << run.rejected_json();
}

TEST(RunFailure, EveryKindHasOneNameThatParsesBack) {
  std::set<std::string_view> names;
  for (const auto kind : all_run_failures()) {
    EXPECT_TRUE(names.insert(to_string(kind)).second) << to_string(kind);
    EXPECT_EQ(parse_run_failure(to_string(kind)), kind);
    EXPECT_EQ(run_failure(kind).key, "run.fail." + std::string(to_string(kind)));
  }
  EXPECT_EQ(names.size(), static_cast<std::size_t>(RunFailure::interrupted) + 1);
  EXPECT_FALSE(parse_run_failure("http"));
}

TEST(RunFailure, AnErrorWithoutAFailurePhraseGetsTheKindOfItsCode) {
  EXPECT_EQ(failure_of(Error::io("x")).key, "run.fail.io");
  EXPECT_EQ(failure_of(Error::database("locked")).key, "run.fail.database");
  EXPECT_EQ(failure_of(Error::invalid("x")).key, "run.fail.bad-input");
  EXPECT_EQ(failure_of(Error::not_found("x")).key, "run.fail.not-found");
  EXPECT_EQ(failure_of(Error::internal("x")).key, "run.fail.internal");
  // A phrase that is no run failure (a refusal's) is not taken for one.
  EXPECT_EQ(failure_of(Error::rule_broken("weekly-cap", "x", Phrase{"refusal.weekly-cap", {}})).key,
            "run.fail.database");
  const auto e = failed_as(Error::io("x"), run_failure(RunFailure::timed_out).arg("host", "a.org"));
  EXPECT_EQ(failure_of(e).key, "run.fail.timed-out");
  EXPECT_EQ(failure_of(e).args.at(0).second, "a.org");
}

TEST(RunFailure, AnInputIsNamedByItsHostOrItsFileNameOnly) {
  EXPECT_EQ(url_host("https://courts.example.org:8443/cal.ics?case=A-201-301"),
            "courts.example.org");
  EXPECT_EQ(url_host("http://user:secret@example.org/x"), "example.org");
  EXPECT_EQ(url_host("http://[::1]:8080/x"), "[::1]");
  EXPECT_EQ(url_host("/srv/data/h.csv"), "");
  EXPECT_EQ(input_label("/srv/A-201-301/h.csv"), "h.csv");
  EXPECT_EQ(input_label("/srv/eoir/release/"), "release");
  EXPECT_EQ(input_label("h.csv"), "h.csv");
  EXPECT_EQ(input_label("https://example.org/A-201-301.ics"), "example.org");
}

TEST(ImportRun, JsonHasTheDesignFieldsAndEscapesText) {
  ImportRun run;
  run.source = "csv";
  run.input = "a \"quoted\"\nname.csv";
  run.state = RunState::ok;
  run.rows_read = 3;
  run.added = 2;
  run.reject("bad-time", 4, "line 4, field 'time'");
  const auto json = run.to_json();
  EXPECT_NE(json.find(R"("input":"a \"quoted\"\nname.csv")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("rows_read":3,"new":2,"updated":0,"cancelled":0,"unchanged":0)"),
            std::string::npos)
      << json;
  EXPECT_NE(
      json.find(
          R"("rejected":{"bad-time":{"count":1,"lines":[4],"example":"line 4, field 'time'"}})"),
      std::string::npos)
      << json;
}

}  // namespace
}  // namespace cw
