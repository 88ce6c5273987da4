// One resolution stated by several sources: a library table's row, a press
// release reporting its adoption, its full text. Their readings merge into
// one record.
#pragma once

#include "model/records.h"

namespace plenary {

// `known` (what the registry holds) with what `reading` adds or corrects:
// each field `reading` states replaces the known one when `reading` is at
// least as authoritative, and fills it only when unknown otherwise; what
// `reading` does not state stays as known. A date or vote that only states
// less of what is known (a year where the day is known, a method where
// the counts are known) keeps the known detail. Aliases are `reading`'s
// (the registry keeps every alias it was given); the authority is the
// higher of the two.
Resolution MergeReadings(const Resolution& known, const Resolution& reading);

}  // namespace plenary
