#include "core/sim/streamrun.h"

#include <deque>
#include <exception>
#include <memory>
#include <stdexcept>
#include <thread>

#include "core/sim/boundedqueue.h"

namespace heapviz {

namespace {

// One chunk of ops, read once and shared by every lane.
using Chunk = std::shared_ptr<const OpList>;
using ChunkQueue = BoundedQueue<Chunk>;

// One lane: a simulator fed chunk by chunk on the lane's own thread.
class LaneWorker {
public:
    LaneWorker(const LaneSpec& lane, const StreamOptions& options, const std::string& traceName)
        : m_sim(lane, 0, nullptr, options.countExamined), m_check(options.checkInvariants), m_traceName(traceName)
    {
    }

    // Simulates every chunk until the queue closes. After an error the lane
    // keeps taking chunks without running them, so that the reader never
    // waits on a lane that has stopped.
    void run(ChunkQueue& queue)
    {
        while (const std::optional<Chunk> chunk = queue.pop()) {
            if (m_error)
                continue;
            try {
                simulate(**chunk);
            } catch (...) {
                m_error = std::current_exception();
            }
        }
    }

    const std::exception_ptr& error() const { return m_error; }
    LaneSummary summary() const { return summarize(m_sim, m_examined); }

private:
    void simulate(const OpList& ops)
    {
        for (std::size_t i = 0; i < ops.size(); ++i) {
            const Op& op = ops[i];
            m_sim.prefetch(&op + 1, ops.size() - i - 1); // within the chunk: its last ops go without
            m_sim.apply(op);
            m_examined += m_sim.examined();
            if (m_check) {
                if (std::string broken = m_sim.checkInvariants(); !broken.empty())
                    throw std::logic_error(m_traceName + ":" + std::to_string(op.line) + ": " + broken);
            }
        }
    }

    Simulator m_sim;
    bool m_check;
    const std::string& m_traceName;
    std::uint64_t m_examined = 0;
    std::exception_ptr m_error;
};

// The reader: chunks from source into every lane's queue until the source
// ends or fails; either way the queues close, so every lane finishes.
class Reader {
public:
    Reader(OpSource& source, std::deque<ChunkQueue>& queues, std::size_t chunkOps)
        : m_source(source), m_queues(queues), m_chunkOps(chunkOps)
    {
    }

    void run()
    {
        try {
            readAll();
        } catch (...) {
            m_error = std::current_exception();
        }
        for (ChunkQueue& queue : m_queues)
            queue.close();
    }

    std::uint64_t operations() const { return m_operations; }
    const std::exception_ptr& error() const { return m_error; }

private:
    void readAll()
    {
        for (;;) {
            auto chunk = std::make_shared<OpList>();
            chunk->reserve(m_chunkOps);
            if (!m_source.read(*chunk, m_chunkOps))
                return;
            m_operations += chunk->size();
            const Chunk shared = std::move(chunk);
            for (ChunkQueue& queue : m_queues)
                queue.push(shared);
        }
    }

    OpSource& m_source;
    std::deque<ChunkQueue>& m_queues;
    std::size_t m_chunkOps;
    std::uint64_t m_operations = 0;
    std::exception_ptr m_error;
};

// Closes the queues when the threads are being unwound after a failure to
// start one, so that the threads already running finish and can be joined.
class QueueCloser {
public:
    explicit QueueCloser(std::deque<ChunkQueue>& queues) : m_queues(queues) {}
    QueueCloser(const QueueCloser&) = delete;
    QueueCloser& operator=(const QueueCloser&) = delete;
    ~QueueCloser()
    {
        for (ChunkQueue& queue : m_queues)
            queue.close();
    }

private:
    std::deque<ChunkQueue>& m_queues;
};

// Starts the lanes and the reader, and waits for all of them.
void runThreads(std::deque<LaneWorker>& workers, std::deque<ChunkQueue>& queues, Reader& reader)
{
    std::vector<std::jthread> threads;
    threads.reserve(workers.size() + 1);
    const QueueCloser closer(queues); // destroyed before `threads` joins them
    for (std::size_t i = 0; i < workers.size(); ++i)
        threads.emplace_back([&workers, &queues, i] { workers[i].run(queues[i]); });
    threads.emplace_back([&reader] { reader.run(); });
    for (std::jthread& thread : threads)
        thread.join();
}

} // namespace

StreamResult runStream(OpSource& source, const StreamOptions& options)
{
    if (options.chunkOps == 0 || options.queueDepth == 0)
        throw std::invalid_argument("runStream: chunkOps and queueDepth must be at least 1");
    std::deque<LaneWorker> workers; // a deque: neither workers nor queues can move
    std::deque<ChunkQueue> queues;
    for (const LaneSpec& lane : options.lanes) {
        workers.emplace_back(lane, options, source.name());
        queues.emplace_back(options.queueDepth);
    }
    Reader reader(source, queues, options.chunkOps);
    runThreads(workers, queues, reader);

    if (reader.error())
        std::rethrow_exception(reader.error());
    for (const LaneWorker& worker : workers)
        if (worker.error())
            std::rethrow_exception(worker.error());
    StreamResult result{reader.operations(), {}};
    for (const LaneWorker& worker : workers)
        result.lanes.push_back(worker.summary());
    return result;
}

} // namespace heapviz
