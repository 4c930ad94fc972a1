// File > Export and its headless flags: the GIF's palette and writer without a
// window, then every format from the window: a GIF with exactly the frames,
// delays, size and loop asked for, drawn from inside the step animation; an
// SVG that parses and names the lanes; a PNG of the size asked for; a CSV
// whose numbers are heapviz-cli's. Expected values are worked out by hand in
// the comments.

#include <gtest/gtest.h>

#include <gif_lib.h>

#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QComboBox>
#include <QLineEdit>
#include <QMenuBar>
#include <QProcess>
#include <QProgressDialog>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QXmlStreamReader>

#include <memory>

#include "ui/export/exportdialog.h"
#include "ui/export/exporter.h"
#include "ui/export/exportjob.h"
#include "ui/export/gifexport.h"
#include "ui/export/gifwriter.h"
#include "ui/lanes/lanewidget.h"
#include "ui/session/session.h"
#include "ui/window/mainwindow.h"

using namespace heapviz;
using namespace heapviz::ui;

namespace {

// A decoded GIF: giflib's DGifSlurp, closed when done.
struct Gif {
    GifFileType* gif = nullptr;
    explicit Gif(const QString& path)
    {
        int error = 0;
        gif = DGifOpenFileName(QFile::encodeName(path).constData(), &error);
        if (gif && DGifSlurp(gif) != GIF_OK) {
            DGifCloseFile(gif, &error);
            gif = nullptr;
        }
    }
    ~Gif()
    {
        int error = 0;
        if (gif)
            DGifCloseFile(gif, &error);
    }
    int frames() const { return gif->ImageCount; }
    int delay(int frame) const
    {
        GraphicsControlBlock gcb{};
        return DGifSavedExtensionToGCB(gif, frame, &gcb) == GIF_OK ? gcb.DelayTime : -1;
    }
    std::vector<int> delays() const
    {
        std::vector<int> out;
        for (int i = 0; i < frames(); ++i)
            out.push_back(delay(i));
        return out;
    }
    // The NETSCAPE2.0 block with a loop count of 0 (forever) before the first frame.
    bool loopsForever() const
    {
        const SavedImage& first = gif->SavedImages[0];
        for (int i = 0; i + 1 < first.ExtensionBlockCount; ++i) {
            const ExtensionBlock& b = first.ExtensionBlocks[i];
            const ExtensionBlock& next = first.ExtensionBlocks[i + 1];
            if (b.Function == APPLICATION_EXT_FUNC_CODE && b.ByteCount == 11
                && !std::memcmp(b.Bytes, "NETSCAPE2.0", 11) && next.Function == CONTINUE_EXT_FUNC_CODE
                && next.ByteCount == 3)
                return next.Bytes[0] == 1 && next.Bytes[1] == 0 && next.Bytes[2] == 0;
        }
        return false;
    }
    QRect rect(int frame) const
    {
        const GifImageDesc& d = gif->SavedImages[frame].ImageDesc;
        return {d.Left, d.Top, d.Width, d.Height};
    }
};

struct ExportWindow : ::testing::Test {
    MainWindow window{SettingsStore::Mode::Ephemeral};
    QTemporaryDir dir;
    void SetUp() override
    {
        window.resize(1024, 700);
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
        window.openDemo(/*wait=*/true);
        ASSERT_NE(window.session(), nullptr);
    }
    Session& session() { return *window.session(); }
    // Runs `request` to its end; the error, or empty.
    QString exportNow(const ExportRequest& request)
    {
        std::unique_ptr<ExportJob> job;
        QString error;
        if (!startExport(request, session(), window.lanes(), window, job, error))
            return error;
        if (job && !job->runToEnd())
            return job->error();
        return {};
    }
};

int runApp(const QStringList& args, QString* err = nullptr)
{
    QProcess app;
    app.start(HEAPVIZ_GUI_APP, args);
    app.waitForFinished(120000);
    if (err)
        *err = QString::fromLocal8Bit(app.readAllStandardError());
    return app.exitStatus() == QProcess::NormalExit ? app.exitCode() : -1;
}

} // namespace

