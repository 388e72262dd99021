// Brokers failing under load, on a real 3-node Kafka cluster of its own
// (CTest's fault_kafka fixture; scripts/kafka-cluster.sh kills, pauses and
// restarts its nodes): nothing lost, nothing shown twice, counts that add
// up, and a window that shows leaders and in-sync replicas moving.
// Real Kafka only: without KAFKADESK_TEST_KAFKA it fails.

#include "clusternavigatormodel.h"
#include "consumerpanel.h"
#include "faultsdialog.h"
#include "mainwindow.h"
#include "messagesmodel.h"
#include "partitionsmodel.h"
#include "replicationmodel.h"
#include "replicationview.h"

#include "kafka/producer.h"

#include "kcat.h"
#include "testcluster.h"
#include "guitest.h"

#include <QAbstractItemModelTester>
#include <QDeadlineTimer>
#include <QHash>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

using namespace kafka;
using testsupport::TestCluster;

namespace {
constexpr int Partitions = 6;
} // namespace

class TestFaults : public QObject {
    Q_OBJECT

    std::unique_ptr<TestCluster> m_cluster;
    std::unique_ptr<MainWindow> m_window;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;

    // scripts/kafka-cluster.sh on this test's cluster; true when it
    // succeeded. The event loop runs meanwhile (the window is being watched).
    static bool cluster(const QString &command, int node)
    {
        QProcess script;
        script.start(qEnvironmentVariable("KAFKADESK_CLUSTER_SCRIPT"),
                     {command, QString::number(node), QStringLiteral("--port-base"),
                      qEnvironmentVariable("KAFKADESK_TEST_KAFKA_PORT_BASE")});
        const bool ended = QTest::qWaitFor([&] { return script.state() == QProcess::NotRunning; }, 120000);
        const bool ok = ended && script.exitStatus() == QProcess::NormalExit && script.exitCode() == 0;
        if (!ok)
            qWarning("kafka-cluster.sh %s %d: %s", qPrintable(command), node, script.readAllStandardError().constData());
        return ok;
    }

    // True when no partition of `topic` is led by `broker` and, if `inSync`,
    // every replica is in sync; else (broker down) no ISR names `broker`.
    static bool partitionsShow(const TopicInfo &topic, int broker, bool inSync)
    {
        if (topic.partitions.size() != Partitions)
            return false;
        for (const PartitionInfo &p : topic.partitions) {
            if (p.leader < 0)
                return false;
            if (inSync ? p.inSyncReplicas.size() != p.replicas.size()
                       : (p.leader == broker || p.inSyncReplicas.contains(broker)))
                return false;
        }
        return true;
    }
    bool clusterShows(const QString &topic, int broker, bool inSync) const
    {
        const testsupport::TestSideBlocking allow("the test asks the cluster for a topic's metadata");
        const auto info = m_cluster->client().fetchTopic(topic, std::chrono::seconds(3));
        return info.ok() && partitionsShow(info.value(), broker, inSync);
    }
    // The window's partitions table, read back through its model.
    bool windowShows(int broker, bool inSync) const
    {
        const PartitionsModel *model = m_window->partitionsModel();
        if (model->rowCount() != Partitions)
            return false;
        for (int row = 0; row < Partitions; ++row) {
            const int leader = model->index(row, PartitionsModel::LeaderColumn).data(PartitionsModel::ValueRole).toInt();
            const int replicas = model->index(row, PartitionsModel::ReplicasColumn).data(PartitionsModel::ValueRole).toInt();
            const int isr = model->index(row, PartitionsModel::InSyncColumn).data(PartitionsModel::ValueRole).toInt();
            const QString isrIds = model->index(row, PartitionsModel::InSyncColumn).data().toString();
            if (leader < 0)
                return false;
            if (inSync ? isr != replicas : (leader == broker || isrIds.contains(QString::number(broker))))
                return false;
        }
        return true;
    }

    // The window's replication grid: `broker` down with each replica on it
    // offline and none leading; or (inSync) every broker up, each partition
    // one leader and its other replicas in sync.
    bool gridShows(int broker, bool inSync) const
    {
        const ReplicationModel *grid = m_window->replicationView()->model();
        if (grid->rowCount() != Partitions || grid->brokerIds() != QList<int>{1, 2, 3})
            return false;
        for (const int id : grid->brokerIds())
            if (grid->isBrokerUp(id) != (inSync || id != broker))
                return false;
        for (int row = 0; row < Partitions; ++row) {
            int leaders = 0;
            for (const int id : grid->brokerIds()) {
                const ReplicationModel::Cell cell = grid->cell(row, id);
                leaders += cell == ReplicationModel::Cell::Leader;
                if (!inSync && id == broker && cell != ReplicationModel::Cell::Offline)
                    return false;
                if ((inSync || id != broker) && cell != ReplicationModel::Cell::Leader
                    && cell != ReplicationModel::Cell::InSync)
                    return false;
            }
            if (leaders != 1)
                return false;
        }
        return true;
    }

