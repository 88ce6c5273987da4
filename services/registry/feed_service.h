// FeedService over gRPC: one reactor per Subscribe stream, fed by the
// process's FeedHub.
#pragma once

#include "plenary/v1/feed_service.grpc.pb.h"
#include "services/common/bearer_tokens.h"
#include "services/common/stream_slots.h"
#include "services/registry/feed_hub.h"

namespace plenary::registry {

class FeedServiceImpl final : public v1::FeedService::CallbackService {
 public:
  // `readers`, when not null, are the bearer tokens every subscriber must
  // present; it must outlive the service. Subscribers are bounded as the
  // hub's options say.
  explicit FeedServiceImpl(FeedHub& hub, const services::BearerTokens* readers = nullptr);

  grpc::ServerWriteReactor<v1::FeedEvent>* Subscribe(
      grpc::CallbackServerContext* context, const v1::SubscribeRequest* request) override;

 private:
  FeedHub& hub_;
  const services::BearerTokens* readers_;
  services::StreamSlots slots_;
};

}  // namespace plenary::registry
