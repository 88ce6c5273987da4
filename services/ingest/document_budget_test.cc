#include "services/ingest/document_budget.h"

#include "gtest/gtest.h"

namespace plenary::ingest {
namespace {

class CountingWaiter final : public DocumentBudget::Waiter {
 public:
  void Resume() override { ++resumed; }
  int resumed = 0;
};

// Two streams that never read their answers must not hold the whole
// budget: each publisher gets a quarter of it.
TEST(DocumentBudgetTest, OnePublisherCannotTakeEveryonesRoom) {
  DocumentBudget budget(4000);
  budget.Reserve("greedy", 1000);
  EXPECT_FALSE(budget.HasRoom("greedy"));
  EXPECT_TRUE(budget.HasRoom("other"));
  EXPECT_EQ(budget.TryReserve("greedy", 10).code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(budget.TryReserve("other", 900).ok());
}

TEST(DocumentBudgetTest, OneDocumentAloneAlwaysFitsAndTheTotalIsBounded) {
  DocumentBudget budget(4000);
  EXPECT_TRUE(budget.TryReserve("a", 3000).ok());  // larger than a share, but alone
  EXPECT_TRUE(budget.TryReserve("b", 900).ok());
  EXPECT_EQ(budget.TryReserve("c", 200).code(), absl::StatusCode::kResourceExhausted);
  budget.Release("a", 3000);
  EXPECT_TRUE(budget.TryReserve("c", 200).ok());
}

TEST(DocumentBudgetTest, WaitersResumeWhenTheirRoomFrees) {
  DocumentBudget budget(4000);
  CountingWaiter waiter;
  budget.Add(&waiter);
  budget.Reserve("a", 1500);
  budget.Release("a", 100);  // still over its share: no room, no wake-up
  EXPECT_EQ(waiter.resumed, 0);
  budget.Release("a", 1000);
  EXPECT_EQ(waiter.resumed, 1);
  budget.Reserve("b", 4000);  // the total is full
  budget.Release("b", 3000);
  EXPECT_EQ(waiter.resumed, 2);
  budget.Remove(&waiter);
  budget.Release("b", 1000);
  EXPECT_EQ(waiter.resumed, 2);
}

}  // namespace
}  // namespace plenary::ingest
