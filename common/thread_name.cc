#include "common/thread_name.h"

#include <pthread.h>

#include <string>

namespace plenary {
namespace {

constexpr size_t kMaxNameBytes = 15;  // and the terminating zero

}  // namespace

void NameThisThread(absl::string_view name) {
  const std::string truncated(name.substr(0, kMaxNameBytes));
  pthread_setname_np(pthread_self(), truncated.c_str());
}

std::string ThisThreadName() {
  char name[kMaxNameBytes + 1] = {};
  if (pthread_getname_np(pthread_self(), name, sizeof(name)) != 0) return "";
  return name;
}

}  // namespace plenary
