#include "settingspanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/units.h"

namespace heapviz::ui {

namespace {
QSpinBox* byteSpin(QWidget* parent, int max = 1 << 20)
{
    auto* s = new QSpinBox(parent);
    s->setRange(0, max);
    s->setSuffix(QObject::tr(" B"));
    return s;
}
} // namespace

SettingsPanel::SettingsPanel(QWidget* parent)
    : QWidget(parent)
    , m_preset(new QComboBox(this))
    , m_grow(new QCheckBox(tr("grow as needed"), this))
    , m_heapSize(new QLineEdit(this))
    , m_align(byteSpin(this, 4096))
    , m_header(byteSpin(this))
    , m_footer(byteSpin(this))
    , m_minBlock(byteSpin(this))
    , m_prefix(byteSpin(this))
    , m_suffix(byteSpin(this))
    , m_growth(new QComboBox(this))
    , m_chunk(byteSpin(this, 1 << 30))
    , m_realloc(new QComboBox(this))
    , m_zero(new QComboBox(this))
    , m_trigger(new QComboBox(this))
    , m_triggerValue(new QLineEdit(this))
    , m_compactor(new QComboBox(this))
    , m_error(new QLabel(this))
{
    auto* fits = new QGroupBox(tr("Strategies"), this);
    auto* fitGrid = new QGridLayout(fits);
    for (int i = 0; i < 4; ++i) {
        m_strategies[i] = new QCheckBox(QString::fromLatin1(strategyName(kAllStrategies[i]).data()) + tr(" fit"), fits);
        fitGrid->addWidget(m_strategies[i], i / 2, i % 2);
    }
    m_preset->addItems({"default", "csapp"});
    m_preset->setToolTip(tr("default: 16-byte alignment, 8-byte tags; csapp: the CS:APP textbook allocator"));
    m_heapSize->setPlaceholderText(tr("e.g. 64K"));
    m_heapSize->setToolTip(tr("Fixed heap size in bytes (K, M, G suffixes)"));
    m_growth->addItems({"exact", "chunk"});
    m_realloc->addItems({"in_place", "move"});
    m_zero->addItems({"min_block", "null"});
    m_trigger->addItems({"never", "on-failure", "at", "threshold"});
    m_trigger->setToolTip(tr("When to compact: never, when a request finds no block though the bytes "
                             "are free, after given operations, or above a fragmentation"));
    m_triggerValue->setPlaceholderText(tr("e.g. 100,250 or 0.5"));
    m_triggerValue->setToolTip(tr("at: operation numbers (from 1), comma-separated; threshold: 0 to 1"));
    m_compactor->addItems({"sliding", "two-finger"});
    m_compactor->setToolTip(tr("sliding keeps the blocks' order; two-finger moves fewer bytes and may leave holes"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet("color: #b00020");
    m_error->setAccessibleName(tr("Settings problem"));

    auto* heap = new QGroupBox(tr("Heap"), this);
    auto* form = new QFormLayout(heap);
    form->addRow(tr("Preset"), m_preset);
    form->addRow(QString(), m_grow);
    form->addRow(tr("Fixed size"), m_heapSize);
    form->addRow(tr("Align"), m_align);
    form->addRow(tr("Header"), m_header);
    form->addRow(tr("Footer"), m_footer);
    form->addRow(tr("Min block"), m_minBlock);
    form->addRow(tr("Prefix"), m_prefix);
    form->addRow(tr("Suffix"), m_suffix);
    form->addRow(tr("Growth"), m_growth);
    form->addRow(tr("Chunk"), m_chunk);
    form->addRow(tr("Realloc"), m_realloc);
    form->addRow(tr("malloc(0)"), m_zero);

    auto* compaction = new QGroupBox(tr("Compaction"), this);
    auto* compactForm = new QFormLayout(compaction);
    compactForm->addRow(tr("Compact"), m_trigger);
    compactForm->addRow(tr("At / above"), m_triggerValue);
    compactForm->addRow(tr("Compactor"), m_compactor);

    auto* applyButton = new QPushButton(tr("Apply"), this);
    applyButton->setToolTip(tr("Run the trace again with these settings, at the same step"));
    auto* column = new QVBoxLayout(this);
    column->addWidget(fits);
    column->addWidget(heap);
    column->addWidget(compaction);
    column->addWidget(m_error);
    column->addWidget(applyButton);
    column->addStretch(1);

    connect(m_grow, &QCheckBox::toggled, m_heapSize, [this](bool grow) { m_heapSize->setEnabled(!grow); });
    connect(m_growth, &QComboBox::currentIndexChanged, m_chunk, [this](int i) { m_chunk->setEnabled(i == 1); });
    connect(m_preset, &QComboBox::textActivated, this, &SettingsPanel::loadPreset);
    connect(m_trigger, &QComboBox::currentIndexChanged, m_triggerValue,
            [this](int i) { m_triggerValue->setEnabled(i >= 2); });
    connect(applyButton, &QPushButton::clicked, this, &SettingsPanel::apply);
}

void SettingsPanel::show(const SessionSettings& s)
{
    for (int i = 0; i < 4; ++i)
        m_strategies[i]->setChecked(std::find(s.strategies.begin(), s.strategies.end(), kAllStrategies[i])
                                    != s.strategies.end());
    const HeapConfig& c = s.config;
    m_preset->setCurrentText(QString::fromStdString(c.preset));
    m_grow->setChecked(c.growing());
    m_heapSize->setEnabled(!c.growing());
    m_heapSize->setText(c.fixedSize ? QString::number(*c.fixedSize) : QString());
    m_align->setValue(int(c.align));
    m_header->setValue(int(c.header));
    m_footer->setValue(int(c.footer));
    m_minBlock->setValue(int(c.minBlock));
    m_prefix->setValue(int(c.prefix));
    m_suffix->setValue(int(c.suffix));
    m_growth->setCurrentIndex(c.growth == Growth::Chunk ? 1 : 0);
    m_chunk->setValue(int(c.chunk));
    m_chunk->setEnabled(c.growth == Growth::Chunk);
    m_realloc->setCurrentIndex(c.realloc == ReallocPolicy::Move ? 1 : 0);
    m_zero->setCurrentIndex(c.zero == ZeroPolicy::Null ? 1 : 0);
    m_trigger->setCurrentIndex(int(c.compact.kind));
    QStringList at;
    for (std::uint64_t n : c.compact.at)
        at << QString::number(n);
    m_triggerValue->setText(c.compact.kind == CompactTrigger::Kind::Threshold ? QString::number(c.compact.threshold)
                                                                              : at.join(','));
    m_triggerValue->setEnabled(int(c.compact.kind) >= 2);
    m_compactor->setCurrentIndex(c.compactor == Compactor::TwoFinger ? 1 : 0);
    setError({});
}

void SettingsPanel::loadPreset(const QString& name)
{
    auto preset = HeapConfig::fromPreset(name.toStdString());
    if (!preset)
        return;
    SessionSettings s;
    s.strategies.clear();
    for (int i = 0; i < 4; ++i)
        if (m_strategies[i]->isChecked())
            s.strategies.push_back(kAllStrategies[i]);
    s.config = *preset;
    if (!m_grow->isChecked())
        s.config.fixedSize = parseByteSize(m_heapSize->text().trimmed().toStdString());
    show(s);
}

std::optional<SessionSettings> SettingsPanel::read()
{
    SessionSettings s;
    s.strategies.clear();
    for (int i = 0; i < 4; ++i)
        if (m_strategies[i]->isChecked())
            s.strategies.push_back(kAllStrategies[i]);
    if (s.strategies.empty()) {
        setError(tr("Choose at least one strategy."));
        return std::nullopt;
    }
    HeapConfig& c = s.config;
    c.preset = m_preset->currentText().toStdString();
    if (!m_grow->isChecked()) {
        c.fixedSize = parseByteSize(m_heapSize->text().trimmed().toStdString());
        if (!c.fixedSize) {
            setError(tr("The fixed heap size '%1' is not a number of bytes (K, M, G suffixes work).")
                         .arg(m_heapSize->text()));
            return std::nullopt;
        }
    }
    c.align = Size(m_align->value());
    c.header = Size(m_header->value());
    c.footer = Size(m_footer->value());
    c.minBlock = Size(m_minBlock->value());
    c.prefix = Size(m_prefix->value());
    c.suffix = Size(m_suffix->value());
    c.growth = m_growth->currentIndex() == 1 ? Growth::Chunk : Growth::Exact;
    c.chunk = c.growth == Growth::Chunk ? Size(m_chunk->value()) : 0;
    c.realloc = m_realloc->currentIndex() == 1 ? ReallocPolicy::Move : ReallocPolicy::InPlace;
    c.zero = m_zero->currentIndex() == 1 ? ZeroPolicy::Null : ZeroPolicy::MinBlock;
    std::string triggerText = m_trigger->currentText().toStdString();
    if (m_trigger->currentIndex() >= 2)
        triggerText += ":" + m_triggerValue->text().trimmed().toStdString();
    std::string why;
    const auto trigger = CompactTrigger::parse(triggerText, why);
    if (!trigger) {
        setError(QString::fromStdString(why));
        return std::nullopt;
    }
    c.compact = *trigger;
    c.compactor = m_compactor->currentIndex() == 1 ? Compactor::TwoFinger : Compactor::Sliding;
    if (const std::string why = c.validate(); !why.empty()) {
        setError(QString::fromStdString(why));
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

void SettingsPanel::setError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

} // namespace heapviz::ui
