// Fault injection on the sandbox through the window's Faults dialog: a
// broker taken down and brought back, a leader moved, a broker slowed, a
// broker failing its next requests. Each is checked through kcat's view of
// the cluster (the independent other side) and in the window within one
// refresh: the replication grid (under QAbstractItemModelTester) and the
// partitions table. Sandbox only: a real cluster has no such switches (the
// dialog's controls are disabled there; test_faults checks that, and the
// grid under a killed broker).

#include "consumerpanel.h"
#include "faultsdialog.h"
#include "messagesmodel.h"
#include "mainwindow.h"
#include "partialsum.h"
#include "partitionsmodel.h"
#include "replicationmodel.h"
#include "replicationview.h"

#include "kcat.h"
#include "guitest.h"
#include "testcluster.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using Cell = ReplicationModel::Cell;

namespace {
constexpr int Partitions = 6; // the sandbox's "demo"
// A refresh of the window, and some for the fetch it starts.
constexpr int OneRefreshMs = MainWindow::RefreshIntervalMs + 3000;

// The cluster as kcat sees it (kcat -L -J).
struct KcatView {
    bool ok = false;
    QString error;
    QMap<int, QString> brokers; // id -> host:port
    QMap<int, int> leaders;     // partition -> leader
};
} // namespace

class TestFaultsDialog : public QObject {
    Q_OBJECT

    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<testsupport::ModelTester> m_tester;
    FaultsDialog *m_dialog = nullptr;

    template <typename T>
    T *child(const char *name) const
    {
        auto *object = m_dialog->findChild<T *>(QLatin1String(name));
        if (!object)
            qFatal("no child %s", name);
        return object;
    }

    QString bootstrap() const { return m_window->connection()->bootstrapServers(); }

    static KcatView kcatMetadata(const QString &servers)
    {
        const auto result = testsupport::kcat({QStringLiteral("-L"), QStringLiteral("-J"), QStringLiteral("-b"), servers,
                                               QStringLiteral("-t"), QStringLiteral("demo"), QStringLiteral("-m"),
                                               QStringLiteral("5")},
                                              {}, 30000);
        KcatView view;
        view.error = QString::fromUtf8(result.err);
        if (!result.finished || result.exitCode != 0)
            return view;
        const QJsonObject root = QJsonDocument::fromJson(result.out).object();
        for (const QJsonValue &broker : root.value(QLatin1String("brokers")).toArray())
            view.brokers[broker[QLatin1String("id")].toInt()] = broker[QLatin1String("name")].toString();
        for (const QJsonValue &topic : root.value(QLatin1String("topics")).toArray())
            if (topic[QLatin1String("topic")].toString() == QLatin1String("demo"))
                for (const QJsonValue &p : topic[QLatin1String("partitions")].toArray())
                    view.leaders[p[QLatin1String("partition")].toInt()] = p[QLatin1String("leader")].toInt();
        view.ok = view.leaders.size() == Partitions;
        return view;
    }
    KcatView kcatMetadata() const { return kcatMetadata(bootstrap()); }

    // The window shows these leaders in the grid and the partitions table,
    // and broker `down` (if any) as down with every replica on it offline.
    bool windowShows(const QMap<int, int> &leaders, int down) const
    {
        const ReplicationModel *grid = m_window->replicationView()->model();
        const PartitionsModel *table = m_window->partitionsModel();
        if (grid->rowCount() != Partitions || table->rowCount() != Partitions)
            return false;
        for (const int id : grid->brokerIds())
            if (grid->isBrokerUp(id) == (id == down))
                return false;
        for (int row = 0; row < Partitions; ++row) {
            if (table->index(row, PartitionsModel::LeaderColumn).data(PartitionsModel::ValueRole).toInt() != leaders[row])
                return false;
            for (const int id : grid->brokerIds()) {
                const Cell cell = grid->cell(row, id);
                const Cell expected = id == down ? Cell::Offline : id == leaders[row] ? Cell::Leader : Cell::InSync;
                if (cell != expected)
                    return false;
            }
        }
        return true;
    }

