#include "web/i18n.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace cw::web
