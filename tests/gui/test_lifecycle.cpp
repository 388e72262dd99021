#include "clusternavigatormodel.h"
#include "consumerpanel.h"
#include "consumerpartitionsmodel.h"
#include "deliveriesmodel.h"
#include "headersmodel.h"
#include "mainwindow.h"
#include "settingswriter.h"
#include "messagesmodel.h"
#include "partitionsmodel.h"
#include "producerpanel.h"

#include "kafka/sandbox.h"
#include "kafka/threadreaper.h"
#include "kcat.h"
#include "testcluster.h"
#include "guitest.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QElapsedTimer>
#include <QPlainTextEdit>
#include <QPointer>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStringListModel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

// The lifecycles of the window's clients, against sandboxes: closing
// consumers, reconnecting and quitting never make the GUI thread wait on
// librdkafka, the producer's counts always add up, and the threads end.
// The stall watchdog (guitest.h) fails any step that stalls the GUI
// thread's event loop; the longest gap of each step is reported.
//
// Time budgets, worst case: openWindow 10 s, a kcat run 60 s, reportGap 5 s,
// destroyWindowBeforeItsThreads 65 s (reportGap and the threads' end).
//   closingConsumersWhileTheirGroupRebalances: 10 + 4 x 30 + 5 + 65 = 200 s
//   closingAConsumerWhileItsBrokersAreDown: 10 + 30 + 60 + 20 + 5 + 65 = 190 s
//   reconnectWhileConsumingAndProducing: 10 + 30 + 60 + 20 + 20 + 45 + 5 + 45
//     + 30 + 30 + 65 = 360 s
//   quitWithNothingRunning: 5 s
//   quitWithBrokersDownAndMessagesInFlight: 10 + 30 + 60 + 20 + 5 + (10 + 1 +
//     5, the quit's bound) + 5 + 65 = 211 s
// 966 s in all, so tests/CMakeLists.txt gives the test a CTest TIMEOUT of
// 1000 s. Below the sum, CTest would kill a slow run that every step still
// allowed, without saying which step was slow. Change both together.
class TestLifecycle : public QObject {
    Q_OBJECT

    std::unique_ptr<MainWindow> m_window;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;

