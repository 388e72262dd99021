#include "consumerpanel.h"
#include "consumerpartitionsmodel.h"
#include "mainwindow.h"
#include "messagesmodel.h"

#include "kcat.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStringListModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

// Consumer panels in the main window against the sandbox, driven through
// their widgets; kcat is the producer.
class TestConsumerPanel : public QObject {
    Q_OBJECT

    std::unique_ptr<MainWindow> m_window;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;

    void watch(ConsumerPanel *panel)
    {
        for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{
                 panel->messagesModel(), panel->partitionsModel(), panel->eventsModel()})
            m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }

    bool produce(int partition, int first, int count)
    {
        QByteArray lines;
        for (int i = first; i < first + count; ++i)
            lines += "k" + QByteArray::number(i) + "\t{\"n\": " + QByteArray::number(i) + "}\n";
        return testsupport::produceKeyed(m_window->connection()->bootstrapServers(), QStringLiteral("demo"), partition,
                                         lines, QStringLiteral("src=kcat"));
    }

    static QPushButton *button(ConsumerPanel *panel, const char *name)
    {
        return panel->findChild<QPushButton *>(QString::fromLatin1(name));
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QVERIFY(m_window->connectTo(kafka::ConnectionSpec::sandbox(3)));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->connectionStateText().startsWith(QLatin1String("Connected")), 10000);
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            m_window->groupsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    void cleanup()
    {
        m_testers.clear();
        m_window.reset();
    }

    void consumesWhatKcatWroteAndShowsDetailAndExports()
    {
        QVERIFY(produce(2, 0, 40));
        ConsumerPanel *panel = m_window->consumerPanels().first();
        watch(panel);
        panel->setTopics(QStringLiteral("demo"));
        panel->setGroup(QStringLiteral("one"));
        QTest::mouseClick(button(panel, "startButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel->messagesModel()->rowCount(), 40, 20000);
        const kafka::Record &r = panel->messagesModel()->recordAt(7);
        QCOMPARE(r.partition, 2);
        QCOMPARE(r.offset, 7);
        QCOMPARE(r.key, QByteArray("k7"));
        QCOMPARE(r.headers, (QList<kafka::Header>{{"src", "kcat"}}));

        auto *view = panel->findChild<QTableView *>(QStringLiteral("messagesView"));
        view->setCurrentIndex(panel->messagesModel()->index(7, 0));
        QCOMPARE(panel->detailText(), QStringLiteral("{\n    \"n\": 7\n}\n"));

        // Partitions: six, with the 40 messages of partition 2 consumed and committed.
        QTRY_COMPARE_WITH_TIMEOUT(panel->partitionsModel()->rowCount(), 6, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            panel->partitionsModel()->index(2, ConsumerPartitionsModel::CommittedColumn).data(ConsumerPartitionsModel::ValueRole).toLongLong(),
            40, 10000);
        QCOMPARE(panel->partitionsModel()->index(2, ConsumerPartitionsModel::LagColumn).data(ConsumerPartitionsModel::ValueRole).toLongLong(), 0);
        QVERIFY(panel->eventsModel()->stringList().join(QLatin1Char('\n')).contains(QLatin1String("Assigned demo[0]")));

        QTemporaryDir dir;
        QSignalSpy exported(panel, &ConsumerPanel::exported);
        panel->exportMessages(dir.filePath(QStringLiteral("out.jsonl")), false);
        QTRY_COMPARE(exported.count(), 1);
        QVERIFY(exported.first().first().toBool());
        QFile jsonl(dir.filePath(QStringLiteral("out.jsonl")));
        QVERIFY(jsonl.open(QIODevice::ReadOnly));
        QCOMPARE(jsonl.readAll().count('\n'), 40);
        view->selectionModel()->select(panel->messagesModel()->index(3, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        panel->exportMessages(dir.filePath(QStringLiteral("out.csv")), true);
        QTRY_COMPARE(exported.count(), 2);
        QFile csv(dir.filePath(QStringLiteral("out.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().split('\n');
        QVERIFY(lines.size() >= 3);
        QVERIFY2(lines.at(1).startsWith("demo,2,"), lines.at(1).constData());
    }

    void badSettingsAreShownNotStarted()
    {
        ConsumerPanel *panel = m_window->consumerPanels().first();
        panel->setTopics(QStringLiteral("nope"));
        QTest::mouseClick(button(panel, "startButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel->statusText().contains(QLatin1String("Topic 'nope' does not exist.")), 15000);
        QTRY_VERIFY(!panel->isRunning());
        panel->setTopics(QString());
        QTest::mouseClick(button(panel, "startButton"), Qt::LeftButton);
        QVERIFY(panel->statusText().contains(QLatin1String("Choose at least one topic")));
        QVERIFY(!panel->isRunning());
    }

    // Three panels in one group share the six partitions of demo, two each;
    // closing one hands its partitions to the other two.
    void threeConsumersShareAGroup()
    {
        QList<ConsumerPanel *> panels{m_window->consumerPanels().first(), m_window->addConsumer(), m_window->addConsumer()};
        for (ConsumerPanel *panel : panels) {
            watch(panel);
            panel->setTopics(QStringLiteral("demo"));
            panel->setGroup(QStringLiteral("shared"));
            panel->start();
        }
        for (ConsumerPanel *panel : panels)
            QTRY_COMPARE_WITH_TIMEOUT(panel->partitionsModel()->rowCount(), 2, 30000);
        QStandardItemModel *groups = m_window->groupsModel();
        QTRY_COMPARE(groups->rowCount(), 1);
        QCOMPARE(groups->item(0)->text(), QStringLiteral("shared (this app)"));
        QCOMPARE(groups->item(0)->rowCount(), 3);
        for (int m = 0; m < 3; ++m)
            QCOMPARE(groups->item(0)->child(m)->rowCount(), 2);

        for (int p = 0; p < 6; ++p)
            QVERIFY(produce(p, p * 10, 10));
        QTRY_COMPARE_WITH_TIMEOUT(panels[0]->receivedCount() + panels[1]->receivedCount() + panels[2]->receivedCount(),
                                  60, 15000);

        auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("workTabs"));
        tabs->tabCloseRequested(tabs->indexOf(panels[2]));
        QCOMPARE(m_window->consumerPanels().size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(panels[0]->partitionsModel()->rowCount() + panels[1]->partitionsModel()->rowCount(), 6, 30000);
        QTRY_COMPARE(groups->item(0)->rowCount(), 2);
        for (ConsumerPanel *panel : {panels[0], panels[1]})
            QVERIFY(panel->eventsModel()->stringList().join(QLatin1Char('\n')).contains(QLatin1String("Assigned")));
        // Messages after the handover reach the two that are left, once each.
        for (int p = 0; p < 6; ++p)
            QVERIFY(produce(p, 60 + p * 10, 10));
        QTRY_COMPARE_WITH_TIMEOUT(panels[0]->receivedCount() + panels[1]->receivedCount(), 60 + 60 - 20, 15000);
    }
};

QTEST_MAIN(TestConsumerPanel)
#include "test_consumerpanel.moc"
