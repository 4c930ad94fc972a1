// The GUI tests' main: offscreen unless told otherwise (gtest_discover_tests
// runs this binary at build time, with no display), a QApplication, and a
// message handler that turns Qt warnings into test failures, so that
// QAbstractItemModelTester's Warning mode fails a test.

#include <gtest/gtest.h>

#include <QApplication>
#include <QStandardPaths>

namespace {
void failOnWarning(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type == QtWarningMsg && context.category && QByteArray(context.category) == "qt.modeltest")
        ADD_FAILURE() << message.toStdString();
    if (type == QtCriticalMsg || type == QtFatalMsg)
        ADD_FAILURE() << message.toStdString();
}
} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // QSettings away from the user's own
    QApplication app(argc, argv);
    QApplication::setOrganizationName("HeapViz");
    QApplication::setApplicationName("HeapViz-tests");
    qInstallMessageHandler(failOnWarning);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
