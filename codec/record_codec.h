// The one encoding of a record: the contract's protobuf messages. Services
// answer with them, the database keeps each revision's content as one
// (resolution_revisions.record), and feed notices carry them; only the
// columns that queries filter, sort or search on are written beside it.
//
// A field added to the contract reaches storage and the feed through
// ToProto/FromProto here and nowhere else.
#pragma once

#include <string>

#include "model/records.h"
#include "model/stored.h"
#include "plenary/v1/entry.pb.h"
#include "plenary/v1/partial_date.pb.h"

namespace plenary::codec {

v1::PartialDate ToProto(const PartialDate& date);
v1::Resolution ToProto(const StoredResolution& stored);
v1::Statement ToProto(const StoredStatement& stored);
v1::Entry ToProto(const StoredEntry& entry);

PartialDate FromProto(const v1::PartialDate& date);
StoredResolution FromProto(const v1::Resolution& resolution);
StoredStatement FromProto(const v1::Statement& statement);
StoredEntry FromProto(const v1::Entry& entry);

// What a record says, serialized deterministically: the message without
// what names or places the record (aliases, id, revision, source). Equal
// bytes mean an unchanged restatement.
std::string ContentBytes(const Resolution& resolution);
std::string ContentBytes(const Statement& statement);

// The record ContentBytes wrote; false when `bytes` is not such a message.
bool ContentFromBytes(const std::string& bytes, Resolution& resolution);
bool ContentFromBytes(const std::string& bytes, Statement& statement);

// Serializes deterministically (the same message always gives the same bytes).
std::string DeterministicBytes(const google::protobuf::MessageLite& message);

}  // namespace plenary::codec
