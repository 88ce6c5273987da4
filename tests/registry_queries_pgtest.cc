// RegistryService's List and Search over a real PostgreSQL and a real gRPC
// channel: filters, partial dates, reverse references, keyset pages under
// concurrent inserts, ranking, accents, facets, and every validation error.
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/executor.h"
#include "common/sha256.h"
#include "common/status.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "tests/support/grpc_errors.h"
#include "pqxx/pqxx"
#include "services/common/server.h"
#include "services/registry/feed_hub.h"
#include "services/registry/registry_service.h"
#include "services/registry/resolution_cache.h"
#include "storage/pg/pg_feed_store.h"
#include "storage/pg/connection_pool.h"
#include "storage/pg/pg_ingest_store.h"
#include "storage/pg/pg_registry_store.h"
#include "storage/pg/statements.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace plenary {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Resolution MakeResolution(std::string symbol, std::string body, PartialDate adopted,
                          std::string title, std::vector<Paragraph> paragraphs = {},
                          std::vector<std::string> references = {}) {
  Resolution resolution;
  resolution.symbol = std::move(symbol);
  resolution.body = std::move(body);
  resolution.adopted = adopted;
  resolution.title = std::move(title);
  resolution.paragraphs = std::move(paragraphs);
  resolution.references = std::move(references);
  return resolution;
}

using testing::FieldViolation;

class RegistryQueriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PLENARY_ASSERT_OK_AND_ASSIGN(database_, testing::TestDatabase::CreateMigrated());
    pool_ = std::make_unique<storage::pg::ConnectionPool>(database_->url(), 4,
                                                          storage::pg::PrepareStatements);
    ingest_ = std::make_unique<storage::pg::PgIngestStore>(*pool_);
    store_ = std::make_unique<storage::pg::PgRegistryStore>(*pool_);
    service_ = std::make_unique<registry::RegistryServiceImpl>(*store_, executor_, tokens_);
    services::ServerConfig config;
    config.name = "queries";
    config.listen_address = "127.0.0.1:0";
    auto server = services::RunningServer::Start(config, {service_.get()});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = v1::RegistryService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", server_->port()), grpc::InsecureChannelCredentials()));

    Store({MakeResolution("A/RES/64/222", "General Assembly", {2009, 12, 21},
                          "Nairobi outcome document of the High-level Conference on "
                          "South-South Cooperation",
                          {{"16", "We welcome efforts by financial institutions."}},
                          {"A/RES/33/134"}),
           MakeResolution("A/RES/64/1", "General Assembly", {2009, 10, 6},
                          "High-level United Nations Conference on South-South Cooperation"),
           MakeResolution("A/RES/33/134", "General Assembly", {1978, 12, 19},
                          "Technical co-operation among developing countries"),
           MakeResolution("A/RES/72/237", "General Assembly", {2017, 12, 20},
                          "Cooperation among developing countries",
                          {{"6", "Welcomes South-South and triangular cooperation."}},
                          {"A/RES/64/222"}),
           MakeResolution("Decision 25/9", "UNEP Governing Council", {2009, 2, 0},
                          "Environment decision", {{"2", "Requests support for Côte d'Ivoire."}}),
           MakeResolution("S/RES/2171 (2014)", "Security Council", {2014, 8, 21},
                          "Maintenance of international peace and security")},
          {});
    Statement statement;
    statement.headline = "Ban calls for South-South solidarity";
    statement.speaker = "Ban Ki-moon";
    statement.speaker_role = "Secretary-General";
    statement.date = {2009, 12, 0};
    statement.text = "The Secretary-General recalled the Nairobi outcome document.";
    statement.quotes = {{"Solidarity is a founding principle", "Ban Ki-moon"}};
    statement.references = {"A/RES/64/222"};
    Store({}, {{"st-ban", statement}});
  }

  void Store(std::vector<Resolution> resolutions, std::vector<storage::IdentifiedStatement> statements) {
    storage::NewDocument document;
    document.content = absl::StrCat("document ", ++documents_);
    document.sha256 = Sha256(document.content);
    document.media_type = "text/plain";
    document.resolutions = std::move(resolutions);
    document.statements = std::move(statements);
    ASSERT_TRUE(ingest_->StoreDocument(document).ok());
  }

  grpc::Status List(const v1::ListResolutionsRequest& request, v1::ListResolutionsResponse* out) {
    grpc::ClientContext context;
    return stub_->ListResolutions(&context, request, out);
  }

  std::vector<std::string> Symbols(const v1::ListResolutionsRequest& request) {
    v1::ListResolutionsResponse response;
    grpc::Status status = List(request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> symbols;
    for (const auto& resolution : response.resolutions()) symbols.push_back(resolution.symbol());
    return symbols;
  }

  grpc::Status Search(const v1::SearchRequest& request, v1::SearchResponse* out) {
    grpc::ClientContext context;
    return stub_->Search(&context, request, out);
  }

  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<storage::pg::ConnectionPool> pool_;
  std::unique_ptr<storage::pg::PgIngestStore> ingest_;
  std::unique_ptr<storage::pg::PgRegistryStore> store_;
  Executor executor_{4};
  services::SignedTokenCodec tokens_{"queries-test", "secret"};
  std::unique_ptr<registry::RegistryServiceImpl> service_;
  std::unique_ptr<services::RunningServer> server_;
  std::unique_ptr<v1::RegistryService::Stub> stub_;
  int documents_ = 0;
};

