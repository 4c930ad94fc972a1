// heapviz: the desktop application.
//
//   heapviz [TRACE] [--strategy LIST] [--heap SIZE|grow] [--preset NAME]
//           [--compact TRIGGER] [--compactor NAME]
//           [--screenshot PNG [--step N] [--size WxH]]
//
// With --screenshot it opens the window offscreen, goes to step N, saves the
// window as a PNG and exits: for documentation and for CI.

#include <QApplication>
#include <QCommandLineParser>
#include <QScreen>
#include <QTimer>

#include <cstring>
#include <iostream>

#include "app/cli/cliargs.h"
#include "core/traceparser.h"
#include "ui/appicon.h"
#include "ui/mainwindow.h"
#include "ui/session.h"
#include "ui/timelinebar.h"

using namespace heapviz;

namespace {

enum Exit { kOk = 0, kTraceError = 1, kUsageError = 2 };

int usageError(const QString& message)
{
    std::cerr << "heapviz: " << message.toStdString() << "\nTry 'heapviz --help'.\n";
    return kUsageError;
}

// Settings from the command line on top of the remembered ones, read as
// heapviz-cli reads the same options.
std::optional<ui::SessionSettings> settingsFrom(const QCommandLineParser& args, ui::SessionSettings s,
                                                QString& error)
{
    cli::CliArgs cli;
    cli.strategies = s.strategies;
    cli.config = s.config;
    std::string why;
    for (const char* option : {"preset", "heap", "strategy", "compact", "compactor"}) // preset first
        if (args.isSet(option)
            && !cli::applyOption(cli, std::string("--") + option, args.value(option).toStdString(), why)) {
            error = QString::fromStdString(why);
            return std::nullopt;
        }
    if (why = cli.config.validate(); !why.empty()) {
        error = QString::fromStdString(why);
        return std::nullopt;
    }
    s.strategies = cli.strategies;
    s.config = cli.config;
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    // Screenshots need no display: offscreen, unless the caller chose a platform.
    for (int i = 1; i < argc; ++i)
        if (!std::strcmp(argv[i], "--screenshot") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName("HeapViz");
    QApplication::setApplicationName("HeapViz");
    QApplication::setApplicationVersion(HEAPVIZ_VERSION);
    QApplication::setWindowIcon(ui::appIcon());
    QApplication::setDesktopFileName("heapviz");

    QCommandLineParser args;
    args.setApplicationDescription("Heap allocation strategies, side by side, block by block.");
    args.addHelpOption();
    args.addVersionOption();
    args.addPositionalArgument("trace", "A CS:APP malloc-lab .rep trace (default: the built-in demo).", "[TRACE]");
    args.addOption({"strategy", "Comma-separated fits: first,next,best,worst.", "list"});
    args.addOption({"heap", "A fixed heap of SIZE bytes (K/M/G), or grow.", "size"});
    args.addOption({"preset", "default or csapp.", "name"});
    args.addOption({"compact", "When to compact: never, on-failure, at:N[,N...], threshold:F.", "trigger"});
    args.addOption({"compactor", "sliding or two-finger.", "name"});
    args.addOption({"screenshot", "Save the window as a PNG and exit.", "png"});
    args.addOption({"step", "With --screenshot: the step to show.", "n", "0"});
    args.addOption({"size", "With --screenshot: the window size.", "WxH", "1600x900"});
    args.process(app);

    ui::MainWindow window;
    QString error;
    const auto settings = settingsFrom(args, window.settings(), error);
    if (!settings)
        return usageError(error);
    window.setSettings(*settings);
    const QStringList traces = args.positionalArguments();
    if (traces.size() > 1)
        return usageError("one trace at a time");

    if (args.isSet("screenshot")) {
        const QStringList wh = args.value("size").split('x');
        bool okW = false, okH = false, okStep = false;
        const int w = wh.value(0).toInt(&okW), h = wh.value(1).toInt(&okH);
        const qulonglong step = args.value("step").toULongLong(&okStep);
        if (wh.size() != 2 || !okW || !okH || w < 320 || h < 240)
            return usageError("--size takes WxH, at least 320x240, e.g. 1600x900");
        if (!okStep)
            return usageError("--step takes a number");
        window.resize(w, h);
        window.setAttribute(Qt::WA_DontShowOnScreen);
        window.show();
        if (traces.isEmpty()) {
            window.openDemo(/*wait=*/true);
        } else if (!window.openTraceFile(traces.first(), /*wait=*/true) || !window.session()) {
            std::cerr << "heapviz: " << window.lastError().toStdString() << "\n";
            return kTraceError;
        }
        window.session()->seek(std::size_t(step));
        QApplication::processEvents();
        if (!window.saveScreenshot(args.value("screenshot"))) {
            std::cerr << "heapviz: cannot write " << args.value("screenshot").toStdString() << "\n";
            return kTraceError;
        }
        return kOk;
    }

    window.show();
    if (traces.isEmpty())
        window.openDemo();
    else
        window.openTraceFile(traces.first());
    return app.exec();
}
