#include "store/office_rows.h"

#include "domain/office_id.h"
#include "domain/store.h"

namespace gastvrij::office_rows {

void require_valid(const std::string& office) {
    if (valid_office_id(office)) return;
    throw StoreError(StoreError::Kind::Other,
                     "the office id '" + office + "' may use only letters, digits, - and _ (1 to " +
                         std::to_string(kMaxOfficeIdLength) + " of them) — set [office] id in kiosk.toml");
}

}  // namespace gastvrij::office_rows
