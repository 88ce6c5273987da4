#include "codec/record_codec.h"

#include <variant>

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/util/time_util.h"

namespace plenary::codec {
namespace {

using google::protobuf::util::TimeUtil;

// The model's enumerations follow the contract's numbering; a number this
// release does not know (written by a newer one) reads as unspecified (0).
template <typename Model, typename Proto>
Model FromProtoEnum(Proto value, Model last) {
  return value >= 0 && value <= static_cast<int>(last) ? static_cast<Model>(value) : Model{};
}

v1::Source SourceToProto(const SourceInfo& source) {
  v1::Source proto;
  proto.set_document_id(source.document_id);
  proto.set_uri(source.uri);
  proto.set_sha256(source.sha256_hex);
  proto.set_media_type(source.media_type);
  *proto.mutable_ingested_at() =
      TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(source.ingested_at));
  proto.set_parser_version(source.parser_version);
  return proto;
}

SourceInfo SourceFromProto(const v1::Source& source) {
  return {source.document_id(), source.uri(), source.sha256(), source.media_type(),
          absl::FromUnixMicros(TimeUtil::TimestampToMicroseconds(source.ingested_at())),
          source.parser_version()};
}

v1::MemberState MemberStateToProto(const MemberState& state) {
  v1::MemberState proto;
  proto.set_name(state.name);
  proto.set_alpha3(state.alpha3);
  return proto;
}

v1::Vote VoteToProto(const Vote& vote) {
  v1::Vote out;
  out.set_method(static_cast<v1::VoteMethod>(vote.method));
  if (vote.in_favour) out.set_in_favour(*vote.in_favour);
  if (vote.against) out.set_against(*vote.against);
  if (vote.abstaining) out.set_abstaining(*vote.abstaining);
  out.set_as_written(vote.as_written);
  for (const MemberStateVote& state : vote.member_states) {
    v1::MemberStateVote* added = out.add_member_states();
    *added->mutable_member_state() = MemberStateToProto(state.member_state);
    added->set_position(static_cast<v1::VotePosition>(state.position));
  }
  return out;
}

Vote VoteFromProto(const v1::Vote& proto) {
  Vote vote;
  vote.method = FromProtoEnum(proto.method(), VoteMethod::kShowOfHands);
  if (proto.has_in_favour()) vote.in_favour = proto.in_favour();
  if (proto.has_against()) vote.against = proto.against();
  if (proto.has_abstaining()) vote.abstaining = proto.abstaining();
  vote.as_written = proto.as_written();
  for (const v1::MemberStateVote& state : proto.member_states()) {
    vote.member_states.push_back({{state.member_state().name(), state.member_state().alpha3()},
                                  FromProtoEnum(state.position(), VotePosition::kAbsent)});
  }
  return vote;
}

// The content fields of a resolution; the caller adds what names it.
v1::Resolution ContentToProto(const Resolution& resolution) {
  v1::Resolution proto;
  proto.set_symbol(resolution.symbol);
  proto.set_body(resolution.body);
  // An absent date stays unset rather than {0, 0, 0}.
  if (!resolution.adopted.empty()) *proto.mutable_adopted() = codec::ToProto(resolution.adopted);
  proto.set_title(resolution.title);
  for (const Paragraph& paragraph : resolution.paragraphs) {
    v1::Paragraph* added = proto.add_paragraphs();
    added->set_number(paragraph.number);
    added->set_text(paragraph.text);
    added->set_kind(static_cast<v1::ParagraphKind>(paragraph.kind));
  }
  for (const std::string& reference : resolution.references) proto.add_references(reference);
  if (!resolution.vote.empty()) *proto.mutable_vote() = VoteToProto(resolution.vote);
  if (!resolution.meeting.empty()) {
    v1::Meeting* meeting = proto.mutable_meeting();
    meeting->set_record(resolution.meeting.record);
    meeting->set_number(resolution.meeting.number);
    if (!resolution.meeting.date.empty()) *meeting->mutable_date() = codec::ToProto(resolution.meeting.date);
  }
  for (const std::string& document : resolution.source_documents) {
    proto.add_source_documents(document);
  }
  return proto;
}

Resolution ContentFromProto(const v1::Resolution& proto) {
  Resolution resolution;
  resolution.symbol = proto.symbol();
  resolution.aliases.assign(proto.aliases().begin(), proto.aliases().end());
  resolution.body = proto.body();
  resolution.adopted = codec::FromProto(proto.adopted());
  resolution.title = proto.title();
  for (const v1::Paragraph& paragraph : proto.paragraphs()) {
    resolution.paragraphs.push_back(
        {paragraph.number(), paragraph.text(), FromProtoEnum(paragraph.kind(), ParagraphKind::kAnnex)});
  }
  resolution.references.assign(proto.references().begin(), proto.references().end());
  if (proto.has_vote()) resolution.vote = VoteFromProto(proto.vote());
  resolution.meeting = {proto.meeting().record(), proto.meeting().number(),
                        codec::FromProto(proto.meeting().date())};
  resolution.source_documents.assign(proto.source_documents().begin(),
                                     proto.source_documents().end());
  return resolution;
}

v1::Statement ContentToProto(const Statement& statement) {
  v1::Statement proto;
  proto.set_headline(statement.headline);
  proto.set_speaker(statement.speaker);
  proto.set_speaker_role(statement.speaker_role);
  if (!statement.date.empty()) *proto.mutable_date() = codec::ToProto(statement.date);
  for (const std::string& place : statement.places) proto.add_places(place);
  proto.set_text(statement.text);
  for (const Quote& quote : statement.quotes) {
    v1::Quote* added = proto.add_quotes();
    added->set_text(quote.text);
    added->set_speaker(quote.speaker);
  }
  for (const std::string& reference : statement.references) proto.add_references(reference);
  for (const std::string& alias : statement.aliases) proto.add_aliases(alias);
  proto.set_language(statement.language);
  for (const ReportedAdoption& adoption : statement.adoptions) {
    v1::ReportedAdoption* added = proto.add_reported_adoptions();
    added->set_resolution_symbol(adoption.resolution_symbol);
    added->set_title(adoption.title);
    added->set_draft_symbol(adoption.draft_symbol);
    added->set_subject(static_cast<v1::VoteSubject>(adoption.subject));
    added->set_part(adoption.part);
    added->set_adopted(adoption.adopted);
    *added->mutable_vote() = VoteToProto(adoption.vote);
    for (const VoteCorrection& correction : adoption.corrections) {
      v1::VoteCorrection* corrected = added->add_corrections();
      *corrected->mutable_member_state() = MemberStateToProto(correction.member_state);
      corrected->set_intended(static_cast<v1::VotePosition>(correction.intended));
      corrected->set_as_written(correction.as_written);
    }
  }
  return proto;
}

Statement ContentFromProto(const v1::Statement& proto) {
  Statement statement;
  statement.headline = proto.headline();
  statement.speaker = proto.speaker();
  statement.speaker_role = proto.speaker_role();
  statement.date = codec::FromProto(proto.date());
  statement.places.assign(proto.places().begin(), proto.places().end());
  statement.text = proto.text();
  for (const v1::Quote& quote : proto.quotes()) {
    statement.quotes.push_back({quote.text(), quote.speaker()});
  }
  statement.references.assign(proto.references().begin(), proto.references().end());
  statement.aliases.assign(proto.aliases().begin(), proto.aliases().end());
  statement.language = proto.language();
  for (const v1::ReportedAdoption& reported : proto.reported_adoptions()) {
    ReportedAdoption& adoption = statement.adoptions.emplace_back();
    adoption.resolution_symbol = reported.resolution_symbol();
    adoption.title = reported.title();
    adoption.draft_symbol = reported.draft_symbol();
    adoption.subject = FromProtoEnum(reported.subject(), VoteSubject::kCommitteeDraft);
    adoption.part = reported.part();
    adoption.adopted = reported.adopted();
    adoption.vote = VoteFromProto(reported.vote());
    for (const v1::VoteCorrection& correction : reported.corrections()) {
      adoption.corrections.push_back(
          {{correction.member_state().name(), correction.member_state().alpha3()},
           FromProtoEnum(correction.intended(), VotePosition::kAbsent),
           correction.as_written()});
    }
  }
  return statement;
}

}  // namespace

