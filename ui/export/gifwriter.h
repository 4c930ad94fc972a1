#pragma once
// Animated GIFs through giflib: a fixed palette for the whole animation
// (GifPalette, a value type that maps any colour to its nearest entry), and
// a writer that loops forever (the NETSCAPE2.0 extension) and stores each
// frame as the rectangle that changed since the one before, so that a
// window whose lanes change a little per frame stays small and quick to
// encode. Neither needs a window, nor Qt: pixels are 0xAARRGGBB words.

#include <array>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <vector>

struct GifFileType;

namespace heapviz::ui {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
    friend bool operator==(const Rgb&, const Rgb&) = default;
};

class GifPalette {
public:
    static constexpr std::size_t kSize = 256;
    static constexpr std::size_t kMaxKeyColours = 24;

    // The key colours (the theme's and the lanes' colours, kept exactly; the
    // first kMaxKeyColours distinct ones), then a grey ramp for text and
    // antialiasing, then a 6 x 6 x 6 colour cube for everything else.
    explicit GifPalette(std::span<const Rgb> keyColours = {});

    const std::array<Rgb, kSize>& colours() const { return m_colours; }
    // The entry nearest to `argb` (0xAARRGGBB; alpha ignored), by a lookup in
    // 5 bits per channel; a key colour always maps to itself.
    std::uint8_t indexOf(std::uint32_t argb) const { return m_lookup[bucket(argb)]; }
    // A whole image, `stride` words a row, as palette indices row by row.
    std::vector<std::uint8_t> quantise(const std::uint32_t* argb, int width, int height, int stride) const;

private:
    static std::size_t bucket(std::uint32_t argb)
    {
        return ((argb >> 9) & 0x7c00) | ((argb >> 6) & 0x3e0) | ((argb >> 3) & 0x1f);
    }

    std::array<Rgb, kSize> m_colours{};
    std::vector<std::uint8_t> m_lookup; // 32768 entries, by bucket()
};

class GifWriter {
public:
    GifWriter() = default;
    GifWriter(const GifWriter&) = delete;
    GifWriter& operator=(const GifWriter&) = delete;
    ~GifWriter(); // closes the file, if still open, and keeps what was written

    // Creates `path` for a width x height animation in `palette` that loops
    // forever. False with error() saying why (the file cannot be written, ...).
    bool open(const std::string& path, int width, int height, const GifPalette& palette);
    // One frame of width x height palette indices, shown for `delayCs` hundredths of a second.
    bool addFrame(std::vector<std::uint8_t> indices, int delayCs);
    // Writes the trailer and closes the file.
    bool close();

    bool isOpen() const { return m_gif != nullptr; }
    int frames() const { return m_frames; }
    const std::string& error() const { return m_error; }

private:
    bool fail(const std::string& what, int gifError);

    GifFileType* m_gif = nullptr;
    std::FILE* m_file = nullptr;
    int m_width = 0;
    int m_height = 0;
    int m_frames = 0;
    std::vector<std::uint8_t> m_previous;
    std::string m_path;
    std::string m_error;
};

} // namespace heapviz::ui
