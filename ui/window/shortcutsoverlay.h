#pragma once
// Help → Keyboard shortcuts: every key of the window, drawn over it in large
// type, grouped as the menus are. Any key or click closes it.

#include <QWidget>

#include <vector>

class QAction;

namespace heapviz::ui {

class ShortcutsOverlay : public QWidget {
    Q_OBJECT
public:
    struct Group {
        QString title;
        std::vector<QAction*> actions; // those with a shortcut are listed
    };
    // Covers `window` (its parent) until closed.
    ShortcutsOverlay(QWidget* window, std::vector<Group> groups);

    // The rows shown: "key — what it does", for tests.
    QStringList rows() const;

protected:
    void paintEvent(QPaintEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    std::vector<Group> m_groups;
};

} // namespace heapviz::ui
