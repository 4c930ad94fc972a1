#include "ui/export/gifwriter.h"

#include <gif_lib.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>

namespace heapviz::ui {

namespace {

int squaredDistance(const Rgb& a, int r, int g, int b)
{
    const int dr = a.r - r, dg = a.g - g, db = a.b - b;
    return dr * dr + dg * dg + db * db;
}

// giflib's output function: to the writer's FILE.
int writeBytes(GifFileType* gif, const GifByteType* bytes, int length)
{
    return int(std::fwrite(bytes, 1, std::size_t(length), static_cast<std::FILE*>(gif->UserData)));
}

} // namespace

GifPalette::GifPalette(std::span<const Rgb> keyColours)
{
    std::size_t n = 0;
    for (const Rgb& c : keyColours)
        if (n < kMaxKeyColours && std::find(m_colours.begin(), m_colours.begin() + long(n), c) == m_colours.begin() + long(n))
            m_colours[n++] = c;
    const std::size_t cubeStart = kSize - 216;
    const std::size_t greys = cubeStart - n; // at least 16
    for (std::size_t i = 0; i < greys; ++i) {
        const auto v = std::uint8_t(greys == 1 ? 0 : i * 255 / (greys - 1));
        m_colours[n++] = {v, v, v};
    }
    for (int r = 0; r < 6; ++r)
        for (int g = 0; g < 6; ++g)
            for (int b = 0; b < 6; ++b)
                m_colours[n++] = {std::uint8_t(r * 51), std::uint8_t(g * 51), std::uint8_t(b * 51)};
    assert(n == kSize && "key colours, greys and the cube fill the palette exactly");

    // Each bucket's centre to its nearest entry; then each key colour's own
    // bucket to that key colour, so that the theme's colours come out exact.
    m_lookup.resize(32768);
    for (std::size_t k = 0; k < m_lookup.size(); ++k) {
        const int r = int((k >> 10) & 31) * 8 + 4, g = int((k >> 5) & 31) * 8 + 4, b = int(k & 31) * 8 + 4;
        std::size_t best = 0;
        int bestDistance = squaredDistance(m_colours[0], r, g, b);
        for (std::size_t i = 1; i < kSize && bestDistance > 0; ++i)
            if (const int d = squaredDistance(m_colours[i], r, g, b); d < bestDistance) {
                best = i;
                bestDistance = d;
            }
        m_lookup[k] = std::uint8_t(best);
    }
    for (std::size_t i = std::min(keyColours.size(), kMaxKeyColours); i-- > 0;) // the first key wins a shared bucket
        m_lookup[bucket(0xff000000u | std::uint32_t(m_colours[i].r) << 16 | std::uint32_t(m_colours[i].g) << 8
                        | m_colours[i].b)] = std::uint8_t(i);
}

std::vector<std::uint8_t> GifPalette::quantise(const std::uint32_t* argb, int width, int height, int stride) const
{
    std::vector<std::uint8_t> out(std::size_t(width) * std::size_t(height));
    std::uint8_t* to = out.data();
    for (int y = 0; y < height; ++y) {
        const std::uint32_t* row = argb + std::size_t(y) * std::size_t(stride);
        for (int x = 0; x < width; ++x)
            *to++ = m_lookup[bucket(row[x])];
    }
    return out;
}

GifWriter::~GifWriter()
{
    if (m_gif)
        close();
}

bool GifWriter::fail(const std::string& what, int gifError)
{
    m_error = what + (gifError ? std::string(": ") + GifErrorString(gifError) : std::string());
    return false;
}

bool GifWriter::open(const std::string& path, int width, int height, const GifPalette& palette)
{
    assert(!m_gif && "one animation per writer");
    assert(width > 0 && height > 0 && width <= 65535 && height <= 65535 && "a GIF's size is 16-bit");
    m_path = path;
    m_width = width;
    m_height = height;
    m_frames = 0;
    m_previous.clear();
    m_file = std::fopen(path.c_str(), "wb");
    if (!m_file)
        return fail("cannot write " + path + ": " + std::strerror(errno), 0);
    int error = 0;
    m_gif = EGifOpen(m_file, writeBytes, &error);
    if (!m_gif) {
        std::fclose(m_file);
        m_file = nullptr;
        return fail("cannot start " + path, error);
    }
    EGifSetGifVersion(m_gif, true); // GIF89a: delays and the loop extension
    GifColorType colours[GifPalette::kSize];
    for (std::size_t i = 0; i < GifPalette::kSize; ++i)
        colours[i] = {palette.colours()[i].r, palette.colours()[i].g, palette.colours()[i].b};
    ColorMapObject* map = GifMakeMapObject(int(GifPalette::kSize), colours);
    const int described = EGifPutScreenDesc(m_gif, width, height, 8, 0, map);
    GifFreeMapObject(map);
    if (described == GIF_ERROR)
        return fail("cannot write " + path, m_gif->Error);
    // Loop forever: NETSCAPE2.0, sub-block 1, loop count 0 (little-endian).
    const unsigned char loop[3] = {1, 0, 0};
    if (EGifPutExtensionLeader(m_gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR
        || EGifPutExtensionBlock(m_gif, 11, "NETSCAPE2.0") == GIF_ERROR
        || EGifPutExtensionBlock(m_gif, 3, loop) == GIF_ERROR || EGifPutExtensionTrailer(m_gif) == GIF_ERROR)
        return fail("cannot write " + path, m_gif->Error);
    return true;
}

bool GifWriter::addFrame(std::vector<std::uint8_t> indices, int delayCs)
{
    assert(m_gif && "open() first");
    assert(indices.size() == std::size_t(m_width) * std::size_t(m_height) && "a frame is the animation's size");
    assert(delayCs >= 0 && delayCs <= 65535 && "a GIF delay is 16-bit");
    // The rectangle that changed since the last frame (all of the first);
    // the rest stays on screen (disposal: do not dispose). An unchanged
    // frame is still a frame, of one pixel, so that its delay counts.
    int left = 0, top = 0, right = m_width - 1, bottom = m_height - 1;
    if (!m_previous.empty()) {
        left = m_width;
        top = m_height;
        right = -1;
        bottom = -1;
        for (int y = 0; y < m_height; ++y) {
            const std::uint8_t* now = indices.data() + std::size_t(y) * std::size_t(m_width);
            const std::uint8_t* before = m_previous.data() + std::size_t(y) * std::size_t(m_width);
            if (std::memcmp(now, before, std::size_t(m_width)) == 0)
                continue;
            int first = 0, last = m_width - 1;
            while (now[first] == before[first])
                ++first;
            while (now[last] == before[last])
                --last;
            left = std::min(left, first);
            right = std::max(right, last);
            top = std::min(top, y);
            bottom = y;
        }
        if (right < 0)
            left = top = right = bottom = 0;
    }
    GraphicsControlBlock gcb{};
    gcb.DisposalMode = DISPOSE_DO_NOT;
    gcb.UserInputFlag = false;
    gcb.DelayTime = delayCs;
    gcb.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType extension[4];
    const auto length = EGifGCBToExtension(&gcb, extension);
    const int width = right - left + 1, height = bottom - top + 1;
    if (EGifPutExtension(m_gif, GRAPHICS_EXT_FUNC_CODE, int(length), extension) == GIF_ERROR
        || EGifPutImageDesc(m_gif, left, top, width, height, false, nullptr) == GIF_ERROR)
        return fail("cannot write " + m_path, m_gif->Error);
    for (int y = top; y <= bottom; ++y)
        if (EGifPutLine(m_gif, indices.data() + std::size_t(y) * std::size_t(m_width) + std::size_t(left), width)
            == GIF_ERROR)
            return fail("cannot write " + m_path, m_gif->Error);
    m_previous = std::move(indices);
    ++m_frames;
    return true;
}

bool GifWriter::close()
{
    if (!m_gif)
        return m_error.empty();
    int error = 0;
    const bool closed = EGifCloseFile(m_gif, &error) == GIF_OK; // writes the trailer
    m_gif = nullptr;
    const bool flushed = std::fclose(m_file) == 0;
    m_file = nullptr;
    if (!closed)
        return fail("cannot finish " + m_path, error);
    if (!flushed)
        return fail("cannot write " + m_path + ": " + std::strerror(errno), 0);
    return true;
}

} // namespace heapviz::ui
