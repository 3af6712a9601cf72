#pragma once
// Backups of a live store, and putting one back.
//
// backup_store copies the data file while the service keeps writing to it:
// VACUUM INTO reads one snapshot (a read transaction of WAL never blocks the
// writer, nor is it blocked by it) into a private temporary file in the backup
// folder; the file is flushed, renamed to its dated name, the folder is
// flushed, and the copy is checked before older copies are removed. The copy
// is one self-contained file (rollback journal, no -wal beside it).
//
// restore_store puts a copy back in place of the data file once nothing uses
// it (see store_lock.h), keeping the file it replaces as `<data>.before-restore`.
#include <cstdint>
#include <string>
#include <vector>

namespace gastvrij {

// gastvrij-YYYYMMDD-HHMMSS.db in UTC, so names sort by time across daylight
// saving changes; a second copy in the same second is …-HHMMSS_2.db.
bool is_backup_name(const std::string& file_name);
// The backups in `dir` (regular files with our names), oldest first.
std::vector<std::string> backups_in(const std::string& dir);

struct BackupCopy {
    std::string file;
    std::int64_t bytes = 0;
    int schema_version = 0;
    std::vector<std::string> removed;  // older copies, beyond the newest `keep`
};

// Copies the store at `data` (a path or sqlite: address) into `dir` (created
// if missing) and keeps the newest `keep` copies (keep ≥ 1). Never writes to
// the data file. Throws StoreError saying which file or folder and what to do;
// a copy that fails its check is removed first.
BackupCopy backup_store(const std::string& data, const std::string& dir, int keep);

// What a copy holds, checked: PRAGMA quick_check passes and the schema is
// Gastvrij's. Throws StoreError naming the copy and what to do.
struct CopyCheck {
    int schema_version = 0;
};
CopyCheck check_copy(const std::string& file);

struct Restored {
    std::string previous;  // where the replaced data file was kept; "" when there was none
    int schema_version = 0;
};

// Replaces the data file at `data` with `copy`. Refuses (StoreError) a copy
// that fails its check, one written by a newer Gastvrij than this program
// (naming both versions), and a store a service holds (naming it and how to
// stop it). The replacement is atomic: the copy is written beside the data
// file under a temporary name, flushed and renamed over it; it gets the owner
// and mode of the file it replaces.
Restored restore_store(const std::string& copy, const std::string& data);

}  // namespace gastvrij
