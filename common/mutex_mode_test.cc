#include "common/mutex_mode.h"

#include <cstdlib>

#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"

namespace plenary {
namespace {

// Takes a then b, later b then a: an order deadlock detection objects to.
void LockInBothOrders() {
  absl::Mutex a;
  absl::Mutex b;
  {
    absl::MutexLock first(&a);
    absl::MutexLock second(&b);
  }
  {
    absl::MutexLock first(&b);
    absl::MutexLock second(&a);
  }
}

TEST(MutexModeTest, DebiansAbseilAbortsOnALockOrderItDislikes) {
  EXPECT_DEATH(
      {
        LockInBothOrders();
        std::exit(0);
      },
      "[Pp]otential [Mm]utex deadlock");
}

TEST(MutexModeTest, WithDetectionOffTheProcessCarriesOn) {
  EXPECT_EXIT(
      {
        TurnOffMutexDeadlockDetection();
        LockInBothOrders();
        std::exit(0);
      },
      ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace plenary
