#include "core/config/options.h"

#include "core/text/units.h"

namespace heapviz {

namespace {

constexpr std::string_view kOtherOptions[] = {"preset", "heap", "growth", "realloc", "zero", "compact", "compactor"};

// One of a setting's names, or an error listing them.
template <class Choices, class E>
bool choose(const Choices& choices, std::string_view name, std::string_view value, E& into, std::string& error)
{
    if (auto v = valueNamed(choices, value)) {
        into = *v;
        return true;
    }
    error = std::string(name) + " takes " + namesOf(choices) + ", not '" + std::string(value) + "'";
    return false;
}

bool bytes(std::string_view name, std::string_view value, Size& into, std::string& error)
{
    if (auto n = parseByteSize(value)) {
        into = *n;
        return true;
    }
    error = std::string(name) + " takes a number of bytes (like 4096, 64K or 1.5 MiB), not '" + std::string(value) + "'";
    return false;
}

} // namespace

bool isOption(std::string_view name)
{
    for (const SizeParameter& p : kSizeParameters)
        if (p.name == name)
            return true;
    for (std::string_view o : kOtherOptions)
        if (o == name)
            return true;
    return false;
}

bool setOption(HeapConfig& c, std::string_view name, std::string_view value, std::string& error)
{
    for (const SizeParameter& p : kSizeParameters)
        if (name == p.name)
            return bytes(name, value, c.*(p.field), error);
    if (name == "preset") {
        auto preset = HeapConfig::fromPreset(value);
        if (!preset) {
            error = "preset takes " + namesOf(kPresetChoices) + ", not '" + std::string(value) + "'";
            return false;
        }
        c = *preset;
        return true;
    }
    if (name == "heap") {
        if (value == "grow") {
            c.fixedSize.reset();
            return true;
        }
        Size h = 0;
        if (!bytes(name, value, h, error)) {
            error = "heap takes grow or a number of bytes (like 8K or 1 MiB), not '" + std::string(value) + "'";
            return false;
        }
        c.fixedSize = h;
        return true;
    }
    if (name == "growth") {
        if (value == "exact") {
            c.growth = Growth::Exact;
            c.chunk = 0;
            return true;
        }
        if (value.substr(0, 6) == "chunk:")
            if (auto n = parseByteSize(value.substr(6))) {
                c.growth = Growth::Chunk;
                c.chunk = *n;
                return true;
            }
        error = "growth takes exact or chunk:N (N bytes at a time), not '" + std::string(value) + "'";
        return false;
    }
    if (name == "realloc")
        return choose(kReallocChoices, name, value, c.realloc, error);
    if (name == "zero")
        return choose(kZeroChoices, name, value, c.zero, error);
    if (name == "compactor")
        return choose(kCompactorChoices, name, value, c.compactor, error);
    if (name == "compact") {
        auto trigger = CompactTrigger::parse(value, error);
        if (!trigger) {
            error = "compact: " + error;
            return false;
        }
        c.compact = *trigger;
        return true;
    }
    error = "unknown option '" + std::string(name) + "'";
    return false;
}

std::vector<std::pair<std::string_view, std::string>> optionsOf(const HeapConfig& c)
{
    std::vector<std::pair<std::string_view, std::string>> out;
    out.emplace_back("preset", c.preset);
    out.emplace_back("heap", c.fixedSize ? std::to_string(*c.fixedSize) : "grow");
    for (const SizeParameter& p : kSizeParameters)
        out.emplace_back(p.name, std::to_string(c.*(p.field)));
    out.emplace_back("growth", c.growth == Growth::Chunk ? "chunk:" + std::to_string(c.chunk) : "exact");
    out.emplace_back("realloc", std::string(nameOf(kReallocChoices, c.realloc)));
    out.emplace_back("zero", std::string(nameOf(kZeroChoices, c.zero)));
    CompactTrigger trigger = c.compact;
    trigger.byHand.clear(); // one session's
    out.emplace_back("compact", trigger.name());
    out.emplace_back("compactor", std::string(nameOf(kCompactorChoices, c.compactor)));
    return out;
}

} // namespace heapviz
