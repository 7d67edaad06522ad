#include "web/html.h"

#include <gtest/gtest.h>

namespace cw::web {
namespace {

TEST(Html, EscapesEveryMarkupCharacterInValues) {
  EXPECT_EQ(escape_html(R"(<script>alert("x")</script> & 'q')"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;");
}

TEST(Html, LiteralsGoInRawAndValuesEscaped) {
  Html h;
  h.raw("<td>").text("Room <5>").raw("</td>");
  EXPECT_EQ(h.str(), "<td>Room &lt;5&gt;</td>");
}

}  // namespace
}  // namespace cw::web
