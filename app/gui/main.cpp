// heapviz: the desktop application.
//
//   heapviz [TRACE | --scenario NAME] [--strategy LIST] [--heap SIZE|grow] [--preset NAME]
//           [--compact TRIGGER] [--compactor NAME]
//           [--screenshot PNG [--step N] [--size WxH] [--theme NAME]
//            [--presentation] [--text-scale F]]
//
// With --screenshot it lays the window out offscreen at exactly WxH, goes to
// step N, saves the window as a PNG and exits: for documentation and for CI.
// Such a headless run uses only its arguments and the defaults: it reads
// nothing the user saved and writes nothing.

#include <QApplication>
#include <QCommandLineParser>
#include <QStyleFactory>

#include <cstring>
#include <iostream>
#include <map>
#include <memory>

#include "app/cli/cliargs.h"
#include "ui/style/appicon.h"
#include "ui/window/mainwindow.h"
#include "ui/session/session.h"

using namespace heapviz;

namespace {

enum Exit { kOk = 0, kTraceError = 1, kUsageError = 2 };

int usageError(const QString& message)
{
    std::cerr << "heapviz: " << message.toStdString() << "\nTry 'heapviz --help'.\n";
    return kUsageError;
}

void describe(QCommandLineParser& args)
{
    args.setApplicationDescription("Heap allocation strategies, side by side, block by block.");
    args.addHelpOption();
    args.addVersionOption();
    args.addPositionalArgument("trace", "A CS:APP malloc-lab .rep trace (default: the built-in demo).", "[TRACE]");
    args.addOption({"scenario", QString::fromStdString("A built-in scenario, with its lanes and heap unless given: "
                                                       + scenarioNames() + "."),
                    "name"});
    args.addOption({"strategy", "Lanes, comma-separated: NAME[:KEY=VALUE]... of any family (first, next, best, worst, segregated, tlsf, buddy, pool).", "list"});
    args.addOption({"heap", "A fixed heap of SIZE bytes (64K, 1.5 MiB, ...), or grow.", "size"});
    args.addOption({"preset", "default or csapp.", "name"});
    args.addOption({"compact", "When to compact: never, on-failure, at:N[,N...], threshold:F.", "trigger"});
    args.addOption({"compactor", "sliding or two-finger.", "name"});
    args.addOption({"screenshot", "Save the window as a PNG and exit (no display needed).", "png"});
    args.addOption({"step", "With --screenshot: the step to show.", "n", "0"});
    args.addOption({"size", "With --screenshot: the window's size.", "WxH", "1600x900"});
    args.addOption({"theme", "light, dark or high-contrast.", "name"});
    args.addOption({"presentation", "Presentation mode: large narration, no docks or toolbar."});
    args.addOption({"text-scale", "Every text this many times its usual size (0.6 to 3).", "factor"});
}

// The command line's heap options and lanes on top of `s`, read as
// heapviz-cli reads them (the same definitions).
std::optional<ui::SessionSettings> withOptions(const QCommandLineParser& args, ui::SessionSettings s, QString& error)
{
    std::map<std::string, std::string> options;
    for (const char* option : {"preset", "heap", "compact", "compactor"})
        if (args.isSet(option))
            options[option] = args.value(option).toStdString();
    std::string why;
    if (!cli::applyHeapOptions(s.config, options, why)) {
        error = QString::fromStdString(why);
        return std::nullopt;
    }
    if (args.isSet("strategy")) {
        s.lanes.clear();
        for (const QString& lane : args.value("strategy").split(','))
            s.lanes.push_back(lane.trimmed().toStdString());
    }
    if (s.resolve(why).empty()) {
        error = QString::fromStdString(why);
        return std::nullopt;
    }
    return s;
}

bool anyHeapOption(const QCommandLineParser& args)
{
    for (const char* option : {"preset", "heap", "strategy", "compact", "compactor"})
        if (args.isSet(option))
            return true;
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    // Screenshots, --help and --version need no display: offscreen, unless
    // the caller chose a platform.
    for (int i = 1; i < argc; ++i)
        for (const char* headless : {"--screenshot", "--help", "-h", "--help-all", "--version", "-v"})
            if (!std::strcmp(argv[i], headless) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName("HeapViz");
    QApplication::setApplicationName("HeapViz");
    QApplication::setApplicationVersion(HEAPVIZ_VERSION);
    QApplication::setWindowIcon(ui::appIcon());
    QApplication::setDesktopFileName("heapviz");
    QApplication::setStyle(QStyleFactory::create("Fusion")); // follows our palettes everywhere

    QCommandLineParser args;
    describe(args);
    args.process(app); // --help and --version print and exit 0 here
    const QStringList traces = args.positionalArguments();
    if (traces.size() > 1)
        return usageError("one trace at a time");
    const bool headless = args.isSet("screenshot");
    std::optional<Scenario> scenario;
    if (args.isSet("scenario")) {
        if (!traces.isEmpty())
            return usageError("a trace or --scenario, not both");
        scenario = makeScenario(args.value("scenario").toStdString());
        if (!scenario)
            return usageError(QString::fromStdString("unknown scenario '" + args.value("scenario").toStdString()
                                                     + "' (choose from " + scenarioNames() + ")"));
    }

    ui::MainWindow window(headless ? ui::SettingsStore::Mode::Ephemeral : ui::SettingsStore::Mode::Persistent);
    // The scenario's settings, with the command line's on top.
    std::optional<ui::SessionSettings> scenarioSettings;
    if (scenario) {
        QString error;
        scenarioSettings = withOptions(args, ui::MainWindow::scenarioSettings(*scenario), error);
        if (!scenarioSettings)
            return usageError(error);
    }
    if (anyHeapOption(args)) { // for this run only: the saved settings stay as they were
        QString error;
        const auto forTraces = withOptions(args, window.traceSettings(), error);
        const auto forDemo = withOptions(args, window.demoSettings(), error);
        if (!forTraces || !forDemo)
            return usageError(error);
        window.setTraceSettings(*forTraces, /*persist=*/false);
        window.setDemoSettings(*forDemo);
    }
    if (args.isSet("theme")) {
        const auto theme = ui::themeFromName(args.value("theme").toStdString());
        if (!theme)
            return usageError("--theme takes light, dark or high-contrast");
        window.setTheme(*theme);
    }
    if (args.isSet("text-scale")) {
        bool ok = false;
        const double scale = args.value("text-scale").toDouble(&ok);
        if (!ok || scale < 0.6 || scale > 3)
            return usageError("--text-scale takes a factor from 0.6 to 3, e.g. 1.5");
        window.setTextScale(scale);
    }
    if (args.isSet("presentation"))
        window.setPresentation(true);

    if (headless) {
        const QStringList wh = args.value("size").split('x');
        bool okW = false, okH = false, okStep = false;
        const int w = wh.value(0).toInt(&okW), h = wh.value(1).toInt(&okH);
        const qulonglong step = args.value("step").toULongLong(&okStep);
        if (wh.size() != 2 || !okW || !okH || w < 640 || h < 480 || w > 7680 || h > 4320)
            return usageError("--size takes WxH, from 640x480 to 7680x4320, e.g. 1280x720");
        if (!okStep)
            return usageError("--step takes a number");
        window.setAttribute(Qt::WA_DontShowOnScreen);
        window.resize(w, h);
        window.show();
        if (scenario) {
            window.openScenario(args.value("scenario"), /*wait=*/true, scenarioSettings);
        } else if (traces.isEmpty()) {
            window.openDemo(/*wait=*/true);
        } else if (!window.openTraceFile(traces.first(), /*wait=*/true) || !window.session()) {
            std::cerr << "heapviz: " << window.lastError().toStdString() << "\n";
            return kTraceError;
        }
        window.session()->seek(std::size_t(step));
        window.resize(w, h); // exactly: nothing may have widened it
        QApplication::processEvents();
        if (window.size() != QSize(w, h)) {
            std::cerr << "heapviz: the window cannot be laid out at " << w << "x" << h << "\n";
            return kUsageError;
        }
        if (!window.saveScreenshot(args.value("screenshot"))) {
            std::cerr << "heapviz: cannot write " << args.value("screenshot").toStdString() << "\n";
            return kTraceError;
        }
        return kOk;
    }

    window.show();
    if (scenario)
        window.openScenario(args.value("scenario"), /*wait=*/false, scenarioSettings);
    else if (traces.isEmpty())
        window.openDemo();
    else
        window.openTraceFile(traces.first(), /*wait=*/false, /*fromCommandLine=*/true);
    return app.exec();
}
