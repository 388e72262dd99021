#include "clusternavigatormodel.h"
#include "consumerpanel.h"
#include "groupsmodel.h"
#include "mainwindow.h"
#include "newtopicdialog.h"
#include "partitionsmodel.h"

#include "kcat.h"
#include "testcluster.h"
#include "guitest.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStringListModel>
#include <QTest>
#include <QTreeView>

using testsupport::TestCluster;

// The main window against a sandbox and real Kafka: the navigator, topics,
// groups and a cluster that cannot be reached.
//
// Time budgets, worst case (real Kafka; the sandbox's are smaller): each
// window topic made through the Admin API 60 s (TestCluster::windowTopic),
// each kcat run 60 s (testsupport::run).
//   showsSandboxBrokersTopicsAndWatermarks: topic 60, 5 kcat runs 300,
//     QTRYs 3 x 10 + 6 x 10 + 10: 460 s
//   newTopicAppearsAndDuplicatesAreRefused: topic 60, QTRYs 2 x 10,
//     finished 15, QTRYs 3 x 10: 125 s
//   groupsTabShowsTheClustersGroups: QTRY 10, topic 60, 2 kcat runs 120,
//     kcat started 30, 2 QTRYs of 30 + RefreshIntervalMs (5) 70, kcat ended 15: 305 s
//   unreachableClusterIsReportedWithoutBlocking: 3 x 10: 30 s
// 920 s in all, so tests/CMakeLists.txt gives the test a CTest TIMEOUT of
// 960 s (both variants). Below the sum, CTest would kill a slow run that
// every step still allowed, without saying which step was slow. Change both
// together.
class TestMainWindow : public QObject {
    Q_OBJECT

    // A topic of 6 partitions to browse (TestCluster::windowTopic), asked
    // for at once rather than at the next refresh.
    static QString browsedTopic(MainWindow &window)
    {
        const QString topic = TestCluster::windowTopic(*window.connection());
        window.refresh();
        return topic;
    }

    static QSet<QString> idSet(const QString &list)
    {
        const QStringList ids = list.split(QStringLiteral(", "));
        return QSet<QString>(ids.cbegin(), ids.cend());
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsSandboxBrokersTopicsAndWatermarks()
    {
        MainWindow window;
        testsupport::ModelTester navigatorTester(window.navigatorModel(),
                                                 QAbstractItemModelTester::FailureReportingMode::QtTest);
        testsupport::ModelTester partitionsTester(window.partitionsModel(),
                                                  QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.show();
        QVERIFY(window.windowTitle().contains(QLatin1String("Kafka Desk")));
        QVERIFY(window.connectTo(TestCluster::windowSpec(3)));
        QVERIFY(window.windowTitle().contains(QLatin1String("Kafka Desk")));

        // Known counts from the independent client, before the window looks.
        const QString bootstrap = window.connection()->bootstrapServers();
        const QString topic = browsedTopic(window);
        const QList<int> counts{3, 0, 7, 1, 0, 12};
        for (int p = 0; p < counts.size(); ++p) {
            if (counts[p] > 0)
                QVERIFY(testsupport::produceLines(bootstrap, topic, p, counts[p]));
        }

        ClusterNavigatorModel *navigator = window.navigatorModel();
        const QModelIndex brokers = navigator->index(ClusterNavigatorModel::BrokersGroup, 0);
        QTRY_COMPARE_WITH_TIMEOUT(navigator->rowCount(brokers), 3, 10000);
        QVERIFY(window.connectionStateText().contains(QLatin1String("brokers: 3")));
        QTRY_VERIFY_WITH_TIMEOUT(navigator->topicIndex(topic).isValid(), 10000);

        window.selectTopic(topic);
        PartitionsModel *partitions = window.partitionsModel();
        QTRY_COMPARE_WITH_TIMEOUT(partitions->rowCount(), 6, 10000);
        QCOMPARE(partitions->topicName(), topic);
        // The rows may first show unknown watermarks; wait for the fetched ones.
        for (int p = 0; p < counts.size(); ++p) {
            QTRY_COMPARE_WITH_TIMEOUT(
                partitions->index(p, PartitionsModel::HighWatermarkColumn).data(PartitionsModel::ValueRole),
                QVariant(qint64(counts[p])), 10000);
            // As QVariants: an unknown watermark is an invalid one, which
            // toLongLong() would read as 0.
            QCOMPARE(partitions->index(p, PartitionsModel::LowWatermarkColumn).data(PartitionsModel::ValueRole),
                     QVariant(qint64(0)));
            QCOMPARE(partitions->index(p, PartitionsModel::MessagesColumn).data().toString(),
                     QString::number(counts[p]));
            QCOMPARE(idSet(partitions->index(p, PartitionsModel::ReplicasColumn).data().toString()),
                     (QSet<QString>{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}));
        }

        // On demand: more messages, then Refresh shows them.
        QVERIFY(testsupport::produceLines(bootstrap, topic, 1, 4));
        window.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(
            partitions->index(1, PartitionsModel::HighWatermarkColumn).data(PartitionsModel::ValueRole),
            QVariant(qint64(4)), 10000);
    }

    // New Topic: on the sandbox through the mock API (2 brokers here, and a
    // note on how it places replicas), on the real cluster through the
    // Admin API (3 brokers, no note; the replicas land on 3 distinct brokers).
    void newTopicAppearsAndDuplicatesAreRefused()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.connectTo(TestCluster::windowSpec(2)));
        const int brokers = TestCluster::real() ? 3 : 2;
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStateText().startsWith(QLatin1String("Connected")), 10000);
        const QString existing = browsedTopic(window);
        QTRY_VERIFY_WITH_TIMEOUT(window.navigatorModel()->topicIndex(existing).isValid(), 10000);

