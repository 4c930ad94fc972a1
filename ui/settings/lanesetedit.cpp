#include "ui/settings/lanesetedit.h"

#include <algorithm>

#include <QEvent>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/alloc/registry.h"
#include "ui/settings/flowlayout.h"
#include "ui/settings/lanelistmodel.h"
#include "ui/settings/laneparameterform.h"
#include "ui/settings/lanepresets.h"

namespace heapviz::ui {

namespace {

QString qs(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

// "min_order=5: the smallest block is 2^min_order bytes", one line per parameter.
QString parametersHelp(const Family& family)
{
    if (family.parameters.empty())
        return LaneSetEditor::tr("No parameters of its own; it takes the heap's.");
    QStringList lines;
    for (const FamilyParameter& p : family.parameters)
        lines << QStringLiteral("%1=%2: %3").arg(qs(p.key), qs(p.defaultText), qs(p.help));
    return lines.join('\n');
}

} // namespace

LaneSetEditor::LaneSetEditor(QWidget* parent)
    : QWidget(parent)
    , m_model(new LaneListModel(this))
    , m_list(new QListView(this))
    , m_addMenu(new QMenu(this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_up(new QPushButton(tr("Move up"), this))
    , m_down(new QPushButton(tr("Move down"), this))
    , m_full(new QLabel(this))
    , m_form(new LaneParameterForm(m_model, this))
{
    auto* start = new QLabel(tr("Start from a lane set:"), this);
    auto* presets = new FlowLayout;
    for (std::size_t i = 0; i < lanePresets().size(); ++i) {
        const LanePreset& preset = lanePresets()[i];
        auto* button = new QPushButton(qs(preset.name), this);
        QStringList lanes;
        for (const std::string& lane : preset.lanes)
            lanes << QString::fromStdString(lane);
        button->setToolTip(tr("Lanes: %1").arg(lanes.join(QStringLiteral(", "))));
        button->setAutoDefault(false); // Enter applies the settings, not a preset
        connect(button, &QPushButton::clicked, this, [this, i] { choosePreset(i); });
        presets->addWidget(button);
        m_presets.push_back(button);
    }

    for (const Family& f : families()) {
        QAction* action = m_addMenu->addAction(QStringLiteral("%1 — %2").arg(qs(f.name), qs(f.words)));
        action->setData(qs(f.name));
        action->setToolTip(parametersHelp(f));
        connect(action, &QAction::triggered, this, [this, name = qs(f.name)] { addLane(name); });
    }
    m_addMenu->setToolTipsVisible(true);
    m_add->setMenu(m_addMenu);
    m_add->setToolTip(tr("Add a lane of any family, with its defaults (Insert)"));
    m_remove->setToolTip(tr("Remove the chosen lane (Delete)"));
    m_up->setToolTip(tr("Move the chosen lane up (Alt+Up)"));
    m_down->setToolTip(tr("Move the chosen lane down (Alt+Down)"));
    for (QPushButton* b : {m_add, m_remove, m_up, m_down})
        b->setAutoDefault(false);
    m_full->setWordWrap(true);
    m_full->hide();

    fitListHeight(); // and sets the model
    m_list->setAccessibleName(tr("Lanes"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    m_list->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_list->installEventFilter(this);

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_up);
    buttons->addWidget(m_down);
    buttons->addStretch(1);
    auto* listRow = new QHBoxLayout;
    listRow->addWidget(m_list, 1);
    listRow->addLayout(buttons);

    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(start);
    column->addLayout(presets);
    column->addLayout(listRow);
    column->addWidget(m_full);
    column->addWidget(m_form);

    connect(m_remove, &QPushButton::clicked, this, &LaneSetEditor::removeCurrent);
    connect(m_up, &QPushButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveCurrent(+1); });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
        m_form->setRow(current.isValid() ? current.row() : -1);
        updateButtons();
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &LaneSetEditor::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, &LaneSetEditor::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LaneSetEditor::updateButtons);
    updateButtons();
}

void LaneSetEditor::setLanes(const std::vector<std::string>& lanes)
{
    m_model->setLanes(lanes);
    setCurrentRow(lanes.empty() ? -1 : 0);
}

const std::vector<std::string>& LaneSetEditor::lanes() const { return m_model->lanes(); }

void LaneSetEditor::setHeap(const HeapConfig& heap) { m_model->setHeap(heap); }

int LaneSetEditor::currentRow() const
{
    const QModelIndex current = m_list->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void LaneSetEditor::setCurrentRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        m_list->setCurrentIndex({});
    else
        m_list->setCurrentIndex(m_model->index(row));
    m_form->setRow(currentRow()); // also when the row number stays but its lane changed
    updateButtons();
}

bool LaneSetEditor::addLane(const QString& family)
{
    const int row = currentRow() < 0 ? m_model->rowCount() : currentRow() + 1;
    if (!m_model->addLane(family.toStdString(), row))
        return false;
    setCurrentRow(row);
    return true;
}

void LaneSetEditor::removeCurrent()
{
    const int row = currentRow();
    if (row < 0)
        return;
    m_model->removeLane(row);
    setCurrentRow(std::min(row, m_model->rowCount() - 1));
}

void LaneSetEditor::moveCurrent(int by)
{
    const int row = currentRow();
    if (row < 0 || !m_model->moveLane(row, row + by))
        return;
    setCurrentRow(row + by);
}

void LaneSetEditor::choosePreset(std::size_t preset)
{
    setLanes(lanePresets().at(preset).lanes);
}

QString LaneSetEditor::problem() const { return m_form->problem(); }

QString LaneSetEditor::fullMessage() const { return m_full->isHidden() ? QString() : m_full->text(); }

void LaneSetEditor::updateButtons()
{
    const int row = currentRow();
    const bool full = m_model->isFull();
    m_add->setEnabled(!full);
    m_full->setText(full ? tr("%1 lanes is the most there can be, each with a colour, dash and marker of its own: "
                              "remove one to add another.")
                               .arg(kMaxLanes)
                         : QString());
    m_full->setVisible(full);
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_model->rowCount());
}

// Tall enough for the most lanes there can be, so that none hides behind a
// scroll bar; set once, before any layout asks, so that no layout keeps an
// older height (a sample lane gives the row's height, swatch and all).
void LaneSetEditor::fitListHeight()
{
    LaneListModel sample;
    sample.setLanes({std::string(families().front().name)});
    m_list->setModel(&sample);
    const int row = m_list->sizeHintForRow(0);
    QItemSelectionModel* sampleSelection = m_list->selectionModel();
    m_list->setModel(m_model);
    delete sampleSelection;
    m_list->setFixedHeight(kMaxLanes * row + 2 * m_list->frameWidth());
}

bool LaneSetEditor::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const bool alt = key->modifiers() & Qt::AltModifier;
        switch (key->key()) {
        case Qt::Key_Insert:
            if (m_add->isEnabled()) {
                const QModelIndex current = m_list->currentIndex();
                const QPoint at = current.isValid() ? m_list->visualRect(current).bottomLeft() : QPoint(0, 0);
                m_addMenu->popup(m_list->viewport()->mapToGlobal(at));
            }
            return true;
        case Qt::Key_Delete:
        case Qt::Key_Backspace: removeCurrent(); return true;
        case Qt::Key_Up:
            if (alt) {
                moveCurrent(-1);
                return true;
            }
            break;
        case Qt::Key_Down:
            if (alt) {
                moveCurrent(+1);
                return true;
            }
            break;
        default: break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace heapviz::ui
