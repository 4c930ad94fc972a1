#include "ui/export/gifexport.h"

#include <QCoreApplication>
#include <QFile>
#include <QWidget>
#include <QtConcurrent>

#include <cmath>

#include "ui/export/widgetexport.h"
#include "ui/families/structurewidget.h"
#include "ui/lanes/lanewidget.h"
#include "ui/map/memorymapwidget.h"
#include "ui/session/session.h"
#include "ui/style/palette.h"

namespace heapviz::ui {

namespace {

constexpr double kFrameMs = 50; // an animation frame every 50 ms when not told otherwise

int centiseconds(double ms) { return int(std::lround(ms / 10)); }

Rgb rgbOf(const QColor& c) { return {std::uint8_t(c.red()), std::uint8_t(c.green()), std::uint8_t(c.blue())}; }

} // namespace

std::vector<int> gifStepDelays(const GifOptions& options)
{
    const double step = 1000 / options.stepsPerSecond;
    if (options.stepsPerSecond >= GifOptions::kAnimateBelow)
        return {centiseconds(step)};
    const double animation = std::min(1200.0, 850 / options.stepsPerSecond);
    const int frames = options.framesPerStep > 0 ? options.framesPerStep
                                                 : std::max(2, int(std::lround(animation / kFrameMs)));
    std::vector<int> delays;
    int before = 0;
    for (int k = 1; k <= frames; ++k) {
        const int until = k == frames ? centiseconds(step) : centiseconds(animation * k / frames);
        delays.push_back(until - before);
        before = until;
    }
    return delays;
}

int gifFirstDelay(const GifOptions& options) { return centiseconds(1000 / options.stepsPerSecond); }

std::size_t gifSteps(const Session& session, std::size_t from, std::size_t to)
{
    std::size_t steps = 0;
    for (std::size_t op = from; op < to; ++op)
        if (const std::size_t moves = session.compactionMoves(op))
            steps += moves + 1; // into the compaction, each further move, out of it
        else
            ++steps;
    return steps;
}

GifPalette gifPaletteFor(const QWidget& widget, const Session& session)
{
    std::vector<Rgb> keys;
    const QPalette& p = widget.palette();
    for (QPalette::ColorRole role : {QPalette::Window, QPalette::Base, QPalette::WindowText, QPalette::Text,
                                     QPalette::PlaceholderText, QPalette::Highlight, QPalette::Mid})
        keys.push_back(rgbOf(p.color(role)));
    for (std::size_t l = 0; l < session.laneCount(); ++l)
        keys.push_back(rgbOf(laneColor(session.lane(l).spec)));
    for (TraceId id = 0; id < TraceId(kIdColorCount); ++id)
        keys.push_back(rgbOf(colorForId(id)));
    return GifPalette(keys);
}

GifExport::GifExport(Session& session, std::vector<LaneWidget*> lanes, QWidget& target, QString path,
                     GifOptions options, QObject* parent)
    : ExportJob(parent)
    , m_session(&session)
    , m_target(&target)
    , m_path(std::move(path))
    , m_options(options)
    , m_stepDelays(gifStepDelays(options))
    , m_returnTo(session.step())
    , m_size(options.size.isEmpty() ? target.size() : options.size)
{
    Q_ASSERT_X(options.from < options.to && options.to <= session.steps(), "GifExport", "a range inside the trace");
    Q_ASSERT_X(options.stepsPerSecond >= GifOptions::kMinSpeed && options.stepsPerSecond <= GifOptions::kMaxSpeed,
               "GifExport", "a speed a GIF can show");
    m_frames = int(1 + gifSteps(session, options.from, options.to) * m_stepDelays.size());
    for (LaneWidget* lane : lanes) {
        m_lanes.emplace_back(lane);
        watch(lane);
    }
    watch(&session);
    watch(&target);
    m_pool.setMaxThreadCount(1);
}

GifExport::~GifExport()
{
    m_encoding.waitForFinished();
}

bool GifExport::begin(QString& error)
{
    m_palette = std::make_unique<GifPalette>(gifPaletteFor(*m_target, *m_session));
    m_writer = std::make_unique<GifWriter>();
    if (!m_writer->open(QFile::encodeName(m_path).toStdString(), m_size.width(), m_size.height(), *m_palette)) {
        error = QString::fromStdString(m_writer->error());
        return false;
    }
    return true;
}

// The target at `progress` of every lane's step animation.
QImage GifExport::drawFrame(double progress)
{
    for (const QPointer<LaneWidget>& lane : m_lanes) {
        lane->map()->setAnimationProgress(progress);
        lane->structureView()->setAnimationProgress(progress);
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest); // the step's text laid out
    return renderWidget(*m_target, m_size);
}

bool GifExport::encoderFailed(QString& error)
{
    if (m_encoding.isValid() && m_encoding.isFinished() && !m_encoding.result()) {
        error = QString::fromStdString(m_writer->error());
        return true;
    }
    return false;
}

ExportJob::Slice GifExport::slice(QString& error)
{
    if (m_encoding.isValid() && !m_encoding.isFinished())
        return Slice::Wait;
    if (encoderFailed(error))
        return Slice::Done;
    if (m_drawn == m_frames)
        return Slice::Done;

    const int perStep = int(m_stepDelays.size());
    double progress = 1;
    int delay = gifFirstDelay(m_options);
    if (m_drawn == 0) {
        m_session->seek(m_options.from);
    } else {
        const int k = (m_drawn - 1) % perStep;
        if (k == 0) {
            m_session->stepForward(/*throughMoves=*/true);
            // The lanes started their animations on a timer: the frames drive them instead.
            for (const QPointer<LaneWidget>& lane : m_lanes)
                lane->finishAnimation();
        }
        progress = perStep == 1 ? 1.0 : double(k + 1) / perStep;
        delay = m_stepDelays[std::size_t(k)];
    }
    const QImage frame = drawFrame(progress);
    ++m_drawn;
    advance();
    m_encoding = QtConcurrent::run(&m_pool, [writer = m_writer.get(), palette = m_palette.get(), frame, delay] {
        return writer->addFrame(palette->quantise(reinterpret_cast<const std::uint32_t*>(frame.constBits()),
                                                  frame.width(), frame.height(), int(frame.bytesPerLine() / 4)),
                                delay);
    });
    return Slice::More;
}

bool GifExport::end(QString& error)
{
    m_encoding.waitForFinished();
    if (encoderFailed(error))
        return false;
    if (m_session)
        m_session->seek(m_returnTo);
    if (!m_writer->close()) {
        error = QString::fromStdString(m_writer->error());
        return false;
    }
    return true;
}

void GifExport::abandon()
{
    m_encoding.waitForFinished();
    if (m_writer)
        m_writer->close();
    QFile::remove(m_path);
    if (m_session)
        m_session->seek(m_returnTo);
}

} // namespace heapviz::ui