TEST_F(RegistryQueriesTest, ListsInSymbolOrderWithTheTotal) {
  v1::ListResolutionsResponse response;
  ASSERT_TRUE(List({}, &response).ok());
  EXPECT_EQ(response.total_size(), 6);
  EXPECT_EQ(response.resolutions(0).symbol(), "A/RES/33/134");
  EXPECT_TRUE(response.next_page_token().empty());
}

TEST_F(RegistryQueriesTest, ABroadListingCountsTo10000AndSaysTheTotalIsALowerBound) {
  for (int batch = 0; batch < 10; ++batch) {
    std::vector<Resolution> filler;
    for (int i = 0; i < 1000; ++i) {
      filler.push_back(MakeResolution(absl::StrCat("A/RES/", 100 + batch, "/", i),
                                      "Economic and Social Council", {2001, 1, 1}, "Filler"));
    }
    Store(std::move(filler), {});
  }
  v1::ListResolutionsRequest broad;
  broad.set_page_size(1);
  v1::ListResolutionsResponse first;
  ASSERT_TRUE(List(broad, &first).ok());
  EXPECT_EQ(first.total_size(), 10000);  // 10,006 match
  EXPECT_TRUE(first.total_size_is_lower_bound());
  broad.set_page_token(first.next_page_token());
  v1::ListResolutionsResponse second;
  ASSERT_TRUE(List(broad, &second).ok());
  EXPECT_EQ(second.total_size(), 10000);
  EXPECT_TRUE(second.total_size_is_lower_bound());

  v1::ListResolutionsRequest narrow;
  narrow.set_body("General Assembly");
  v1::ListResolutionsResponse exact;
  ASSERT_TRUE(List(narrow, &exact).ok());
  EXPECT_EQ(exact.total_size(), 4);
  EXPECT_FALSE(exact.total_size_is_lower_bound());
}

TEST_F(RegistryQueriesTest, CallsWithADeadlineRunWithinIt) {
  // The deadline reaches PostgreSQL as the transaction's statement_timeout.
  grpc::ClientContext search_context;
  search_context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  v1::SearchRequest search;
  search.set_query("Nairobi");
  v1::SearchResponse found;
  ASSERT_TRUE(stub_->Search(&search_context, search, &found).ok());
  EXPECT_GT(found.results_size(), 0);
  grpc::ClientContext list_context;
  list_context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  v1::ListResolutionsResponse listed;
  ASSERT_TRUE(stub_->ListResolutions(&list_context, {}, &listed).ok());
  EXPECT_EQ(listed.total_size(), 6);
}

