#pragma once
// Numbers as people write and read them: byte sizes ("64K", "1.5 MiB"),
// counts with thousands separators, addresses in hex. One place, so the CLI,
// the GUI and the engine's messages all say a size the same way.

#include <optional>
#include <string>
#include <string_view>

#include "core/model/types.h"

namespace heapviz {

// A number of bytes as a user types it: "65536", "64K", "64 K", "64 KiB",
// "64kb", "1.5M", "2 GiB". K, M, G, T, P and E are powers of 1024 (with or
// without "iB"/"B", any case). A fraction must make a whole number of bytes
// ("1.5K" is 1536; "1.1K" is refused). nullopt for anything else, or for more
// than 64 bits hold.
std::optional<Size> parseByteSize(std::string_view text);

// A size for a sentence: "1 EiB", "64 KiB" and "1.5 MiB" when that is exact,
// else "8,200 bytes" (exact, so that a message's numbers can be typed back).
std::string formatBytes(Size n);

// The same, short, for titles and cells: "32 B", "8 KiB", "1.5 MiB"; a size
// that is no whole or half unit in bytes: "1,000 B".
std::string formatBytesShort(Size n);

// "3,072"
std::string withCommas(std::uint64_t n);

// A story's own unit of size: `bytes` bytes are one `name` ("GiB", "m", "kHz").
struct SizeUnit {
    std::string name;
    Size bytes = 1;
    friend bool operator==(const SizeUnit&, const SizeUnit&) = default;
};
// A size in a sentence: in the unit when it is a whole number of them ("32
// GiB"), else in bytes ("4,080 bytes"); and as an adjective ("32 GiB",
// "4,080-byte"). No unit: bytes.
std::string sizeNoun(Size n, const SizeUnit* unit);
std::string sizeAdjective(Size n, const SizeUnit* unit);
// "0x1a40"
std::string hexAddress(Address a);

} // namespace heapviz
