#include "domain/office_id.h"

#include <algorithm>

namespace gastvrij {

bool valid_office_id(const std::string& id) {
    return !id.empty() && id.size() <= kMaxOfficeIdLength && std::all_of(id.begin(), id.end(), [](unsigned char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_';
           });
}

}  // namespace gastvrij
