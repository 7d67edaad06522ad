#include "web/i18n.h"

#include <gtest/gtest.h>

#include "app/refusal_text.h"
#include "core/error.h"
#include "web/desk.h"

namespace cw::web {
namespace {

TEST(I18n, NegotiatesByQualityAndFallsBackToEnglish) {
  EXPECT_EQ(negotiate("es-MX,es;q=0.9,en;q=0.8"), Lang::es);
  EXPECT_EQ(negotiate("en-US,es;q=0.5"), Lang::en);
  EXPECT_EQ(negotiate("fr-FR,es;q=0.3"), Lang::es);
  EXPECT_EQ(negotiate("fr-FR"), Lang::en);
  EXPECT_EQ(negotiate(""), Lang::en);
  EXPECT_EQ(negotiate("es;q=garbage,en;q=0.1"), Lang::en);
}

TEST(I18n, EveryEnglishKeyHasASpanishTranslation) {
  for (const char* key :
       {"hearings.title", "hearings.intro", "hearings.none", "col.date", "col.time", "col.location",
        "col.judge", "col.type", "col.language", "col.detained", "yes", "type.master",
        "type.individual", "type.bond", "type.check-in", "type.other", "times.local"}) {
    EXPECT_TRUE(has_entry(Lang::en, key)) << key;
    EXPECT_TRUE(has_entry(Lang::es, key)) << key;
  }
  EXPECT_EQ(tr(Lang::es, "hearings.title"), "Próximas audiencias");
  EXPECT_EQ(tr(Lang::es, "yes"), "sí");
  EXPECT_FALSE(has_entry(Lang::es, "no.such.key"));
  EXPECT_EQ(tr(Lang::es, "no.such.key"), "no.such.key");  // a gap shows up, never empty
}

TEST(I18n, EveryRefusalPatternHasBothLanguagesWithTheSameValues) {
  ASSERT_GE(app::refusal_patterns().size(), 10u);
  for (const auto& p : app::refusal_patterns()) {
    EXPECT_FALSE(p.en.empty()) << p.key;
    EXPECT_FALSE(p.es.empty()) << p.key;
    EXPECT_NE(p.en, p.es) << p.key;
    EXPECT_EQ(placeholders(p.en), placeholders(p.es)) << p.key;
    EXPECT_EQ(tr(Lang::es, p.key), p.es) << p.key;
    EXPECT_EQ(tr(Lang::en, p.key), p.en) << p.key;
  }
}

// A refused assignment as app/ returns it (the double booking of DESIGN §8).
Error double_booking() {
  Phrase p{"refusal.double-booked", {}};
  p.arg("name", "Ana Pérez").arg("clash", "HOU Courtroom 3").arg("half", "am");
  return Error::rule_broken("double-booked", "Ana Pérez is already at HOU Courtroom 3 that morning",
                            p);
}

TEST(I18n, WordsARefusalWhollyInThePagesLanguage) {
  EXPECT_EQ(error_text(Lang::en, double_booking()),
            "Double booking: Ana Pérez is already at HOU Courtroom 3 that morning");
  EXPECT_EQ(error_text(Lang::es, double_booking()),
            "Doble asignación: Ana Pérez ya está en HOU Courtroom 3 esa mañana");
}

TEST(I18n, ShowsAnErrorWithoutAPhraseAsAppWroteIt) {
  EXPECT_EQ(error_text(Lang::es, Error::conflict("HOU Courtroom 3 is cancelled")),
            "HOU Courtroom 3 is cancelled");
  Error unknown = double_booking();
  unknown.phrase.key = "refusal.no-such-pattern";
  EXPECT_EQ(error_text(Lang::es, unknown),
            "Doble asignación: Ana Pérez is already at HOU Courtroom 3 that morning");
}

}  // namespace
}  // namespace cw::web
