#include "ui/session/traceloader.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

#include "core/trace/traceparser.h"

namespace heapviz::ui {

TraceLoader::TraceLoader(QObject* parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] { finish(m_watcher.result(), m_request); });
}

TraceLoader::~TraceLoader()
{
    cancel();
    m_watcher.waitForFinished();
}

// Reads (or takes) the trace and records every lane; never throws.
TraceLoader::Outcome TraceLoader::run(const LoadRequest& request, Shared& shared)
{
    Outcome out;
    try {
        Trace trace;
        if (request.trace) {
            trace = *request.trace;
        } else if (!request.path.isEmpty()) {
            shared.total = std::size_t(std::max<qint64>(0, QFileInfo(request.path).size()));
            trace = loadTrace(request.path.toStdString(), {&shared.done, &shared.cancel});
        } else {
            shared.total = std::size_t(request.text.size());
            trace = parseTrace(std::string_view(request.text.constData(), std::size_t(request.text.size())),
                               request.name.toStdString(), {&shared.done, &shared.cancel});
        }
        if (trace.ops.empty()) {
            out.error = tr("%1 has no operations: there is nothing to show.").arg(QString::fromStdString(trace.name));
            return out;
        }
        shared.done = 0;
        shared.total = trace.ops.size() * request.settings.lanes.size();
        shared.phase = 1;
        out.data = recordSession(std::move(trace), request.settings, true, {&shared.done, &shared.cancel});
    } catch (const Cancelled&) {
        out.cancelled = true;
    } catch (const TraceError& e) {
        out.error = QString::fromStdString(e.what());
    }
    return out;
}

void TraceLoader::start(LoadRequest request)
{
    cancel();
    m_watcher.waitForFinished(); // within a few thousand operations
    m_shared = std::make_shared<Shared>();
    m_request = std::move(request);
    m_watcher.setFuture(QtConcurrent::run([request = m_request, shared = m_shared] { return run(request, *shared); }));
}

void TraceLoader::loadNow(LoadRequest request)
{
    cancel();
    m_watcher.waitForFinished();
    Shared shared;
    finish(run(request, shared), request);
}

void TraceLoader::cancel()
{
    if (m_shared)
        m_shared->cancel = true;
}

TraceLoader::Progress TraceLoader::progress() const
{
    if (!m_shared || !busy())
        return {};
    const std::size_t total = m_shared->total;
    const QString phase = m_shared->phase == 0 ? tr("reading") : tr("recording");
    return {phase, total == 0 ? -1.0 : std::min(1.0, double(m_shared->done) / double(total))};
}

void TraceLoader::finish(const Outcome& outcome, const LoadRequest& request)
{
    if (outcome.cancelled)
        return; // a newer load took its place
    if (outcome.data)
        Q_EMIT loaded(outcome.data, request);
    else
        Q_EMIT failed(outcome.error, request);
}

} // namespace heapviz::ui
