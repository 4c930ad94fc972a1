#pragma once
// The charts' one legend: each lane's name beside a stretch of its line, in
// its colour and dash with its marker on it, and the compaction mark when the
// chart shows any. Entries flow onto more rows when the panel is narrow, so
// a name is never cut short; the text follows the widget's font.

#include <QList>
#include <QWidget>

#include <optional>

#include "ui/style/theme.h"

namespace heapviz::ui {

class ChartLegend : public QWidget {
    Q_OBJECT
public:
    struct Entry {
        QString name;
        std::optional<std::size_t> slot; // the lane's style slot; none for the compaction mark
        friend bool operator==(const Entry&, const Entry&) = default;
    };

    explicit ChartLegend(QWidget* parent = nullptr);

    void setEntries(const QList<Entry>& entries);
    const QList<Entry>& entries() const { return m_entries; }
    void setTheme(const Theme& theme);

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    // Where entry i is drawn at the widget's present width.
    QRectF entryRect(qsizetype i) const { return layoutEntries(width()).value(i); }

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // Each entry's box when the legend is `width` wide, row by row.
    QList<QRectF> layoutEntries(int width) const;
    // The stretch of line (or the lone mark) before an entry's name.
    QSizeF glyphSize() const;
    qreal entryWidth(const Entry& entry) const;
    void paintGlyph(QPainter& painter, const QRectF& box, const Entry& entry) const;

    QList<Entry> m_entries;
    Theme m_theme = Theme::of(ThemeKind::Light);
};

} // namespace heapviz::ui