        window.showNewTopicDialog();
        auto *dialog = window.findChild<NewTopicDialog *>();
        QVERIFY(dialog);
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
        auto *partitionsSpin = dialog->findChild<QSpinBox *>(QStringLiteral("partitionsSpin"));
        auto *replication = dialog->findChild<QSpinBox *>(QStringLiteral("replicationSpin"));
        QCOMPARE(replication->maximum(), brokers); // no more replicas than brokers
        auto *note = dialog->findChild<QLabel *>(QStringLiteral("noteLabel"));
        QVERIFY(note);
        if (TestCluster::real()) {
            QVERIFY(note->isHidden());
        } else {
            QVERIFY(!note->isHidden());
            QVERIFY(note->text().contains(QLatin1String("each of its 2 brokers")));
        }

        name->setText(existing);
        dialog->accept();
        QVERIFY(dialog->errorText().contains(QLatin1String("already exists")));
        QVERIFY(dialog->isVisible());

        name->setText(QStringLiteral("bad name!"));
        dialog->accept();
        QVERIFY(dialog->errorText().contains(QLatin1String("may only contain")));

        const QString orders = TestCluster::name(QStringLiteral("orders"));
        name->setText(orders);
        partitionsSpin->setValue(4);
        replication->setValue(brokers);
        QSignalSpy finished(dialog, &QDialog::finished);
        dialog->accept();
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.first().first().toInt(), int(QDialog::Accepted));

        QTRY_VERIFY_WITH_TIMEOUT(window.navigatorModel()->topicIndex(orders).isValid(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(window.partitionsModel()->topicName(), orders, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(window.partitionsModel()->rowCount(), 4, 10000);
        for (int p = 0; p < 4; ++p)
            QCOMPARE(idSet(window.partitionsModel()->index(p, PartitionsModel::ReplicasColumn).data().toString()).size(),
                     brokers);
    }

    // The Groups tab: on a real cluster every group from the Admin API, here
    // one that kcat consumes (state, member, committed offsets, lag), then
    // Empty with its lag once kcat has left. The sandbox answers no group
    // admin request, and the tab says so.
    void groupsTabShowsTheClustersGroups()
    {
        MainWindow window;
        testsupport::ModelTester tester(window.groupsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.show();
        QVERIFY(window.connectTo(TestCluster::windowSpec(1)));
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStateText().startsWith(QLatin1String("Connected")), 10000);
        auto *note = window.findChild<QLabel *>(QStringLiteral("groupsNote"));
        QVERIFY(note);
        if (!TestCluster::real()) {
            QVERIFY2(note->text().startsWith(kafka::Connection::sandboxGroupsNote()), qPrintable(note->text()));
            return;
        }
        const QString topic = browsedTopic(window);
        const QString group = TestCluster::name(QStringLiteral("kcat-group"));
        const QString bootstrap = window.connection()->bootstrapServers();
        QVERIFY(testsupport::produceLines(bootstrap, topic, 0, 12));
        QProcess kcat;
        kcat.start(testsupport::kcatPath(), {QStringLiteral("-b"), bootstrap, QStringLiteral("-G"), group, topic,
                                             QStringLiteral("-q"), QStringLiteral("-X"), QStringLiteral("client.id=kcat-in-groups-tab"),
                                             QStringLiteral("-X"), QStringLiteral("auto.commit.interval.ms=100"),
                                             QStringLiteral("-o"), QStringLiteral("beginning")});
        {
            const testsupport::TestSideBlocking allow("the test starts kcat");
            QVERIFY(kcat.waitForStarted());
        }
        const auto groupRow = [&] { return window.groupsModel()->indexOfKeys({QStringLiteral("cluster:") + group}); };
        const auto details = [&] { return groupRow().siblingAtColumn(1).data().toString(); };
        QTRY_VERIFY2_WITH_TIMEOUT(details().startsWith(QStringLiteral("Stable · members: 1 · lag 0")),
                                  qPrintable(details() + QLatin1Char('|') + note->text()), 30000 + MainWindow::RefreshIntervalMs);
        QCOMPARE(window.groupsModel()->index(0, 0, groupRow()).data().toString(), QStringLiteral("kcat-in-groups-tab"));
        QVERIFY(note->text().contains(QLatin1String("from the Admin API")));

        kcat.terminate();
        {
            const testsupport::TestSideBlocking allow("the test waits for kcat to leave its group");
            QVERIFY(kcat.waitForFinished(15000));
        }
        QVERIFY(testsupport::produceLines(bootstrap, topic, 0, 5));
        QTRY_VERIFY2_WITH_TIMEOUT(details().startsWith(QStringLiteral("Empty · members: 0 · lag 5")), qPrintable(details()),
                                  30000 + MainWindow::RefreshIntervalMs);
    }

    // The groups of this app's consumers with their committed offsets and
    // lag, asked of the cluster (on the sandbox, which answers no
    // DescribeGroups, with state and members unknown and saying why, never
    // 0). A refresh changes the tree in place: the row the user selected
    // stays selected and current, what they collapsed stays collapsed.
    void groupsTabKeepsSelectionAcrossRefreshes()
    {
        MainWindow window;
        GroupsModel *model = window.groupsModel();
        testsupport::ModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.show();
        QVERIFY(window.connectTo(TestCluster::windowSpec(3)));
        const QString topic = browsedTopic(window);
        QVERIFY(testsupport::produceLines(window.connection()->bootstrapServers(), topic, 0, 12));
        const QString group = TestCluster::name(QStringLiteral("selected"));
        ConsumerPanel *panel = window.consumerPanels().first();
        panel->setTopics(topic);
        panel->setGroup(group);
        panel->start();
        QTRY_COMPARE_WITH_TIMEOUT(panel->receivedCount(), 12, 30000);
        panel->commit();

        const QString clusterKey = QStringLiteral("cluster:") + group;
        const QString partitionKey = topic + QStringLiteral("[0]");
        const auto details = [&] { return model->indexOfKeys({clusterKey}).siblingAtColumn(1).data().toString(); };
        QTRY_VERIFY2_WITH_TIMEOUT(model->indexOfKeys({clusterKey, QStringLiteral("offsets"), partitionKey})
                                          .siblingAtColumn(1).data().toString()
                                      == QStringLiteral("committed 12 · high watermark 12 · lag 0"),
                                  qPrintable(details()), 30000 + MainWindow::RefreshIntervalMs);
        if (!TestCluster::real()) {
            QVERIFY2(details().startsWith(QStringLiteral("state unknown · members: unknown · lag 0 · ")), qPrintable(details()));
            QVERIFY2(details().contains(QLatin1String("DescribeGroups")), qPrintable(details()));
        }

        auto *view = window.findChild<QTreeView *>(QStringLiteral("groupsView"));
        QVERIFY(view);
        const QPersistentModelIndex selected = model->indexOfKeys({clusterKey, QStringLiteral("offsets"), partitionKey});
        const QPersistentModelIndex appGroup = model->indexOfKeys({QStringLiteral("app:") + group});
        QVERIFY(selected.isValid() && appGroup.isValid());
        QVERIFY(view->isExpanded(appGroup));
        view->setCurrentIndex(selected);
        view->collapse(appGroup);

        QSignalSpy applied(&window, &MainWindow::groupsApplied);
        for (int refresh = 0; refresh < 2; ++refresh) {
            window.refresh();
            QVERIFY(applied.wait(10000));
        }
        QVERIFY(selected.isValid());
        QCOMPARE(view->currentIndex(), QModelIndex(selected));
        QVERIFY(view->selectionModel()->isSelected(selected));
        QVERIFY(!view->isExpanded(appGroup));
        QVERIFY(view->isExpanded(model->indexOfKeys({clusterKey})));
        panel->stop();
    }

    // A consumer whose brokers all stop answering says so in its panel
    // (not "Consuming" as if nothing had happened), keeps trying, and goes
    // back to "Consuming" when they answer again. The window's own 1-broker
    // sandbox, on either test cluster: its broker is taken down.
    void consumerPanelWarnsWhileNoBrokerAnswers()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.connectTo(kafka::ConnectionSpec::sandbox(1)));
        ConsumerPanel *panel = window.consumerPanels().first();
        auto *mode = panel->findChild<QComboBox *>(QStringLiteral("modeCombo"));
        QVERIFY(mode);
        mode->setCurrentIndex(mode->findData(int(kafka::ConsumerSpec::Mode::Manual)));
        panel->setTopics(kafka::Connection::defaultSandboxTopic(1).name);
        panel->start();
        const auto events = [panel] { return panel->eventsModel()->stringList().join(QLatin1Char('\n')); };
        QTRY_VERIFY2_WITH_TIMEOUT(events().contains(QLatin1String("Assigned")), qPrintable(events()), 15000);
        QVERIFY2(panel->statusText().startsWith(QLatin1String("Consuming")), qPrintable(panel->statusText()));

        QVERIFY(!window.connection()->sandbox()->setBrokerDown(1, true));
        QTRY_VERIFY2_WITH_TIMEOUT(panel->statusText().contains(QLatin1String("No broker answers")),
                                  qPrintable(panel->statusText()), 10000);
        QVERIFY2(panel->statusText().startsWith(QLatin1String("Waiting for the cluster")), qPrintable(panel->statusText()));
        QVERIFY(panel->isRunning());

        QVERIFY(!window.connection()->sandbox()->setBrokerDown(1, false));
        QTRY_VERIFY2_WITH_TIMEOUT(panel->statusText().startsWith(QLatin1String("Consuming")), qPrintable(panel->statusText()),
                                  15000);
        QVERIFY2(!panel->statusText().contains(QLatin1String("No broker answers")), qPrintable(panel->statusText()));
        QVERIFY2(events().contains(QLatin1String("Warning: No broker answers")), qPrintable(events()));
        QVERIFY2(events().contains(QLatin1String("The brokers answer again")), qPrintable(events()));
        panel->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 15000);
    }

    void unreachableClusterIsReportedWithoutBlocking()
    {
        MainWindow window;
        window.show();
        QSignalSpy applied(&window, &MainWindow::metadataApplied);
        QVERIFY(window.connectTo(kafka::ConnectionSpec::bootstrap(QStringLiteral("127.0.0.1:1"))));
        // connectTo returned before any answer: the GUI thread did not wait.
        QCOMPARE(applied.count(), 0);
        QVERIFY(window.connectionStateText().contains(QLatin1String("Connecting")));

        QVERIFY(applied.wait(10000));
        QVERIFY2(window.errorText().contains(QLatin1String("Cannot reach 127.0.0.1:1")), qPrintable(window.errorText()));
        QVERIFY(window.connectionStateText().contains(QLatin1String("Cannot reach")));
        auto *retry = window.findChild<QPushButton *>(QStringLiteral("retryButton"));
        QVERIFY(retry && retry->isVisible());

        // The user retries; it fails the same way, again within 10 s.
        QTest::mouseClick(retry, Qt::LeftButton);
        QVERIFY(applied.wait(10000));
        QVERIFY(window.errorText().contains(QLatin1String("Cannot reach")));

        // And can connect elsewhere: the error goes away.
        QVERIFY(window.connectTo(TestCluster::windowSpec(1)));
        QVERIFY(window.errorText().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStateText().contains(QLatin1String("Connected")), 10000);
    }

    void badSpecIsShownNotConnected()
    {
        MainWindow window;
        window.show();
        QVERIFY(!window.connectTo(kafka::ConnectionSpec::bootstrap(QStringLiteral("localhost"))));
        QVERIFY(window.errorText().contains(QLatin1String("host:port")));
        QVERIFY(!window.connection());
    }
};

KAFKADESK_GUITEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
