// The Groups tab's lag chart: the selected group's lag over time, a point
// per groups refresh (the Admin API on real Kafka, this app's groups'
// offsets on the sandbox), checked against what kcat produced and what was
// committed: lag = high watermark − committed offset, per partition and in
// total, rising when more is produced.

#include "consumerpanel.h"
#include "grouplagchart.h"
#include "groupsmodel.h"
#include "livechart.h"
#include "mainwindow.h"

#include "groupsupport.h"
#include "guitest.h"
#include "kcat.h"
#include "modeltester.h"
#include "testcluster.h"

#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

#include <cmath>

using testsupport::TestCluster;

class TestGroupLagChart : public QObject {
    Q_OBJECT

    // Waits for `done`, asking the window to refresh now and then rather
    // than waiting for its 5 s tick.
    template <typename Done>
    static bool refreshUntil(MainWindow &window, Done done, int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeoutMs) {
            window.refresh();
            if (QTest::qWaitFor(done, 500))
                return true;
        }
        return done();
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void chartsTheSelectedGroupsLag()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.connectTo(TestCluster::windowSpec(1)));
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStateText().startsWith(QLatin1String("Connected")), 15000);
        testsupport::ModelTester tester(window.groupsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString topic = TestCluster::windowTopic(*window.connection());
        QVERIFY(!topic.isEmpty());
        const QString group = TestCluster::name(QStringLiteral("lag-chart"));
        const QString bootstrap = window.connection()->bootstrapServers();
        // 20 messages in each of the 6 partitions, 5 of each committed: lag 15 each, 90 in all.
        for (int p = 0; p < 6; ++p)
            QVERIFY(testsupport::produceLines(bootstrap, topic, p, 20));
        QVERIFY(testsupport::commitOffsets(bootstrap, group, topic, 6, 5));

        // A member of the group that commits nothing (the sandbox lists only
        // this app's groups; on real Kafka the Admin API lists it anyway).
        ConsumerPanel *consumer = window.consumerPanels().first();
        consumer->setTopics(topic);
        consumer->setGroup(group);
        consumer->findChild<QCheckBox *>(QStringLiteral("autoCommitCheck"))->setChecked(false);
        QTest::mouseClick(consumer->findChild<QPushButton *>(QStringLiteral("startButton")), Qt::LeftButton);

        auto *chart = window.findChild<GroupLagChart *>();
        QVERIFY(chart);
        window.findChild<QTabWidget *>(QStringLiteral("workTabs"))->setCurrentWidget(chart->parentWidget());
        const auto groupRow = [&] { return window.groupsModel()->indexOfKeys({QStringLiteral("cluster:") + group}); };
        QVERIFY2(refreshUntil(window, [&] { return groupRow().isValid(); }, 15000), "the group is not listed");
        window.findChild<QTreeView *>(QStringLiteral("groupsView"))->setCurrentIndex(groupRow());
        QCOMPARE(chart->group(), group);

        const auto lastTotal = [&] { return chart->lags().isEmpty() ? -1.0 : chart->lags().points().back().total; };
        QVERIFY2(refreshUntil(window, [&] { return lastTotal() == 90; }, 15000), qPrintable(QString::number(lastTotal())));
        QCOMPARE(chart->partitions().size(), 6);
        QCOMPARE(chart->lags().points().back().values, QList<double>(6, 15.0));

        // 10 more in partition 0: its lag rises to 25, the total to 100.
        QVERIFY(testsupport::produceLines(bootstrap, topic, 0, 10));
        QVERIFY2(refreshUntil(window, [&] { return lastTotal() == 100; }, 15000), qPrintable(QString::number(lastTotal())));
        const int p0 = int(chart->partitions().indexOf(kafka::TopicPartition{topic, 0}));
        QCOMPARE(chart->lags().points().back().values.value(p0), 25.0);
        // Over time: the 90 points, then the 100 ones, in order, no 0 between.
        bool rose = false;
        for (const SeriesHistory::Point &point : chart->lags().points()) {
            QVERIFY2(std::isnan(point.total) || point.total == 90 || point.total == 100, qPrintable(QString::number(point.total)));
            rose = rose || point.total == 100;
            QVERIFY(!rose || point.total == 100 || std::isnan(point.total));
        }
        // Drawn within a second (the tab is showing): every known total, no
        // unknown one. Counted at each try: refreshes still under way (and
        // the window's own) add points meanwhile.
        const auto known = [&] {
            qsizetype count = 0;
            for (const SeriesHistory::Point &point : chart->lags().points())
                count += std::isnan(point.total) ? 0 : 1;
            return count;
        };
        QTRY_COMPARE(chart->lagChart()->drawnPoints(0).size(), known());
        QVERIFY2(chart->noteText().contains(group), qPrintable(chart->noteText()));
        QTest::mouseClick(consumer->findChild<QPushButton *>(QStringLiteral("stopButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!consumer->isRunning(), 15000);
    }
};

KAFKADESK_GUITEST_MAIN(TestGroupLagChart)
#include "test_grouplagchart.moc"
