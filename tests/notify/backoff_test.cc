#include "notify/backoff.h"

#include <gtest/gtest.h>

namespace cw::notify {
namespace {

using std::chrono::seconds;

TEST(Backoff, DoublesFromTheBaseWithEqualJitter) {
  DeliveryConfig c;
  c.backoff_base = seconds{30};
  c.backoff_max = seconds{3600};
  EXPECT_EQ(backoff_delay(1, c, 0.0), seconds{15});
  EXPECT_EQ(backoff_delay(1, c, 0.999999), seconds{29});
  EXPECT_EQ(backoff_delay(2, c, 0.0), seconds{30});
  EXPECT_EQ(backoff_delay(3, c, 0.5), seconds{90});
  EXPECT_EQ(backoff_delay(4, c, 0.0), seconds{120});
}

TEST(Backoff, IsCappedAndNeverZero) {
  DeliveryConfig c;
  c.backoff_base = seconds{30};
  c.backoff_max = seconds{600};
  EXPECT_EQ(backoff_delay(10, c, 0.0), seconds{300});
  EXPECT_EQ(backoff_delay(60, c, 1.0), seconds{600});
  c.backoff_base = seconds{1};
  EXPECT_EQ(backoff_delay(1, c, 0.0), seconds{1});
}

TEST(Backoff, JitterSpreadsRetriesOfTheSameAttempt) {
  DeliveryConfig c;
  EXPECT_LT(backoff_delay(5, c, 0.1), backoff_delay(5, c, 0.9));
}

TEST(Backoff, GivesUpAfterMaxAttempts) {
  DeliveryConfig c;
  c.max_attempts = 3;
  EXPECT_TRUE(retry_allowed(1, c));
  EXPECT_TRUE(retry_allowed(2, c));
  EXPECT_FALSE(retry_allowed(3, c));
}

}  // namespace
}  // namespace cw::notify