v1::PartialDate ToProto(const PartialDate& date) {
  v1::PartialDate proto;
  proto.set_year(date.year);
  proto.set_month(date.month);
  proto.set_day(date.day);
  return proto;
}

PartialDate FromProto(const v1::PartialDate& date) {
  return {date.year(), date.month(), date.day()};
}

v1::Resolution ToProto(const StoredResolution& stored) {
  v1::Resolution proto = ContentToProto(stored.resolution);
  for (const std::string& alias : stored.resolution.aliases) proto.add_aliases(alias);
  proto.set_revision(stored.revision);
  *proto.mutable_source() = SourceToProto(stored.source);
  for (const SourceInfo& source : stored.sources) *proto.add_sources() = SourceToProto(source);
  return proto;
}

v1::Statement ToProto(const StoredStatement& stored) {
  v1::Statement proto = ContentToProto(stored.statement);
  proto.set_id(stored.id);
  proto.set_revision(stored.revision);
  *proto.mutable_source() = SourceToProto(stored.source);
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

StoredResolution FromProto(const v1::Resolution& resolution) {
  StoredResolution stored{ContentFromProto(resolution), resolution.revision(),
                          SourceFromProto(resolution.source())};
  for (const v1::Source& source : resolution.sources()) {
    stored.sources.push_back(SourceFromProto(source));
  }
  return stored;
}

StoredStatement FromProto(const v1::Statement& statement) {
  return {statement.id(), ContentFromProto(statement), statement.revision(),
          SourceFromProto(statement.source())};
}

StoredEntry FromProto(const v1::Entry& entry) {
  if (entry.has_statement()) return FromProto(entry.statement());
  return FromProto(entry.resolution());
}

std::string DeterministicBytes(const google::protobuf::MessageLite& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return bytes;
}

std::string ContentBytes(const Resolution& resolution) {
  return DeterministicBytes(ContentToProto(resolution));
}

std::string ContentBytes(const Statement& statement) {
  return DeterministicBytes(ContentToProto(statement));
}

bool ContentFromBytes(const std::string& bytes, Resolution& resolution) {
  v1::Resolution proto;
  if (!proto.ParseFromString(bytes)) return false;
  resolution = ContentFromProto(proto);
  return true;
}

bool ContentFromBytes(const std::string& bytes, Statement& statement) {
  v1::Statement proto;
  if (!proto.ParseFromString(bytes)) return false;
  statement = ContentFromProto(proto);
  return true;
}

}  // namespace plenary::codec
