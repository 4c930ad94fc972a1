#include "core/text/units.h"

#include <array>
#include <cctype>
#include <charconv>
#include <string>
#include <cstdio>

namespace heapviz {

namespace {

__extension__ typedef unsigned __int128 Wide; // GCC and Clang: exact sums of 64-bit products

constexpr std::array<char, 6> kUnitLetters = {'K', 'M', 'G', 'T', 'P', 'E'};

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

// The power of 1024 a unit names: "" or "B" 0, "K"/"KB"/"KiB" 1 ... "EiB" 6;
// -1 for anything else.
int unitPower(std::string_view unit)
{
    if (unit.empty() || unit == "B" || unit == "b" || unit == "byte" || unit == "bytes")
        return 0;
    const char letter = char(std::toupper(static_cast<unsigned char>(unit[0])));
    int power = -1;
    for (std::size_t i = 0; i < kUnitLetters.size(); ++i)
        if (kUnitLetters[i] == letter)
            power = int(i) + 1;
    const std::string_view rest = unit.substr(1);
    const bool suffixOk = rest.empty() || rest == "B" || rest == "b" || rest == "iB" || rest == "ib"
                          || rest == "IB";
    return suffixOk ? power : -1;
}

} // namespace

std::optional<Size> parseByteSize(std::string_view text)
{
    text = trimmed(text);
    // Digits (with thousands separators, as formatBytes writes them), an
    // optional fraction, then the unit (with optional blanks between).
    std::string digits;
    std::size_t digitsEnd = 0;
    for (; digitsEnd < text.size(); ++digitsEnd) {
        const char c = text[digitsEnd];
        if (std::isdigit(static_cast<unsigned char>(c)))
            digits += c;
        else if (c != ',' || digits.empty() || digitsEnd + 1 == text.size()
                 || !std::isdigit(static_cast<unsigned char>(text[digitsEnd + 1])))
            break;
    }
    if (digits.empty())
        return std::nullopt;
    Size whole = 0;
    if (std::from_chars(digits.data(), digits.data() + digits.size(), whole).ec != std::errc())
        return std::nullopt;
    std::string_view fraction;
    std::size_t pos = digitsEnd;
    if (pos < text.size() && text[pos] == '.') {
        std::size_t end = pos + 1;
        while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])))
            ++end;
        fraction = text.substr(pos + 1, end - pos - 1);
        if (fraction.empty() || fraction.size() > 18)
            return std::nullopt;
        pos = end;
    }
    const int power = unitPower(trimmed(text.substr(pos)));
    if (power < 0)
        return std::nullopt;
    const unsigned shift = unsigned(10 * power);
    if (shift >= 64 ? whole != 0 : whole > (~Size{0} >> shift))
        return std::nullopt;
    Size value = shift >= 64 ? 0 : whole << shift;
    if (!fraction.empty()) {
        // fraction / 10^digits of a unit must be a whole number of bytes.
        Size numerator = 0, denominator = 1;
        std::from_chars(fraction.data(), fraction.data() + fraction.size(), numerator);
        for (std::size_t i = 0; i < fraction.size(); ++i)
            denominator *= 10;
        const Wide bytes = static_cast<Wide>(numerator) << shift;
        if (bytes % denominator != 0)
            return std::nullopt;
        const Wide total = value + bytes / denominator;
        if (total > ~Size{0})
            return std::nullopt;
        value = Size(total);
    }
    return value;
}

std::string formatBytes(Size n)
{
    static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    // The largest unit that shows n exactly with at most one decimal (a half).
    for (int power = 6; power >= 1; --power) {
        const Size unit = Size{1} << (10 * power);
        if (n < unit)
            continue;
        if (n % unit == 0)
            return withCommas(n / unit) + " " + kUnits[power - 1];
        if (n % (unit / 2) == 0)
            return withCommas(n / unit) + ".5 " + kUnits[power - 1];
    }
    return withCommas(n) + (n == 1 ? " byte" : " bytes");
}

std::string formatBytesShort(Size n)
{
    const std::string words = formatBytes(n);
    const auto space = words.rfind(' ');
    const std::string unit = words.substr(space + 1);
    return unit == "byte" || unit == "bytes" ? words.substr(0, space) + " B" : words;
}

std::string withCommas(std::uint64_t n)
{
    // Copied digit by digit (GCC 12 warns, wrongly, of an overlap in a
    // string's insert of a comma).
    const std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

std::string sizeNoun(Size n, const SizeUnit* unit)
{
    if (unit && unit->bytes > 0 && n % unit->bytes == 0)
        return withCommas(n / unit->bytes) + " " + unit->name;
    return withCommas(n) + (n == 1 ? " byte" : " bytes");
}

std::string sizeAdjective(Size n, const SizeUnit* unit)
{
    if (unit && unit->bytes > 0 && n % unit->bytes == 0)
        return sizeNoun(n, unit);
    return withCommas(n) + "-byte";
}

std::string hexAddress(Address a)
{
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(a.value()));
    return buf;
}

} // namespace heapviz
