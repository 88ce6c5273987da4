// FeedService over gRPC: one reactor per Subscribe stream, fed by the
// process's FeedHub.
#pragma once

#include "plenary/v1/feed_service.grpc.pb.h"
#include "services/registry/feed_hub.h"

namespace plenary::registry {

class FeedServiceImpl final : public v1::FeedService::CallbackService {
 public:
  explicit FeedServiceImpl(FeedHub& hub) : hub_(hub) {}

  grpc::ServerWriteReactor<v1::FeedEvent>* Subscribe(
      grpc::CallbackServerContext* context, const v1::SubscribeRequest* request) override;

 private:
  FeedHub& hub_;
};

}  // namespace plenary::registry
