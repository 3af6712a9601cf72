#pragma once
// File helpers shared by backup.cpp and restore.cpp; not for other layers.
#include <cstdint>
#include <string>

#include "domain/store.h"

namespace gastvrij::backup_files {

std::string megabytes(std::uintmax_t bytes);
std::uintmax_t free_bytes(const std::string& dir);
StoreError disk_full(const std::string& dir, std::uintmax_t needed, const std::string& advice);
// Durability of a new file's contents, or of the names in a folder.
void fsync_path(const std::string& path, bool folder);
void remove_quietly(const std::string& path);
// A private (0600) empty file named from `pattern` (XXXXXX followed by
// `suffix_len` characters); `folder_role` names its folder in messages.
std::string private_temp(const std::string& pattern, int suffix_len, const std::string& folder_role,
                         std::uintmax_t needed, const std::string& full_advice);
// Checks a copy; `shown` is the name messages use for it.
struct CheckedCopy {
    int schema_version = 0;
};
CheckedCopy check_file(const std::string& path, const std::string& shown);

}  // namespace gastvrij::backup_files
