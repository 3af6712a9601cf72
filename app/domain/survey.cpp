#include "domain/survey.h"

namespace gastvrij {

int score_from_face(int face_1_to_5) {
    if (face_1_to_5 < 1 || face_1_to_5 > 5) return 0;  // not a face; valid_score() says no
    return face_1_to_5 * 2;
}

bool valid_score(int score) { return score >= 1 && score <= 10; }

Timestamp round_to_hour(Timestamp t) {
    Timestamp r = t - t % 3600;
    if (t % 3600 < 0) r -= 3600;  // floor, also before 1970
    return r;
}

}  // namespace gastvrij
