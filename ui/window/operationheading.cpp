#include "ui/window/operationheading.h"

#include <QEvent>
#include <QHBoxLayout>

#include "core/text/narration.h"
#include "ui/lanes/elidedtext.h"
#include "ui/session/session.h"

namespace heapviz::ui {

OperationHeading::OperationHeading(QWidget* parent)
    : QWidget(parent)
    , m_text(new ElidedText(this))
{
    m_text->setLines(1);
    m_text->setAccessibleName(tr("The step's operation"));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(12, 6, 12, 0); // in line with the lanes' titles below
    row->addWidget(m_text);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    updateFont();
}

void OperationHeading::setSession(const Session* session)
{
    m_session = session;
    setVisible(session != nullptr); // no empty band above a window without a trace
    refresh();
}

void OperationHeading::refresh()
{
    const Op* op = m_session ? m_session->currentOp() : nullptr;
    if (!m_session)
        m_text->setText({});
    else if (!op)
        m_text->setText(tr("Before the first operation"));
    else
        m_text->setText(QString::fromStdString(describeCall(*op)));
}

void OperationHeading::setPresentation(bool on)
{
    m_presentation = on;
    updateFont();
}

QString OperationHeading::text() const { return m_text->text(); }

void OperationHeading::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateFont();
}

// Relative to the window's font, which the text scale sets: a little larger
// than the lanes' narration, in bold, as the line they all continue.
void OperationHeading::updateFont()
{
    QFont heading = font();
    heading.setPointSizeF(font().pointSizeF() * (m_presentation ? 1.6 : 1.15));
    heading.setBold(true);
    m_text->setFont(heading);
}

} // namespace heapviz::ui
