#include "consumerpanel.h"
#include "consumerpartitionsmodel.h"
#include "copytotopic.h"
#include "mainwindow.h"
#include "messagesmodel.h"
#include "timestamptext.h"

#include "kcat.h"
#include "testcluster.h"
#include "guitest.h"

#include "kafka/producer.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTextLayout>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStringListModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

// Consumer panels in the main window against the sandbox and real Kafka,
// driven through their widgets; kcat is the producer.
//
// Time budgets: the QTRY/wait limits of the test functions, settle() and
// init add up to 333 s, and on real Kafka creating a topic per function
// (TestCluster::windowTopic, 60 s each) to 240 s more: 573 s, so
// tests/CMakeLists.txt gives the test a CTest TIMEOUT of 600 s (both
// variants). Change both together.
class TestConsumerPanel : public QObject {
    Q_OBJECT

    std::unique_ptr<MainWindow> m_window;
    QString m_topic; // 6 partitions: the sandbox's demo, or one made for the test case
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;

    void watch(ConsumerPanel *panel)
    {
        for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{
                 panel->messagesModel(), panel->partitionsModel(), panel->eventsModel()})
            m_testers.push_back(std::make_unique<testsupport::ModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }

    bool produce(int partition, int first, int count)
    {
        QByteArray lines;
        for (int i = first; i < first + count; ++i)
            lines += "k" + QByteArray::number(i) + "\t{\"n\": " + QByteArray::number(i) + "}\n";
        return testsupport::produceKeyed(m_window->connection()->bootstrapServers(), m_topic, partition,
                                         lines, QStringLiteral("src=kcat"));
    }

    // One sentinel message more on each of the topic's six partitions, keyed
    // "end-ROUND-PARTITION".
    bool produceSentinels(int round)
    {
        for (int p = 0; p < 6; ++p)
            if (!testsupport::produceKeyed(m_window->connection()->bootstrapServers(), m_topic, p,
                                           QStringLiteral("end-%1-%2\tsentinel\n").arg(round).arg(p).toUtf8(),
                                           QStringLiteral("src=kcat")))
                return false;
        return true;
    }

    // How many times `panels` show each key.
    static QHash<QByteArray, int> shownKeys(const QList<ConsumerPanel *> &panels)
    {
        QHash<QByteArray, int> keys;
        for (ConsumerPanel *panel : panels)
            for (int row = 0; row < panel->messagesModel()->rowCount(); ++row)
                ++keys[panel->messagesModel()->recordAt(row).key];
        return keys;
    }

    // Lets the stream settle before anything is counted: writes a sentinel
    // to every partition and waits until `panels` show all six. A partition
    // is read in order, so by then whatever was written before has arrived,
    // and a duplicate would be in the count, not on its way.
    bool settle(const QList<ConsumerPanel *> &panels, int round)
    {
        if (!produceSentinels(round))
            return false;
        return QTest::qWaitFor(
            [&] {
                const QHash<QByteArray, int> keys = shownKeys(panels);
                for (int p = 0; p < 6; ++p)
                    if (!keys.contains(QStringLiteral("end-%1-%2").arg(round).arg(p).toUtf8()))
                        return false;
                return true;
            },
            15000);
    }

