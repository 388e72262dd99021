// The live charts of issue 16: a consumer's receive rate and lag, the
// producer's send rate and latency percentiles, and what they share
// (SeriesHistory, LatencyHistogram, LiveChart, ChartPanel). Fed from the
// real data path on a sandbox: the producer panel's bulk run, a consumer
// panel reading it back; checked against the deliveries counted, the
// messages received and each progress report's watermarks and positions.
// Also: bounded over a long run (count and bytes), pausing, gaps for
// unknown values, and the colours of a dark palette.

#include "consumerchart.h"
#include "consumerpanel.h"
#include "consumerpartitionsmodel.h"
#include "latencyhistogram.h"
#include "livechart.h"
#include "mainwindow.h"
#include "partitionlines.h"
#include "producerchart.h"
#include "producerpanel.h"
#include "grouplagchart.h"
#include "serieshistory.h"

#include "guitest.h"
#include "modeltester.h"

#include <QAbstractAxis>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QValueAxis>

#include <cmath>
#include <limits>

namespace {
constexpr double Unknown = std::numeric_limits<double>::quiet_NaN();

// Messages over a history: each point's rate times its interval.
double counted(const SeriesHistory &history)
{
    double sum = 0;
    for (const SeriesHistory::Point &point : history.points())
        if (!std::isnan(point.total))
            sum += point.total * double(point.intervalMs) / 1000.0;
    return sum;
}

kafka::PartitionProgress progress(int partition, qint64 position, qint64 highWatermark)
{
    return {{QStringLiteral("t"), partition}, position, -1, highWatermark};
}

QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x24));
    dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x1b));
    dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    dark.setColor(QPalette::Mid, QColor(0x50, 0x50, 0x58));
    return dark;
}
} // namespace

