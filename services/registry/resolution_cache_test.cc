#include "services/registry/resolution_cache.h"

#include "gtest/gtest.h"

namespace plenary::registry {
namespace {

v1::Resolution Revision(int revision) {
  v1::Resolution resolution;
  resolution.set_symbol("A/RES/64/222");
  resolution.set_revision(revision);
  return resolution;
}

TEST(ResolutionCacheTest, ServesWhatWasPutUntilTheFeedEvictsIt) {
  ResolutionCache cache(10);
  EXPECT_FALSE(cache.Get("a/res/64/222").has_value());
  cache.Put(cache.Prepare(), {"a/res/64/222"}, Revision(1));
  ASSERT_TRUE(cache.Get("a/res/64/222").has_value());
  EXPECT_EQ(cache.Get("a/res/64/222")->revision(), 1);
  cache.Evict("A/RES/64/222");
  EXPECT_FALSE(cache.Get("a/res/64/222").has_value());
}

TEST(ResolutionCacheTest, AReadOverlappingAnEvictionIsNotCached) {
  ResolutionCache cache(10);
  const ResolutionCache::Ticket ticket = cache.Prepare();
  // Revision 2 commits and the feed evicts while revision 1 is being read.
  cache.Evict("A/RES/64/222");
  cache.Put(ticket, {"a/res/64/222"}, Revision(1));
  EXPECT_FALSE(cache.Get("a/res/64/222").has_value());
}

TEST(ResolutionCacheTest, StaysWithinItsCapacity) {
  ResolutionCache cache(2);
  for (int i = 0; i < 5; ++i) {
    v1::Resolution resolution;
    resolution.set_symbol(std::to_string(i));
    cache.Put(cache.Prepare(), {std::to_string(i)}, resolution);
  }
  int held = 0;
  for (int i = 0; i < 5; ++i) held += cache.Get(std::to_string(i)).has_value();
  EXPECT_LE(held, 2);
  EXPECT_TRUE(cache.Get("4").has_value());
}

TEST(ResolutionCacheTest, ZeroCapacityCachesNothing) {
  ResolutionCache cache(0);
  cache.Put(cache.Prepare(), {"k"}, Revision(1));
  EXPECT_FALSE(cache.Get("k").has_value());
}

}  // namespace
}  // namespace plenary::registry
