// The message-rate chart's data: RateHistory's rates from high watermarks
// (unknown kept unknown, bounded to its capacity over a long run), and the
// window's Message rate tab fed by its own refresh on a sandbox, checked
// against the messages kcat produced and the watermarks the window shows;
// pausing freezes the chart, not the history.

#include "mainwindow.h"
#include "partitionsmodel.h"
#include "ratehistory.h"
#include "topicratechart.h"
#include "livechart.h"

#include "kcat.h"
#include "guitest.h"

#include <QTabWidget>
#include <QStandardPaths>
#include <QTest>

#include <cmath>

namespace {
bool isUnknown(double rate)
{
    return std::isnan(rate);
}

// Messages a partition (or the total, -1) gained over the whole history:
// each interval's rate times its length.
double counted(const RateHistory &history, int partition)
{
    double sum = 0;
    for (const RateHistory::Point &point : history.points()) {
        const double rate = partition < 0 ? point.total : point.values.value(partition);
        if (!isUnknown(rate))
            sum += rate * double(point.intervalMs) / 1000.0;
    }
    return sum;
}
} // namespace

class TestRateHistory : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void ratesFromWatermarks()
    {
        RateHistory history;
        QVERIFY(!history.addSample(1000, {0, 10, -1})); // the baseline
        QVERIFY(history.points().empty());
        QVERIFY(history.addSample(3000, {20, 10, 5}));
        const RateHistory::Point &first = history.points().back();
        QCOMPARE(first.timeMs, 3000);
        QCOMPARE(first.intervalMs, 2000);
        QCOMPARE(first.values.size(), 3);
        QCOMPARE(first.values[0], 10.0); // 20 messages in 2 s
        QCOMPARE(first.values[1], 0.0);  // none: a known 0
        QVERIFY(isUnknown(first.values[2])); // unknown at the start
        QVERIFY(isUnknown(first.total));         // so is the total
        QVERIFY(history.addSample(3500, {25, 40, 6}));
        QCOMPARE(history.points().back().values, (QList<double>{10, 60, 2}));
        QCOMPARE(history.points().back().total, 72.0);
        // A watermark going down (the topic was re-created): unknown.
        QVERIFY(history.addSample(4500, {0, 50, 6}));
        QVERIFY(isUnknown(history.points().back().values[0]));
        QCOMPARE(history.points().back().values[1], 10.0);
        // Not later than the last sample: ignored.
        QVERIFY(!history.addSample(4500, {1, 51, 7}));
        QCOMPARE(history.points().size(), size_t(3));
        // Another partition count: a new baseline, the old points gone.
        QVERIFY(!history.addSample(5500, {0, 50, 6, 0}));
        QVERIFY(history.points().empty());
        QCOMPARE(history.partitionCount(), 4);
    }

    // 100,000 samples (over 27 hours at 1 s) keep the latest 600 points.
    void boundedOverALongRun()
    {
        RateHistory history;
        QCOMPARE(history.capacity(), 600);
        QList<qint64> marks(8, 0);
        history.addSample(0, marks);
        for (int i = 1; i <= 100000; ++i) {
            for (qsizetype p = 0; p < marks.size(); ++p)
                marks[p] += p;
            QVERIFY(history.addSample(qint64(i) * 1000, marks));
            QVERIFY(history.points().size() <= 600);
        }
        QCOMPARE(history.points().size(), size_t(600));
        QCOMPARE(history.points().front().timeMs, qint64(100000 - 599) * 1000);
        QCOMPARE(history.points().back().total, 28.0); // 0 + 1 + ... + 7 a second
    }

    // The window's Message rate tab, fed by its refresh: the rates add up to
    // the messages kcat produced, as the watermarks in the partitions table say.
    void chartFollowsTheWindow()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.connectTo(kafka::ConnectionSpec::sandbox(3)));
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStateText().startsWith(QLatin1String("Connected")), 15000);
        TopicRateChart *chart = window.rateChart();
        QTRY_COMPARE_WITH_TIMEOUT(chart->topic(), QStringLiteral("demo"), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(chart->history().partitionCount(), 6, 15000);

        const QString bootstrap = window.connection()->bootstrapServers();
        QVERIFY(testsupport::produceLines(bootstrap, QStringLiteral("demo"), 2, 300));
        QVERIFY(testsupport::produceLines(bootstrap, QStringLiteral("demo"), 4, 200));
        const auto highWatermark = [&](int row) {
            return window.partitionsModel()->index(row, PartitionsModel::HighWatermarkColumn).data(PartitionsModel::ValueRole);
        };
        window.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(highWatermark(2) == QVariant(qint64(300)) && highWatermark(4) == QVariant(qint64(200)),
                                 MainWindow::RefreshIntervalMs + 3000);
        const RateHistory &history = chart->history();
        QVERIFY(!history.points().empty());
        QVERIFY2(std::abs(counted(history, 2) - 300) < 1e-6, qPrintable(QString::number(counted(history, 2))));
        QVERIFY2(std::abs(counted(history, 4) - 200) < 1e-6, qPrintable(QString::number(counted(history, 4))));
        QVERIFY2(std::abs(counted(history, -1) - 500) < 1e-6, qPrintable(QString::number(counted(history, -1))));
        // The lines show the history (within a second, the tab showing):
        // the total's last point is the last rate.
        window.findChild<QTabWidget *>(QStringLiteral("workTabs"))->setCurrentWidget(chart);
        LiveChart *lines = chart->rateChart();
        QCOMPARE(lines->lineCount(), 1 + 6);
        QTRY_COMPARE(lines->drawnPoints(0).size(), qsizetype(history.points().size()));
        QCOMPARE(lines->drawnPoints(0).last().y(), history.points().back().total);

        // Paused: the history goes on, the lines stay; resumed: they catch up.
        chart->setPaused(true);
        const qsizetype shown = lines->drawnPoints(0).size();
        const int redraws = chart->redrawCount();
        const size_t before = history.points().size();
        QVERIFY(testsupport::produceLines(bootstrap, QStringLiteral("demo"), 0, 100));
        window.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(history.points().size() > before, MainWindow::RefreshIntervalMs + 3000);
        // No redraw came, and none waits for its time: the lines stay.
        QVERIFY(!chart->redrawPending());
        QCOMPARE(chart->redrawCount(), redraws);
        QCOMPARE(lines->drawnPoints(0).size(), shown);
        chart->setPaused(false);
        QCOMPARE(chart->redrawCount(), redraws + 1);
        QCOMPARE(lines->drawnPoints(0).size(), qsizetype(history.points().size()));
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(counted(history, 0) - 100) < 1e-6, MainWindow::RefreshIntervalMs + 3000);
    }
};

KAFKADESK_GUITEST_MAIN(TestRateHistory)
#include "test_ratehistory.moc"