TEST(GifPalette, KeyColoursStayExactAndOthersGoToTheNearest)
{
    const Rgb keys[] = {{0x00, 0x72, 0xB2}, {0xE6, 0x9F, 0x00}, {0x00, 0x72, 0xB2}}; // a repeat counts once
    const GifPalette palette(keys);
    EXPECT_EQ(palette.colours()[0], (Rgb{0x00, 0x72, 0xB2}));
    EXPECT_EQ(palette.colours()[1], (Rgb{0xE6, 0x9F, 0x00}));
    EXPECT_EQ(palette.indexOf(0xff0072b2), 0);
    EXPECT_EQ(palette.indexOf(0xffe69f00), 1);
    // 2 keys, then 256 - 216 - 2 = 38 greys from black to white, then the cube.
    EXPECT_EQ(palette.colours()[2], (Rgb{0, 0, 0}));
    EXPECT_EQ(palette.colours()[39], (Rgb{255, 255, 255}));
    EXPECT_EQ(palette.colours()[40], (Rgb{0, 0, 0}));    // the cube's first corner
    EXPECT_EQ(palette.colours()[255], (Rgb{255, 255, 255}));
    // Almost pure red: the cube's red corner (255, 0, 0) is nearest: r*36 after 40.
    EXPECT_EQ(palette.colours()[palette.indexOf(0xfffa0203)], (Rgb{255, 0, 0}));
    const std::uint32_t pixels[] = {0xff0072b2, 0xffffffff, 0xff000000, 0xffe69f00};
    const auto indices = palette.quantise(pixels, 2, 2, 2);
    ASSERT_EQ(indices.size(), 4u);
    EXPECT_EQ(indices[0], 0);
    EXPECT_EQ(palette.colours()[indices[1]], (Rgb{255, 255, 255}));
    EXPECT_EQ(palette.colours()[indices[2]], (Rgb{0, 0, 0}));
    EXPECT_EQ(indices[3], 1);
}

TEST(GifWriter, WritesTheFramesDelaysAndLoopAskedForAndOnlyWhatChanged)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("three.gif");
    const GifPalette palette;
    GifWriter writer;
    ASSERT_TRUE(writer.open(QFile::encodeName(path).toStdString(), 4, 3, palette)) << writer.error();
    std::vector<std::uint8_t> frame(12, 7);
    ASSERT_TRUE(writer.addFrame(frame, 10));
    frame[1 * 4 + 2] = 9; // (2, 1) changes
    ASSERT_TRUE(writer.addFrame(frame, 20));
    ASSERT_TRUE(writer.addFrame(frame, 35)); // nothing changes: still a frame
    ASSERT_TRUE(writer.close()) << writer.error();

    const Gif gif(path);
    ASSERT_NE(gif.gif, nullptr);
    EXPECT_EQ(gif.gif->SWidth, 4);
    EXPECT_EQ(gif.gif->SHeight, 3);
    EXPECT_EQ(gif.frames(), 3);
    EXPECT_EQ(gif.delays(), (std::vector<int>{10, 20, 35}));
    EXPECT_TRUE(gif.loopsForever());
    EXPECT_EQ(gif.rect(0), QRect(0, 0, 4, 3));
    EXPECT_EQ(gif.rect(1), QRect(2, 1, 1, 1));
    EXPECT_EQ(gif.gif->SavedImages[1].RasterBits[0], 9);
    EXPECT_EQ(gif.rect(2), QRect(0, 0, 1, 1));
}

TEST(GifWriter, SaysWhyItCannotWrite)
{
    GifWriter writer;
    EXPECT_FALSE(writer.open("/nonexistent-folder/x.gif", 4, 4, GifPalette()));
    EXPECT_NE(writer.error().find("cannot write /nonexistent-folder/x.gif"), std::string::npos) << writer.error();
}

TEST(GifTiming, DelaysAddUpToEachStep)
{
    GifOptions o;
    o.stepsPerSecond = 1; // a step 1000 ms; the window animates 850 of them
    o.framesPerStep = 5;  // ending at 170, 340, 510, 680 ms, then held to 1000
    EXPECT_EQ(gifStepDelays(o), (std::vector<int>{17, 17, 17, 17, 32}));
    EXPECT_EQ(gifFirstDelay(o), 100);
    o.framesPerStep = 0; // one frame every 50 ms of 850: 17 frames, 5 each, the last held 20 (100 - 80)
    const auto delays = gifStepDelays(o);
    ASSERT_EQ(delays.size(), 17u);
    EXPECT_EQ(delays.front(), 5);
    EXPECT_EQ(delays.back(), 20);
    o.stepsPerSecond = 20; // faster than the window animates: one frame, 50 ms
    EXPECT_EQ(gifStepDelays(o), (std::vector<int>{5}));
}

