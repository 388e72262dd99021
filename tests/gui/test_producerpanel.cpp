#include "deliveriesmodel.h"
#include "headersmodel.h"
#include "mainwindow.h"
#include "producerpanel.h"

#include "kafka/sandbox.h"
#include "kcat.h"
#include "testcluster.h"
#include "guitest.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTest>
#include <QTimer>

using namespace kafka;

// The producer panel against a sandbox and real Kafka, driven through its
// widgets as a user would; kcat reads back what it produced.
//
// Time budgets: the QTRY/wait limits of all the test functions add up to
// 400 s, and six kcat reads of at most ReadLimitMs (30 s) to 180 s: 580 s in
// all, so tests/CMakeLists.txt gives the test a CTest TIMEOUT of 600 s (both
// variants). Below the sum, CTest would kill a slow run that every step still
// allowed, without saying which step was slow. Change both together.
class TestProducerPanel : public QObject {
    Q_OBJECT

    std::unique_ptr<testsupport::TestCluster> m_cluster;
    QString m_topic;
    std::unique_ptr<ProducerPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_deliveriesTester;
    std::unique_ptr<QAbstractItemModelTester> m_headersTester;

    template <typename T>
    T *widget(const char *name) const
    {
        auto *w = m_panel->findChild<T *>(QString::fromLatin1(name));
        if (!w)
            qFatal("no widget %s", name);
        return w;
    }

    void fill(const QString &topic, const QString &key, const QString &value, int partition = -1)
    {
        widget<QComboBox>("topicCombo")->setEditText(topic);
        widget<QLineEdit>("keyEdit")->setText(key);
        widget<QPlainTextEdit>("valueEdit")->setPlainText(value);
        widget<QSpinBox>("partitionSpin")->setValue(partition);
    }