    // Every key k<first>..k<first + count - 1> and the sentinels of `round`
    // shown exactly once, and nothing else.
    static QString exactlyOnce(const QHash<QByteArray, int> &shown, int first, int count, int round)
    {
        QHash<QByteArray, int> expected;
        for (int i = first; i < first + count; ++i)
            expected.insert("k" + QByteArray::number(i), 1);
        for (int p = 0; p < 6; ++p)
            expected.insert(QStringLiteral("end-%1-%2").arg(round).arg(p).toUtf8(), 1);
        QStringList wrong;
        for (auto it = shown.cbegin(); it != shown.cend(); ++it)
            if (it.value() != expected.value(it.key()))
                wrong.append(QStringLiteral("%1 shown %2 times").arg(QString::fromUtf8(it.key())).arg(it.value()));
        for (auto it = expected.cbegin(); it != expected.cend(); ++it)
            if (!shown.contains(it.key()))
                wrong.append(QStringLiteral("%1 not shown").arg(QString::fromUtf8(it.key())));
        wrong.sort();
        return wrong.join(QStringLiteral("; "));
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
        QVERIFY(m_window->connectTo(testsupport::TestCluster::windowSpec(3)));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->connectionStateText().startsWith(QLatin1String("Connected")), 10000);
        m_topic = testsupport::TestCluster::windowTopic(*m_window->connection());
        QVERIFY(!m_topic.isEmpty());
        m_testers.push_back(std::make_unique<testsupport::ModelTester>(
            m_window->groupsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    void cleanup()
    {
        m_testers.clear();
        m_window.reset();
    }

    // Selected messages copied to another topic through the menu's dialog:
    // keys, values, tombstones and headers byte for byte, with their
    // partitions and timestamps, as kcat reads both topics.
    void copiesSelectedMessagesToATopicExactly()
    {
        const QString bootstrap = m_window->connection()->bootstrapServers();
        const QString target = testsupport::TestCluster::name(QStringLiteral("copy"));
        const QFuture<kafka::Error> created = m_window->connection()->createTopic(kafka::TopicSpec{target, 6, 1});
        QTRY_VERIFY_WITH_TIMEOUT(created.isFinished(), 30000);
        QVERIFY(!created.result());
        auto producer = kafka::Producer::create({bootstrap, {}});
        QVERIFY(producer.ok());
        QList<kafka::ProduceRequest> messages{
            {m_topic, QByteArray("\x00\xff", 2), QByteArray("\x80{\"b\":1.50}", 11), {{"h", "1"}, {"h", QByteArray("\xfe")}}, 3},
            {m_topic, std::nullopt, QByteArray(), {}, 5},
            {m_topic, QByteArray(), QByteArray(), {}, 0},
        };
        messages[1].tombstone = true;
        // A time of its own, within the real cluster's retention (older would be deleted).
        messages[2].timestampMs = QDateTime::currentMSecsSinceEpoch() - 3'600'000;
        {
            const testsupport::TestSideBlocking allow("the test produces the messages to copy, and waits for them");
            for (const kafka::ProduceRequest &m : messages)
                QVERIFY(!producer.value()->produce(m));
            for (const kafka::Delivery &d : producer.value()->flush(std::chrono::seconds(20)))
                QVERIFY2(d.delivered(), qPrintable(d.errorText()));
        }

        ConsumerPanel *panel = m_window->consumerPanels().first();
        watch(panel);
        panel->setTopics(m_topic);
        QTest::mouseClick(button(panel, "startButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel->messagesModel()->rowCount(), 3, 20000);
        auto *view = panel->findChild<QTableView *>(QStringLiteral("messagesView"));
        view->selectAll();

        QSignalSpy copied(panel, &ConsumerPanel::copiedToTopic);
        QMenu *menu = button(panel, "exportButton")->menu();
        QAction *copyAction = menu->actions().last();
        QCOMPARE(copyAction->text(), QStringLiteral("Copy selected messages to a topic…"));
        copyAction->trigger();
        auto *dialog = panel->findChild<CopyToTopicDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        dialog->findChild<QComboBox *>()->setCurrentText(QStringLiteral("bad/name"));
        dialog->accept();
        QVERIFY(dialog->isVisible()); // refused, in words
        QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("errorLabel"))->text().isEmpty());
        dialog->findChild<QComboBox *>()->setCurrentText(target);
        for (QCheckBox *box : dialog->findChildren<QCheckBox *>())
            box->setChecked(true);
        dialog->accept();
        QVERIFY(copied.wait(30000));
        QCOMPARE(copied.first().at(0).toBool(), true);
        QCOMPARE(copied.first().at(1).toString(), QStringLiteral("3 delivered, 0 failed"));

        const QList<testsupport::KcatMessage> original = testsupport::readExactly(bootstrap, m_topic);
        const QList<testsupport::KcatMessage> copy = testsupport::readExactly(bootstrap, target);
        QCOMPARE(copy.size(), 3);
        QCOMPARE(copy, original);
    }

    void consumesWhatKcatWroteAndShowsDetailAndExports()
    {
        QVERIFY(produce(2, 0, 40));
        ConsumerPanel *panel = m_window->consumerPanels().first();
        watch(panel);
        panel->setTopics(m_topic);
        panel->setGroup(testsupport::TestCluster::name(QStringLiteral("one")));
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
        // Coloured: the member name and the number each have a format of their own.
        const QTextBlock member = panel->findChild<QPlainTextEdit *>(QStringLiteral("detailText"))->document()->firstBlock().next();
        const QList<QTextLayout::FormatRange> formats = member.layout()->formats();
        QCOMPARE(formats.size(), 2);
        QCOMPARE(member.text().mid(formats[0].start, formats[0].length), QStringLiteral("\"n\""));
        QCOMPARE(member.text().mid(formats[1].start, formats[1].length), QStringLiteral("7"));
        QVERIFY(formats[0].format.foreground() != formats[1].format.foreground());
        // kcat gave it a timestamp (CreateTime): shown with its zone and in UTC.
        QVERIFY(r.timestampMs > 0);
        QCOMPARE(r.timestampType, kafka::TimestampType::CreateTime);
        const QString detailHeader = panel->findChild<QLabel *>(QStringLiteral("detailHeaderLabel"))->text();
        QVERIFY2(detailHeader.contains(timestamptext::typedLocalAndUtc(r.timestampMs, r.timestampType)), qPrintable(detailHeader));

        // Partitions: six, with the 40 messages of partition 2 consumed and committed.
        QTRY_COMPARE_WITH_TIMEOUT(panel->partitionsModel()->rowCount(), 6, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            panel->partitionsModel()->index(2, ConsumerPartitionsModel::CommittedColumn).data(ConsumerPartitionsModel::ValueRole),
            QVariant(qint64(40)), 10000);
        // A QVariant: an unknown lag is an invalid one, which toLongLong() would read as 0.
        QCOMPARE(panel->partitionsModel()->index(2, ConsumerPartitionsModel::LagColumn).data(ConsumerPartitionsModel::ValueRole),
                 QVariant(qint64(0)));
        QVERIFY(panel->eventsModel()->stringList().join(QLatin1Char('\n')).contains(QStringLiteral("Assigned %1[0]").arg(m_topic)));

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
        QVERIFY2(lines.at(1).startsWith((m_topic + QStringLiteral(",2,")).toUtf8()), lines.at(1).constData());
    }

    void badSettingsAreShownNotStarted()
    {
        ConsumerPanel *panel = m_window->consumerPanels().first();
        const QString missing = testsupport::TestCluster::name(QStringLiteral("nope"));
        panel->setTopics(missing);
        QTest::mouseClick(button(panel, "startButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel->statusText().contains(QStringLiteral("Topic '%1' does not exist.").arg(missing)), 15000);
        QTRY_VERIFY(!panel->isRunning());
        panel->setTopics(QString());
        QTest::mouseClick(button(panel, "startButton"), Qt::LeftButton);
        QVERIFY(panel->statusText().contains(QLatin1String("Choose at least one topic")));
        QVERIFY(!panel->isRunning());
    }

    // "Write values decoded" is on only while a schema source is set: a box
    // left checked when the source is cleared would make the next Export…
    // write decoded JSON (in CSV, in place of the bytes) from a greyed item.
    void exportDecodedIsOffWithoutASchema()
    {
        ConsumerPanel *panel = m_window->consumerPanels().first();
        QAction *decoded = nullptr;
        for (QAction *action : panel->findChildren<QAction *>())
            if (action->text() == QLatin1String("Write values decoded with the schema"))
                decoded = action;
        QVERIFY(decoded);
        QVERIFY(!decoded->isEnabled());
        panel->setSchemaSource(QStringLiteral("http://127.0.0.1:1"));
        QTRY_VERIFY(decoded->isEnabled());
        decoded->setChecked(true);
        panel->setSchemaSource(QString());
        QTRY_VERIFY(!decoded->isEnabled());
        QVERIFY(!decoded->isChecked());
    }

    // Three panels in one group share the six partitions of demo, two each;
    // closing one hands its partitions to the other two.
    void threeConsumersShareAGroup()
    {
        QList<ConsumerPanel *> panels{m_window->consumerPanels().first(), m_window->addConsumer(), m_window->addConsumer()};
        const QString group = testsupport::TestCluster::name(QStringLiteral("shared"));
        for (ConsumerPanel *panel : panels) {
            watch(panel);
            panel->setTopics(m_topic);
            panel->setGroup(group);
            panel->start();
        }
        for (ConsumerPanel *panel : panels)
            QTRY_COMPARE_WITH_TIMEOUT(panel->partitionsModel()->rowCount(), 2, 30000);
        // The Groups tab's row for this app's consumers (on a real cluster,
        // after the cluster's own groups).
        GroupsModel *groups = m_window->groupsModel();
        const auto appGroup = [&] { return groups->indexOfKeys({QStringLiteral("app:") + group}); };
        QTRY_VERIFY(appGroup().isValid());
        QCOMPARE(appGroup().data().toString(), QStringLiteral("%1 (this app)").arg(group));
        QCOMPARE(groups->rowCount(appGroup()), 3);
        for (int m = 0; m < 3; ++m)
            QCOMPARE(groups->rowCount(groups->index(m, 0, appGroup())), 2);

        for (int p = 0; p < 6; ++p)
            QVERIFY(produce(p, p * 10, 10));
        QTRY_COMPARE_WITH_TIMEOUT(panels[0]->receivedCount() + panels[1]->receivedCount() + panels[2]->receivedCount(),
                                  60, 15000);
        // Counted once the stream has settled, not at the instant the sum
        // first reached 60: each message once, and nothing more to come.
        QVERIFY(settle(panels, 1));
        QCOMPARE(exactlyOnce(shownKeys(panels), 0, 60, 1), QString());
        QCOMPARE(panels[0]->receivedCount() + panels[1]->receivedCount() + panels[2]->receivedCount(), 66);
        const qint64 keptBefore = panels[0]->receivedCount() + panels[1]->receivedCount();

        auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("workTabs"));
        tabs->tabCloseRequested(tabs->indexOf(panels[2]));
        QCOMPARE(m_window->consumerPanels().size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(panels[0]->partitionsModel()->rowCount() + panels[1]->partitionsModel()->rowCount(), 6, 30000);
        QTRY_COMPARE(groups->rowCount(appGroup()), 2);
        for (ConsumerPanel *panel : {panels[0], panels[1]})
            QVERIFY(panel->eventsModel()->stringList().join(QLatin1Char('\n')).contains(QLatin1String("Assigned")));
        // Messages after the handover reach the two that are left, once each.
        for (int p = 0; p < 6; ++p)
            QVERIFY(produce(p, 60 + p * 10, 10));
        QTRY_COMPARE_WITH_TIMEOUT(panels[0]->receivedCount() + panels[1]->receivedCount(), keptBefore + 60, 15000);
        // Again once settled: the two show the 60 new ones once each, and
        // nothing of what the closed panel had read comes round again.
        QVERIFY(settle({panels[0], panels[1]}, 2));
        QHash<QByteArray, int> shown = shownKeys({panels[0], panels[1]});
        for (int i = 0; i < 60; ++i)
            shown.remove("k" + QByteArray::number(i)); // read before the handover: counted below
        for (int p = 0; p < 6; ++p)
            shown.remove(QStringLiteral("end-1-%1").arg(p).toUtf8());
        QCOMPARE(exactlyOnce(shown, 60, 60, 2), QString());
        QCOMPARE(panels[0]->receivedCount() + panels[1]->receivedCount(), keptBefore + 60 + 6);
    }

    // "from a time": the first message shown on each partition is exactly
    // the first at or after that time. Real Kafka looks the offsets up by
    // time; the sandbox cannot, and the events say it reads from the
    // beginning and skips older messages instead.
    void fromATimeShowsExactlyWhatCameAfter()
    {
        QVERIFY(produce(0, 0, 5));
        QVERIFY(produce(1, 5, 2));
        // The form takes whole seconds: start at the next one, once it has come.
        const QDateTime from = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch() + 1);
        QVERIFY(QTest::qWaitFor([&] { return QDateTime::currentDateTime() >= from; }, 3000));
        QVERIFY(produce(0, 7, 3));
        QVERIFY(produce(1, 10, 2));
        QVERIFY(produce(5, 12, 1));

        ConsumerPanel *panel = m_window->consumerPanels().first();
        watch(panel);
        panel->setTopics(m_topic);
        auto *mode = panel->findChild<QComboBox *>(QStringLiteral("modeCombo"));
        mode->setCurrentIndex(mode->findData(int(kafka::ConsumerSpec::Mode::Manual)));
        auto *start = panel->findChild<QComboBox *>(QStringLiteral("startCombo"));
        start->setCurrentIndex(start->findData(int(kafka::ConsumerSpec::Start::Timestamp)));
        panel->findChild<QDateTimeEdit *>(QStringLiteral("timeEdit"))->setDateTime(from);
        QTest::mouseClick(button(panel, "startButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel->messagesModel()->rowCount(), 6, 15000);
        QStringList keys;
        for (int row = 0; row < 6; ++row)
            keys.append(QString::fromUtf8(panel->messagesModel()->recordAt(row).key));
        keys.sort();
        QCOMPARE(keys, (QStringList{QStringLiteral("k10"), QStringLiteral("k11"), QStringLiteral("k12"),
                                    QStringLiteral("k7"), QStringLiteral("k8"), QStringLiteral("k9")}));
        const bool fellBack = panel->eventsModel()->stringList().join(QLatin1Char('\n')).contains(
            QLatin1String("cannot look up offsets by time"));
        QCOMPARE(fellBack, !testsupport::TestCluster::real());
        // Nothing older arrives later: once a sentinel written now has come
        // from every partition, everything before it on them has too.
        QVERIFY(settle({panel}, 1));
        QCOMPARE(panel->messagesModel()->rowCount(), 6 + 6);
        QHash<QByteArray, int> shown = shownKeys({panel});
        QCOMPARE(exactlyOnce(shown, 7, 6, 1), QString());
    }
};

KAFKADESK_GUITEST_MAIN(TestConsumerPanel)
#include "test_consumerpanel.moc"