TEST_F(ExportWindow, GifHasTheFramesDelaysAndSizeAskedForAndPlaysTheAnimation)
{
    session().seek(7);
    ExportRequest r;
    r.format = ExportFormat::Gif;
    r.path = dir.filePath("demo.gif");
    r.from = 0;
    r.to = 3;
    r.gif.stepsPerSecond = 1;
    r.gif.framesPerStep = 5;
    r.gif.size = QSize(640, 400);
    ASSERT_EQ(session().compactionMoves(0) + session().compactionMoves(1) + session().compactionMoves(2), 0u)
        << "the demo never compacts: one step per operation";
    ASSERT_EQ(exportNow(r), QString());
    EXPECT_EQ(session().step(), 7u) << "the window is back where it was";

    const Gif gif(r.path);
    ASSERT_NE(gif.gif, nullptr);
    EXPECT_EQ(gif.gif->SWidth, 640);
    EXPECT_EQ(gif.gif->SHeight, 400);
    // The state at step 0, then 3 steps of 5 frames: 16.
    ASSERT_EQ(gif.frames(), 16);
    EXPECT_EQ(gif.delays(), (std::vector<int>{100, 17, 17, 17, 17, 32, 17, 17, 17, 17, 32, 17, 17, 17, 17, 32}));
    EXPECT_TRUE(gif.loopsForever());
    // The first step is a malloc: the search flashes, then the block grows
    // in, so the frames inside it change the picture, not just the last one.
    int changing = 0;
    for (int f = 1; f <= 4; ++f)
        changing += gif.rect(f).width() * gif.rect(f).height() > 1;
    EXPECT_GE(changing, 3) << "frames drawn from inside the step's animation";
}

TEST_F(ExportWindow, GifOfOneLaneAtItsOwnSize)
{
    LaneWidget* lane = window.lanes().at(1);
    ExportRequest r;
    r.format = ExportFormat::Gif;
    r.path = dir.filePath("lane.gif");
    r.lane = 1;
    r.from = 10;
    r.to = 12;
    r.gif.stepsPerSecond = 20; // one frame a step
    ASSERT_EQ(exportNow(r), QString());
    const Gif gif(r.path);
    ASSERT_NE(gif.gif, nullptr);
    EXPECT_EQ(gif.gif->SWidth, lane->width());
    EXPECT_EQ(gif.gif->SHeight, lane->height());
    EXPECT_EQ(gif.delays(), (std::vector<int>{5, 5, 5}));
}

TEST_F(ExportWindow, CancellingAGifRemovesItAndKeepsTheStep)
{
    session().seek(4);
    ExportRequest r;
    r.format = ExportFormat::Gif;
    r.path = dir.filePath("cancelled.gif");
    r.from = 0;
    r.to = 60;
    r.gif.stepsPerSecond = 1;
    std::unique_ptr<ExportJob> job;
    QString error;
    ASSERT_TRUE(startExport(r, session(), window.lanes(), window, job, error)) << error.toStdString();
    int seen = 0;
    QObject::connect(job.get(), &ExportJob::progress, job.get(), [&](int done, int) {
        seen = done;
        if (done == 5)
            job->cancel();
    });
    EXPECT_FALSE(job->runToEnd());
    EXPECT_TRUE(job->cancelled());
    EXPECT_LT(seen, job->total());
    EXPECT_FALSE(QFile::exists(r.path));
    EXPECT_EQ(session().step(), 4u);
}

TEST_F(ExportWindow, AGifKeepsTheEventLoopTurning)
{
    window.resize(1280, 720);
    QTest::qWait(100); // the window's own relayout is not the export's
    ExportRequest r;
    r.format = ExportFormat::Gif;
    r.path = dir.filePath("turning.gif");
    r.from = 0;
    r.to = 6;
    r.gif.stepsPerSecond = 2;
    std::unique_ptr<ExportJob> job;
    QString error;
    ASSERT_TRUE(startExport(r, session(), window.lanes(), window, job, error));
    // A 1 ms timer watches the loop: the longest gap between its turns.
    QElapsedTimer clock;
    qint64 last = 0, longest = 0;
    QTimer watch;
    watch.setInterval(1);
    QObject::connect(&watch, &QTimer::timeout, [&] {
        longest = std::max(longest, clock.elapsed() - last);
        last = clock.elapsed();
    });
    clock.start();
    watch.start();
    ASSERT_TRUE(job->runToEnd()) << job->error().toStdString();
    RecordProperty("longest_stall_ms", int(longest));
    EXPECT_LT(longest, 250) << "a frame a turn, encoded on a worker";
    EXPECT_GT(job->total(), 6 * 2);
}