TEST_F(RegistryQueriesTest, FiltersByBodyDateReferenceAndText) {
  v1::ListResolutionsRequest by_body;
  by_body.set_body("general assembly");
  EXPECT_EQ(Symbols(by_body).size(), 4u);

  // "2009" covers every 2009 date, and the month-precise Decision 25/9.
  v1::ListResolutionsRequest in_2009;
  in_2009.mutable_adopted()->mutable_start()->set_year(2009);
  in_2009.mutable_adopted()->mutable_end()->set_year(2009);
  in_2009.set_order_by("adopted");
  EXPECT_THAT(Symbols(in_2009), ElementsAre("Decision 25/9", "A/RES/64/1", "A/RES/64/222"));
  in_2009.set_order_by("adopted desc");
  EXPECT_THAT(Symbols(in_2009), ElementsAre("A/RES/64/222", "A/RES/64/1", "Decision 25/9"));

  // The reverse link: what cites A/RES/64/222, asked in any form.
  v1::ListResolutionsRequest citing;
  citing.set_references("64/222");
  EXPECT_THAT(Symbols(citing), ElementsAre("A/RES/72/237"));

  v1::ListResolutionsRequest about;
  about.set_text("triangular");
  EXPECT_THAT(Symbols(about), ElementsAre("A/RES/72/237"));

  v1::ListStatementsRequest statements;
  statements.set_references("Nairobi outcome document");
  statements.set_speaker("ban ki-moon");
  statements.mutable_date()->mutable_start()->set_year(2009);
  grpc::ClientContext context;
  v1::ListStatementsResponse response;
  ASSERT_TRUE(stub_->ListStatements(&context, statements, &response).ok());
  ASSERT_EQ(response.statements_size(), 1);
  EXPECT_EQ(response.statements(0).id(), "st-ban");
}

TEST_F(RegistryQueriesTest, FiltersByHowAMemberStateVoted) {
  Resolution embargo = MakeResolution("A/RES/77/7", "General Assembly", {2022, 11, 3},
                                      "Necessity of ending the economic embargo");
  embargo.vote = {VoteMethod::kRecorded, 185, 2, 2, "185-2-2",
                  {{{"United States of America", "USA"}, VotePosition::kAgainst},
                   {{"Israel", "ISR"}, VotePosition::kAgainst},
                   {{"Brazil", "BRA"}, VotePosition::kAbstaining},
                   {{"Ukraine", "UKR"}, VotePosition::kAbstaining}}};
  Resolution ukraine = MakeResolution("A/RES/68/262", "General Assembly", {2014, 3, 27},
                                      "Territorial integrity of Ukraine");
  ukraine.vote = {VoteMethod::kRecorded, 100, 11, 58, "100-11-58",
                  {{{"Ukraine", "UKR"}, VotePosition::kInFavour},
                   {{"Russian Federation", "RUS"}, VotePosition::kAgainst}}};
  Store({embargo, ukraine}, {});

  auto voted = [](const std::string& member_state, v1::VotePosition position) {
    v1::ListResolutionsRequest request;
    request.mutable_member_state_vote()->set_member_state(member_state);
    request.mutable_member_state_vote()->set_position(position);
    return request;
  };
  EXPECT_THAT(Symbols(voted("United States", v1::VOTE_POSITION_AGAINST)),
              ElementsAre("A/RES/77/7"));
  EXPECT_THAT(Symbols(voted("USA", v1::VOTE_POSITION_IN_FAVOUR)), ElementsAre());
  // Any position; the resolutions whose vote names no one are not selected.
  EXPECT_THAT(Symbols(voted("UKR", v1::VOTE_POSITION_UNSPECIFIED)),
              ElementsAre("A/RES/68/262", "A/RES/77/7"));
  EXPECT_THAT(Symbols(voted("Ukraine", v1::VOTE_POSITION_IN_FAVOUR)), ElementsAre("A/RES/68/262"));

  // With the other filters, and counted.
  v1::ListResolutionsRequest embargo_against = voted("RUS", v1::VOTE_POSITION_AGAINST);
  embargo_against.set_text("embargo");
  EXPECT_THAT(Symbols(embargo_against), ElementsAre());
  v1::ListResolutionsRequest abstaining = voted("Brazil", v1::VOTE_POSITION_ABSTAINING);
  abstaining.set_order_by("adopted desc");
  v1::ListResolutionsResponse response;
  ASSERT_TRUE(List(abstaining, &response).ok());
  ASSERT_EQ(response.resolutions_size(), 1);
  EXPECT_EQ(response.total_size(), 1);
  EXPECT_EQ(response.resolutions(0).vote().member_states_size(), 4);

  v1::ListResolutionsResponse refused;
  const grpc::Status unknown = List(voted("Ruritania", v1::VOTE_POSITION_AGAINST), &refused);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldViolation(unknown), "member_state_vote.member_state");
}