    // After the cluster itself shows it, the window must within one refresh,
    // in the partitions table and the replication grid.
    void expectMove(const QString &topic, int broker, bool inSync, int clusterTimeoutMs)
    {
        QTRY_VERIFY_WITH_TIMEOUT(clusterShows(topic, broker, inSync), clusterTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(windowShows(broker, inSync), MainWindow::RefreshIntervalMs + 3000);
        QTRY_VERIFY_WITH_TIMEOUT(gridShows(broker, inSync), MainWindow::RefreshIntervalMs + 3000);
    }

    QString createTopic(const QString &base)
    {
        const QString topic = TestCluster::name(base);
        if (auto err = m_cluster->createTopic({topic, Partitions, 3}))
            qWarning("%s", qPrintable(err.message));
        m_window->refresh();
        if (QTest::qWaitFor([&] { return m_window->navigatorModel()->topicIndex(topic).isValid(); }, 15000))
            m_window->selectTopic(topic);
        return topic;
    }

    // Produces keys first..first+count-1 with the app's Producer (acks=all,
    // idempotent); every message must end delivered.
    bool produceAll(const QString &topic, int first, int count)
    {
        const testsupport::TestSideBlocking allow("the test produces with the engine's Producer on its own thread");
        auto created = Producer::create({m_cluster->bootstrapServers(), {}});
        if (!created.ok())
            return false;
        Producer &producer = *created.value();
        qint64 delivered = 0;
        for (int i = first; i < first + count; ++i) {
            if (producer.produce({topic, QByteArray::number(i), "v" + QByteArray::number(i), {}, -1}))
                return false;
            if (i % 1000 == 0)
                for (const Delivery &d : producer.poll())
                    delivered += d.delivered();
        }
        const QDeadlineTimer deadline(std::chrono::seconds(90));
        while (producer.inFlight() > 0 && !deadline.hasExpired())
            for (const Delivery &d : producer.flush(std::chrono::seconds(1)))
                delivered += d.delivered();
        return delivered == count;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        auto cluster = TestCluster::startReal();
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
        m_window = std::make_unique<MainWindow>();
        m_testers.push_back(std::make_unique<testsupport::ModelTester>(
            m_window->partitionsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest));
        m_testers.push_back(std::make_unique<testsupport::ModelTester>(
            m_window->replicationView()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest));
        m_window->show();
        QVERIFY(m_window->connectTo(TestCluster::windowSpec()));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->connectionStateText().startsWith(QLatin1String("Connected")), 15000);
        // No fault switches on a real cluster: the window says so instead.
        QVERIFY(!m_window->replicationView()->faultsButton()->isEnabled());
        const FaultsDialog *faults = m_window->showFaultsDialog();
        QVERIFY(!faults->canInject());
        QVERIFY(faults->unavailableReason().contains(QLatin1String("sandbox only")));
        QVERIFY(faults->findChild<QPushButton *>(QStringLiteral("moveLeaderButton"))->isHidden()
                || !faults->findChild<QPushButton *>(QStringLiteral("moveLeaderButton"))->isEnabled());
        m_window->faultsDialog()->close();
    }
    void cleanupTestCase()
    {
        m_testers.clear();
        m_window.reset();
        m_cluster.reset();
    }