    void test(QAbstractItemModel *model)
    {
        m_testers.push_back(
            std::make_unique<testsupport::ModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    void watch(ConsumerPanel *panel)
    {
        test(panel->messagesModel());
        test(panel->partitionsModel());
        test(panel->eventsModel());
    }

    bool openWindow()
    {
        m_window = std::make_unique<MainWindow>();
        test(m_window->groupsModel());
        test(m_window->navigatorModel());
        test(m_window->partitionsModel());
        test(m_window->producerPanel()->deliveriesModel());
        test(m_window->producerPanel()->headersModel());
        m_window->show();
        if (!m_window->connectTo(kafka::ConnectionSpec::sandbox(3)))
            return false;
        return QTest::qWaitFor([this] { return m_window->connectionStateText().startsWith(QLatin1String("Connected")); },
                               10000);
    }

    ConsumerPanel *consumer(const QString &group)
    {
        ConsumerPanel *panel = m_window->consumerPanels().isEmpty() ? m_window->addConsumer()
                                                                    : m_window->consumerPanels().constLast();
        watch(panel);
        panel->setTopics(QStringLiteral("demo"));
        panel->setGroup(group);
        return panel;
    }

    void closeTab(ConsumerPanel *panel)
    {
        auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("workTabs"));
        emit tabs->tabCloseRequested(tabs->indexOf(panel));
    }

    static testsupport::StallWatchdog *watchdog() { return testsupport::StallWatchdog::instance(); }

    // Starts a bulk run of `count` messages with the window's producer.
    void bulkProduce(const QString &topic, int count)
    {
        ProducerPanel *producer = m_window->producerPanel();
        producer->setTopic(topic);
        producer->findChild<QPlainTextEdit *>(QStringLiteral("valueEdit"))->setPlainText(QStringLiteral("value-{i}"));
        producer->findChild<QSpinBox *>(QStringLiteral("countSpin"))->setValue(count);
        producer->startBulk();
    }

    // `reader` reads 1000 messages and the brokers go down at once, most
    // likely before the next auto commit (every second): its closing then
    // has offsets to commit and no coordinator to commit them to.
    void downJustAfterReading(ConsumerPanel *reader)
    {
        QVERIFY(testsupport::produceLines(m_window->connection()->bootstrapServers(), QStringLiteral("demo"), 1, 1000));
        QTRY_COMPARE_WITH_TIMEOUT(reader->receivedCount(), 1000, 20000);
        setBrokersDown(m_window->connection()->sandbox(), true);
    }

    static void setBrokersDown(kafka::Sandbox *sandbox, bool down)
    {
        for (int id = 1; id <= sandbox->brokerCount(); ++id)
            QVERIFY(!testsupport::TestCluster::setBrokerDown(sandbox, id, down));
    }

    // Destroys the window while `threads` may still be running, and checks
    // that this does not wait for them. Their connection (and sandbox) is
    // kept until they have ended; the brokers come back, so they do end.
    void destroyWindowBeforeItsThreads(kafka::Sandbox *sandbox, bool brokersDown)
    {
        QList<QPointer<QThread>> threads;
        for (QThread *thread : m_window->threadReaper()->liveThreads())
            threads.append(thread);
        m_testers.clear();
        watchdog()->startMeasuring();
        m_window.reset();
        testsupport::reportLongestGap("destroying the window");
        // A thread still running keeps its sandbox: it may be used.
        const auto running = [&threads] {
            return std::any_of(threads.cbegin(), threads.cend(), [](const QPointer<QThread> &t) { return !t.isNull(); });
        };
        if (brokersDown && running())
            setBrokersDown(sandbox, false);
        QTRY_VERIFY_WITH_TIMEOUT(!running(), 60000);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void cleanup()
    {
        m_testers.clear();
        m_window.reset();
    }

    // Two of three consumers of a group close while the group rebalances
    // (the third one joining); the third ends up with every partition.
    void closingConsumersWhileTheirGroupRebalances()
    {
        QVERIFY(openWindow());
        QList<ConsumerPanel *> panels{consumer(QStringLiteral("rebalancing"))};
        panels.append(m_window->addConsumer());
        panels.append(m_window->addConsumer());
        for (ConsumerPanel *panel : panels.mid(1)) {
            watch(panel);
            panel->setTopics(QStringLiteral("demo"));
            panel->setGroup(QStringLiteral("rebalancing"));
        }
        panels[0]->start();
        QTRY_COMPARE_WITH_TIMEOUT(panels[0]->partitionsModel()->rowCount(), 6, 30000);

        watchdog()->startMeasuring();
        panels[1]->start();
        panels[2]->start();
        // The first member gives partitions up for the new ones: mid-rebalance.
        QTRY_VERIFY_WITH_TIMEOUT(panels[0]->eventsModel()->stringList().join(QLatin1Char('\n')).contains(QLatin1String("Revoked")),
                                 30000);
        closeTab(panels[0]);
        closeTab(panels[1]);
        QCOMPARE(m_window->consumerPanels(), QList<ConsumerPanel *>{panels[2]});
        // Their threads end on their own (never joined); the last member takes all.
        QTRY_COMPARE_WITH_TIMEOUT(m_window->threadReaper()->liveNames(),
                                  (QStringList{QStringLiteral("consumer"), QStringLiteral("producer")}), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(panels[2]->partitionsModel()->rowCount(), 6, 30000);
        testsupport::reportLongestGap("closing consumers during a rebalance");

        destroyWindowBeforeItsThreads(nullptr, false);
    }

    // A consumer whose brokers are all down is closed, then the window goes
    // while it is still closing: neither waits for librdkafka.
    void closingAConsumerWhileItsBrokersAreDown()
    {
        QVERIFY(openWindow());
        ConsumerPanel *panel = consumer(QStringLiteral("down"));
        panel->start();
        QTRY_COMPARE_WITH_TIMEOUT(panel->partitionsModel()->rowCount(), 6, 30000);
        kafka::Sandbox *sandbox = m_window->connection()->sandbox();
        downJustAfterReading(panel);

        watchdog()->startMeasuring();
        closeTab(panel);
        QVERIFY(m_window->consumerPanels().isEmpty());
        testsupport::reportLongestGap("closing a consumer whose brokers are down");
        if (QTest::currentTestFailed())
            return;
        qInfo() << "still running after the tab closed:" << m_window->threadReaper()->liveNames();

        destroyWindowBeforeItsThreads(sandbox, true);
    }

    // Reconnecting to a new sandbox while a consumer reads and a bulk run
    // produces: the old clients stop, the old sandbox stays until they have
    // ended, so the old producer delivers all it had and every message is
    // counted; the consumer starts again on the new cluster.
    void reconnectWhileConsumingAndProducing()
    {
        QVERIFY(openWindow());
        ConsumerPanel *reader = consumer(QStringLiteral("reconnect"));
        reader->start();
        QTRY_COMPARE_WITH_TIMEOUT(reader->partitionsModel()->rowCount(), 6, 30000);
        QVERIFY(testsupport::produceLines(m_window->connection()->bootstrapServers(), QStringLiteral("demo"), 0, 1000));
        QTRY_COMPARE_WITH_TIMEOUT(reader->receivedCount(), 1000, 20000);
        // The bulk run goes to a topic of its own: what is measured is the
        // reconnect, not how fast the window shows what it reads.
        {
            const testsupport::TestSideBlocking allow("the test creates a topic on the sandbox");
            QVERIFY(!m_window->connection()->sandbox()->createTopic({QStringLiteral("bulk"), 6, 3}));
        }
        ProducerPanel *producer = m_window->producerPanel();
        bulkProduce(QStringLiteral("bulk"), 300000);
        QTRY_VERIFY_WITH_TIMEOUT(producer->tally().delivered > 0, 20000);

        watchdog()->startMeasuring();
        QElapsedTimer connecting;
        connecting.start();
        QVERIFY(m_window->connectTo(kafka::ConnectionSpec::sandbox(3)));
        qInfo() << "connectTo took" << connecting.elapsed() << "ms";
        QVERIFY(!producer->isBulkRunning());
        const kafka::DeliveryTally &tally = producer->tally();
        QTRY_COMPARE_WITH_TIMEOUT(tally.inFlight(), 0, 45000);
        testsupport::reportLongestGap("reconnecting while consuming and producing");
        qInfo() << "sent" << tally.sent << "delivered" << tally.delivered << "failed" << tally.failed;
        QVERIFY(tally.sent > 0);
        QCOMPARE(tally.sent, tally.delivered + tally.failed);
        // Its sandbox outlived it, so nothing failed for want of a cluster;
        // it goes once the old clients have ended.
        QCOMPARE(tally.failed, 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->retiringConnections(), 0, 45000);

        QTRY_VERIFY_WITH_TIMEOUT(!reader->isRunning(), 30000);
        reader->start();
        QTRY_VERIFY2_WITH_TIMEOUT(reader->partitionsModel()->rowCount() == 6,
                                  qPrintable(reader->eventsModel()->stringList().join(QLatin1Char('\n'))), 30000);
        destroyWindowBeforeItsThreads(nullptr, false);
    }

    // With no client running (never connected) quitting closes at once.
    void quitWithNothingRunning()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        m_window->resize(1111, 777);
        QVERIFY(!m_window->close()); // closes itself, on the event loop
        QTRY_VERIFY(!m_window->isVisible());
        QVERIFY(m_window->abandonedThreads().isEmpty());
        // Its geometry was written off the GUI thread; the next window opens so.
        {
            const testsupport::TestSideBlocking waiting("the test waits for the settings writes");
            QVERIFY(SettingsWriter::waitForWrites(5000));
        }
        MainWindow next;
        QCOMPARE(next.size(), QSize(1111, 777));
    }

    // Quitting while a consumer panel exports its messages: the export is
    // cancelled (no file is left), its thread ends, and the window closes
    // without waiting for the writing to finish.
    void quitDuringAnExport()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        ConsumerPanel *panel = m_window->addConsumer();
        watch(panel);
        QList<kafka::RecordBatch> batches;
        for (int b = 0; b < 200; ++b) {
            kafka::RecordBatch batch;
            for (int i = 0; i < 1000; ++i)
                batch.append(QStringLiteral("demo"), 0, b * 1000 + i, 1'700'000'000'000, QByteArrayView("key"),
                             QByteArrayView("{\"value\": \"some text to write\"}"));
            batches.append(batch);
        }
        panel->messagesModel()->append(batches);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QSignalSpy exported(panel, &ConsumerPanel::exported);
        panel->exportMessages(dir.filePath(QStringLiteral("quit.jsonl")), false);
        QVERIFY(m_window->threadReaper()->liveNames().contains(QLatin1String("export")));
        watchdog()->startMeasuring();
        QVERIFY(!m_window->close());
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), 10000);
        testsupport::reportLongestGap("quitting during an export");
        QVERIFY(m_window->abandonedThreads().isEmpty());
        QCOMPARE(m_window->threadReaper()->liveCount(), 0);
        QCOMPARE(exported.count(), 1);
        QVERIFY2(!exported.first().at(0).toBool(), qPrintable(exported.first().at(1).toString()));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    // Quitting with every broker down and messages in flight, abandoning
    // them: the window shows that it is stopping, closes within its bound,
    // and every message is counted as failed.
    void quitWithBrokersDownAndMessagesInFlight()
    {
        QVERIFY(openWindow());
        ConsumerPanel *reader = consumer(QStringLiteral("quit"));
        reader->start();
        QTRY_COMPARE_WITH_TIMEOUT(reader->partitionsModel()->rowCount(), 6, 30000);
        kafka::Sandbox *sandbox = m_window->connection()->sandbox();
        downJustAfterReading(reader);
        ProducerPanel *producer = m_window->producerPanel();
        producer->setTopic(QStringLiteral("demo"));
        for (int i = 0; i < 5; ++i)
            producer->produceMessage();
        QTRY_COMPARE_WITH_TIMEOUT(producer->tally().sent, 5, 5000);
        QCOMPARE(producer->tally().inFlight(), 5);

        m_window->setInFlightAnswer(MainWindow::InFlightAnswer::Abandon);
        watchdog()->startMeasuring();
        QVERIFY(!m_window->close()); // not yet: it stops its clients first
        QVERIFY(m_window->isQuitting());
        QVERIFY(m_window->isVisible());
        const QString status = m_window->statusBar()->currentMessage();
        QVERIFY2(status.startsWith(QLatin1String("Stopping 1 consumer and the producer")), qPrintable(status));
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(),
                                 MainWindow::StopBoundMs + kafka::ProducerWorker::AbandonReportMs + 5000);
        testsupport::reportLongestGap("quitting with the brokers down");
        qInfo() << "abandoned:" << m_window->abandonedThreads();

        const kafka::DeliveryTally &tally = producer->tally();
        QCOMPARE(tally.sent, 5);
        QCOMPARE(tally.failed, 5);
        QCOMPARE(tally.inFlight(), 0);
        QVERIFY(!m_window->abandonedThreads().contains(QLatin1String("producer")));

        destroyWindowBeforeItsThreads(sandbox, true);
    }
};

KAFKADESK_GUITEST_MAIN(TestLifecycle)
#include "test_lifecycle.moc"
