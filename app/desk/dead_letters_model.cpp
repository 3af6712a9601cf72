#include "desk/dead_letters_model.h"

#include <algorithm>

namespace gastvrij::desk {

void DeadLettersModel::set(std::vector<DeadLetter> d) {
    std::stable_sort(d.begin(), d.end(), [](const DeadLetter& a, const DeadLetter& b) {
        return a.message.created_at > b.message.created_at;  // newest first
    });
    list_ = std::move(d);
    loaded_at_ = clock_.wall();
}

}  // namespace gastvrij::desk