    // SIGKILL one broker of three during a 1,000,000-message produce
    // (acks=all, idempotent), then start it again.
    void produceThroughABrokerKill()
    {
        constexpr int Count = 1000000;
        constexpr int Victim = 2;
        const QString topic = createTopic(QStringLiteral("produce-kill"));
        QTRY_VERIFY_WITH_TIMEOUT(windowShows(Victim, true), 15000);

        auto created = Producer::create({m_cluster->bootstrapServers(), {}});
        QVERIFY2(created.ok(), qPrintable(created.error().message));
        Producer &producer = *created.value();
        qint64 delivered = 0, failed = 0;
        QSet<int> deliveredKeys, failedKeys;
        QHash<QString, int> reasons;
        const auto take = [&](const QList<Delivery> &deliveries) {
            for (const Delivery &d : deliveries) {
                const int key = d.key ? d.key->toInt() : -1;
                if (d.delivered()) {
                    ++delivered;
                    deliveredKeys.insert(key);
                } else {
                    ++failed;
                    failedKeys.insert(key);
                    ++reasons[d.errorText()];
                }
            }
        };
        // The test produces with the engine's Producer on its own thread
        // (the app does on a worker's): its time is the test's, the
        // broker's kill between the two ranges is watched.
        const auto produce = [&](int from, int to) {
            const testsupport::TestSideBlocking allow("the test produces with the engine's Producer on its own thread");
            for (int i = from; i < to; ++i) {
                const Error err = producer.produce({topic, QByteArray::number(i), "v" + QByteArray::number(i), {}, -1});
                QVERIFY2(!err, qPrintable(err.message));
                if (i % 1000 == 0)
                    take(producer.poll());
                QCOMPARE(delivered + failed + producer.inFlight(), qint64(i + 1));
            }
        };
        produce(0, Count / 3 + 1);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(cluster(QStringLiteral("kill"), Victim));
        produce(Count / 3 + 1, Count);
        if (QTest::currentTestFailed())
            return;
        {
            const testsupport::TestSideBlocking allow("the test flushes its Producer");
            const QDeadlineTimer deadline(std::chrono::seconds(120));
            while (producer.inFlight() > 0 && !deadline.hasExpired())
                take(producer.flush(std::chrono::seconds(1)));
        }
        QCOMPARE(producer.inFlight(), 0);
        QCOMPARE(delivered + failed, qint64(Count));
        QCOMPARE(deliveredKeys.size() + failedKeys.size(), Count); // each message has exactly one fate
        for (auto it = reasons.cbegin(); it != reasons.cend(); ++it)
            qInfo("failed: %d × %s", it.value(), qPrintable(it.key()));
        qInfo("delivered %lld, failed %lld", delivered, failed);

        // Leaders and in-sync replicas leave the killed broker...
        expectMove(topic, Victim, false, 30000);
        // ... and it comes back in sync once started again.
        QVERIFY(cluster(QStringLiteral("restart"), Victim));
        expectMove(topic, Victim, true, 60000);

        // kcat finds every delivered key exactly once, and nothing else.
        const auto read = testsupport::run(testsupport::kcatPath(),
                                           {QStringLiteral("-C"), QStringLiteral("-b"), m_cluster->bootstrapServers(),
                                            QStringLiteral("-t"), topic, QStringLiteral("-e"), QStringLiteral("-q"),
                                            QStringLiteral("-f"), QStringLiteral("%k\\n")},
                                           {}, 120000);
        QVERIFY(read.finished && read.exitCode == 0);
        const testsupport::TestSideBlocking allow("the test checks 1,000,000 keys");
        QHash<int, int> seen;
        for (const QByteArray &line : read.out.split('\n'))
            if (!line.isEmpty())
                ++seen[line.toInt()];
        for (const int key : std::as_const(deliveredKeys))
            QVERIFY2(seen.value(key) == 1, qPrintable(QStringLiteral("key %1 read %2 times").arg(key).arg(seen.value(key))));
        for (auto it = seen.cbegin(); it != seen.cend(); ++it) {
            QVERIFY2(it.value() == 1, qPrintable(QStringLiteral("key %1 read %2 times").arg(it.key()).arg(it.value())));
            QVERIFY2(deliveredKeys.contains(it.key()) || failedKeys.contains(it.key()),
                     qPrintable(QStringLiteral("key %1 was never produced").arg(it.key())));
        }
    }

