#pragma once
// Where heapviz-record is: the one place that knows. Record a program needs
// the launcher (app/record), which is built and installed beside heapviz;
// when it is missing, the window says where it looked rather than hiding
// the menu item.

#include <QString>
#include <QStringList>

namespace heapviz::ui {

struct RecorderLocation {
    QString path;         // the launcher, empty when none was found
    QStringList searched; // every place looked at, in order

    bool found() const { return !path.isEmpty(); }
    // A sentence or two for the user: where it looked, and how to get it.
    QString whyMissing() const;

    // HEAPVIZ_RECORD when it is set (a launcher elsewhere: tests, a
    // packager's layout), else beside the executable in `appDir` (the
    // install layout: both in bin/), else in its record/ folder (the build
    // tree: app/heapviz and app/record/heapviz-record, as
    // app/record/CMakeLists.txt puts them).
    static RecorderLocation find(const QString& appDir);
    // The same beside the running program.
    static RecorderLocation find();
};

} // namespace heapviz::ui
