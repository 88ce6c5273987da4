// A bounded pool of PostgreSQL connections. A libpqxx connection is not
// thread-safe, so each call borrows one for its duration.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "pqxx/connection"

namespace plenary::storage::pg {

class ConnectionPool {
 public:
  // Runs on each new connection, e.g. to prepare statements.
  using Setup = std::function<void(pqxx::connection&)>;

  // Opens connections lazily, at most `size` at once. Connecting does not
  // happen here: a database that is down now may be up by the first call.
  ConnectionPool(std::string url, int size, Setup setup = nullptr);
  ~ConnectionPool();

  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Runs fn with a borrowed connection and returns its status. libpqxx
  // exceptions become statuses (see errors.h). A broken connection is
  // dropped, and the call is retried once on a new one when the broken one
  // was an idle connection (the server may have restarted since): nothing
  // was committed in that case.
  absl::Status Run(absl::string_view operation,
                   absl::FunctionRef<absl::Status(pqxx::connection&)> fn);

  // Calls `observer` with how long each borrower waited for a connection
  // (zero when one was free), e.g. for a metric. Set before the first Run.
  void ObserveWaits(std::function<void(absl::Duration)> observer);

  int size() const { return size_; }
  // Connections open now, and how many of them are lent out.
  int open() const;
  int in_use() const;

 private:
  // A connection and whether it came from the idle list.
  struct Lease {
    std::unique_ptr<pqxx::connection> connection;
    bool reused = false;
  };

  absl::Status Acquire(absl::string_view operation, Lease& lease);
  void Release(std::unique_ptr<pqxx::connection> connection);

  const std::string url_;
  const int size_;
  const Setup setup_;
  std::function<void(absl::Duration)> observe_wait_;

  mutable absl::Mutex mu_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;  // idle plus borrowed
};

}  // namespace plenary::storage::pg