class TestLiveCharts : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Hours of points keep the latest 600, and their memory stays under the
    // cap however many values each point comes with.
    void seriesBoundedInCountAndBytes()
    {
        SeriesHistory history;
        QCOMPARE(history.capacity(), 600);
        // 100,000 points of 1,000 values: the test's own work (0.5 s under ASan), not the app's.
        const testsupport::TestSideBlocking feeding("the test feeds 100,000 points");
        for (int i = 0; i < 100000; ++i) {
            QList<double> values(1000, double(i));
            history.append({qint64(i) * 1000, 1000, double(i), values});
            QVERIFY(history.points().size() <= 600);
        }
        QCOMPARE(history.points().size(), size_t(600));
        QCOMPARE(history.points().front().timeMs, qint64(100000 - 600) * 1000);
        QCOMPARE(history.points().back().values.size(), history.maxValues());
        QVERIFY2(history.memoryBytes() <= history.maxMemoryBytes(),
                 qPrintable(QStringLiteral("%1 > %2").arg(history.memoryBytes()).arg(history.maxMemoryBytes())));
        QVERIFY(history.maxMemoryBytes() < 2 * 1024 * 1024);
    }

    // Each chart fed over 2000 s (more than 10 minutes at 1 s) keeps 600
    // points, bounded in bytes, and draws no more.
    void chartsBoundedOverALongRun()
    {
        constexpr int Seconds = 2000;
        const qint64 start = QDateTime::currentMSecsSinceEpoch();
        ConsumerChart consumer;
        ProducerChart producer;
        GroupLagChart group;
        group.setGroup(QStringLiteral("g"));
        kafka::GroupInfo info{QStringLiteral("g"), {}, {}, {}, {}, {}, {}, {}};
        for (int p = 0; p < 4; ++p)
            info.offsets.append({{QStringLiteral("t"), p}, -1, 10, 20});
        for (int i = 1; i <= Seconds; ++i) {
            const qint64 now = start + qint64(i) * 1000;
            consumer.addProgressAt({progress(0, i, 2 * i), progress(1, i, i + 5)}, now);
            kafka::Delivery delivery;
            delivery.latencyUs = 1000 + i;
            producer.addDeliveries({delivery, delivery});
            producer.closeInterval(now);
            group.addGroups(QList<kafka::GroupInfo>{info}, now);
        }
        for (const SeriesHistory *history : {&consumer.rates(), &consumer.lags(), &producer.rates(),
                                             &producer.latencies(), &group.lags()}) {
            QCOMPARE(history->points().size(), size_t(600));
            QVERIFY(history->memoryBytes() <= history->maxMemoryBytes());
        }
        QCOMPARE(consumer.lags().points().back().values, (QList<double>{double(Seconds), 5}));
        consumer.redrawNow();
        producer.redrawNow();
        group.redrawNow();
        QCOMPARE(consumer.lagChart()->drawnPoints(0).size(), 600);
        QCOMPARE(producer.rateChart()->drawnPoints(0).size(), 600);
        QCOMPARE(group.lagChart()->drawnPoints(0).size(), 600);
        QCOMPARE(group.lags().points().back().total, 40.0);
    }

    // Every group listed gets a history, so one selected later shows what
    // came before; no more than MaxGroups of them are kept, the selected one
    // always; a group missing from a refresh has a gap there.
    void groupHistoriesForEveryGroupBounded()
    {
        GroupLagChart chart;
        const qint64 t = QDateTime::currentMSecsSinceEpoch();
        const auto group = [](int n, qint64 lag) {
            kafka::GroupInfo info{QStringLiteral("g%1").arg(n), {}, {}, {}, {}, {}, {}, {}};
            info.offsets.append({{QStringLiteral("t"), 0}, -1, 100, 100 + lag});
            return info;
        };
        chart.addGroups(QList<kafka::GroupInfo>{group(1, 5), group(2, 7)}, t);
        chart.addGroups(QList<kafka::GroupInfo>{group(1, 6)}, t + 1000);
        chart.setGroup(QStringLiteral("g2"));
        QCOMPARE(chart.lags().points().size(), size_t(2));
        QCOMPARE(chart.lags().points().front().total, 7.0);
        QVERIFY(std::isnan(chart.lags().points().back().total)); // not listed: a gap
        QVERIFY(chart.noteText().contains(QLatin1String("did not list")));
        chart.setGroup(QStringLiteral("g1"));
        QCOMPARE(chart.lags().points().back().total, 6.0);
        chart.redrawNow();
        QCOMPARE(chart.lagChart()->drawnPoints(1), (QList<QPointF>{{double(t), 5}, {double(t + 1000), 6}}));
        // Many groups: a bounded number of histories, the selected one kept.
        for (int round = 0; round < 3; ++round) {
            QList<kafka::GroupInfo> many;
            for (int n = 2; n < 2 + 2 * GroupLagChart::MaxGroups; ++n)
                many.append(group(n, n));
            chart.addGroups(many, t + 2000 + round * 1000);
            QVERIFY(chart.groupCount() <= GroupLagChart::MaxGroups);
        }
        QCOMPARE(chart.lags().points().size(), size_t(5));
        QVERIFY(std::isnan(chart.lags().points().back().total));
        // The histories kept stay whole: g2, there from the start, has every point.
        chart.setGroup(QStringLiteral("g2"));
        QCOMPARE(chart.lags().points().size(), size_t(5));
        QCOMPARE(chart.lags().points().back().total, 2.0);
        chart.clear(); // another connection
        QCOMPARE(chart.groupCount(), 0);
        QVERIFY(chart.lags().isEmpty());
    }

    // Percentiles from the histogram: within one bucket (9.1 %) of the exact
    // nearest-rank value, inside what was seen, p50 ≤ p99.
    void latencyPercentiles()
    {
        LatencyHistogram histogram;
        QCOMPARE(histogram.percentile(0.5), -1); // none: unknown, not 0
        histogram.add(1234);
        QCOMPARE(histogram.percentile(0.5), 1234);
        QCOMPARE(histogram.percentile(0.99), 1234);
        histogram.clear();
        for (int us = 1; us <= 10000; ++us)
            histogram.add(us);
        const qint64 p50 = histogram.percentile(0.5), p99 = histogram.percentile(0.99);
        QVERIFY2(p50 >= 5000 && p50 <= 5000 * 1.091, qPrintable(QString::number(p50)));
        QVERIFY2(p99 >= 9900 && p99 <= 10000, qPrintable(QString::number(p99)));
        QVERIFY(p50 <= p99);
        QCOMPARE(histogram.count(), 10000);
    }

    // Unknown is a gap: the line is drawn in two runs, and no point is
    // drawn where the value was unknown.
    void unknownIsAGap()
    {
        LiveChart chart(QStringLiteral("lag"), QStringLiteral("%.0f"));
        chart.addLine(QStringLiteral("total"), LiveChart::totalPen());
        chart.setLines({{{1000, 5}, {2000, Unknown}, {3000, 7}, {4000, 8}}}, 0, 4000);
        QCOMPARE(chart.segmentCount(0), 2);
        QCOMPARE(chart.drawnPoints(0), (QList<QPointF>{{1000, 5}, {3000, 7}, {4000, 8}}));

        // The consumer chart: a partition without a high watermark has an
        // unknown lag, and so has the total; its rate is known (0).
        ConsumerChart consumer;
        const qint64 t = QDateTime::currentMSecsSinceEpoch();
        consumer.addProgressAt({progress(0, 3, 10), progress(1, 0, -1)}, t);
        consumer.addProgressAt({progress(0, 3, 10), progress(1, 0, -1)}, t + 1000);
        const SeriesHistory::Point &lag = consumer.lags().points().back();
        QCOMPARE(lag.values.value(0), 7.0);
        QVERIFY(std::isnan(lag.values.value(1)));
        QVERIFY(std::isnan(lag.total));
        QCOMPARE(consumer.rates().points().back().values.value(1), 0.0);
        consumer.redrawNow();
        for (const QPointF &point : consumer.lagChart()->drawnPoints(0))
            QVERIFY(!std::isnan(point.y()));
        QCOMPARE(consumer.lagChart()->drawnPoints(0).size(), 0); // the total: unknown throughout
        QCOMPARE(consumer.lagChart()->drawnPoints(2).size(), 0); // partition 1
        QCOMPARE(consumer.lagChart()->drawnPoints(1).size(), 1); // partition 0
    }

    // Pausing freezes what is drawn, the history goes on; resuming shows it.
    void pauseFreezesTheLines()
    {
        ProducerChart chart;
        chart.show();
        const qint64 t = QDateTime::currentMSecsSinceEpoch() + 1000; // after the first delivery's

        kafka::Delivery delivery;
        delivery.latencyUs = 500;
        chart.addDeliveries({delivery});
        chart.closeInterval(t);
        chart.redrawNow();
        QCOMPARE(chart.rateChart()->drawnPoints(0).size(), 1);
        // Not paused, a point asks for a redraw (within a second).
        chart.closeInterval(t + 1000);
        QVERIFY(chart.redrawPending());
        QTest::mouseClick(chart.pauseButton(), Qt::LeftButton);
        QVERIFY(chart.isPaused());
        QVERIFY(!chart.redrawPending());
        const int redraws = chart.redrawCount();
        for (int i = 2; i <= 4; ++i)
            chart.closeInterval(t + i * 1000);
        QCOMPARE(chart.rates().points().size(), size_t(5));
        // Paused: no redraw is waiting for its time, none came, and the
        // lines are as they were; the history has points not drawn.
        QVERIFY(!chart.redrawPending());
        QCOMPARE(chart.redrawCount(), redraws);
        QVERIFY(chart.isStale());
        QCOMPARE(chart.rateChart()->drawnPoints(0).size(), 1);
        QTest::mouseClick(chart.pauseButton(), Qt::LeftButton);
        QVERIFY(!chart.isPaused());
        QCOMPARE(chart.redrawCount(), redraws + 1);
        QCOMPARE(chart.rateChart()->drawnPoints(0).size(), 5);
    }

    // A stretch of time without points is a gap, not a line across it:
    // drawn straight from points, from a history, and from the consumer's
    // stop and start and the groups refresh not answering for a minute.
    void timeWithoutPointsIsAGap()
    {
        LiveChart chart(QStringLiteral("lag"), QStringLiteral("%.0f"));
        chart.addLine(QStringLiteral("total"), LiveChart::totalPen());
        const QList<QPointF> points{{1000, 5}, {2000, 6}, {30000, 7}, {31000, 8}};
        chart.setLines({points}, 0, 31000, 2500);
        QCOMPARE(chart.segmentCount(0), 2);
        QCOMPARE(chart.drawnPoints(0), points);
        chart.setLines({points}, 0, 31000); // no gap asked for: one run
        QCOMPARE(chart.segmentCount(0), 1);

        // A history: points a second apart, a minute without, then more.
        SeriesHistory history;
        for (qint64 ms : {1000, 2000, 3000, 63000, 64000, 65000})
            history.append({ms, history.isEmpty() ? 1000 : ms - history.points().back().timeMs, double(ms), {}});
        QCOMPARE(LiveChart::gapAfterMs(history), qint64(2500)); // the long interval is not the usual one
        chart.setHistory(history);
        QCOMPARE(chart.segmentCount(0), 2);
        QCOMPARE(chart.drawnPoints(0).size(), 6);

        // The consumer stopped for a minute and started again.
        ConsumerChart consumer;
        const qint64 t = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i <= 3; ++i)
            consumer.addProgressAt({progress(0, 3, 10)}, t + i * 1000);
        consumer.restart();
        for (int i = 0; i <= 3; ++i)
            consumer.addProgressAt({progress(0, 3, 10)}, t + 60000 + i * 1000);
        QCOMPARE(consumer.lags().points().size(), size_t(6));
        consumer.redrawNow();
        for (LiveChart *view : {consumer.rateChart(), consumer.lagChart()}) {
            QCOMPARE(view->segmentCount(0), 2); // the total
            QCOMPARE(view->segmentCount(1), 2); // partition 0
            QCOMPARE(view->drawnPoints(0).size(), 6);
        }

        // The groups refresh (every 5 s) got no answer for a minute.
        GroupLagChart group;
        group.setGroup(QStringLiteral("g"));
        kafka::GroupInfo info{QStringLiteral("g"), {}, {}, {}, {}, {}, {}, {}};
        info.offsets.append({{QStringLiteral("t"), 0}, -1, 10, 20});
        for (qint64 at : {0, 5000, 10000, 15000, 75000, 80000, 85000})
            group.addGroups(QList<kafka::GroupInfo>{info}, t + at);
        group.redrawNow();
        QCOMPARE(group.lagChart()->segmentCount(0), 2);
        QCOMPARE(group.lagChart()->drawnPoints(0).size(), 7);
    }

    // More runs than a line may have: the oldest are dropped, not joined
    // across their gaps; every line starts from the first run kept, and so
    // does the time shown.
    void tooManyGapsDropTheOldest()
    {
        LiveChart chart(QStringLiteral("lag"), QStringLiteral("%.0f"));
        chart.addLine(QStringLiteral("total"), LiveChart::totalPen());
        chart.addLine(QStringLiteral("p0"), LiveChart::linePen(0));
        constexpr int Runs = 3 * LiveChart::MaxSegments;
        QList<QPointF> gappy, whole, kept;
        for (int i = 0; i < Runs; ++i)
            for (int j = 0; j < 3; ++j) {
                const double x = 1000.0 * (3 * i + j);
                const double y = j == 2 ? Unknown : double(i + 1);
                gappy.append({x, y});
                whole.append({x, 1});
                if (i >= Runs - LiveChart::MaxSegments && j < 2)
                    kept.append({x, y});
            }
        chart.setLines({gappy, whole}, 0, qint64(whole.back().x()), 2500);
        QCOMPARE(chart.segmentCount(0), LiveChart::MaxSegments);
        QCOMPARE(chart.drawnPoints(0), kept);
        QCOMPARE(chart.clippedFromMs(), qint64(kept.front().x()));
        QCOMPARE(chart.drawnPoints(1).front().x(), kept.front().x());
        QCOMPARE(chart.segmentCount(1), 1);
        QCOMPARE(chart.timeAxis()->min().toMSecsSinceEpoch(), qint64(kept.front().x()));
        // A group listed at every other refresh: its chart says it drew less.
        GroupLagChart group;
        group.setGroup(QStringLiteral("g"));
        kafka::GroupInfo info{QStringLiteral("g"), {}, {}, {}, {}, {}, {}, {}};
        info.offsets.append({{QStringLiteral("t"), 0}, -1, 10, 20});
        const qint64 t = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 2 * Runs; ++i)
            group.addGroups(i % 2 ? QList<kafka::GroupInfo>{} : QList<kafka::GroupInfo>{info}, t + i * 1000);
        group.redrawNow();
        QCOMPARE(group.lagChart()->segmentCount(0), LiveChart::MaxSegments);
        QVERIFY2(group.noteText().contains(QLatin1String("Too many gaps")), qPrintable(group.noteText()));
        // Few gaps again: nothing dropped.
        chart.setLines({whole, whole}, 0, qint64(whole.back().x()), 2500);
        QCOMPARE(chart.clippedFromMs(), qint64(-1));
        QCOMPARE(chart.drawnPoints(0).size(), whole.size());
    }

    // Whether a progress report made a point: not the first of a run (it
    // starts the next point), not one at the time of the last.
    void progressSaysWhetherItMadeAPoint()
    {
        ConsumerChart consumer;
        const qint64 t = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(!consumer.addProgressAt({progress(0, 3, 10)}, t));
        QVERIFY(consumer.lags().isEmpty());
        QVERIFY(consumer.addProgressAt({progress(0, 3, 10)}, t + 1000));
        QVERIFY(!consumer.addProgressAt({progress(0, 4, 10)}, t + 1000));
        QCOMPARE(consumer.lags().points().size(), size_t(1));
        consumer.restart();
        QVERIFY(!consumer.addProgressAt({progress(0, 4, 10)}, t + 5000));
        QVERIFY(consumer.addProgressAt({progress(0, 5, 10)}, t + 6000));
        QCOMPARE(consumer.lags().points().size(), size_t(2));
    }

    // Partitions in the order they come, bounded; line names with the
    // topic only when there are several.
    void partitionLinesBoundedAndNamed()
    {
        PartitionLines lines(2);
        QCOMPARE(lines.add({QStringLiteral("t"), 3}), 0);
        QCOMPARE(lines.add({QStringLiteral("t"), 1}), 1);
        QCOMPARE(lines.add({QStringLiteral("t"), 3}), 0);
        QCOMPARE(lines.name(0), QStringLiteral("p3"));
        QCOMPARE(lines.add({QStringLiteral("u"), 0}), -1); // no room: in the totals only
        QCOMPARE(lines.size(), 2);
        PartitionLines two(4);
        two.add({QStringLiteral("t"), 3});
        two.add({QStringLiteral("u"), 0});
        QCOMPARE(two.name(0), QStringLiteral("t/3"));
        QCOMPARE(two.name(1), QStringLiteral("u/0"));
    }

    // Colours from the palette: a dark one gives a dark chart with light text.
    void readableInADarkPalette()
    {
        ConsumerChart chart;
        chart.setPalette(darkPalette());
        chart.show();
        for (LiveChart *view : {chart.rateChart(), chart.lagChart()}) {
            QCOMPARE(view->chart()->backgroundBrush().color(), QColor(0x18, 0x18, 0x1b));
            QCOMPARE(view->valueAxis()->labelsBrush().color(), QColor(0xe8, 0xe8, 0xe8));
            QCOMPARE(view->timeAxis()->labelsBrush().color(), QColor(0xe8, 0xe8, 0xe8));
            QCOMPARE(view->chart()->legend()->labelColor(), QColor(0xe8, 0xe8, 0xe8));
        }
        chart.setPalette(QPalette(Qt::white));
        QCOMPARE(chart.rateChart()->valueAxis()->labelsBrush().color().lightness() < 128, true);
    }

    // The real data path on a sandbox: the producer panel's bulk run and a
    // consumer panel reading it back. The producer chart counts what was
    // delivered; the consumer chart's rates add up to the messages received
    // and each lag point is the high watermark − position of its report.
    void chartsFollowTheirPanels()
    {
        constexpr int Count = 3000;
        MainWindow window;
        window.show();
        QVERIFY(window.connectTo(kafka::ConnectionSpec::sandbox(3)));
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStateText().startsWith(QLatin1String("Connected")), 15000);

        ProducerPanel *producer = window.producerPanel();
        auto *producerChart = producer->findChild<ProducerChart *>();
        QVERIFY(producerChart);
        QList<kafka::Delivery> seen;
        connect(producer, &ProducerPanel::deliveriesReceived, this,
                [&seen](const QList<kafka::Delivery> &d) { seen.append(d); });
        producer->findChild<QComboBox *>(QStringLiteral("topicCombo"))->setEditText(QStringLiteral("demo"));
        producer->findChild<QLineEdit *>(QStringLiteral("keyEdit"))->setText(QStringLiteral("k{i}"));
        producer->findChild<QPlainTextEdit *>(QStringLiteral("valueEdit"))->setPlainText(QStringLiteral("v{i}"));
        producer->findChild<QSpinBox *>(QStringLiteral("countSpin"))->setValue(Count);
        QSignalSpy done(producer, &ProducerPanel::bulkDone);
        QTest::mouseClick(producer->findChild<QPushButton *>(QStringLiteral("bulkButton")), Qt::LeftButton);
        QVERIFY(done.wait(30000));
        QCOMPARE(producer->tally().delivered, Count);
        producerChart->closeInterval(QDateTime::currentMSecsSinceEpoch() + 1); // the second in progress
        QVERIFY2(std::abs(counted(producerChart->rates()) - Count) < 1e-6,
                 qPrintable(QString::number(counted(producerChart->rates()))));
        qint64 minUs = std::numeric_limits<qint64>::max(), maxUs = 0;
        for (const kafka::Delivery &d : std::as_const(seen)) {
            minUs = std::min(minUs, d.latencyUs);
            maxUs = std::max(maxUs, d.latencyUs);
        }
        int withLatency = 0;
        for (const SeriesHistory::Point &point : producerChart->latencies().points()) {
            const double p50 = point.values.value(0), p99 = point.values.value(1);
            if (std::isnan(p50))
                continue;
            ++withLatency;
            QVERIFY2(p50 <= p99, qPrintable(QStringLiteral("p50 %1 > p99 %2").arg(p50).arg(p99)));
            QVERIFY(p50 * 1000 >= double(minUs) && p99 * 1000 <= double(maxUs));
        }
        QVERIFY(withLatency > 0);

        // The consumer reads them back from the start.
        ConsumerPanel *consumer = window.consumerPanels().first();
        auto *consumerChart = consumer->findChild<ConsumerChart *>();
        QVERIFY(consumerChart);
        testsupport::ModelTester tester(consumer->partitionsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        int checked = 0;
        QStringList wrong;
        qint64 lastPointMs = -1;
        connect(consumer, &ConsumerPanel::progressReceived, this, [&](const QList<kafka::PartitionProgress> &report) {
            // The chart took the report first (connected before): if it made
            // a point (not the first report of the run, nor one in the same
            // millisecond as the last), that point is this report's high
            // watermark − position.
            const SeriesHistory &lags = consumerChart->lags();
            if (lags.isEmpty() || lags.points().back().timeMs == lastPointMs)
                return;
            lastPointMs = lags.points().back().timeMs;
            const SeriesHistory::Point &point = lags.points().back();
            for (const kafka::PartitionProgress &p : report) {
                const int i = int(consumerChart->partitions().indexOf(p.partition));
                const double expected = p.highWatermark >= 0 && p.position >= 0 ? double(p.highWatermark - p.position) : Unknown;
                const double got = point.values.value(i, -1);
                if (!(got == expected || (std::isnan(got) && std::isnan(expected))))
                    wrong.append(QStringLiteral("partition %1: %2, not %3").arg(p.partition.partition).arg(got).arg(expected));
                ++checked;
            }
        });
        consumer->setTopics(QStringLiteral("demo"));
        consumer->findChild<QComboBox *>(QStringLiteral("startCombo"))->setCurrentIndex(0); // earliest
        QTest::mouseClick(consumer->findChild<QPushButton *>(QStringLiteral("startButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(consumer->receivedCount(), Count, 20000);
        // Once a report came after the last message: every message is in a point.
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(counted(consumerChart->rates()) - Count) < 1e-6, 5000);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QStringLiteral("; "))));
        QVERIFY(checked > 0);
        // Read to the end: the last lag is 0 on every partition (known, not a gap).
        QTRY_COMPARE_WITH_TIMEOUT(consumerChart->lags().points().back().total, 0.0, 5000);
        double perPartition = 0;
        for (qsizetype i = 0; i < consumerChart->partitions().size(); ++i) {
            double sum = 0;
            for (const SeriesHistory::Point &point : consumerChart->rates().points())
                sum += point.values.value(i) * double(point.intervalMs) / 1000.0;
            perPartition += sum;
        }
        QVERIFY(std::abs(perPartition - Count) < 1e-6);

        // The Chart tab shows the history (a redraw within a second of showing).
        auto *tabs = consumer->findChild<QTabWidget *>(QStringLiteral("sideTabs"));
        window.findChild<QTabWidget *>(QStringLiteral("workTabs"))->setCurrentWidget(consumer);
        tabs->setCurrentWidget(consumerChart);
        QTRY_COMPARE(consumerChart->rateChart()->drawnPoints(0).size(), qsizetype(consumerChart->rates().points().size()));
        QVERIFY(consumerChart->noteText().contains(QLatin1String("of 600 kept")));
        QTest::mouseClick(consumer->findChild<QPushButton *>(QStringLiteral("stopButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!consumer->isRunning(), 15000);
    }
};

KAFKADESK_GUITEST_MAIN(TestLiveCharts)
#include "test_livecharts.moc"
