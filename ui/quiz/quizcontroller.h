#pragma once
// QuizController: predict, then reveal, over a session. When the playhead
// stops before a malloc the schedule asks about, the question is posed (and
// playback pauses); each lane asked gets a guess (a free block clicked in its
// map, or "it fails", or "the heap grows"); reveal scores the guesses against
// the engine's answers (core/quiz) and steps forward, so the lanes show what
// happened with the narration. A question once revealed is not asked again
// when the playhead passes it, so a score counts each question once.

#include <QObject>

#include <optional>
#include <set>
#include <vector>

#include "core/quiz/quiz.h"

namespace heapviz::ui {

class Session;

class QuizController : public QObject {
    Q_OBJECT
public:
    explicit QuizController(QObject* parent = nullptr);

    // A new session: no question pending, every score back to 0 of 0.
    void setSession(Session* session);
    void setActive(bool on);
    bool active() const { return m_active; }
    void setSchedule(QuizSchedule schedule);
    const QuizSchedule& schedule() const { return m_schedule; }
    // The lane asked, or every lane (nullopt).
    void setAskedLane(std::optional<std::size_t> lane);
    std::optional<std::size_t> askedLane() const { return m_askedLane; }
    bool asks(std::size_t lane) const;

    // A question is posed and waits for its reveal: the operation at the
    // session's step (0-based) is about to run.
    bool pending() const { return m_pending; }
    std::size_t questionStep() const { return m_question; }
    void guess(std::size_t lane, std::optional<QuizAnswer> answer);
    std::optional<QuizAnswer> guessOf(std::size_t lane) const;

    struct Result {
        std::size_t lane = 0;
        std::optional<QuizAnswer> guess; // none: no guess was made (counts as wrong)
        QuizAnswer truth;
        bool right = false;
    };
    // Scores the pending question and steps forward to show the answer.
    void reveal();
    // The last question revealed, lane by lane; empty once the playhead moves on.
    const std::vector<Result>& results() const { return m_results; }
    QuizScore score(std::size_t lane) const;

public Q_SLOTS:
    // The playhead moved: poses the question there, if there is one.
    void onStep();

Q_SIGNALS:
    void posed();
    void guessed(std::size_t lane);
    void revealed();
    void changed(); // anything the quiz shows

private:
    Session* m_session = nullptr;
    bool m_active = false;
    QuizSchedule m_schedule;
    std::optional<std::size_t> m_askedLane;
    std::set<std::size_t> m_questions;  // operation indices asked about
    std::set<std::size_t> m_answered;   // revealed already
    bool m_pending = false;
    std::size_t m_question = 0;
    std::size_t m_revealedStep = 0;     // the step the results show (the question's + 1)
    std::vector<std::optional<QuizAnswer>> m_guesses;
    std::vector<Result> m_results;
    std::vector<QuizScore> m_scores;
};

} // namespace heapviz::ui
