#include "cli/printing.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/code.pb.h"

namespace plenary::cli {
namespace {

std::string DateText(const v1::PartialDate& date) {
  if (date.year() == 0) return "(no date)";
  if (date.month() == 0) return absl::StrCat(date.year());
  if (date.day() == 0) return absl::StrFormat("%04d-%02d", date.year(), date.month());
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

// "recorded: 100 in favour, 11 against, 58 abstaining (100-11-58)".
std::string VoteText(const v1::Vote& vote) {
  std::string method = absl::AsciiStrToLower(v1::VoteMethod_Name(vote.method()));
  absl::StrReplaceAll({{"vote_method_", ""}, {"_", " "}}, &method);
  std::vector<std::string> counts;
  if (vote.has_in_favour()) counts.push_back(absl::StrCat(vote.in_favour(), " in favour"));
  if (vote.has_against()) counts.push_back(absl::StrCat(vote.against(), " against"));
  if (vote.has_abstaining()) counts.push_back(absl::StrCat(vote.abstaining(), " abstaining"));
  std::string text = method;
  if (!counts.empty()) absl::StrAppend(&text, ": ", absl::StrJoin(counts, ", "));
  if (!vote.as_written().empty()) absl::StrAppend(&text, " (", vote.as_written(), ")");
  return text;
}

}  // namespace

std::string ToJsonLine(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json + "\n";
}

std::string Describe(const v1::Resolution& resolution) {
  std::string out = absl::StrCat(resolution.symbol(), "  (revision ", resolution.revision(), ")\n");
  absl::StrAppend(&out, "  title:   ", resolution.title(), "\n");
  absl::StrAppend(&out, "  body:    ", resolution.body(), "\n");
  absl::StrAppend(&out, "  adopted: ", DateText(resolution.adopted()), "\n");
  if (!resolution.aliases().empty()) {
    absl::StrAppend(&out, "  also:    ", absl::StrJoin(resolution.aliases(), "; "), "\n");
  }
  if (!resolution.references().empty()) {
    absl::StrAppend(&out, "  cites:   ", absl::StrJoin(resolution.references(), ", "), "\n");
  }
  if (resolution.has_vote()) absl::StrAppend(&out, "  vote:    ", VoteText(resolution.vote()), "\n");
  if (resolution.has_meeting()) {
    const v1::Meeting& meeting = resolution.meeting();
    std::vector<std::string> parts;
    if (!meeting.record().empty()) parts.push_back(meeting.record());
    if (meeting.number() > 0) parts.push_back(absl::StrCat("meeting ", meeting.number()));
    if (meeting.has_date()) parts.push_back(DateText(meeting.date()));
    absl::StrAppend(&out, "  meeting: ", absl::StrJoin(parts, ", "), "\n");
  }
  if (!resolution.source_documents().empty()) {
    absl::StrAppend(&out, "  on:      ", absl::StrJoin(resolution.source_documents(), ", "), "\n");
  }
  for (const v1::Source& source : resolution.sources()) {
    absl::StrAppend(&out, "  from:    document ", source.document_id(), " (", source.media_type(),
                    source.uri().empty() ? "" : ", ", source.uri(), ")\n");
  }
  for (const v1::Paragraph& paragraph : resolution.paragraphs()) {
    absl::StrAppend(&out, "  ", paragraph.number().empty() ? "-" : paragraph.number(), " ",
                    paragraph.text(), "\n");
  }
  return out;
}

std::string Describe(const v1::Statement& statement) {
  std::string out = absl::StrCat(statement.headline(), "  [", statement.id(), ", revision ",
                                 statement.revision(), "]\n");
  absl::StrAppend(&out, "  ", statement.speaker_role(), " ", statement.speaker(), ", ",
                  DateText(statement.date()), "\n");
  if (!statement.aliases().empty()) {
    absl::StrAppend(&out, "  press:   ", absl::StrJoin(statement.aliases(), ", "), "\n");
  }
  if (!statement.places().empty()) {
    absl::StrAppend(&out, "  places:  ", absl::StrJoin(statement.places(), ", "), "\n");
  }
  for (const v1::ReportedAdoption& adoption : statement.reported_adoptions()) {
    std::string what = adoption.resolution_symbol();
    if (what.empty()) what = adoption.draft_symbol();
    if (what.empty() && !adoption.title().empty()) {
      what = absl::StrCat("\u201c", adoption.title(), "\u201d");
    }
    if (what.empty()) what = "a text it does not name";
    if (!adoption.part().empty()) absl::StrAppend(&what, ", ", adoption.part());
    const char* verdict = !adoption.adopted() ? "rejected:"
                          : adoption.subject() == v1::VOTE_SUBJECT_COMMITTEE_DRAFT
                              ? "approved in committee:"
                              : "adopted: ";
    absl::StrAppend(&out, "  ", verdict, " ", what, ": ", VoteText(adoption.vote()), "\n");
  }
  for (const v1::Quote& quote : statement.quotes()) {
    absl::StrAppend(&out, "  \u201c", quote.text(), "\u201d", quote.speaker().empty() ? "" : " - ",
                    quote.speaker(), "\n");
  }
  return out;
}

std::string Describe(const v1::ReparseDocumentsResponse& progress) {
  return absl::StrCat(progress.done() ? "done: " : "", progress.documents_read(),
                      " documents read again with readers ", progress.parser_version(), ", ",
                      progress.documents_changed(), " changed ", progress.records_revised(),
                      " records, ", progress.documents_refused(),
                      " no longer readable; last document ", progress.last_document_id(), "\n");
}

std::string Describe(const v1::SearchResult& result) {
  const std::string what = result.entry().has_resolution()
                               ? absl::StrCat(result.entry().resolution().symbol(), "  ",
                                              result.entry().resolution().title())
                               : absl::StrCat(result.entry().statement().id(), "  ",
                                              result.entry().statement().headline());
  return absl::StrFormat("%.3f  %s\n       %s\n", result.score(), what, result.snippet());
}

namespace {

// "<title>  [<body>, <adopted>]" and the vote as written, on one line.
std::string Headline(const v1::Resolution& resolution) {
  return absl::StrCat(resolution.title(), "  [", resolution.body(), ", ",
                      DateText(resolution.adopted()), "]",
                      resolution.vote().as_written().empty()
                          ? ""
                          : absl::StrCat("  ", resolution.vote().as_written()),
                      "\n");
}

}  // namespace

std::string DescribeListed(const v1::Resolution& resolution) {
  return absl::StrCat(resolution.symbol(), "  ", Headline(resolution));
}

std::string Describe(const v1::FeedEvent& event) {
  if (event.type() == v1::FEED_EVENT_TYPE_PROGRESS) {
    return absl::StrCat("-- up to date at ", event.cursor(), "\n");
  }
  const char* verb = event.type() == v1::FEED_EVENT_TYPE_REVISED ? "revised" : "new    ";
  const std::string when = absl::FormatTime(
      "%Y-%m-%d %H:%M:%S", absl::FromUnixSeconds(event.committed_at().seconds()),
      absl::LocalTimeZone());
  if (event.entry().has_resolution()) {
    const v1::Resolution& resolution = event.entry().resolution();
    return absl::StrCat(when, "  ", verb, "  ", resolution.symbol(), " r", resolution.revision(),
                        "  ", Headline(resolution));
  }
  const v1::Statement& statement = event.entry().statement();
  return absl::StrCat(when, "  ", verb, "  ", statement.id(), " r", statement.revision(), "  ",
                      statement.headline(),
                      statement.speaker().empty() ? "" : absl::StrCat("  (", statement.speaker(), ")"),
                      "\n");
}

std::string Describe(const std::string& file, const v1::IngestDocumentResponse& response) {
  std::string out = absl::StrCat(file, ": document ", response.document_id(),
                                 response.duplicate() ? " (already stored)" : "", ", ",
                                 response.entries_size(),
                                 response.entries_size() == 1 ? " record\n" : " records\n");
  for (const v1::Entry& entry : response.entries()) {
    if (entry.has_resolution()) {
      absl::StrAppend(&out, "  resolution ", entry.resolution().symbol(), "\n");
    } else {
      absl::StrAppend(&out, "  statement ", entry.statement().id(), "  ",
                      entry.statement().headline(), "\n");
    }
  }
  for (const std::string& warning : response.warnings()) {
    absl::StrAppend(&out, "  warning: ", warning, "\n");
  }
  return out;
}

std::string StatusCodeName(grpc::StatusCode code) {
  return google::rpc::Code_Name(static_cast<google::rpc::Code>(code));
}

}  // namespace plenary::cli