    // Clicks `button` in the dialog and waits for the fault to be applied;
    // returns what the dialog said.
    QString click(const QString &button)
    {
        auto *b = m_dialog->findChild<QPushButton *>(button);
        if (!b || !b->isEnabled()) {
            qWarning("no enabled button %s", qPrintable(button));
            return {};
        }
        QSignalSpy applied(m_dialog, &FaultsDialog::faultApplied);
        QTest::mouseClick(b, Qt::LeftButton);
        if (!applied.wait(15000))
            return {};
        return applied.first().first().toString();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_window = std::make_unique<MainWindow>();
        m_tester = std::make_unique<testsupport::ModelTester>(m_window->replicationView()->model(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_window->show();
        QVERIFY(m_window->connectTo(kafka::ConnectionSpec::sandbox(3)));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->connectionStateText().startsWith(QLatin1String("Connected")), 15000);
        m_window->showReplication(QStringLiteral("demo"));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->replicationView()->model()->rowCount(), Partitions, 15000);
        QVERIFY(m_window->replicationView()->faultsButton()->isEnabled());
        QTest::mouseClick(m_window->replicationView()->faultsButton(), Qt::LeftButton);
        m_dialog = m_window->faultsDialog();
        QVERIFY(m_dialog && m_dialog->isVisible());
        QVERIFY(m_dialog->canInject());
        QVERIFY(m_dialog->electLeaders());
    }
    // A failed test function leaves no broker down for the next one.
    void cleanup()
    {
        kafka::Sandbox *sandbox = m_window->connection()->sandbox();
        for (const int id : sandbox->downBrokers())
            QVERIFY(!testsupport::TestCluster::setBrokerDown(sandbox, id, false));
    }
    void cleanupTestCase()
    {
        m_tester.reset();
        m_window.reset();
    }

    void brokerDownAndUp()
    {
        KcatView before = kcatMetadata();
        QVERIFY2(before.ok, qPrintable(before.error));
        QCOMPARE(before.brokers.size(), 3);
        // The mock picks leaders at random: make broker 2 lead partition 0
        // (through the dialog too), so that taking it down moves a leader.
        if (!before.leaders.values().contains(2)) {
            m_dialog->moveLeader(QStringLiteral("demo"), 0, 2);
            QTRY_VERIFY(!m_dialog->busy());
            before = kcatMetadata();
            QCOMPARE(before.leaders[0], 2);
        }
        QTRY_VERIFY_WITH_TIMEOUT(windowShows(before.leaders, -1), OneRefreshMs);

        QString said = click(QStringLiteral("brokerDown2"));
        QVERIFY2(said.startsWith(QLatin1String("Broker 2 is down. Leaders moved: demo[")), qPrintable(said));
        // kcat: broker 2 refuses connections, and no partition is led by it.
        const auto direct = testsupport::kcat({QStringLiteral("-L"), QStringLiteral("-b"), before.brokers[2],
                                               QStringLiteral("-m"), QStringLiteral("2")},
                                              {}, 30000);
        QVERIFY(direct.finished);
        QVERIFY2(direct.exitCode != 0, direct.out.constData());
        const KcatView during = kcatMetadata();
        QVERIFY2(during.ok, qPrintable(during.error));
        for (int p = 0; p < Partitions; ++p)
            QVERIFY2(during.leaders[p] != 2 && (before.leaders[p] == 2 || during.leaders[p] == before.leaders[p]),
                     qPrintable(QStringLiteral("partition %1: leader %2, was %3").arg(p).arg(during.leaders[p]).arg(before.leaders[p])));
        QTRY_VERIFY_WITH_TIMEOUT(windowShows(during.leaders, 2), OneRefreshMs);
        QVERIFY(m_window->replicationView()->model()->headerData(1, Qt::Horizontal).toString().contains(QLatin1String("DOWN")));

        said = click(QStringLiteral("brokerDown2"));
        QVERIFY2(said.startsWith(QLatin1String("Broker 2 is back up. Leaders moved: demo[")), qPrintable(said));
        const auto back = testsupport::kcat({QStringLiteral("-L"), QStringLiteral("-b"), before.brokers[2]}, {}, 30000);
        QVERIFY2(back.finished && back.exitCode == 0, back.err.constData());
        const KcatView after = kcatMetadata();
        QVERIFY2(after.ok, qPrintable(after.error));
        QCOMPARE(after.leaders, before.leaders); // given back
        QTRY_VERIFY_WITH_TIMEOUT(windowShows(after.leaders, -1), OneRefreshMs);
    }

