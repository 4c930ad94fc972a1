#include "ui/settings/settingspanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/alloc/registry.h"
#include "core/config/options.h"
#include "core/text/units.h"
#include "ui/settings/lanelistmodel.h"
#include "ui/settings/lanesetedit.h"

namespace heapviz::ui {

namespace {

QString qs(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

// A combo box of a setting's choices: the words shown, the value as item data.
template <class Choices> QComboBox* choiceBox(const Choices& choices, QWidget* parent)
{
    auto* box = new QComboBox(parent);
    // As narrow as a dock needs (the open list shows the whole words), as wide as there is room for.
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(12);
    box->setSizePolicy(QSizePolicy::Expanding, box->sizePolicy().verticalPolicy());
    for (const auto& c : choices) {
        box->addItem(qs(c.words), int(c.value));
        box->setItemData(box->count() - 1, qs(c.name), Qt::ToolTipRole);
    }
    return box;
}

template <class E> void select(QComboBox* box, E value) { box->setCurrentIndex(box->findData(int(value))); }
template <class E> E selected(const QComboBox* box) { return E(box->currentData().toInt()); }

} // namespace

SettingsPanel::SettingsPanel(QWidget* parent)
    : QWidget(parent)
    , m_preset(new QComboBox(this))
    , m_grow(new QCheckBox(tr("Grow as needed"), this))
    , m_heapSize(new QLineEdit(this))
    , m_growth(choiceBox(kGrowthChoices, this))
    , m_chunk(new QLineEdit(this))
    , m_realloc(choiceBox(kReallocChoices, this))
    , m_zero(choiceBox(kZeroChoices, this))
    , m_trigger(choiceBox(kTriggerChoices, this))
    , m_triggerValue(new QLineEdit(this))
    , m_compactor(choiceBox(kCompactorChoices, this))
    , m_context(new QLabel(this))
    , m_apply(new QPushButton(tr("Apply"), this))
    , m_error(new QLabel(this))
    , m_laneSet(new LaneSetEditor(this))
{
    auto* fits = new QGroupBox(tr("Lanes"), this);
    auto* fitColumn = new QVBoxLayout(fits);
    fitColumn->addWidget(m_laneSet);
    for (const auto& p : kPresetChoices) {
        m_preset->addItem(qs(p.name), qs(p.name));
        m_preset->setItemData(m_preset->count() - 1, qs(p.words), Qt::ToolTipRole);
    }
    m_preset->setToolTip(tr("Every parameter at once; compaction and the heap's size stay as they are"));
    m_heapSize->setPlaceholderText(tr("e.g. 64 KiB"));
    m_heapSize->setAccessibleName(tr("Fixed heap size"));
    m_heapSize->setToolTip(tr("The fixed heap's size: bytes, or with K, M, G (KiB, MiB, GiB)"));
    m_chunk->setPlaceholderText(tr("e.g. 4 KiB"));
    m_chunk->setToolTip(tr("How much a growing heap grows at a time (chunk growth)"));
    m_trigger->setToolTip(tr("When to compact"));
    m_triggerValue->setPlaceholderText(tr("e.g. 100,250 or 0.5"));
    m_triggerValue->setToolTip(tr("After operations: their numbers, from 1, comma-separated. "
                                  "Above a fragmentation: a number between 0 and 1."));
    m_compactor->setToolTip(tr("Sliding keeps the blocks' order; two-finger moves fewer bytes and may leave holes"));
    m_context->setWordWrap(true);
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Settings problem"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* heap = new QGroupBox(tr("Heap"), this);
    auto* form = new QFormLayout(heap);
    form->addRow(tr("Preset"), m_preset);
    form->addRow(QString(), m_grow);
    form->addRow(tr("Fixed size"), m_heapSize);
    for (const SizeParameter& p : kSizeParameters) {
        auto* spin = new QSpinBox(heap);
        spin->setRange(0, 1 << 20);
        spin->setSuffix(tr(" bytes"));
        spin->setToolTip(qs(p.help) + QStringLiteral(" (") + qs(p.name) + QStringLiteral(")"));
        form->addRow(qs(p.words), spin);
        m_sizes.push_back(spin);
    }
    form->addRow(tr("Growth"), m_growth);
    form->addRow(tr("Chunk"), m_chunk);
    form->addRow(tr("Realloc"), m_realloc);
    form->addRow(tr("malloc(0) gives"), m_zero);

    auto* compaction = new QGroupBox(tr("Compaction"), this);
    auto* compactForm = new QFormLayout(compaction);
    compactForm->addRow(tr("Compact"), m_trigger);
    compactForm->addRow(tr("After / above"), m_triggerValue);
    compactForm->addRow(tr("Compactor"), m_compactor);

    auto* reset = new QPushButton(tr("Reset to defaults"), this);
    reset->setToolTip(tr("Three fits, the default preset, a growing heap, no compaction (then Apply)"));
    m_apply->setToolTip(tr("Run the trace again with these settings, at the same step (Enter)"));
    m_apply->setDefault(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(reset);
    buttons->addStretch(1);
    buttons->addWidget(m_apply);

    auto* column = new QVBoxLayout(this);
    column->addWidget(m_context);
    column->addWidget(fits);
    column->addWidget(heap);
    column->addWidget(compaction);
    column->addLayout(buttons);
    column->addWidget(m_error); // below the buttons, so that they never move
    column->addStretch(1);

    connect(m_grow, &QCheckBox::toggled, this, &SettingsPanel::updateEnabled);
    connect(m_growth, &QComboBox::currentIndexChanged, this, &SettingsPanel::updateEnabled);
    connect(m_trigger, &QComboBox::currentIndexChanged, this, &SettingsPanel::updateEnabled);
    connect(m_preset, &QComboBox::activated, this, &SettingsPanel::choosePreset);
    connect(m_grow, &QCheckBox::toggled, this, &SettingsPanel::heapEdited);
    connect(m_heapSize, &QLineEdit::textChanged, this, &SettingsPanel::heapEdited);
    for (QSpinBox* spin : m_sizes)
        connect(spin, &QSpinBox::valueChanged, this, &SettingsPanel::heapEdited);
    for (QComboBox* box : {m_preset, m_growth, m_realloc, m_zero})
        connect(box, &QComboBox::currentIndexChanged, this, &SettingsPanel::heapEdited);
    connect(m_chunk, &QLineEdit::textChanged, this, &SettingsPanel::heapEdited);
    connect(m_apply, &QPushButton::clicked, this, &SettingsPanel::apply);
    connect(reset, &QPushButton::clicked, this, &SettingsPanel::resetToDefaults);
    setAppliesToDemo(false);
    setError({});
}

void SettingsPanel::setAppliesToDemo(bool demo)
{
    m_context->setText(demo ? tr("These settings are the demo's. Traces you open keep their own.")
                            : tr("Traces open with these settings; they are remembered."));
}

void SettingsPanel::updateEnabled()
{
    m_heapSize->setEnabled(!m_grow->isChecked());
    m_chunk->setEnabled(selected<Growth>(m_growth) == Growth::Chunk);
    const auto kind = selected<CompactTrigger::Kind>(m_trigger);
    m_triggerValue->setEnabled(kind == CompactTrigger::Kind::At || kind == CompactTrigger::Kind::Threshold);
}

void SettingsPanel::show(const SessionSettings& s)
{
    const HeapConfig& c = s.config;
    m_preset->setCurrentIndex(m_preset->findData(QString::fromStdString(c.preset)));
    m_grow->setChecked(c.growing());
    m_heapSize->setText(c.fixedSize ? QString::fromStdString(formatBytes(*c.fixedSize)) : QString());
    for (std::size_t i = 0; i < m_sizes.size(); ++i)
        m_sizes[i]->setValue(int(c.*(kSizeParameters[i].field)));
    select(m_growth, c.growth);
    m_chunk->setText(c.growth == Growth::Chunk ? QString::fromStdString(formatBytes(c.chunk)) : QString());
    select(m_realloc, c.realloc);
    select(m_zero, c.zero);
    select(m_trigger, c.compact.kind);
    QStringList at;
    for (std::uint64_t n : c.compact.at)
        at << QString::number(n);
    m_triggerValue->setText(c.compact.kind == CompactTrigger::Kind::Threshold ? QString::number(c.compact.threshold)
                                                                              : at.join(','));
    select(m_compactor, c.compactor);
    updateEnabled();
    m_laneSet->setHeap(c);
    m_laneSet->setLanes(s.lanes);
    setError({});
}

// A preset sets the model's parameters; the lanes, the heap's size and
// compaction are the user's and stay.
void SettingsPanel::choosePreset()
{
    auto preset = HeapConfig::fromPreset(m_preset->currentData().toString().toStdString());
    if (!preset)
        return;
    for (std::size_t i = 0; i < m_sizes.size(); ++i)
        m_sizes[i]->setValue(int((*preset).*(kSizeParameters[i].field)));
    select(m_growth, preset->growth);
    m_chunk->setText(preset->growth == Growth::Chunk ? QString::fromStdString(formatBytes(preset->chunk)) : QString());
    select(m_realloc, preset->realloc);
    select(m_zero, preset->zero);
    updateEnabled();
}

void SettingsPanel::resetToDefaults()
{
    show(SessionSettings{});
}

std::optional<HeapConfig> SettingsPanel::readHeap(QString& why) const
{
    HeapConfig c;
    c.preset = m_preset->currentData().toString().toStdString();
    if (!m_grow->isChecked()) {
        c.fixedSize = parseByteSize(m_heapSize->text().toStdString());
        if (!c.fixedSize) {
            why = tr("The fixed heap size '%1' is not a number of bytes. Sizes like 65536, 64K, "
                     "64 KiB or 1.5 MiB work.").arg(m_heapSize->text());
            return std::nullopt;
        }
    }
    for (std::size_t i = 0; i < m_sizes.size(); ++i)
        c.*(kSizeParameters[i].field) = Size(m_sizes[i]->value());
    c.growth = selected<Growth>(m_growth);
    if (c.growth == Growth::Chunk) {
        const auto chunk = parseByteSize(m_chunk->text().toStdString());
        if (!chunk) {
            why = tr("The growth chunk '%1' is not a number of bytes. Sizes like 4096 or 4 KiB work.")
                      .arg(m_chunk->text());
            return std::nullopt;
        }
        c.chunk = *chunk;
    }
    c.realloc = selected<ReallocPolicy>(m_realloc);
    c.zero = selected<ZeroPolicy>(m_zero);
    const auto kind = selected<CompactTrigger::Kind>(m_trigger);
    std::string text(nameOf(kTriggerChoices, kind));
    if (kind == CompactTrigger::Kind::At || kind == CompactTrigger::Kind::Threshold)
        text += ":" + m_triggerValue->text().remove(' ').toStdString();
    std::string problem;
    const auto trigger = CompactTrigger::parse(text, problem);
    if (!trigger) {
        why = kind == CompactTrigger::Kind::At
                  ? tr("Compact after which operations? Give their numbers, from 1, like 100,250.")
                  : tr("Compact above which external fragmentation? Give a number between 0 and 1, like 0.5.");
        return std::nullopt;
    }
    c.compact = *trigger;
    c.compactor = selected<Compactor>(m_compactor);
    if (problem = c.validate(); !problem.empty()) {
        why = QString::fromStdString(problem);
        return std::nullopt;
    }
    return c;
}

void SettingsPanel::heapEdited()
{
    QString why;
    if (const auto heap = readHeap(why))
        m_laneSet->setHeap(*heap);
}

std::optional<SessionSettings> SettingsPanel::read()
{
    if (const QString refused = m_laneSet->problem(); !refused.isEmpty()) { // a field says what the lane does not
        setError(refused);
        return std::nullopt;
    }
    SessionSettings s;
    s.lanes = m_laneSet->lanes();
    if (s.lanes.empty()) {
        setError(tr("Choose at least one lane: add one, or pick a lane set."));
        return std::nullopt;
    }
    if (s.lanes.size() > std::size_t(kMaxLanes)) {
        setError(tr("At most %1 lanes can run side by side, not %2: remove %3.")
                     .arg(kMaxLanes)
                     .arg(s.lanes.size())
                     .arg(s.lanes.size() - std::size_t(kMaxLanes)));
        return std::nullopt;
    }
    QString why;
    const auto heap = readHeap(why);
    if (!heap) {
        setError(why);
        return std::nullopt;
    }
    s.config = *heap;
    m_laneSet->setHeap(s.config); // the lanes' titles and tooltips follow the heap as read
    std::string problem;
    if (s.resolve(problem).empty()) { // every lane, with its family's checks of the heap
        setError(QString::fromStdString(problem));
        return std::nullopt;
    }
    setError({});
    return s;
}

void SettingsPanel::apply()
{
    if (auto s = read())
        Q_EMIT applied(*s);
}

void SettingsPanel::keyPressEvent(QKeyEvent* event)
{
    // Enter in any field applies: line edits and spin boxes pass it on to here.
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        apply();
        return;
    }
    QWidget::keyPressEvent(event);
}

QString SettingsPanel::error() const { return m_error->text(); }

void SettingsPanel::setError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    m_error->setStyleSheet(QStringLiteral("color: %1").arg(palette().color(QPalette::BrightText).name()));
}

} // namespace heapviz::ui
