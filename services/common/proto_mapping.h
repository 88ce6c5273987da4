// Conversions between domain records (model/) and the protobuf contract.
#pragma once

#include "model/records.h"
#include "model/stored.h"
#include "plenary/v1/entry.pb.h"
#include "plenary/v1/partial_date.pb.h"

namespace plenary::services {

v1::PartialDate ToProto(const PartialDate& date);
v1::Resolution ToProto(const StoredResolution& stored);
v1::Statement ToProto(const StoredStatement& stored);
v1::Entry ToProto(const StoredEntry& entry);

}  // namespace plenary::services