    void moveLeader()
    {
        const KcatView before = kcatMetadata();
        QVERIFY2(before.ok, qPrintable(before.error));
        const int target = before.leaders[3] % 3 + 1; // another broker
        child<QComboBox>("leaderTopic")->setCurrentText(QStringLiteral("demo"));
        QCOMPARE(child<QSpinBox>("leaderPartition")->maximum(), Partitions - 1);
        child<QSpinBox>("leaderPartition")->setValue(3);
        auto *brokerCombo = child<QComboBox>("leaderBroker");
        brokerCombo->setCurrentIndex(brokerCombo->findData(target));
        const QString said = click(QStringLiteral("moveLeaderButton"));
        QCOMPARE(said, QStringLiteral("The leader of demo[3] moved from broker %1 to broker %2.").arg(before.leaders[3]).arg(target));
        const KcatView after = kcatMetadata();
        QCOMPARE(after.leaders[3], target);
        QMap<int, int> expected = before.leaders;
        expected[3] = target;
        QCOMPARE(after.leaders, expected);
        QTRY_VERIFY_WITH_TIMEOUT(windowShows(after.leaders, -1), OneRefreshMs);
    }

    void latency()
    {
        const KcatView view = kcatMetadata();
        QVERIFY2(view.ok, qPrintable(view.error));
        child<QSpinBox>("latency3")->setValue(800);
        QString said = click(QStringLiteral("setLatency3"));
        QCOMPARE(said, QStringLiteral("Broker 3 answers every request 800 ms later."));
        QVERIFY(child<QLabel>("brokerState3")->text().contains(QLatin1String("800 ms")));
        // kcat asking broker 3 alone waits for its answers.
        QElapsedTimer timer;
        timer.start();
        const auto slow = testsupport::kcat({QStringLiteral("-L"), QStringLiteral("-b"), view.brokers[3]}, {}, 30000);
        QVERIFY2(slow.finished && slow.exitCode == 0, slow.err.constData());
        QVERIFY2(timer.elapsed() >= 800, qPrintable(QString::number(timer.elapsed())));
        child<QSpinBox>("latency3")->setValue(0);
        said = click(QStringLiteral("setLatency3"));
        QCOMPARE(said, QStringLiteral("Broker 3 answers without added latency."));
    }