TEST_F(ExportWindow, TheFileMenuAsksAndAProgressBarFollows)
{
    QAction* action = window.action(QStringLiteral("export"));
    ASSERT_NE(action, nullptr);
    const QMenu* file = window.menuBar()->findChildren<QMenu*>().value(0);
    ASSERT_NE(file, nullptr);
    EXPECT_TRUE(file->actions().contains(action)) << "in the File menu";

    session().seek(30);
    ExportDialog dialog(session(), window.lanes(), window);
    dialog.formatBox()->setCurrentIndex(dialog.formatBox()->findData(int(ExportFormat::Gif)));
    dialog.targetBox()->setCurrentIndex(2); // lane 2
    dialog.pathEdit()->setText(dir.filePath("asked.gif"));
    const ExportRequest r = dialog.request();
    EXPECT_EQ(r.format, ExportFormat::Gif);
    EXPECT_EQ(r.lane, std::optional<std::size_t>(1));
    EXPECT_EQ(r.from, 30u) << "a GIF starts where the window is";
    EXPECT_EQ(r.to, 70u) << "and runs 40 steps";

    ExportRequest shorter = r;
    shorter.to = 32;
    shorter.gif.stepsPerSecond = 20; // one frame a step: 3 frames
    QString error;
    ExportJob* job = ExportDialog::run(shorter, session(), window.lanes(), window, error);
    ASSERT_NE(job, nullptr) << error.toStdString();
    EXPECT_NE(window.findChild<QProgressDialog*>(), nullptr);
    QSignalSpy done(job, &ExportJob::finished);
    ASSERT_TRUE(done.wait(60000));
    EXPECT_TRUE(done.first().first().toBool());
    const Gif gif(shorter.path);
    ASSERT_NE(gif.gif, nullptr);
    EXPECT_EQ(gif.frames(), 3);
    EXPECT_EQ(session().step(), 30u);
}

TEST_F(ExportWindow, SvgParsesAndNamesTheLanes)
{
    ExportRequest r;
    r.format = ExportFormat::Svg;
    r.path = dir.filePath("window.svg");
    ASSERT_EQ(exportNow(r), QString());
    QFile file(r.path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString text;
    bool inText = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QStringLiteral("text"))
            inText = true;
        else if (xml.isEndElement() && xml.name() == QStringLiteral("text"))
            inText = false;
        else if (inText && xml.isCharacters())
            text += xml.text().toString() + QStringLiteral("\n");
    }
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_TRUE(QSvgRenderer(r.path).isValid());
    // The demo's lanes: first, best and worst fit, each titled in words.
    for (const char* title : {"first fit", "best fit", "worst fit"})
        EXPECT_TRUE(text.contains(QString::fromLatin1(title))) << title;
}

TEST_F(ExportWindow, PngHasTheSizeAskedFor)
{
    ExportRequest r;
    r.format = ExportFormat::Png;
    r.path = dir.filePath("lane.png");
    r.lane = 0;
    r.size = QSize(500, 300);
    ASSERT_EQ(exportNow(r), QString());
    EXPECT_EQ(QImage(r.path).size(), QSize(500, 300));
    r.lane.reset();
    r.size = {};
    r.path = dir.filePath("window.png");
    ASSERT_EQ(exportNow(r), QString());
    EXPECT_EQ(QImage(r.path).size(), window.size());
}

TEST_F(ExportWindow, BadRequestsAreExplained)
{
    ExportRequest r;
    r.format = ExportFormat::Csv;
    r.path = dir.filePath("x.csv");
    r.from = 5;
    r.to = 2;
    EXPECT_TRUE(exportProblem(r, session()).contains("not a range"));
    r.from = 0;
    r.to = session().steps() + 1;
    EXPECT_TRUE(exportProblem(r, session()).contains("not a range"));
    r.to = 3;
    r.lane = 9;
    EXPECT_TRUE(exportProblem(r, session()).contains("no lane 10"));
    r.lane.reset();
    r.path = "/nonexistent-folder/x.csv";
    EXPECT_TRUE(exportNow(r).startsWith("cannot write /nonexistent-folder/x.csv"));
}

