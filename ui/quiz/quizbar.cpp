#include "ui/quiz/quizbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/alloc/registry.h"
#include "core/text/units.h"
#include "ui/quiz/quizcontroller.h"
#include "ui/session/session.h"

namespace heapviz::ui {

namespace {

QString hex(Address a) { return QString::fromStdString(hexAddress(a)); }

} // namespace

QuizBar::QuizBar(QuizController& quiz, QWidget* parent)
    : QFrame(parent)
    , m_quiz(quiz)
    , m_question(new QLabel(this))
    , m_score(new QLabel(this))
    , m_lanes(new QComboBox(this))
    , m_every(new QSpinBox(this))
    , m_atMoments(new QCheckBox(tr("only at the scenario's moments"), this))
    , m_fails(new QPushButton(tr("It fails (X)"), this))
    , m_grows(new QPushButton(tr("The heap grows (G)"), this))
    , m_reveal(new QPushButton(tr("Reveal (Enter)"), this))
{
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Predict, then reveal"));
    m_question->setWordWrap(true);
    m_question->setTextFormat(Qt::RichText);
    m_question->setAccessibleName(tr("The question"));
    m_score->setAccessibleName(tr("Score"));
    m_lanes->setAccessibleName(tr("Lanes asked"));
    m_every->setRange(1, 1000);
    m_every->setPrefix(tr("every "));
    m_every->setSuffix(tr(" mallocs"));
    m_every->setSpecialValueText(tr("every malloc")); // the least value, 1, in words
    m_every->setAccessibleName(tr("How often a malloc is a question"));
    m_every->setToolTip(tr("Ask before every malloc, or only every N-th"));
    m_atMoments->hide();
    m_atMoments->setToolTip(tr("Ask only before the operations the scenario's bookmarks point at"));
    for (QWidget* w : std::initializer_list<QWidget*>{m_lanes, m_every, m_atMoments, m_fails, m_grows, m_reveal})
        w->setFocusPolicy(Qt::NoFocus); // the keys stay the window's

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Ask:"), this));
    controls->addWidget(m_lanes);
    controls->addWidget(m_every);
    controls->addWidget(m_atMoments);
    controls->addStretch(1);
    controls->addWidget(m_score);
    controls->addWidget(m_fails);
    controls->addWidget(m_grows);
    controls->addWidget(m_reveal);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(8, 4, 8, 4);
    column->addWidget(m_question);
    column->addLayout(controls);

    connect(m_lanes, &QComboBox::activated, this, [this](int i) {
        const QVariant lane = m_lanes->itemData(i);
        m_quiz.setAskedLane(lane.isValid() ? std::optional(std::size_t(lane.toULongLong())) : std::nullopt);
        m_keyLane.reset();
    });
    const auto schedule = [this] {
        std::vector<std::size_t> only;
        if (m_atMoments->isChecked()) // a moment at step s is shown by operation s - 1
            for (std::size_t step : m_bookmarks)
                if (step > 0)
                    only.push_back(step - 1);
        m_quiz.setSchedule({std::uint32_t(m_every->value()), only});
        m_every->setEnabled(!m_atMoments->isChecked());
    };
    connect(m_every, &QSpinBox::valueChanged, this, schedule);
    connect(m_atMoments, &QCheckBox::toggled, this, schedule);
    connect(m_fails, &QPushButton::clicked, this,
            [this] { m_quiz.guess(keyLane(), QuizAnswer{QuizAnswer::Kind::Fails, {}}); });
    connect(m_grows, &QPushButton::clicked, this,
            [this] { m_quiz.guess(keyLane(), QuizAnswer{QuizAnswer::Kind::Grows, {}}); });
    connect(m_reveal, &QPushButton::clicked, &m_quiz, &QuizController::reveal);
    connect(&m_quiz, &QuizController::changed, this, &QuizBar::refresh);
}

void QuizBar::setSession(Session* session)
{
    m_session = session;
    m_keyLane.reset();
    m_lanes->clear();
    m_lanes->addItem(tr("every lane"));
    for (std::size_t i = 0; session && i < session->laneCount(); ++i)
        m_lanes->addItem(laneName(i), QVariant::fromValue<qulonglong>(i));
    const auto asked = m_quiz.askedLane();
    m_lanes->setCurrentIndex(asked ? int(*asked) + 1 : 0);
    refresh();
}

void QuizBar::setBookmarks(std::vector<std::size_t> steps)
{
    m_bookmarks = std::move(steps);
    m_atMoments->setVisible(!m_bookmarks.empty());
    if (m_bookmarks.empty())
        m_atMoments->setChecked(false);
}

QString QuizBar::laneName(std::size_t lane) const
{
    return m_session ? QString::fromStdString(laneTitle(m_session->lane(lane).spec)) : QString();
}

std::size_t QuizBar::keyLane() const
{
    if (m_keyLane && m_quiz.asks(*m_keyLane))
        return *m_keyLane;
    return m_quiz.askedLane().value_or(0);
}

void QuizBar::setKeyLane(std::size_t lane)
{
    if (m_session && lane < m_session->laneCount() && m_quiz.asks(lane))
        m_keyLane = lane;
    refresh();
}

QString QuizBar::guessWords(std::size_t lane) const
{
    const auto guess = m_quiz.guessOf(lane);
    if (!guess)
        return tr("?");
    switch (guess->kind) {
    case QuizAnswer::Kind::Block: return hex(guess->block);
    case QuizAnswer::Kind::Fails: return tr("fails");
    case QuizAnswer::Kind::Grows: return tr("grows");
    case QuizAnswer::Kind::Compacts: return tr("compacts");
    }
    return {};
}

QString QuizBar::questionText() const
{
    if (!m_session)
        return {};
    QString revealed;
    if (!m_quiz.results().empty()) {
        QStringList parts;
        for (const auto& r : m_quiz.results()) {
            QString truth;
            switch (r.truth.kind) {
            case QuizAnswer::Kind::Block: truth = tr("took the free block at %1").arg(hex(r.truth.block)); break;
            case QuizAnswer::Kind::Fails: truth = tr("failed"); break;
            case QuizAnswer::Kind::Grows: truth = tr("grew the heap"); break;
            case QuizAnswer::Kind::Compacts: truth = tr("compacted the heap"); break;
            }
            parts << (r.right ? tr("<span style='color:#2e9e44'>✓</span> %1 %2") : tr("<span style='color:#d1382c'>✗</span> %1 %2"))
                         .arg(laneName(r.lane).toHtmlEscaped(), truth);
        }
        revealed = tr("<b>Revealed:</b> %1").arg(parts.join(QStringLiteral(" &nbsp;·&nbsp; ")));
        if (!m_quiz.pending())
            return revealed + tr(" &nbsp;(→ or Space goes on)");
        revealed += QStringLiteral("<br>");
    }
    if (!m_quiz.pending())
        return tr("<b>Predict</b> is on: playback stops before each malloc asked about, and asks which free block "
                  "each lane will take.");
    const Op& op = m_session->trace().ops[m_quiz.questionStep()];
    QStringList guesses;
    for (std::size_t lane = 0; lane < m_session->laneCount(); ++lane)
        if (m_quiz.asks(lane))
            guesses << (lane == keyLane() ? QStringLiteral("<u>%1</u>: %2") : QStringLiteral("%1: %2"))
                           .arg(laneName(lane).toHtmlEscaped(), guessWords(lane));
    return revealed
           + tr("<b>Predict</b> — line %1: malloc(%2) for id %3. Which free block will it take? Click it in the "
                "lane's map (N: the next free block; 1–8: the lane), or X: it fails, G: the heap grows; Enter "
                "reveals.<br>%4")
        .arg(op.line)
        .arg(QString::fromStdString(withCommas(op.size)))
        .arg(op.id)
        .arg(guesses.join(QStringLiteral(" &nbsp;·&nbsp; ")));
}

QString QuizBar::scoreText() const
{
    QStringList parts;
    for (std::size_t lane = 0; m_session && lane < m_session->laneCount(); ++lane) {
        const QuizScore s = m_quiz.score(lane);
        if (s.asked > 0)
            parts << tr("%1 %2/%3").arg(laneName(lane)).arg(s.right).arg(s.asked);
    }
    return parts.isEmpty() ? QString() : tr("Score: %1").arg(parts.join(QStringLiteral(" · ")));
}

void QuizBar::refresh()
{
    m_question->setText(questionText());
    m_score->setText(scoreText());
    const bool pending = m_quiz.pending();
    m_fails->setEnabled(pending);
    m_grows->setEnabled(pending);
    m_reveal->setEnabled(pending);
}

} // namespace heapviz::ui
