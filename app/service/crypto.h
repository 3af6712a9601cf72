#pragma once
// Secrets of the service: bearer tokens and pairing codes come from the
// operating system's random source and are stored only as SHA-256 hashes.
#include <string>

namespace gastvrij {

// 32 random bytes as 64 lower-case hex characters.
std::string new_token();

// Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), so a
// code read aloud or typed from a screen comes out right: about 40 bits.
std::string new_pairing_code();

// Upper-cases and drops spaces and dashes ("abcd-efgh" → "ABCDEFGH"), so the
// way a colleague types a code does not matter.
std::string normalize_pairing_code(const std::string& typed);

// SHA-256 as 64 lower-case hex characters.
std::string sha256_hex(const std::string& data);

// Compares two strings in time independent of where they differ.
bool constant_time_equal(const std::string& a, const std::string& b);

}  // namespace gastvrij
