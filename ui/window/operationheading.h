#pragma once
// The step's operation, said once above the lanes ("line 65: malloc(24) for
// id 42"): every lane ran the same call, so each lane's narration tells only
// what its own heap did with it. Four lanes each repeating the call spent a
// third of their two lines on it, and cut the part that differs.

#include <QWidget>

namespace heapviz::ui {

class ElidedText;
class Session;

class OperationHeading : public QWidget {
    Q_OBJECT
public:
    explicit OperationHeading(QWidget* parent = nullptr);

    void setSession(const Session* session);
    // Shows the session's current step.
    void refresh();
    // Larger text to present, as the lanes' narration.
    void setPresentation(bool on);
    QString text() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateFont();

    const Session* m_session = nullptr;
    ElidedText* m_text;
    bool m_presentation = false;
};

} // namespace heapviz::ui