    // SIGKILL a broker while a consumer of a group in the window reads live,
    // then start it again: every offset shown once, none missing.
    void groupConsumeThroughABrokerKill()
    {
        constexpr int Victim = 3;
        constexpr int Step = 100000;
        const QString topic = createTopic(QStringLiteral("consume-kill"));
        QTRY_VERIFY_WITH_TIMEOUT(windowShows(Victim, true), 15000);
        QVERIFY(produceAll(topic, 0, Step));

        ConsumerPanel *panel = m_window->consumerPanels().first();
        m_testers.push_back(std::make_unique<testsupport::ModelTester>(
            panel->messagesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest));
        panel->setTopics(topic);
        panel->setGroup(TestCluster::name(QStringLiteral("kill-group")));
        panel->start();
        QTRY_COMPARE_WITH_TIMEOUT(panel->messagesModel()->rowCount(), Step, 60000);

        QVERIFY(cluster(QStringLiteral("kill"), Victim));
        QVERIFY(produceAll(topic, Step, Step));
        QTRY_COMPARE_WITH_TIMEOUT(panel->messagesModel()->rowCount(), 2 * Step, 90000);
        expectMove(topic, Victim, false, 30000);

        QVERIFY(cluster(QStringLiteral("restart"), Victim));
        QVERIFY(produceAll(topic, 2 * Step, Step));
        QTRY_COMPARE_WITH_TIMEOUT(panel->messagesModel()->rowCount(), 3 * Step, 90000);
        expectMove(topic, Victim, true, 60000);

        // Per partition, offsets 0..n-1, each exactly once; every key once.
        {
            const testsupport::TestSideBlocking allow("the test checks 300,000 records");
            QHash<int, QList<qint64>> offsets;
            QSet<QByteArray> keys;
            const MessagesModel *messages = panel->messagesModel();
            for (int row = 0; row < messages->rowCount(); ++row) {
                const Record r = messages->recordAt(row);
                offsets[r.partition].append(r.offset);
                keys.insert(r.key);
            }
            QCOMPARE(keys.size(), 3 * Step);
            for (auto it = offsets.begin(); it != offsets.end(); ++it) {
                std::sort(it->begin(), it->end());
                for (qsizetype i = 0; i < it->size(); ++i)
                    QVERIFY2(it->at(i) == i, qPrintable(QStringLiteral("partition %1: offset %2 at position %3")
                                                            .arg(it.key()).arg(it->at(i)).arg(i)));
            }
        }
        panel->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 30000);
    }

    // SIGSTOP a broker while a group consumer reads: the window stays
    // responsive, says which broker does not answer, and all recovers on
    // SIGCONT with every message shown once.
    void hungBrokerDuringConsume()
    {
        constexpr int Victim = 2;
        const QString topic = createTopic(QStringLiteral("hung"));
        QTRY_VERIFY_WITH_TIMEOUT(windowShows(Victim, true), 15000);
        QVERIFY(produceAll(topic, 0, 10000));
        ConsumerPanel *panel = m_window->addConsumer();
        m_testers.push_back(std::make_unique<testsupport::ModelTester>(
            panel->messagesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest));
        panel->setTopics(topic);
        panel->setGroup(TestCluster::name(QStringLiteral("hung-group")));
        panel->start();
        QTRY_COMPARE_WITH_TIMEOUT(panel->messagesModel()->rowCount(), 10000, 60000);

        // The GUI event loop's longest gap from here on (any stall fails the
        // test: guitest.h).
        testsupport::StallWatchdog *watchdog = testsupport::StallWatchdog::instance();
        watchdog->startMeasuring();

        QVERIFY(cluster(QStringLiteral("pause"), Victim));
        // kcat keeps producing while the broker hangs (the app's consumer is the subject here).
        QProcess producer;
        producer.start(testsupport::kcatPath(), {QStringLiteral("-P"), QStringLiteral("-b"), m_cluster->bootstrapServers(),
                                                 QStringLiteral("-t"), topic, QStringLiteral("-K"), QStringLiteral(":")});
        QVERIFY(producer.waitForStarted());
        for (int i = 10000; i < 11000; ++i)
            producer.write(QByteArray::number(i) + ":late\n");
        producer.closeWriteChannel();

        const QString expected = QStringLiteral("roker %1 (127.0.0.1:%2)")
                                     .arg(Victim)
                                     .arg(qEnvironmentVariableIntValue("KAFKADESK_TEST_KAFKA_PORT_BASE") + Victim - 1);
        QTRY_VERIFY2_WITH_TIMEOUT(m_window->errorText().contains(expected), qPrintable(m_window->errorText()), 60000);
        qInfo("while paused: %s", qPrintable(m_window->errorText()));
        // Group admin requests wait until it answers again (see MainWindow::refresh).
        auto *groupsNote = m_window->findChild<QLabel *>(QStringLiteral("groupsNote"));
        QTRY_VERIFY2_WITH_TIMEOUT(groupsNote->text().startsWith(QLatin1String("Not refreshed while a broker does not answer")),
                                  qPrintable(groupsNote->text()), 2 * MainWindow::RefreshIntervalMs + 3000);

        QVERIFY(cluster(QStringLiteral("resume"), Victim));
        QTRY_COMPARE_WITH_TIMEOUT(producer.state(), QProcess::NotRunning, 90000);
        QCOMPARE(producer.exitCode(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(panel->messagesModel()->rowCount(), 11000, 90000);
        QTRY_VERIFY2_WITH_TIMEOUT(m_window->errorText().isEmpty(), qPrintable(m_window->errorText()),
                                  30000 + MainWindow::RefreshIntervalMs);
        QSet<QByteArray> keys;
        for (int row = 0; row < panel->messagesModel()->rowCount(); ++row)
            keys.insert(panel->messagesModel()->recordAt(row).key);
        QCOMPARE(keys.size(), 11000);
        qInfo("longest gap of the GUI event loop while the broker hung: %lld ms, %lld ms in", watchdog->maxGapMs(),
              watchdog->maxGapAtMs());
        panel->stop();
    }
};

KAFKADESK_GUITEST_MAIN(TestFaults)
#include "test_faults.moc"
