// FeedService over gRPC: one reactor per Subscribe stream, fed by the
// process's FeedHub.
#pragma once

#include "plenary/v1/feed_service.grpc.pb.h"
#include "services/common/bearer_tokens.h"
#include "services/registry/feed_hub.h"

namespace plenary::registry {

class FeedServiceImpl final : public v1::FeedService::CallbackService {
 public:
  // `readers`, when not null, are the bearer tokens every subscriber must
  // present; it must outlive the service.
  explicit FeedServiceImpl(FeedHub& hub, const services::BearerTokens* readers = nullptr)
      : hub_(hub), readers_(readers) {}

  grpc::ServerWriteReactor<v1::FeedEvent>* Subscribe(
      grpc::CallbackServerContext* context, const v1::SubscribeRequest* request) override;

 private:
  FeedHub& hub_;
  const services::BearerTokens* readers_;
};

}  // namespace plenary::registry
