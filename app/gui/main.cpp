// heapviz: the desktop application.
//
//   heapviz [TRACE | --scenario NAME] [--strategy LIST] [--heap SIZE|grow] [--preset NAME]
//           [--compact TRIGGER] [--compactor NAME]
//           [--screenshot PNG [--step N] [--size WxH] [--theme NAME]
//            [--presentation] [--predict] [--text-scale F]]
//           [--export-png|--export-svg|--export-csv|--export-gif FILE
//            [--lane N] [--from N --to M] [--speed S] [--frames-per-step N]]
//
// With --screenshot it lays the window out offscreen at exactly WxH, goes to
// step N, saves the window as a PNG and exits: for documentation and for CI.
// The --export options do the same with File > Export's formats, on the
// window or lane N (from 1): PNG and SVG at step N, CSV and GIF over the
// steps from N to M.
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
#include "ui/export/exporter.h"
#include "ui/export/exportjob.h"
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
    args.addOption({"predict", "Predict, then reveal: ask which block each lane takes before each malloc."});
    args.addOption({"text-scale", "Every text this many times its usual size (0.6 to 3).", "factor"});
    args.addOption({"export-png", "Save the window (or --lane) at --step as a PNG and exit.", "file"});
    args.addOption({"export-svg", "Save the window (or --lane) at --step as an SVG drawing and exit.", "file"});
    args.addOption({"export-csv", "Save every lane's metrics after each operation from --from to --to as CSV and exit.", "file"});
    args.addOption({"export-gif", "Save the steps from --from to --to as an animated GIF and exit.", "file"});
    args.addOption({"lane", "With --export-png, -svg, -gif: that lane (from 1) instead of the window.", "n"});
    args.addOption({"from", "With --export-csv, -gif: the first step (default 0).", "n"});
    args.addOption({"to", "With --export-csv, -gif: the last step (default: the end).", "n"});
    args.addOption({"speed", "With --export-gif: steps a second, 0.25 to 50 (default 2).", "s", "2"});
    args.addOption({"frames-per-step", "With --export-gif: frames of each step's animation (default: one per 50 ms).", "n", "0"});
}

const std::pair<const char*, ui::ExportFormat> kExports[] = {
    {"export-png", ui::ExportFormat::Png},
    {"export-svg", ui::ExportFormat::Svg},
    {"export-csv", ui::ExportFormat::Csv},
    {"export-gif", ui::ExportFormat::Gif},
};

bool anyExport(const QCommandLineParser& args)
{
    for (const auto& [option, format] : kExports)
        if (args.isSet(option))
            return true;
    return false;
}

// A whole number option, or false.
bool count(const QCommandLineParser& args, const char* option, qulonglong& value)
{
    if (!args.isSet(option))
        return true;
    bool ok = false;
    value = args.value(option).toULongLong(&ok);
    return ok;
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
        for (const char* headless : {"--screenshot", "--help", "-h", "--help-all", "--version", "-v", "--export-png",
                                     "--export-svg", "--export-csv", "--export-gif"})
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
    const bool headless = args.isSet("screenshot") || anyExport(args);
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
    if (args.isSet("predict")) // with --screenshot: the question posed at --step, if it is one
        window.setQuizActive(true);

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
        window.settle();
        if (window.size() != QSize(w, h)) {
            std::cerr << "heapviz: the window cannot be laid out at " << w << "x" << h << "\n";
            return kUsageError;
        }
        if (args.isSet("screenshot") && !window.saveScreenshot(args.value("screenshot"))) {
            std::cerr << "heapviz: cannot write " << args.value("screenshot").toStdString() << "\n";
            return kTraceError;
        }
        qulonglong lane = 0, from = 0, to = window.session()->steps(), frames = 0;
        if (!count(args, "lane", lane) || (args.isSet("lane") && lane == 0))
            return usageError("--lane takes a lane's number, from 1");
        if (!count(args, "from", from) || !count(args, "to", to))
            return usageError("--from and --to take step numbers");
        if (!count(args, "frames-per-step", frames))
            return usageError("--frames-per-step takes a number");
        bool okSpeed = false;
        const double speed = args.value("speed").toDouble(&okSpeed);
        if (!okSpeed)
            return usageError("--speed takes steps a second, e.g. 2 or 0.5");
        for (const auto& [option, format] : kExports) {
            if (!args.isSet(option))
                continue;
            ui::ExportRequest request;
            request.format = format;
            request.path = args.value(option);
            if (args.isSet("lane"))
                request.lane = std::size_t(lane - 1);
            request.from = std::size_t(from);
            request.to = std::size_t(to);
            request.gif.stepsPerSecond = speed;
            request.gif.framesPerStep = int(std::min<qulonglong>(frames, 1000));
            if (const QString problem = ui::exportProblem(request, *window.session()); !problem.isEmpty())
                return usageError(QStringLiteral("--%1: %2").arg(QString::fromLatin1(option), problem));
            std::unique_ptr<ui::ExportJob> job;
            QString error;
            const std::size_t shown = window.session()->step();
            if (!ui::startExport(request, *window.session(), window.lanes(), window, job, error)
                || (job && !job->runToEnd())) {
                std::cerr << "heapviz: " << (job ? job->error() : error).toStdString() << "\n";
                return kTraceError;
            }
            window.session()->seek(shown); // a GIF leaves it there too; the next export sees --step
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