    // A consumer of every partition reads on through broker 2 going down
    // and coming back: its leaderships move (both ways), and what kcat
    // produces meanwhile all arrives.
    void consumerRecovers()
    {
        ConsumerPanel *panel = m_window->consumerPanels().first();
        testsupport::ModelTester tester(panel->messagesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *mode = panel->findChild<QComboBox *>(QStringLiteral("modeCombo"));
        QVERIFY(mode);
        mode->setCurrentIndex(mode->findData(int(kafka::ConsumerSpec::Mode::Manual)));
        panel->setTopics(QStringLiteral("demo"));
        panel->start();
        QVERIFY(panel->isRunning());
        // Whatever earlier test functions left in demo, as its watermarks say.
        m_window->refresh();
        const auto inDemo = [&] {
            const PartialSum total = m_window->partitionsModel()->messageTotal();
            return total.isExact() && total.parts() == Partitions ? total.knownTotal() : qint64(-1);
        };
        QTRY_VERIFY_WITH_TIMEOUT(inDemo() >= 0 && panel->messagesModel()->rowCount() == inDemo(), OneRefreshMs);
        const qint64 base = inDemo();
        const auto produce = [&](int count) {
            QByteArray lines;
            for (int i = 0; i < count; ++i)
                lines += "fault-" + QByteArray::number(i) + '\n';
            // Bounded: a message for a partition without a live leader fails
            // in 10 s instead of kcat's 300.
            const auto result = testsupport::kcat({QStringLiteral("-P"), QStringLiteral("-b"), bootstrap(),
                                                   QStringLiteral("-t"), QStringLiteral("demo"), QStringLiteral("-X"),
                                                   QStringLiteral("message.timeout.ms=10000")},
                                                  lines, 30000);
            return result.finished && result.exitCode == 0;
        };
        QVERIFY(!click(QStringLiteral("brokerDown2")).isEmpty());
        QVERIFY(produce(60));
        QTRY_COMPARE_WITH_TIMEOUT(panel->messagesModel()->rowCount(), int(base + 60), 30000);
        QVERIFY(!click(QStringLiteral("brokerDown2")).isEmpty());
        QVERIFY(produce(60));
        QTRY_COMPARE_WITH_TIMEOUT(panel->messagesModel()->rowCount(), int(base + 120), 30000);
        panel->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 15000);
    }

    void failNextRequests()
    {
        const KcatView view = kcatMetadata();
        QVERIFY2(view.ok, qPrintable(view.error));
        const int leader = view.leaders[1];
        const auto readPartition1 = [&] {
            const auto read = testsupport::kcat({QStringLiteral("-C"), QStringLiteral("-b"), bootstrap(),
                                                 QStringLiteral("-t"), QStringLiteral("demo"), QStringLiteral("-p"),
                                                 QStringLiteral("1"), QStringLiteral("-e"), QStringLiteral("-q")},
                                                {}, 30000);
            QList<QByteArray> lines = read.out.split('\n');
            if (!read.finished || read.exitCode != 0)
                lines = {"kcat failed: " + read.err};
            else
                lines.removeLast(); // after the last newline
            return lines;
        };
        const QList<QByteArray> before = readPartition1();
        const auto produce = [&] {
            return testsupport::kcat({QStringLiteral("-P"), QStringLiteral("-b"), bootstrap(), QStringLiteral("-t"),
                                      QStringLiteral("demo"), QStringLiteral("-p"), QStringLiteral("1")},
                                     "one\n", 30000);
        };
        QComboBox *broker = child<QComboBox>("failBroker");
        QComboBox *request = child<QComboBox>("failRequest");
        QComboBox *error = child<QComboBox>("failError");
        broker->setCurrentIndex(broker->findData(leader));
        request->setCurrentIndex(request->findData(int(kafka::Sandbox::ApiKey::Produce)));
        error->setCurrentIndex(error->findData(int(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED)));
        child<QSpinBox>("failCount")->setValue(2);
        const QString said = click(QStringLiteral("failButton"));
        QCOMPARE(said, QStringLiteral("Broker %1 fails its next 2 Produce requests with TOPIC_AUTHORIZATION_FAILED.").arg(leader));
        // Two produce requests fail (the error is final: no retry), the third is delivered.
        for (int i = 0; i < 2; ++i) {
            const auto refused = produce();
            QVERIFY(refused.finished);
            QVERIFY2(refused.exitCode != 0 && refused.err.contains("authorization"), refused.err.constData());
        }
        const auto delivered = produce();
        QVERIFY2(delivered.finished && delivered.exitCode == 0, delivered.err.constData());
        // Its one message, and nothing of the refused ones, in the partition.
        const QList<QByteArray> after = readPartition1();
        QCOMPARE(after.size(), before.size() + 1);
        QCOMPARE(after.last(), QByteArray("one"));
    }
};

KAFKADESK_GUITEST_MAIN(TestFaultsDialog)
#include "test_faultsdialog.moc"
