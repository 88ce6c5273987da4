#include "services/common/proto_mapping.h"

#include <variant>

#include "google/protobuf/util/time_util.h"

namespace plenary::services {
namespace {

v1::Source ToProto(const SourceInfo& source) {
  v1::Source proto;
  proto.set_document_id(source.document_id);
  proto.set_uri(source.uri);
  proto.set_sha256(source.sha256_hex);
  proto.set_media_type(source.media_type);
  *proto.mutable_ingested_at() =
      google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(source.ingested_at));
  return proto;
}

v1::Vote ToProto(const Vote& vote) {
  v1::Vote proto;
  // The model's enumerations follow the contract's numbering.
  proto.set_method(static_cast<v1::VoteMethod>(vote.method));
  if (vote.in_favour) proto.set_in_favour(*vote.in_favour);
  if (vote.against) proto.set_against(*vote.against);
  if (vote.abstaining) proto.set_abstaining(*vote.abstaining);
  proto.set_as_written(vote.as_written);
  return proto;
}

}  // namespace

v1::PartialDate ToProto(const PartialDate& date) {
  v1::PartialDate proto;
  proto.set_year(date.year);
  proto.set_month(date.month);
  proto.set_day(date.day);
  return proto;
}

v1::Resolution ToProto(const StoredResolution& stored) {
  const Resolution& resolution = stored.resolution;
  v1::Resolution proto;
  proto.set_symbol(resolution.symbol);
  for (const std::string& alias : resolution.aliases) proto.add_aliases(alias);
  proto.set_body(resolution.body);
  // An absent date stays unset rather than {0, 0, 0}.
  if (!resolution.adopted.empty()) *proto.mutable_adopted() = ToProto(resolution.adopted);
  proto.set_title(resolution.title);
  for (const Paragraph& paragraph : resolution.paragraphs) {
    v1::Paragraph* added = proto.add_paragraphs();
    added->set_number(paragraph.number);
    added->set_text(paragraph.text);
    added->set_kind(static_cast<v1::ParagraphKind>(paragraph.kind));
  }
  for (const std::string& reference : resolution.references) proto.add_references(reference);
  proto.set_revision(stored.revision);
  *proto.mutable_source() = ToProto(stored.source);
  if (!resolution.vote.empty()) *proto.mutable_vote() = ToProto(resolution.vote);
  if (!resolution.meeting.empty()) {
    v1::Meeting* meeting = proto.mutable_meeting();
    meeting->set_record(resolution.meeting.record);
    meeting->set_number(resolution.meeting.number);
    if (!resolution.meeting.date.empty()) *meeting->mutable_date() = ToProto(resolution.meeting.date);
  }
  for (const std::string& document : resolution.source_documents) {
    proto.add_source_documents(document);
  }
  return proto;
}

v1::Statement ToProto(const StoredStatement& stored) {
  const Statement& statement = stored.statement;
  v1::Statement proto;
  proto.set_id(stored.id);
  proto.set_headline(statement.headline);
  proto.set_speaker(statement.speaker);
  proto.set_speaker_role(statement.speaker_role);
  if (!statement.date.empty()) *proto.mutable_date() = ToProto(statement.date);
  for (const std::string& place : statement.places) proto.add_places(place);
  proto.set_text(statement.text);
  for (const Quote& quote : statement.quotes) {
    v1::Quote* added = proto.add_quotes();
    added->set_text(quote.text);
    added->set_speaker(quote.speaker);
  }
  for (const std::string& reference : statement.references) proto.add_references(reference);
  proto.set_revision(stored.revision);
  *proto.mutable_source() = ToProto(stored.source);
  return proto;
}

v1::Entry ToProto(const StoredEntry& entry) {
  v1::Entry proto;
  if (const auto* resolution = std::get_if<StoredResolution>(&entry)) {
    *proto.mutable_resolution() = ToProto(*resolution);
  } else {
    *proto.mutable_statement() = ToProto(std::get<StoredStatement>(entry));
  }
  return proto;
}

}  // namespace plenary::services
