#include "ui/quiz/quizcontroller.h"

#include "ui/session/session.h"

namespace heapviz::ui {

QuizController::QuizController(QObject* parent)
    : QObject(parent)
{
}

void QuizController::setSession(Session* session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session)
        connect(session, &Session::stepChanged, this, &QuizController::onStep);
    const std::size_t lanes = session ? session->laneCount() : 0;
    m_scores.assign(lanes, {});
    m_guesses.assign(lanes, std::nullopt);
    m_results.clear();
    m_answered.clear();
    m_pending = false;
    if (m_askedLane && *m_askedLane >= lanes)
        m_askedLane.reset();
    setSchedule(m_schedule);
}

void QuizController::setActive(bool on)
{
    m_active = on;
    m_pending = false;
    m_results.clear();
    onStep();
    Q_EMIT changed();
}

void QuizController::setSchedule(QuizSchedule schedule)
{
    m_schedule = std::move(schedule);
    m_questions.clear();
    if (m_session)
        for (std::size_t s : quizQuestions(m_session->trace(), m_schedule))
            m_questions.insert(s);
    onStep();
}

void QuizController::setAskedLane(std::optional<std::size_t> lane)
{
    m_askedLane = lane;
    Q_EMIT changed();
}

bool QuizController::asks(std::size_t lane) const { return !m_askedLane || *m_askedLane == lane; }

void QuizController::onStep()
{
    if (!m_session)
        return;
    const std::size_t step = m_session->step();
    if (step != m_revealedStep)
        m_results.clear();
    const bool asked = m_active && !m_session->inCompaction() && step < m_session->steps()
                       && m_questions.contains(step) && !m_answered.contains(step);
    if (asked && (!m_pending || m_question != step)) {
        m_pending = true;
        m_question = step;
        m_guesses.assign(m_session->laneCount(), std::nullopt);
        Q_EMIT posed();
    } else if (!asked) {
        m_pending = false;
    }
    Q_EMIT changed();
}

void QuizController::guess(std::size_t lane, std::optional<QuizAnswer> answer)
{
    if (!m_pending || lane >= m_guesses.size() || !asks(lane))
        return;
    m_guesses[lane] = answer;
    Q_EMIT guessed(lane);
    Q_EMIT changed();
}

std::optional<QuizAnswer> QuizController::guessOf(std::size_t lane) const
{
    return lane < m_guesses.size() ? m_guesses[lane] : std::nullopt;
}

void QuizController::reveal()
{
    if (!m_pending || !m_session)
        return;
    m_results.clear();
    for (std::size_t lane = 0; lane < m_session->laneCount(); ++lane) {
        if (!asks(lane))
            continue;
        const auto truth = answerOf(m_session->lane(lane).run.events.eventsOf(std::ptrdiff_t(m_question)));
        if (!truth) // no search (a fault): nothing to predict in this lane
            continue;
        const bool right = m_guesses[lane] && *m_guesses[lane] == *truth;
        m_results.push_back({lane, m_guesses[lane], *truth, right});
        ++m_scores[lane].asked;
        m_scores[lane].right += right ? 1 : 0;
    }
    m_answered.insert(m_question);
    m_pending = false;
    m_revealedStep = m_question + 1;
    m_session->stepForward(false); // the lanes show (and animate) what happened, with its narration
    Q_EMIT revealed();
    Q_EMIT changed();
}

QuizScore QuizController::score(std::size_t lane) const { return lane < m_scores.size() ? m_scores[lane] : QuizScore{}; }

} // namespace heapviz::ui
