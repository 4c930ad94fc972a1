#pragma once
// QuizBar: the quiz's strip above the lanes (Playback → Predict). It poses
// the question ("line 45: malloc(130) for id 27: which free block will each
// lane take?"), shows each lane's guess, then what each lane did, right or
// wrong, and the running score per lane. Its controls choose the lane asked
// (or every lane) and how often a malloc is a question; its buttons do what
// the keys do: X it fails, G the heap grows, Enter reveals.

#include <QFrame>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace heapviz::ui {

class QuizController;
class Session;

class QuizBar : public QFrame {
    Q_OBJECT
public:
    QuizBar(QuizController& quiz, QWidget* parent = nullptr);

    void setSession(Session* session);
    // A scenario's moments (timeline steps): "at the moments" asks only
    // before the operations that lead to them; empty hides the choice.
    void setBookmarks(std::vector<std::size_t> steps);
    // The lane the keys guess for (1 to 8 choose it): the first lane asked
    // until then.
    std::size_t keyLane() const;
    void setKeyLane(std::size_t lane);
    QString questionText() const;
    QString scoreText() const;

public Q_SLOTS:
    void refresh();

private:
    QString laneName(std::size_t lane) const;
    QString guessWords(std::size_t lane) const;

    QuizController& m_quiz;
    Session* m_session = nullptr;
    std::optional<std::size_t> m_keyLane;
    QLabel* m_question;
    QLabel* m_score;
    QComboBox* m_lanes;
    QSpinBox* m_every;
    QCheckBox* m_atMoments;
    std::vector<std::size_t> m_bookmarks;
    QPushButton* m_fails;
    QPushButton* m_grows;
    QPushButton* m_reveal;
};

} // namespace heapviz::ui