TEST(ExportHeadless, CsvNumbersAreTheClis)
{
    QTemporaryDir dir;
    const QString trace = dir.filePath("t.rep");
    {
        QFile f(trace);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        // 40 requests of 24..600 bytes, every third freeing the one before: holes.
        for (int i = 0; i < 40; ++i) {
            f.write(QStringLiteral("a %1 %2\n").arg(i).arg(24 + (i * 53) % 577).toLatin1());
            if (i % 3 == 1)
                f.write(QStringLiteral("f %1\n").arg(i - 1).toLatin1());
        }
    }
    const QString csv = dir.filePath("t.csv");
    QString err;
    ASSERT_EQ(runApp({trace, "--strategy", "first,worst,buddy", "--heap", "16K", "--export-csv", csv}, &err), 0)
        << err.toStdString();

    QProcess cli;
    cli.start(HEAPVIZ_CLI, {"--json", "--strategy", "first,worst,buddy", "--heap", "16K", trace});
    ASSERT_TRUE(cli.waitForFinished(60000));
    const QJsonArray results = QJsonDocument::fromJson(cli.readAllStandardOutput())["results"].toArray();
    ASSERT_EQ(results.size(), 3);

    QFile f(csv);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    const QList<QByteArray> names = lines.takeFirst().split(',');
    const int ops = 40 + 13; // 40 mallocs, frees after i = 1, 4, ..., 37
    ASSERT_EQ(lines.size(), ops * 3);
    for (int l = 0; l < 3; ++l) {
        const QJsonObject cliLane = results[l].toObject();
        const QList<QByteArray> last = lines[lines.size() - 3 + l].split(',');
        ASSERT_EQ(last.size(), names.size());
        for (int c = 6; c < names.size(); ++c) { // the metrics, after operation, line, op, id, size, lane
            const QString name = QString::fromLatin1(names[c]);
            if (name == "examined")
                continue; // the CLI adds it up over the run: below
            EXPECT_EQ(last[c].toDouble(), cliLane[name].toDouble()) << name.toStdString() << " lane " << l;
        }
        double examined = 0;
        for (int row = l; row < lines.size(); row += 3)
            examined += lines[row].split(',')[names.indexOf("examined")].toDouble();
        EXPECT_EQ(examined, cliLane["examined"].toDouble()) << "lane " << l;
    }
}

TEST(ExportHeadless, GifOfTheWindowAtTheSizeAndSpeedAsked)
{
    QTemporaryDir dir;
    const QString gifPath = dir.filePath("demo.gif");
    QString err;
    ASSERT_EQ(runApp({"--export-gif", gifPath, "--from", "0", "--to", "2", "--speed", "4", "--frames-per-step", "3",
                      "--size", "800x600"},
                     &err),
              0)
        << err.toStdString();
    const Gif gif(gifPath);
    ASSERT_NE(gif.gif, nullptr);
    EXPECT_EQ(gif.gif->SWidth, 800);
    EXPECT_EQ(gif.gif->SHeight, 600);
    // A step 250 ms, animated over 212.5: frames end at 70.8, 141.7, 250 ms.
    EXPECT_EQ(gif.delays(), (std::vector<int>{25, 7, 7, 11, 7, 7, 11}));
    EXPECT_TRUE(gif.loopsForever());
}

TEST(ExportHeadless, PngAndSvgOfALane)
{
    QTemporaryDir dir;
    QString err;
    ASSERT_EQ(runApp({"--export-png", dir.filePath("l.png"), "--export-svg", dir.filePath("l.svg"), "--lane", "2",
                      "--step", "30", "--size", "1024x768"},
                     &err),
              0)
        << err.toStdString();
    const QImage png(dir.filePath("l.png"));
    EXPECT_FALSE(png.isNull());
    EXPECT_LT(png.width(), 1024) << "a lane, not the window";
    EXPECT_TRUE(QSvgRenderer(dir.filePath("l.svg")).isValid());
}

TEST(ExportHeadless, ErrorsSayWhyAndFail)
{
    QTemporaryDir dir;
    QString err;
    EXPECT_EQ(runApp({"--export-gif", dir.filePath("x.gif"), "--from", "5", "--to", "2"}, &err), 2);
    EXPECT_TRUE(err.contains("not a range")) << err.toStdString();
    EXPECT_FALSE(QFile::exists(dir.filePath("x.gif")));
    EXPECT_NE(runApp({"--export-csv", "/nonexistent-folder/x.csv"}, &err), 0);
    EXPECT_TRUE(err.contains("cannot write /nonexistent-folder/x.csv")) << err.toStdString();
    EXPECT_EQ(runApp({"--export-png", dir.filePath("x.png"), "--lane", "9"}, &err), 2);
    EXPECT_TRUE(err.contains("no lane 9")) << err.toStdString();
}