    // kcat's view of a whole topic, one "key|value|headers|partition" per
    // message: everything up to the end of every partition (-e), not the
    // first N (-c), so a message that should not be there is seen.
    static constexpr int ReadLimitMs = 30000;
    QStringList readWithKcat(const QString &topic)
    {
        const auto result = testsupport::kcat({QStringLiteral("-C"), QStringLiteral("-b"), m_cluster->bootstrapServers(),
                                               QStringLiteral("-t"), topic, QStringLiteral("-o"), QStringLiteral("beginning"),
                                               QStringLiteral("-e"),
                                               QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("%k|%s|%h|%p\\n")},
                                              {}, ReadLimitMs);
        if (!result.finished || result.exitCode != 0)
            qWarning() << "kcat:" << result.err;
        return QString::fromUtf8(result.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        auto cluster = testsupport::TestCluster::start(3);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
        m_topic = testsupport::TestCluster::name(QStringLiteral("orders"));
        QVERIFY(!m_cluster->createTopic(TopicSpec{m_topic, 6, 3}));
        m_panel = std::make_unique<ProducerPanel>();
        m_deliveriesTester = std::make_unique<testsupport::ModelTester>(
            m_panel->deliveriesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_headersTester = std::make_unique<testsupport::ModelTester>(
            m_panel->headersModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_panel->setConnection({m_cluster->bootstrapServers(), {}});
        m_panel->setTopics({m_topic});
        // In flight never below zero: each message is counted as sent before its report.
        connect(m_panel.get(), &ProducerPanel::tallyChanged, this, [this] { QVERIFY(m_panel->tally().inFlight() >= 0); });
        m_panel->show();
    }

    void cleanup()
    {
        m_deliveriesTester.reset();
        m_headersTester.reset();
        m_panel.reset();
        m_cluster.reset();
    }

    void clickProduceAndKcatReadsExactlyThatMessage()
    {
        fill(m_topic, QStringLiteral("customer-7"), QStringLiteral("{\"total\": 12.5}"), 4);
        const QModelIndex header = m_panel->headersModel()->addRow();
        m_panel->headersModel()->setData(header, QStringLiteral("trace"));
        m_panel->headersModel()->setData(header.siblingAtColumn(HeadersModel::ValueColumn), QStringLiteral("t-1"));
        QTest::mouseClick(widget<QPushButton>("produceButton"), Qt::LeftButton);

        DeliveriesModel *rows = m_panel->deliveriesModel();
        QTRY_COMPARE_WITH_TIMEOUT(rows->rowCount(), 1, 10000);
        QCOMPARE(rows->index(0, DeliveriesModel::StatusColumn).data().toString(), QStringLiteral("delivered"));
        QCOMPARE(rows->index(0, DeliveriesModel::PartitionColumn).data().toString(), QStringLiteral("4"));
        QCOMPARE(rows->index(0, DeliveriesModel::KeyColumn).data().toString(), QStringLiteral("customer-7"));
        QCOMPARE(m_panel->tally().delivered, 1);
        QVERIFY2(m_panel->messageText().contains(QLatin1String("partition 4, offset 0")), qPrintable(m_panel->messageText()));

        QCOMPARE(readWithKcat(m_topic),
                 QStringList{QStringLiteral("customer-7|{\"total\": 12.5}|trace=t-1|4")});
    }

    void ctrlReturnProducesFromTheValueEditor()
    {
        fill(m_topic, QString(), QStringLiteral("typed"));
        QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
        widget<QPlainTextEdit>("valueEdit")->setFocus();
        QTest::keyClick(widget<QPlainTextEdit>("valueEdit"), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->tally().delivered, 1, 10000);
        // The shortcut produced; it did not type a newline into the value.
        QCOMPARE(widget<QPlainTextEdit>("valueEdit")->toPlainText(), QStringLiteral("typed"));
        const QStringList read = readWithKcat(m_topic);
        QCOMPARE(read.size(), 1);
        QCOMPARE(read[0].section(QLatin1Char('|'), 0, 1), QStringLiteral("|typed"));
    }

    void missingPartitionIsAVisibleFailure()
    {
        fill(m_topic, QStringLiteral("k"), QStringLiteral("v"), 42);
        QTest::mouseClick(widget<QPushButton>("produceButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->tally().failed, 1, 15000);
        QCOMPARE(m_panel->tally().inFlight(), 0);
        const QString status = m_panel->deliveriesModel()->index(0, DeliveriesModel::StatusColumn).data().toString();
        QVERIFY2(status.contains(QLatin1String("Unknown partition")), qPrintable(status));
        QVERIFY2(m_panel->messageText().startsWith(QLatin1String("Not delivered")), qPrintable(m_panel->messageText()));
        QVERIFY(widget<QLabel>("failuresLabel")->isVisible());
        QVERIFY(widget<QLabel>("failuresLabel")->text().contains(QLatin1String("Unknown partition")));
    }

    void bulkFromTemplateAddsUp()
    {
        constexpr int Count = 100000;
        fill(m_topic, QStringLiteral("order-{i}"), QStringLiteral("{\"id\": {i}, \"at\": {now}}"));
        widget<QSpinBox>("countSpin")->setValue(Count);
        QSignalSpy done(m_panel.get(), &ProducerPanel::bulkDone);
        QTest::mouseClick(widget<QPushButton>("bulkButton"), Qt::LeftButton);
        QVERIFY(m_panel->isBulkRunning());
        QVERIFY(!widget<QPushButton>("produceButton")->isEnabled());
        QVERIFY(widget<QPushButton>("cancelBulkButton")->isEnabled());
        QVERIFY(done.wait(60000));

        const DeliveryTally &tally = m_panel->tally();
        QCOMPARE(tally.sent, Count);
        QCOMPARE(tally.delivered, Count);
        QCOMPARE(tally.failed, 0);
        QCOMPARE(tally.inFlight(), 0);
        QVERIFY2(m_panel->bulkStatusText().startsWith(QLatin1String("Done: 100,000 delivered, 0 failed")),
                 qPrintable(m_panel->bulkStatusText()));
        QCOMPARE(m_panel->deliveriesModel()->rowCount(), m_panel->deliveriesModel()->capacity());
        QVERIFY(widget<QPushButton>("produceButton")->isEnabled());

        // Every message once, its value made from the same {i} as its key.
        const testsupport::TestSideBlocking allow("the test checks 100,000 messages");
        const QStringList read = readWithKcat(m_topic);
        QCOMPARE(read.size(), Count);
        QList<bool> seen(Count, false);
        for (const QString &line : read) {
            const QStringList fields = line.split(QLatin1Char('|'));
            QVERIFY2(fields.size() == 4 && fields[0].startsWith(QLatin1String("order-")), qPrintable(line));
            bool number = false;
            const int i = fields[0].mid(6).toInt(&number);
            QVERIFY2(number && i >= 0 && i < Count, qPrintable(line));
            QVERIFY2(!seen[i], qPrintable(QStringLiteral("twice: ") + line));
            seen[i] = true;
            QVERIFY2(fields[1].startsWith(QStringLiteral("{\"id\": %1, \"at\": ").arg(i)), qPrintable(line));
        }
    }

    // A file is read as it is produced: its total shows once it has been
    // read, and a line over message.max.bytes fails naming its line.
    void bulkFromAFileCountsItsLinesAndNamesATooLongOne()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("first\n" + QByteArray(1'000'001, 'x') + "\nthird\n");
        file.close();
        widget<QComboBox>("topicCombo")->setEditText(m_topic);
        auto *source = widget<QComboBox>("sourceCombo");
        source->setCurrentIndex(source->findData(int(BulkSpec::Source::Lines)));
        widget<QLineEdit>("fileEdit")->setText(file.fileName());
        QSignalSpy done(m_panel.get(), &ProducerPanel::bulkDone);
        QTest::mouseClick(widget<QPushButton>("bulkButton"), Qt::LeftButton);
        QVERIFY(done.wait(20000));
        const DeliveryTally &tally = m_panel->tally();
        QCOMPARE(tally.sent, 3);
        QCOMPARE(tally.delivered, 2);
        QCOMPARE(tally.failed, 1);
        QVERIFY2(m_panel->bulkStatusText().startsWith(QLatin1String("Done: 2 delivered, 1 failed")),
                 qPrintable(m_panel->bulkStatusText()));
        const QString failures = widget<QLabel>("failuresLabel")->text();
        QVERIFY2(failures.contains(QLatin1String("Line 2 is longer than message.max.bytes (1000000 bytes); not sent.")),
                 qPrintable(failures));
        QCOMPARE(widget<QProgressBar>("bulkProgress")->maximum(), 3);
        QCOMPARE(widget<QProgressBar>("bulkProgress")->value(), 3);
    }

    // JSON lines are sent as written; an exported line's partition and
    // timestamp are used when asked (the two boxes show for JSON lines only).
    void bulkJsonLinesUseTheirPartitionsAndTimestampsWhenAsked()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("{\"key\":\"a\",\"value\":{\"z\":1,\"a\":1.50},\"partition\":4,\"timestamp\":1600000000000}\n"
                   "{\"key\":\"b\",\"value\":\"x\",\"partition\":1,\"timestamp\":1600000000001,"
                   "\"headers\":[{\"name\":\"h\",\"value\":\"1\"},{\"name\":\"h\",\"value\":\"2\"}]}\n");
        file.close();
        widget<QComboBox>("topicCombo")->setEditText(m_topic);
        auto *source = widget<QComboBox>("sourceCombo");
        auto *keepPartitions = widget<QCheckBox>("keepPartitionsCheck");
        auto *keepTimestamps = widget<QCheckBox>("keepTimestampsCheck");
        source->setCurrentIndex(source->findData(int(BulkSpec::Source::Lines)));
        QVERIFY(!keepPartitions->isVisibleTo(m_panel.get()));
        source->setCurrentIndex(source->findData(int(BulkSpec::Source::JsonLines)));
        QVERIFY(keepPartitions->isVisibleTo(m_panel.get()));
        keepPartitions->setChecked(true);
        keepTimestamps->setChecked(true);
        widget<QLineEdit>("fileEdit")->setText(file.fileName());
        QSignalSpy done(m_panel.get(), &ProducerPanel::bulkDone);
        QTest::mouseClick(widget<QPushButton>("bulkButton"), Qt::LeftButton);
        QVERIFY(done.wait(20000));
        QCOMPARE(m_panel->tally().delivered, 2);
        const auto read = testsupport::kcat({QStringLiteral("-C"), QStringLiteral("-b"), m_cluster->bootstrapServers(),
                                             QStringLiteral("-t"), m_topic, QStringLiteral("-e"), QStringLiteral("-q"),
                                             QStringLiteral("-f"), QStringLiteral("%p %T %k %s %h\\n")},
                                            {}, ReadLimitMs);
        QStringList lines = QString::fromUtf8(read.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        lines.sort();
        QCOMPARE(lines, (QStringList{QStringLiteral("1 1600000000001 b x h=1,h=2"),
                                     QStringLiteral("4 1600000000000 a {\"z\":1,\"a\":1.50} ")}));
    }

    void cancelStopsABulkRunAndItsMessagesStillEnd()
    {
        widget<QComboBox>("topicCombo")->setEditText(m_topic);
        widget<QSpinBox>("countSpin")->setValue(10'000'000);
        QSignalSpy done(m_panel.get(), &ProducerPanel::bulkDone);
        QTest::mouseClick(widget<QPushButton>("bulkButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->tally().delivered > 0, 10000);
        QTest::mouseClick(widget<QPushButton>("cancelBulkButton"), Qt::LeftButton);
        QVERIFY(done.wait(30000));
        const DeliveryTally &tally = m_panel->tally();
        QVERIFY(tally.sent < 10'000'000);
        QCOMPARE(tally.delivered, tally.sent);
        QVERIFY2(m_panel->bulkStatusText().startsWith(QLatin1String("Cancelled after")), qPrintable(m_panel->bulkStatusText()));
        // What was delivered is in the topic, and nothing else.
        QCOMPARE(readWithKcat(m_topic).size(), tally.delivered);
    }

    // A broker goes down in the middle of a bulk run and comes back: every
    // message ends delivered or failed, and among the delivered kcat finds
    // each exactly once.
    void brokerDownMidBulkEveryMessageEndsOnce()
    {
        // Large enough to be running when the broker goes down; small enough
        // for the sandbox to keep every message (about 100k per partition).
        if (!m_cluster->sandbox())
            QSKIP("The shared real cluster cannot lose a broker: test_faults kills one during a "
                  "1,000,000-message produce on a cluster of its own.");
        constexpr int Count = 300000;
        // Reports per key: every key 0..Count-1 must end exactly once,
        // delivered or failed.
        QHash<QByteArray, int> delivered;
        QHash<QByteArray, int> failed;
        connect(m_panel.get(), &ProducerPanel::deliveriesReceived, this, [&](const QList<Delivery> &batch) {
            const testsupport::TestSideBlocking allow("the test counts each delivery");
            for (const Delivery &d : batch)
                ++(d.delivered() ? delivered : failed)[*d.key];
        });
        fill(m_topic, QStringLiteral("{i}"), QStringLiteral("value-{i}"));
        widget<QSpinBox>("countSpin")->setValue(Count);
        QSignalSpy done(m_panel.get(), &ProducerPanel::bulkDone);
        QTest::mouseClick(widget<QPushButton>("bulkButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->tally().delivered > 0, 10000);
        QVERIFY(!testsupport::TestCluster::setBrokerDown(m_cluster->sandbox(), 2, true));
        QVERIFY2(m_panel->tally().finished() < Count, "the run ended before the broker went down");
        // Down while the run hands over another 50,000 messages (or all of
        // them); then back. Down longer, the local queue fills with the down
        // broker's messages and the run waits for room (backpressure).
        const qint64 sentAtDown = m_panel->tally().sent;
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->tally().sent >= std::min<qint64>(Count, sentAtDown + 50000), 30000);
        QVERIFY(m_panel->tally().inFlight() > 0);
        QVERIFY(!testsupport::TestCluster::setBrokerDown(m_cluster->sandbox(), 2, false));
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 90000);

        const DeliveryTally &tally = m_panel->tally();
        QCOMPARE(tally.finished(), Count);
        qInfo() << "delivered" << tally.delivered << "failed" << tally.failed << tally.failureReasons;
        // Each key reported once, delivered or failed, and the tally agrees.
        QCOMPARE(qint64(delivered.size()), tally.delivered);
        QCOMPARE(qint64(failed.size()), tally.failed);
        const testsupport::TestSideBlocking allow("the test checks 300,000 keys");
        for (int i = 0; i < Count; ++i) {
            const QByteArray key = QByteArray::number(i);
            const int reports = delivered.value(key) + failed.value(key);
            QVERIFY2(reports == 1, qPrintable(QStringLiteral("key %1: %2 reports").arg(i).arg(reports)));
        }

        // kcat reads every delivered key exactly once, and nothing else: no
        // failed key, no duplicate, nothing unknown.
        const QStringList read = readWithKcat(m_topic);
        QHash<QByteArray, int> readCount;
        for (const QString &line : read)
            ++readCount[line.section(QLatin1Char('|'), 0, 0).toUtf8()];
        for (auto it = readCount.cbegin(); it != readCount.cend(); ++it) {
            QVERIFY2(it.value() == 1, qPrintable(QStringLiteral("key %1 read %2 times").arg(QString::fromUtf8(it.key())).arg(it.value())));
            QVERIFY2(delivered.contains(it.key()), qPrintable(QStringLiteral("key %1 read but %2").arg(
                QString::fromUtf8(it.key()), failed.contains(it.key()) ? QStringLiteral("reported failed") : QStringLiteral("never sent"))));
        }
        for (auto it = delivered.cbegin(); it != delivered.cend(); ++it)
            QVERIFY2(readCount.contains(it.key()), qPrintable(QStringLiteral("key %1 delivered but not read").arg(QString::fromUtf8(it.key()))));
        QCOMPARE(qint64(read.size()), tally.delivered);
    }

    void acksBelowAllTurnsIdempotenceOff()
    {
        auto *acks = widget<QComboBox>("acksCombo");
        auto *idempotence = widget<QCheckBox>("idempotenceCheck");
        QVERIFY(idempotence->isChecked());
        acks->setCurrentIndex(acks->findData(QStringLiteral("1")));
        QVERIFY(!idempotence->isChecked());
        QVERIFY(!idempotence->isEnabled());
        widget<QComboBox>("compressionCombo")->setCurrentIndex(widget<QComboBox>("compressionCombo")->findData(QStringLiteral("gzip")));
        const auto properties = m_panel->producerConfig().properties;
        QVERIFY(properties.contains({QStringLiteral("acks"), QStringLiteral("1")}));
        QVERIFY(properties.contains({QStringLiteral("enable.idempotence"), QStringLiteral("false")}));
        QVERIFY(properties.contains({QStringLiteral("compression.type"), QStringLiteral("gzip")}));

        // The new settings are in use: the message goes out and arrives.
        fill(m_topic, QStringLiteral("k"), QStringLiteral("compressed"));
        QTest::mouseClick(widget<QPushButton>("produceButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->tally().delivered, 1, 10000);
        // With acks=1 a message is delivered once its leader has it; readers
        // see it once the followers have it too (the high watermark), which
        // on a real cluster can be a moment later.
        QStringList read;
        QTRY_COMPARE_WITH_TIMEOUT((read = readWithKcat(m_topic)).size(), 1, 30000);
        QCOMPARE(read[0].section(QLatin1Char('|'), 0, 1), QStringLiteral("k|compressed"));
        acks->setCurrentIndex(acks->findData(QStringLiteral("all")));
        QVERIFY(idempotence->isChecked());
    }

    // The codec is applied, or the panel says it is not: the sandbox plays a
    // broker without Produce v0-v2 (gzip is then sent uncompressed by
    // librdkafka 2.0.2); real Kafka 4.x stores gzip batches.
    void compressionNotAppliedIsShown()
    {
        if (Sandbox *sandbox = m_cluster->sandbox())
            QVERIFY(!sandbox->setApiVersions(kafka::Sandbox::ApiKey::Produce, 3, 7));
        auto *compression = widget<QComboBox>("compressionCombo");
        compression->setCurrentIndex(compression->findData(QStringLiteral("gzip")));
        fill(m_topic, QStringLiteral("k"), QString(2000, QLatin1Char('z')), 3);
        QTest::mouseClick(widget<QPushButton>("produceButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->tally().delivered, 1, 10000);
        if (m_cluster->sandbox()) {
            QTRY_VERIFY_WITH_TIMEOUT(m_panel->compressionNotice().startsWith(QStringLiteral("Compression gzip is not applied")),
                                     5000);
            QCOMPARE(compression->toolTip(), m_panel->compressionNotice());
            QCOMPARE(m_panel->messageText(), m_panel->compressionNotice());
            // Another choice is judged afresh.
            compression->setCurrentIndex(compression->findData(QStringLiteral("zstd")));
            QVERIFY(m_panel->compressionNotice().isEmpty());
        } else {
            QVERIFY2(m_panel->compressionNotice().isEmpty(), qPrintable(m_panel->compressionNotice()));
            QCOMPARE(testsupport::TestCluster::storedCodecs(m_topic, 3), QStringList{QStringLiteral("gzip")});
        }
    }

    // Quitting with messages in flight asks, showing the count.
    void quitWithMessagesInFlightAsksToWaitOrAbandon_data()
    {
        QTest::addColumn<QString>("answer");
        QTest::newRow("wait") << QStringLiteral("&Wait");
        QTest::newRow("abandon") << QStringLiteral("&Abandon and quit");
    }
    void quitWithMessagesInFlightAsksToWaitOrAbandon()
    {
        QFETCH(QString, answer);
        if (testsupport::TestCluster::real())
            QSKIP("Needs its only broker down, which the shared real cluster cannot do: test_lifecycle quits with "
                  "brokers down on the sandbox.");
        MainWindow window;
        window.show();
        QVERIFY(window.connectTo(ConnectionSpec::sandbox(1)));
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStateText().startsWith(QLatin1String("Connected")), 10000);
        ProducerPanel *panel = window.producerPanel();
        // With the only broker down, messages stay in flight.
        QVERIFY(!testsupport::TestCluster::setBrokerDown(window.connection()->sandbox(), 1, true));
        panel->setTopic(QStringLiteral("demo"));
        for (int i = 0; i < 2; ++i)
            panel->produceMessage();
        QTRY_COMPARE_WITH_TIMEOUT(panel->tally().sent, 2, 5000);
        QCOMPARE(panel->tally().inFlight(), 2);

        QString question;
        QTimer::singleShot(0, this, [&] {
            QTRY_VERIFY(qobject_cast<QMessageBox *>(QApplication::activeModalWidget()));
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            question = box->text();
            for (QAbstractButton *button : box->buttons())
                if (button->text() == answer)
                    button->click();
        });
        // Asked, so not closed now, whichever the answer: waiting keeps it
        // open, abandoning closes it once the producer has let go.
        QVERIFY(!window.close());
        QCOMPARE(question, QStringLiteral("2 messages are still in flight."));
        if (answer.contains(QLatin1String("Abandon"))) {
            // The window closes once the producer has let its messages go.
            QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 10000);
            QCOMPARE(panel->tally().failed, 2);
            return;
        }
        // Waiting: the window stays until the messages are delivered.
        QVERIFY(window.isVisible());
        QVERIFY(!testsupport::TestCluster::setBrokerDown(window.connection()->sandbox(), 1, false));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 20000);
        QCOMPARE(panel->tally().delivered, 2);
    }

    void jsonHintNeverBlocks()
    {
        auto *hint = widget<QLabel>("jsonHintLabel");
        widget<QPlainTextEdit>("valueEdit")->setPlainText(QStringLiteral("{\"a\": "));
        QTRY_VERIFY(hint->text().contains(QLatin1String("Not JSON")));
        widget<QPlainTextEdit>("valueEdit")->setPlainText(QStringLiteral("{\"a\": {i}}"));
        QTRY_VERIFY(hint->text().contains(QLatin1String("once placeholders")));
        widget<QPlainTextEdit>("valueEdit")->setPlainText(QStringLiteral("[1, 2]"));
        QTRY_VERIFY(hint->text().contains(QLatin1String("Valid JSON.")));
        QVERIFY(widget<QPushButton>("produceButton")->isEnabled());
    }
};

KAFKADESK_GUITEST_MAIN(TestProducerPanel)
#include "test_producerpanel.moc"
