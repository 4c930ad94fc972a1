// Lanes stay apart for readers with deuteranopia and on a greyscale print,
// checked by simulation: Machado, Oliveira & Fernandes (2009), "A
// Physiologically-based Model for Simulation of Color Vision Deficiency",
// deuteranopia at severity 1.0 (their matrix, applied in linear RGB), then
// CIEDE2000 (Sharma, Wu & Dalal 2005) between the simulated colours in CIELAB
// under D65; greyscale as the CIE L* of each colour's relative luminance.
// Lanes also differ by dash and marker, which every lane has.

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <iostream>
#include <numbers>
#include <set>

#include "support/strategy.h"
#include "ui/style/palette.h"

using namespace heapviz;
using namespace heapviz::ui;

namespace {

using Vec3 = std::array<double, 3>;

double toLinear(int channel)
{
    const double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

Vec3 linearRgb(const QColor& c) { return {toLinear(c.red()), toLinear(c.green()), toLinear(c.blue())}; }

// Machado et al. 2009, deuteranomaly at severity 1.0 (deuteranopia).
Vec3 deuteranopia(const Vec3& rgb)
{
    constexpr double m[3][3] = {{0.367322, 0.860646, -0.227968},
                                {0.280085, 0.672501, 0.047413},
                                {-0.011820, 0.042940, 0.968881}};
    Vec3 out{};
    for (int i = 0; i < 3; ++i)
        out[std::size_t(i)] = std::clamp(m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2], 0.0, 1.0);
    return out;
}

// Linear sRGB to CIELAB, D65 white.
Vec3 lab(const Vec3& rgb)
{
    const double x = 0.4124564 * rgb[0] + 0.3575761 * rgb[1] + 0.1804375 * rgb[2];
    const double y = 0.2126729 * rgb[0] + 0.7151522 * rgb[1] + 0.0721750 * rgb[2];
    const double z = 0.0193339 * rgb[0] + 0.1191920 * rgb[1] + 0.9503041 * rgb[2];
    const auto f = [](double t) { return t > 216.0 / 24389 ? std::cbrt(t) : (24389.0 / 27 * t + 16) / 116; };
    const double fx = f(x / 0.95047), fy = f(y), fz = f(z / 1.08883);
    return {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
}

double degrees(double radians) { return radians * 180 / std::numbers::pi; }
double radians(double degrees) { return degrees * std::numbers::pi / 180; }

// CIEDE2000 colour difference, as in Sharma, Wu & Dalal (2005), equations 1-17.
double ciede2000(const Vec3& lab1, const Vec3& lab2)
{
    const auto [l1, a1, b1] = lab1;
    const auto [l2, a2, b2] = lab2;
    const double cBar = (std::hypot(a1, b1) + std::hypot(a2, b2)) / 2;
    const double g = 0.5 * (1 - std::sqrt(std::pow(cBar, 7) / (std::pow(cBar, 7) + std::pow(25.0, 7))));
    const double a1p = (1 + g) * a1, a2p = (1 + g) * a2;
    const double c1p = std::hypot(a1p, b1), c2p = std::hypot(a2p, b2);
    const auto hue = [](double b, double a) { return a == 0 && b == 0 ? 0.0 : std::fmod(degrees(std::atan2(b, a)) + 360, 360); };
    const double h1p = hue(b1, a1p), h2p = hue(b2, a2p);
    double dhp = 0;
    if (c1p * c2p != 0) {
        dhp = h2p - h1p;
        if (dhp > 180)
            dhp -= 360;
        else if (dhp < -180)
            dhp += 360;
    }
    const double dLp = l2 - l1, dCp = c2p - c1p;
    const double dHp = 2 * std::sqrt(c1p * c2p) * std::sin(radians(dhp / 2));
    const double lBarP = (l1 + l2) / 2, cBarP = (c1p + c2p) / 2;
    double hBarP = h1p + h2p;
    if (c1p * c2p != 0)
        hBarP = std::abs(h1p - h2p) <= 180 ? (h1p + h2p) / 2 : (h1p + h2p + (h1p + h2p < 360 ? 360 : -360)) / 2;
    const double t = 1 - 0.17 * std::cos(radians(hBarP - 30)) + 0.24 * std::cos(radians(2 * hBarP)) +
                     0.32 * std::cos(radians(3 * hBarP + 6)) - 0.20 * std::cos(radians(4 * hBarP - 63));
    const double dTheta = 30 * std::exp(-std::pow((hBarP - 275) / 25, 2));
    const double rc = 2 * std::sqrt(std::pow(cBarP, 7) / (std::pow(cBarP, 7) + std::pow(25.0, 7)));
    const double sl = 1 + 0.015 * std::pow(lBarP - 50, 2) / std::sqrt(20 + std::pow(lBarP - 50, 2));
    const double sc = 1 + 0.045 * cBarP, sh = 1 + 0.015 * cBarP * t;
    const double rt = -std::sin(radians(2 * dTheta)) * rc;
    return std::sqrt(std::pow(dLp / sl, 2) + std::pow(dCp / sc, 2) + std::pow(dHp / sh, 2) +
                     rt * (dCp / sc) * (dHp / sh));
}

double deuteranopicDifference(const QColor& a, const QColor& b)
{
    return ciede2000(lab(deuteranopia(linearRgb(a))), lab(deuteranopia(linearRgb(b))));
}

double ordinaryDifference(const QColor& a, const QColor& b) { return ciede2000(lab(linearRgb(a)), lab(linearRgb(b))); }

// The lightness difference of the two colours printed in grey.
double greyDifference(const QColor& a, const QColor& b)
{
    return std::abs(lab(linearRgb(a))[0] - lab(linearRgb(b))[0]);
}

} // namespace

TEST(LaneColours, TheSimulationsColourDifferenceMatchesPublishedValues)
{
    // Sharma, Wu & Dalal (2005), table 1, pairs 1, 7 and 18.
    EXPECT_NEAR(ciede2000({50, 2.6772, -79.7751}, {50, 0, -82.7485}), 2.0425, 1e-4);
    EXPECT_NEAR(ciede2000({50, 0, 0}, {50, -1, 2}), 2.3669, 1e-4);
    EXPECT_NEAR(ciede2000({50, 2.5, 0}, {73, 25, -18}), 27.1492, 1e-4);
    // Machado's matrix keeps greys grey (its rows sum to 1), and white is L* 100.
    EXPECT_NEAR(lab(deuteranopia(linearRgb(QColor(128, 128, 128))))[0], lab(linearRgb(QColor(128, 128, 128)))[0], 1e-3);
    EXPECT_NEAR(lab(linearRgb(Qt::white))[0], 100, 1e-3);
}

TEST(LaneColours, BestAndWorstFitStayApartUnderDeuteranopiaAndInGrey)
{
    const QColor best = laneColor(std::size_t(Strategy::Best)), worst = laneColor(std::size_t(Strategy::Worst));
    EXPECT_GE(deuteranopicDifference(best, worst), 15);
    EXPECT_GE(greyDifference(best, worst), 10) << "Okabe-Ito's reddish purple (CC79A7) was only 3.3 from bluish green";
}

// Every pair of the four fits' colours (the lanes there are today): clearly
// apart under deuteranopia (CIEDE2000 >= 15) and in grey (L* >= 10).
TEST(LaneColours, EveryPairOfFitsStaysApartUnderDeuteranopiaAndInGrey)
{
    for (Strategy a : kAllStrategies)
        for (Strategy b : kAllStrategies) {
            if (a >= b)
                continue;
            const double deut = deuteranopicDifference(laneColor(std::size_t(a)), laneColor(std::size_t(b)));
            const double grey = greyDifference(laneColor(std::size_t(a)), laneColor(std::size_t(b)));
            std::cout << strategyName(a) << "/" << strategyName(b) << ": deuteranopia dE00 " << deut
                      << ", grey dL* " << grey << "\n";
            EXPECT_GE(deut, 15) << strategyName(a) << " and " << strategyName(b);
            EXPECT_GE(grey, 10) << strategyName(a) << " and " << strategyName(b);
        }
}

// All eight lane colours: apart under deuteranopia (CIEDE2000 >= 10) and
// clearly apart in ordinary vision (>= 20). Eight greys 10 L* apart do not fit
// between a white and a dark background: beyond four lanes the dash and the
// marker carry the difference in grey.
TEST(LaneColours, EightLanesStayApartUnderDeuteranopia)
{
    for (std::size_t a = 0; a < kLaneStyleCount; ++a)
        for (std::size_t b = a + 1; b < kLaneStyleCount; ++b) {
            EXPECT_GE(deuteranopicDifference(laneColor(a), laneColor(b)), 10) << "slots " << a << ", " << b;
            EXPECT_GE(ordinaryDifference(laneColor(a), laneColor(b)), 20) << "slots " << a << ", " << b;
        }
    EXPECT_EQ(laneColor(kLaneStyleCount + 2), laneColor(2)) << "more lanes than styles wrap around";
}

TEST(LaneColours, FitsKeepTheirLaneSlotsColour)
{
    for (Strategy s : kAllStrategies)
        EXPECT_EQ(laneColor(std::size_t(s)), laneColor(std::size_t(s)));
}

TEST(LaneStyles, EveryLaneHasItsOwnDashAndMarker)
{
    std::set<QList<qreal>> dashes;
    std::set<LaneMarker> markers;
    for (std::size_t slot = 0; slot < kLaneStyleCount; ++slot) {
        const QPen pen = lanePen(slot, 2);
        EXPECT_EQ(pen.color(), laneColor(slot));
        EXPECT_EQ(pen.widthF(), 2);
        dashes.insert(pen.style() == Qt::SolidLine ? QList<qreal>{} : pen.dashPattern());
        markers.insert(laneMarker(slot));
    }
    EXPECT_EQ(dashes.size(), kLaneStyleCount);
    EXPECT_EQ(markers.size(), kLaneStyleCount);
    EXPECT_EQ(lanePen(0, 2).style(), Qt::SolidLine) << "the first lane draws a plain line";
}
