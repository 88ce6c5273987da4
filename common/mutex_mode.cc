#include "common/mutex_mode.h"

#include "absl/synchronization/mutex.h"

namespace plenary {

void TurnOffMutexDeadlockDetection() {
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
}

}  // namespace plenary
