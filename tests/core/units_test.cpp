// Sizes as users type and read them, and the options by name that the CLI,
// the settings panel and the saved settings all go through.

#include <gtest/gtest.h>

#include "core/config/options.h"
#include "core/text/units.h"
#include "support/heaptesting.h"

using namespace heapviz;
using namespace heapviz::testing;

TEST(Units, ByteSizesAreReadTheWaysPeopleWriteThem)
{
    EXPECT_EQ(parseByteSize("65536"), 65536u);
    EXPECT_EQ(parseByteSize("64K"), 65536u);
    EXPECT_EQ(parseByteSize("64 K"), 65536u);
    EXPECT_EQ(parseByteSize("64 KiB"), 65536u);
    EXPECT_EQ(parseByteSize("64kb"), 65536u);
    EXPECT_EQ(parseByteSize(" 8k "), 8192u);
    EXPECT_EQ(parseByteSize("1.5K"), 1536u);
    EXPECT_EQ(parseByteSize("1.5 MiB"), 1572864u);
    EXPECT_EQ(parseByteSize("2G"), 2147483648u);
    EXPECT_EQ(parseByteSize("1E"), Size{1} << 60);
    EXPECT_EQ(parseByteSize("15E"), Size{15} << 60);
    EXPECT_EQ(parseByteSize("100 B"), 100u);
}

TEST(Units, EverySizeFormatBytesWritesReadsBack)
{
    for (Size n : {Size{0}, Size{1}, Size{100}, Size{1536}, Size{8192}, Size{8200}, Size{1234567}, Size{1} << 60,
                   (Size{3} << 40) + (Size{1} << 39)})
        EXPECT_EQ(parseByteSize(formatBytes(n)), n) << formatBytes(n);
}

TEST(Units, ByteSizesThatAreNoWholeNumberOfBytesAreRefused)
{
    EXPECT_FALSE(parseByteSize(""));
    EXPECT_FALSE(parseByteSize("K"));
    EXPECT_FALSE(parseByteSize("-1"));
    EXPECT_FALSE(parseByteSize("1.1K")) << "1126.4 bytes";
    EXPECT_FALSE(parseByteSize("1.5")) << "half a byte";
    EXPECT_FALSE(parseByteSize("64Q"));
    EXPECT_FALSE(parseByteSize("64 KiBs"));
    EXPECT_FALSE(parseByteSize("16E")) << "2^64 does not fit";
    EXPECT_FALSE(parseByteSize("99999999999999999999"));
    EXPECT_FALSE(parseByteSize("1 2"));
}

TEST(Units, SizesReadAsUnitsWhenExactAndAsBytesOtherwise)
{
    EXPECT_EQ(formatBytes(Size{1} << 60), "1 EiB");
    EXPECT_EQ(formatBytes(8192), "8 KiB");
    EXPECT_EQ(formatBytes(1536), "1.5 KiB");
    EXPECT_EQ(formatBytes(3 * 1048576), "3 MiB");
    EXPECT_EQ(formatBytes(8200), "8,200 bytes");
    EXPECT_EQ(formatBytes(1), "1 byte");
    EXPECT_EQ(formatBytes(0), "0 bytes");
    EXPECT_EQ(withCommas(1234567), "1,234,567");
    EXPECT_EQ(hexAddress(Address(6720)), "0x1a40");
}

TEST(Options, EveryOptionOfAConfigReadsBackToTheSameConfig)
{
    HeapConfig c = csappConfig();
    c.fixedSize = 65536;
    c.compactor = Compactor::TwoFinger;
    std::string error;
    c.compact = *CompactTrigger::parse("threshold:0.25", error);
    HeapConfig back;
    for (const auto& [name, value] : optionsOf(c))
        ASSERT_TRUE(setOption(back, name, value, error)) << name << "=" << value << ": " << error;
    EXPECT_EQ(back.preset, c.preset);
    EXPECT_EQ(back.fixedSize, c.fixedSize);
    EXPECT_EQ(back.align, 8u);
    EXPECT_EQ(back.prefix, 12u);
    EXPECT_EQ(back.growth, Growth::Chunk);
    EXPECT_EQ(back.chunk, 4096u);
    EXPECT_EQ(back.realloc, ReallocPolicy::Move);
    EXPECT_EQ(back.zero, ZeroPolicy::Null);
    EXPECT_EQ(back.compact, c.compact);
    EXPECT_EQ(back.compactor, Compactor::TwoFinger);
}

TEST(Options, ACompactionAskedForByHandIsNotPartOfTheSettings)
{
    HeapConfig c;
    c.compact.addByHand(30); // the Compact action: this session only
    for (const auto& [name, value] : optionsOf(c))
        if (name == "compact") {
            EXPECT_EQ(value, "never");
        }
}

TEST(Options, ABadValueSaysWhatWasExpected)
{
    HeapConfig c;
    std::string error;
    EXPECT_FALSE(setOption(c, "realloc", "sometimes", error));
    EXPECT_EQ(error, "realloc takes in_place, move, not 'sometimes'");
    EXPECT_FALSE(setOption(c, "preset", "glibc", error));
    EXPECT_EQ(error, "preset takes default, csapp, not 'glibc'");
    EXPECT_FALSE(setOption(c, "align", "lots", error));
    EXPECT_NE(error.find("number of bytes"), std::string::npos);
    EXPECT_FALSE(setOption(c, "colour", "blue", error));
    EXPECT_TRUE(setOption(c, "heap", "64 KiB", error));
    EXPECT_EQ(c.fixedSize, 65536u);
}

TEST(Options, ImpossibleSettingsAreExplainedInWordsAndUnits)
{
    HeapConfig c;
    c.fixedSize = kMaxHeapBytes * 2;
    EXPECT_EQ(c.validate(), "A fixed heap of 2 EiB is larger than the 1 EiB HeapViz supports.");
    c.fixedSize = 8200;
    EXPECT_EQ(c.validate(), "A fixed heap of 8,200 bytes leaves 8,200 bytes for blocks, which is not a multiple "
                            "of the alignment (16 bytes); try 8 KiB or 8,208 bytes.");
}