TEST_F(RegistryQueriesTest, PagesSkipAndRepeatNothingWhileEntriesArrive) {
  for (int i = 0; i < 40; ++i) {
    Store({MakeResolution(absl::StrCat("A/RES/50/", 100 + i), "General Assembly", {1995, 1, 1},
                          "Filler")},
          {});
  }
  v1::ListResolutionsRequest everything;
  everything.set_page_size(1000);
  std::set<std::string> before;
  for (const std::string& symbol : Symbols(everything)) before.insert(symbol);

  std::thread inserter([this] {
    for (int i = 0; i < 40; ++i) {
      Store({MakeResolution(absl::StrCat("A/RES/50/", 300 + i), "General Assembly", {1995, 1, 1},
                            "Late filler")},
            {});
    }
  });
  std::vector<std::string> seen;
  v1::ListResolutionsRequest request;
  request.set_page_size(7);
  do {
    v1::ListResolutionsResponse response;
    ASSERT_TRUE(List(request, &response).ok());
    for (const auto& resolution : response.resolutions()) seen.push_back(resolution.symbol());
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  inserter.join();

  std::set<std::string> unique(seen.begin(), seen.end());
  EXPECT_EQ(unique.size(), seen.size()) << "an entry was repeated";
  for (const std::string& symbol : before) EXPECT_TRUE(unique.count(symbol)) << symbol << " skipped";
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

TEST_F(RegistryQueriesTest, RefusesBadRequestsNamingTheField) {
  v1::ListResolutionsResponse response;
  v1::ListResolutionsRequest request;
  request.set_page_size(1001);
  EXPECT_EQ(FieldViolation(List(request, &response)), "page_size");
  request.set_page_size(-1);
  EXPECT_EQ(FieldViolation(List(request, &response)), "page_size");

  v1::ListResolutionsRequest bad_date;
  bad_date.mutable_adopted()->mutable_start()->set_year(2009);
  bad_date.mutable_adopted()->mutable_start()->set_month(2);
  bad_date.mutable_adopted()->mutable_start()->set_day(30);
  EXPECT_EQ(FieldViolation(List(bad_date, &response)), "adopted.start");

  v1::ListResolutionsRequest bad_order;
  bad_order.set_order_by("title");
  EXPECT_EQ(FieldViolation(List(bad_order, &response)), "order_by");

  v1::ListResolutionsRequest bad_token;
  bad_token.set_page_token("not-a-token");
  EXPECT_EQ(FieldViolation(List(bad_token, &response)), "page_token");

  // A token continues only the query it came from.
  v1::ListResolutionsRequest first;
  first.set_page_size(2);
  ASSERT_TRUE(List(first, &response).ok());
  v1::ListResolutionsRequest other = first;
  other.set_body("Security Council");
  other.set_page_token(response.next_page_token());
  grpc::Status status = List(other, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldViolation(status), "page_token");

  v1::SearchResponse search;
  EXPECT_EQ(FieldViolation(Search(v1::SearchRequest(), &search)), "query");
}

// A page token is bound to the List call that made it: the other call's
// request is refused as a token for another query, never misread.
TEST_F(RegistryQueriesTest, PageTokensContinueOnlyTheMethodThatMadeThem) {
  v1::ListResolutionsRequest resolutions;
  resolutions.set_page_size(1);
  v1::ListResolutionsResponse first;
  ASSERT_TRUE(List(resolutions, &first).ok());
  ASSERT_FALSE(first.next_page_token().empty());

  v1::ListStatementsRequest statements;
  statements.set_page_size(1);
  statements.set_page_token(first.next_page_token());
  v1::ListStatementsResponse listed;
  grpc::ClientContext context;
  const grpc::Status status = stub_->ListStatements(&context, statements, &listed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(FieldViolation(status), "page_token");

  v1::ListStatementsResponse statements_first;
  grpc::ClientContext first_context;
  statements.clear_page_token();
  ASSERT_TRUE(stub_->ListStatements(&first_context, statements, &statements_first).ok());
  if (!statements_first.next_page_token().empty()) {
    resolutions.set_page_token(statements_first.next_page_token());
    v1::ListResolutionsResponse misread;
    EXPECT_EQ(FieldViolation(List(resolutions, &misread)), "page_token");
  }
}

// Queries that made PostgreSQL's tsquery parser fail ("tsquery stack too
// small", INTERNAL) are read as the words they hold, in Search and in the
// text filter of both List calls.
TEST_F(RegistryQueriesTest, RunsOfOperatorsInQueriesAreHarmless) {
  for (const std::string& query :
       {std::string(33, '-'), std::string(1000, '-'), std::string("- - - - - - - - - - - - - - "
                                                                   "- - - - - - - - - - - - - - "
                                                                   "- - - - - - - south"),
        std::string("(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-")}) {
    v1::SearchRequest search;
    search.set_query(query);
    v1::SearchResponse found;
    const grpc::Status searched = Search(search, &found);
    EXPECT_NE(searched.error_code(), grpc::StatusCode::INTERNAL) << searched.error_message();
    EXPECT_TRUE(searched.ok() || FieldViolation(searched) == "query") << searched.error_message();

    v1::ListResolutionsRequest list;
    list.set_text(query);
    v1::ListResolutionsResponse listed;
    const grpc::Status status = List(list, &listed);
    EXPECT_TRUE(status.ok()) << status.error_message();

    v1::ListStatementsRequest statements;
    statements.set_text(query);
    v1::ListStatementsResponse statements_listed;
    grpc::ClientContext context;
    const grpc::Status statements_status =
        stub_->ListStatements(&context, statements, &statements_listed);
    EXPECT_TRUE(statements_status.ok()) << statements_status.error_message();
  }
  v1::SearchRequest dashes_then_word;
  dashes_then_word.set_query(std::string(40, '-') + " South-South");
  v1::SearchResponse found;
  ASSERT_TRUE(Search(dashes_then_word, &found).ok());
  EXPECT_GE(found.results_size(), 1);
}

TEST_F(RegistryQueriesTest, SearchRanksTitlesAboveParagraphsAndHighlights) {
  v1::SearchRequest request;
  request.set_query("South-South");
  v1::SearchResponse response;
  ASSERT_TRUE(Search(request, &response).ok());
  ASSERT_GE(response.results_size(), 3);
  // Title matches first; the paragraph-only match (72/237) later.
  EXPECT_NE(response.results(0).entry().resolution().symbol(), "A/RES/72/237");
  EXPECT_THAT(response.results(0).snippet(), HasSubstr("<b>"));
  for (int i = 1; i < response.results_size(); ++i) {
    EXPECT_LE(response.results(i).score(), response.results(i - 1).score());
  }
  EXPECT_EQ(response.total_size(), response.results_size());
  // Facets per body, year and kind over all matches.
  ASSERT_EQ(response.facets_size(), 3);
  EXPECT_EQ(response.facets(0).field(), "body");
  EXPECT_EQ(response.facets(0).values(0).value(), "General Assembly");
  EXPECT_EQ(response.facets(2).field(), "kind");
}

TEST_F(RegistryQueriesTest, SearchUnderstandsWebSearchSyntaxAccentsAndSymbols) {
  v1::SearchRequest excluding;
  excluding.set_query("cooperation -triangular");
  v1::SearchResponse response;
  ASSERT_TRUE(Search(excluding, &response).ok());
  for (const auto& result : response.results()) {
    EXPECT_NE(result.entry().resolution().symbol(), "A/RES/72/237");
  }

  v1::SearchRequest accent;
  accent.set_query("Cote d'Ivoire");
  ASSERT_TRUE(Search(accent, &response).ok());
  ASSERT_EQ(response.results_size(), 1);
  EXPECT_EQ(response.results(0).entry().resolution().symbol(), "Decision 25/9");

  v1::SearchRequest symbol;
  symbol.set_query("64/222");
  ASSERT_TRUE(Search(symbol, &response).ok());
  ASSERT_GE(response.results_size(), 1);
  EXPECT_EQ(response.results(0).entry().resolution().symbol(), "A/RES/64/222");

  v1::SearchRequest only_statements;
  only_statements.set_query("solidarity");
  only_statements.add_kinds(v1::ENTRY_KIND_STATEMENT);
  ASSERT_TRUE(Search(only_statements, &response).ok());
  ASSERT_EQ(response.results_size(), 1);
  EXPECT_EQ(response.results(0).entry().statement().id(), "st-ban");
}

TEST_F(RegistryQueriesTest, SearchPagesCoverEveryMatchOnce) {
  v1::SearchRequest request;
  request.set_query("cooperation OR countries OR security OR decision");
  request.set_page_size(2);
  std::vector<std::string> seen;
  int64_t total = 0;
  do {
    v1::SearchResponse response;
    ASSERT_TRUE(Search(request, &response).ok());
    total = response.total_size();
    for (const auto& result : response.results()) {
      seen.push_back(result.entry().has_resolution() ? result.entry().resolution().symbol()
                                                     : result.entry().statement().id());
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  EXPECT_EQ(static_cast<int64_t>(seen.size()), total);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size());
}

TEST_F(RegistryQueriesTest, SearchBeyondTheMatchLimitSaysItsCountsAreLowerBounds) {
  v1::SearchRequest request;
  request.set_query("General Assembly");  // four resolutions
  v1::SearchResponse response;
  ASSERT_TRUE(Search(request, &response).ok());
  EXPECT_EQ(response.total_size(), 4);
  EXPECT_FALSE(response.counts_are_lower_bounds());

  storage::SearchQuery bounded;
  bounded.words = "General Assembly";
  bounded.match_limit = 2;
  PLENARY_ASSERT_OK_AND_ASSIGN(storage::SearchResults results, store_->Search(bounded));
  EXPECT_TRUE(results.truncated);
  EXPECT_EQ(results.hits.size(), 2u);
  EXPECT_GE(results.total, 2);
  EXPECT_LT(results.total, 4);
  bounded.match_limit = 4;
  PLENARY_ASSERT_OK_AND_ASSIGN(results, store_->Search(bounded));
  EXPECT_FALSE(results.truncated);
  EXPECT_EQ(results.total, 4);
}

TEST_F(RegistryQueriesTest, RecoversWhenTheDatabaseDropsItsConnections) {
  {
    pqxx::connection admin(database_->url());
    pqxx::nontransaction(admin).exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  }
  v1::ListResolutionsResponse response;
  EXPECT_TRUE(List({}, &response).ok());
  EXPECT_EQ(response.total_size(), 6);
}

TEST_F(RegistryQueriesTest, TheCacheServesTheLatestRevisionOnceTheFeedAnnouncesIt) {
  // A registry with a cache, evicted by a feed hub over the same database.
  storage::pg::PgFeedStore feed_store(*pool_);
  storage::pg::PgFeedWatcher watcher(database_->url());
  registry::FeedHub hub(feed_store, watcher, executor_, registry::FeedOptions{});
  registry::ResolutionCache cache(100);
  hub.AddListener([&cache](const v1::FeedEvent& event) {
    if (event.entry().has_resolution()) cache.Evict(event.entry().resolution().symbol());
  });
  ASSERT_TRUE(hub.Start().ok());
  registry::RegistryServiceImpl cached_service(*store_, executor_, tokens_, nullptr, &cache);
  services::ServerConfig config;
  config.name = "cached";
  config.listen_address = "127.0.0.1:0";
  auto server = services::RunningServer::Start(config, {&cached_service});
  ASSERT_TRUE(server.ok());
  auto stub = v1::RegistryService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", (*server)->port()), grpc::InsecureChannelCredentials()));
  auto get = [&stub](const std::string& symbol) {
    grpc::ClientContext context;
    v1::GetResolutionRequest request;
    request.set_symbol(symbol);
    v1::Resolution resolution;
    EXPECT_TRUE(stub->GetResolution(&context, request, &resolution).ok());
    return resolution;
  };
  EXPECT_EQ(get("A/RES/64/1").revision(), 1);
  EXPECT_EQ(get("a/res/64/1").revision(), 1);  // from the cache
  ASSERT_TRUE(cache.Get("a/res/64/1").has_value());

  Store({MakeResolution("A/RES/64/1", "General Assembly", {2009, 10, 6}, "Corrected title")}, {});
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (get("64/1").revision() != 2 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(5));
  const v1::Resolution latest = get("64/1");
  EXPECT_EQ(latest.revision(), 2);
  EXPECT_EQ(latest.title(), "Corrected title");
  (*server)->Shutdown();
  hub.Shutdown();
}

TEST(RegistryQueriesDownTest, DatabaseDownIsUnavailable) {
  storage::pg::ConnectionPool pool("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", 1,
                                   storage::pg::PrepareStatements);
  storage::pg::PgRegistryStore store(pool);
  Executor executor(1);
  services::SignedTokenCodec tokens("down", "secret");
  registry::RegistryServiceImpl service(store, executor, tokens);
  services::ServerConfig config;
  config.name = "down";
  config.listen_address = "127.0.0.1:0";
  auto server = services::RunningServer::Start(config, {&service});
  ASSERT_TRUE(server.ok());
  auto stub = v1::RegistryService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", (*server)->port()), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  v1::ListResolutionsResponse response;
  EXPECT_EQ(stub->ListResolutions(&context, {}, &response).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace plenary
