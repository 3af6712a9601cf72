#pragma once
// The exit survey. Anonymous by construction: no visit id, no visitor name, and
// the moment is kept only to the hour.
#include <optional>
#include <string>

#include "domain/clock.h"

namespace gastvrij {

struct SurveyResponse {
    std::int64_t id = 0;
    Timestamp hour = 0;          // rounded down to the hour
    std::string staff_id;        // colleague who helped; empty = skipped / someone else
    std::string topic_id;        // may be empty
    int score = 0;               // 1 … 10 (Dutch report-card scale)
    std::optional<bool> one_go;  // "was everything arranged in one go?"
    std::string comment;
    std::string language = "nl";
};

// Five faces on the 1–10 scale: 1→2, 2→4, 3→6, 4→8, 5→10.
int score_from_face(int face_1_to_5);
bool valid_score(int score);
Timestamp round_to_hour(Timestamp t);

}  // namespace gastvrij
