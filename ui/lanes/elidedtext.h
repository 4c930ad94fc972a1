#pragma once
// ElidedText: a few lines of wrapped text in a fixed height. Text that needs
// more lines is cut at the last one with "…", and the whole of it is in the
// tooltip. A lane's narration uses it, so that the map above it keeps its
// height whatever the sentence says.

#include <QWidget>

namespace heapviz::ui {

class ElidedText : public QWidget {
    Q_OBJECT
public:
    explicit ElidedText(QWidget* parent = nullptr);

    // Plain text; '\n' starts a new paragraph.
    void setText(const QString& text);
    QString text() const { return m_text; }
    void setLines(int lines);
    int lines() const { return m_lines; }
    // The height that `lines` lines take in the current font.
    int heightForLines(int lines) const;
    // Whether the text needs more lines than there are, at the current width.
    bool elided() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // The lines the text takes at `width`, the last one elided to fit.
    QStringList layoutLines(int width, bool* cut) const;
    void updateToolTip();

    QString m_text;
    int m_lines = 2;
};

} // namespace heapviz::ui
