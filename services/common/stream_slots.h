// Bounds the long-lived streams a server holds: in total and per client, so
// that one client cannot take every slot.
#pragma once

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/server_context.h"

namespace plenary::services {

class StreamSlots {
 public:
  // `what` names the streams in refusals ("feed subscriptions").
  StreamSlots(std::string what, int max_total, int max_per_client);

  // Takes a slot for `client`, or RESOURCE_EXHAUSTED saying which bound was
  // reached. Every slot taken is given back with Release.
  absl::Status Acquire(const std::string& client);
  void Release(const std::string& client);

  int open() const;

  // Waits until exactly `count` slots are taken.
  void AwaitOpenForTest(int count) const;

 private:
  const std::string what_;
  const int max_total_;
  const int max_per_client_;
  mutable absl::Mutex mu_;
  int total_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<std::string, int> per_client_ ABSL_GUARDED_BY(mu_);
};

// Who a call comes from, for per-client bounds: the bearer token's place in
// its file when the call presented one (`token` >= 0), else the peer's IP
// address without its port, so that one host's connections count together.
std::string ClientKey(int token, const grpc::CallbackServerContext& context);

}  // namespace plenary::services
