#include "ui/settings/laneparameterform.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include "core/alloc/registry.h"
#include "core/config/options.h"
#include "ui/settings/lanelistmodel.h"

namespace heapviz::ui {

namespace {

QString qs(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

// The KEY=VALUE pairs of a lane's text, in order (the lane syntax, not any family's).
std::vector<std::pair<QString, QString>> keyValues(const QString& text)
{
    std::vector<std::pair<QString, QString>> out;
    const QStringList parts = text.split(':');
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const qsizetype eq = parts[i].indexOf('=');
        if (eq > 0)
            out.emplace_back(parts[i].left(eq), parts[i].mid(eq + 1));
    }
    return out;
}

// The help of a heap-wide size parameter ("align", "canary" ...), if it is one.
QString sizeHelp(const QString& key)
{
    for (const SizeParameter& p : kSizeParameters)
        if (qs(p.name) == key)
            return qs(p.help);
    return {};
}

} // namespace

LaneParameterForm::LaneParameterForm(LaneListModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_title(new QLabel(this))
    , m_form(new QFormLayout)
    , m_problem(new QLabel(this))
{
    m_title->setWordWrap(true);
    m_problem->setWordWrap(true);
    m_problem->setAccessibleName(tr("Lane problem"));
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->hide();
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_title);
    column->addLayout(m_form);
    column->addWidget(m_problem);

    // The model changes under us (a preset, a move, the heap): show the lane
    // again, unless the change is our own edit going in.
    const auto refresh = [this] {
        if (!m_writing)
            rebuild();
    };
    connect(m_model, &QAbstractItemModel::dataChanged, this, refresh);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { setRow(-1); });
    rebuild();
}

void LaneParameterForm::setRow(int row)
{
    m_row = row >= 0 && row < m_model->rowCount() ? row : -1;
    rebuild();
}

QLineEdit* LaneParameterForm::field(const QString& key) const
{
    for (const Field& f : m_fields)
        if (f.key == key)
            return f.edit;
    return nullptr;
}

QStringList LaneParameterForm::keys() const
{
    QStringList out;
    for (const Field& f : m_fields)
        out << f.key;
    return out;
}

QString LaneParameterForm::problem() const { return m_problem->isHidden() ? QString() : m_problem->text(); }

void LaneParameterForm::addField(const QString& key, const QString& value, const QString& placeholder,
                                 const QString& help)
{
    auto* edit = new QLineEdit(value, this);
    edit->setPlaceholderText(placeholder);
    edit->setToolTip(help);
    edit->setAccessibleName(key);
    edit->setObjectName(key);
    m_form->addRow(key, edit);
    m_fields.push_back({key, edit});
    connect(edit, &QLineEdit::textEdited, this, &LaneParameterForm::edited);
}

void LaneParameterForm::rebuild()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_fields.clear();
    m_problem->hide();
    if (m_row < 0) {
        m_title->setText(tr("Choose a lane to see its parameters."));
        return;
    }
    const QString text = QString::fromStdString(m_model->lane(m_row));
    const QString family = text.section(':', 0, 0);
    m_title->setText(tr("Parameters of %1:").arg(m_model->data(m_model->index(m_row)).toString()));
    auto values = keyValues(text);
    const auto take = [&values](const QString& key) {
        for (auto it = values.begin(); it != values.end(); ++it)
            if (it->first == key) {
                QString value = it->second;
                values.erase(it);
                return value;
            }
        return QString();
    };
    const HeapConfig& heap = m_model->heap();
    if (const Family* f = familyNamed(family.toStdString()))
        for (const FamilyParameter& p : f->parameters) {
            const QString key = qs(p.key);
            addField(key, take(key), qs(p.defaultText), qs(p.help));
        }
    QString zeroHelp = tr("What malloc(0) does:");
    for (const auto& c : kZeroChoices)
        zeroHelp += QStringLiteral(" %1 (%2),").arg(qs(c.name), qs(c.words));
    zeroHelp.chop(1);
    zeroHelp += tr("; empty: the heap's");
    addField(QStringLiteral("zero"), take(QStringLiteral("zero")), qs(nameOf(kZeroChoices, heap.zero)), zeroHelp);
    addField(QStringLiteral("canary"), take(QStringLiteral("canary")), QString::number(heap.canary),
             sizeHelp(QStringLiteral("canary")) + tr("; empty: the heap's"));
    for (const auto& [key, value] : values) // whatever else the lane says, kept
        addField(key, value, QString(), sizeHelp(key));
}

// The lane as the fields say, checked by the registry before it replaces the old one.
void LaneParameterForm::edited()
{
    if (m_row < 0)
        return;
    QString candidate = QString::fromStdString(m_model->lane(m_row)).section(':', 0, 0);
    for (const Field& f : m_fields)
        if (const QString value = f.edit->text().trimmed(); !value.isEmpty())
            candidate += QStringLiteral(":%1=%2").arg(f.key, value);
    std::string why;
    auto lane = parseLane(candidate.toStdString(), m_model->heap(), why);
    if (lane)
        why = validateLane(*lane);
    if (!why.empty()) {
        m_problem->setText(tr("The lane stays as it was: %1").arg(QString::fromStdString(why)));
        m_problem->setStyleSheet(QStringLiteral("color: %1").arg(palette().color(QPalette::BrightText).name()));
        m_problem->show();
        return;
    }
    m_problem->hide();
    m_writing = true;
    m_model->setLane(m_row, laneText(*lane, m_model->heap()));
    m_writing = false;
    m_title->setText(tr("Parameters of %1:").arg(m_model->data(m_model->index(m_row)).toString()));
}

} // namespace heapviz::ui
