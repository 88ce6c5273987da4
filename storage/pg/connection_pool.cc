#include "storage/pg/connection_pool.h"

#include <pqxx/pqxx>
#include <utility>

#include "absl/time/clock.h"
#include "storage/pg/errors.h"

namespace plenary::storage::pg {

ConnectionPool::ConnectionPool(std::string url, int size, Setup setup)
    : url_(std::move(url)), size_(size), setup_(std::move(setup)) {}

ConnectionPool::~ConnectionPool() = default;

int ConnectionPool::open() const {
  absl::MutexLock lock(&mu_);
  return open_;
}

int ConnectionPool::in_use() const {
  absl::MutexLock lock(&mu_);
  return open_ - static_cast<int>(idle_.size());
}

void ConnectionPool::ObserveWaits(std::function<void(absl::Duration)> observer) {
  observe_wait_ = std::move(observer);
}

absl::Status ConnectionPool::Acquire(absl::string_view operation, Lease& lease) {
  {
    const absl::Time asked = absl::Now();
    absl::MutexLock lock(&mu_);
    auto available = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
      return !idle_.empty() || open_ < size_;
    };
    mu_.Await(absl::Condition(&available));
    if (observe_wait_) observe_wait_(absl::Now() - asked);
    if (!idle_.empty()) {
      lease.connection = std::move(idle_.back());
      lease.reused = true;
      idle_.pop_back();
      return absl::OkStatus();
    }
    ++open_;  // reserve the slot before connecting outside the lock
  }
  try {
    auto connection = std::make_unique<pqxx::connection>(url_);
    if (setup_) setup_(*connection);
    lease.connection = std::move(connection);
    lease.reused = false;
    return absl::OkStatus();
  } catch (...) {
    absl::MutexLock lock(&mu_);
    --open_;
    return StatusFromCurrentException(operation);
  }
}

void ConnectionPool::Release(std::unique_ptr<pqxx::connection> connection) {
  absl::MutexLock lock(&mu_);
  if (connection != nullptr && connection->is_open()) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
  }
}

absl::Status ConnectionPool::Run(
    absl::string_view operation,
    absl::FunctionRef<absl::Status(pqxx::connection&)> fn) {
  for (int attempt = 0;; ++attempt) {
    Lease lease;
    if (absl::Status status = Acquire(operation, lease); !status.ok()) return status;
    try {
      absl::Status status = fn(*lease.connection);
      Release(std::move(lease.connection));
      return status;
    } catch (const pqxx::broken_connection&) {
      Release(nullptr);
      if (lease.reused && attempt == 0) continue;
      return StatusFromCurrentException(operation);
    } catch (...) {
      absl::Status status = StatusFromCurrentException(operation);
      Release(std::move(lease.connection));
      return status;
    }
  }
}

}  // namespace plenary::storage::pg
