#include "kafka/deliverytally.h"
#include "kafka/producerworker.h"
#include "kafka/sandbox.h"

#include "kcat.h"
#include "testcluster.h"
#include "threadspy.h"

#include <QMap>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryFile>
#include <QTest>

#include <QThread>

#include <atomic>

using namespace kafka;

// Signals from the worker thread are recorded by testsupport::ThreadSpy (on
// this thread) and awaited with QTRY on its count.
//
// Time budgets, worst case: init() and cleanup() run around each of the 10
// test functions, 45 s each time (the real cluster's topic creation 30 s,
// opened 5 s, the thread's end 10 s): 450 s; the test functions' own QTRY
// limits add up to 265 s (40 + 15 + 60 + 50 + 15 + 5 + 30 + 25 + 25 + 0): 715 s
// in all, so tests/CMakeLists.txt gives the test a CTest TIMEOUT of 750 s
// (both variants). Below the sum, CTest would kill a slow run that every
// step still allowed, without saying which step was slow. Change both
// together.
class TestProducerWorker : public QObject {
    Q_OBJECT

    std::unique_ptr<testsupport::TestCluster> m_cluster;
    QString m_topic;
    QThread m_thread;
    ProducerWorker *m_worker = nullptr;

private slots:
    void init()
    {
        auto cluster = testsupport::TestCluster::start(3);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
        m_topic = m_cluster->name(QStringLiteral("t"));
        QVERIFY(!m_cluster->createTopic(TopicSpec{m_topic, 6, 3}));

        m_worker = new ProducerWorker({m_cluster->bootstrapServers(), {}});
        m_worker->moveToThread(&m_thread);
        connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
        m_thread.start();
        testsupport::ThreadSpy opened(m_worker, &ProducerWorker::opened);
        QMetaObject::invokeMethod(m_worker, &ProducerWorker::open, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(opened.count() > 0, 5000);
    }
    // Adds up what the worker reports, as the producer panel does.
    void track(DeliveryTally &tally, QSet<QByteArray> *deliveredKeys = nullptr)
    {
        connect(m_worker, &ProducerWorker::sent, this, [&tally](qint64 n) { tally.sent += n; });
        connect(m_worker, &ProducerWorker::delivered, this, [&tally, deliveredKeys](const QList<Delivery> &batch) {
            // In flight never goes negative: sent() precedes each message's report.
            QVERIFY(tally.inFlight() >= batch.size());
            tally.add(batch);
            if (deliveredKeys)
                for (const Delivery &d : batch)
                    if (d.delivered())
                        deliveredKeys->insert(d.key.value_or(QByteArray()));
        });
    }

    BulkSpec templateBulk(qint64 count) const
    {
        BulkSpec spec;
        spec.message = {m_topic, QByteArray("key-{i}"), "value-{i}-{uuid}", {{"run", "{now}"}}, -1};
        spec.count = count;
        return spec;
    }

    void cleanup()
    {
        m_thread.quit();
        QVERIFY(m_thread.wait(10000));
        m_cluster.reset();
    }

    void deliveriesArriveInBatchesFromTheWorkerThread()
    {
        constexpr int Batches = 10;
        constexpr int PerBatch = 2000;
        // Written on the worker thread, read here: atomics (ThreadSanitizer
        // found the plain counters racing).
        std::atomic<qint64> delivered = 0;
        std::atomic<int> batchSignals = 0;
        std::atomic<bool> allOnWorkerThread = true;
        // Direct connection: runs where the signal is emitted.
        connect(m_worker, &ProducerWorker::delivered, this,
                [&](const QList<Delivery> &batch) {
                    if (QThread::currentThread() != &m_thread)
                        allOnWorkerThread = false;
                    for (const Delivery &d : batch)
                        delivered += d.delivered() ? 1 : 0;
                    ++batchSignals;
                },
                Qt::DirectConnection);
        testsupport::ThreadSpy sent(m_worker, &ProducerWorker::sent);

        for (int b = 0; b < Batches; ++b) {
            QList<ProduceRequest> batch;
            for (int i = 0; i < PerBatch; ++i)
                batch.append({m_topic, QByteArray::number(b * PerBatch + i), QByteArray(100, 'x'), {}, -1});
            QMetaObject::invokeMethod(m_worker, "produce", Qt::QueuedConnection,
                                      Q_ARG(QList<kafka::ProduceRequest>, batch));
        }
        QTRY_COMPARE_WITH_TIMEOUT(delivered.load(), qint64(Batches * PerBatch), 30000);
        QCOMPARE(sent.count(), Batches);
        QVERIFY(allOnWorkerThread);
        // Batched: far fewer batchSignals than messages.
        QVERIFY2(batchSignals < Batches * PerBatch / 20, qPrintable(QString::number(batchSignals.load())));

        testsupport::ThreadSpy flushed(m_worker, &ProducerWorker::flushed);
        QMetaObject::invokeMethod(m_worker, "flush", Qt::QueuedConnection, Q_ARG(int, 5000));
        QTRY_VERIFY_WITH_TIMEOUT(flushed.count() > 0, 10000);
        QCOMPARE(flushed.first().first().toLongLong(), 0);
    }

    // Before metadata arrives librdkafka accepts a message for a partition
    // that does not exist and fails it in its delivery report; afterwards it
    // refuses it at once. Either way each message ends as a visible failure.
    void missingPartitionEndsAsVisibleFailures()
    {
        int failures = 0;
        QStringList reasons;
        connect(m_worker, &ProducerWorker::delivered, this, [&](const QList<Delivery> &batch) {
            for (const Delivery &d : batch) {
                failures += d.delivered() ? 0 : 1;
                reasons.append(d.errorText());
            }
        });
        const QList<ProduceRequest> batch{{m_topic, std::nullopt, "a", {}, 42}, {m_topic, std::nullopt, "b", {}, 43}};
        for (int round = 0; round < 2; ++round) // the second round runs with metadata known
            QMetaObject::invokeMethod(m_worker, "produce", Qt::QueuedConnection,
                                      Q_ARG(QList<kafka::ProduceRequest>, batch));
        QTRY_COMPARE_WITH_TIMEOUT(failures, 4, 15000);
        for (const QString &reason : std::as_const(reasons))
            QVERIFY2(reason.contains(QLatin1String("Unknown partition")), qPrintable(reason));
    }

    void bulkFromTemplateDeliversEveryMessageOnce()
    {
        constexpr qint64 Count = 30000;
        DeliveryTally tally;
        QSet<QByteArray> keys;
        track(tally, &keys);
        testsupport::ThreadSpy started(m_worker, &ProducerWorker::bulkStarted);
        testsupport::ThreadSpy finished(m_worker, &ProducerWorker::bulkFinished);
        QMetaObject::invokeMethod(m_worker, "startBulk", Qt::QueuedConnection,
                                  Q_ARG(kafka::BulkSpec, templateBulk(Count)));
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 30000);
        QCOMPARE(started.first().first().toLongLong(), Count);
        QCOMPARE(finished.first().at(0).toLongLong(), Count);
        QCOMPARE(finished.first().at(1).toBool(), false);
        QTRY_COMPARE_WITH_TIMEOUT(tally.finished(), Count, 30000);
        QCOMPARE(tally.sent, Count);
        QCOMPARE(tally.delivered, Count);
        QCOMPARE(keys.size(), Count);
        QVERIFY(keys.contains("key-0") && keys.contains("key-29999"));
    }

    void cancelledBulkStopsAndItsMessagesStillEnd()
    {
        DeliveryTally tally;
        track(tally);
        testsupport::ThreadSpy finished(m_worker, &ProducerWorker::bulkFinished);
        testsupport::ThreadSpy sent(m_worker, &ProducerWorker::sent);
        QMetaObject::invokeMethod(m_worker, "startBulk", Qt::QueuedConnection,
                                  Q_ARG(kafka::BulkSpec, templateBulk(10'000'000)));
        QTRY_VERIFY_WITH_TIMEOUT(sent.count() > 0, 10000);
        QMetaObject::invokeMethod(m_worker, &ProducerWorker::cancelBulk, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 10000);
        const qint64 produced = finished.first().at(0).toLongLong();
        QCOMPARE(finished.first().at(1).toBool(), true);
        QVERIFY(produced > 0 && produced < 10'000'000);
        QTRY_COMPARE_WITH_TIMEOUT(tally.finished(), produced, 30000);
        QCOMPARE(tally.sent, produced);
        QCOMPARE(tally.delivered, produced);
    }

    void badLinesOfAJsonFileAreFailuresWithTheirReason()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("{\"key\":\"a\",\"value\":\"1\"}\n{oops\n{\"key\":\"b\",\"value\":\"2\"}\n");
        file.close();
        BulkSpec spec;
        spec.source = BulkSpec::Source::JsonLines;
        spec.message.topic = m_topic;
        spec.filePath = file.fileName();
        DeliveryTally tally;
        QSet<QByteArray> keys;
        track(tally, &keys);
        QMetaObject::invokeMethod(m_worker, "startBulk", Qt::QueuedConnection, Q_ARG(kafka::BulkSpec, spec));
        QTRY_COMPARE_WITH_TIMEOUT(tally.finished(), 3, 15000);
        QCOMPARE(tally.delivered, 2);
        QCOMPARE(tally.failed, 1);
        QVERIFY2(tally.failureReasons.firstKey().startsWith(QLatin1String("Line 2: not a JSON object")),
                 qPrintable(tally.failureReasons.firstKey()));
        QCOMPARE(keys, (QSet<QByteArray>{"a", "b"}));
    }

    // A file hundreds of times larger than the producer's bound on a line
    // (message.max.bytes, set low here) is read as it is produced, never
    // whole: every line arrives byte for byte (kcat reads them back), the
    // one line over the bound fails naming its line, and the total is said
    // to be unknown until the file has been read.
    void bulkFromALargeFileIsProducedByteForByte()
    {
        constexpr int MaxMessageBytes = 10000;
        constexpr qint64 FileBytes = 6 * 1024 * 1024;
        constexpr qint64 LongLine = 100; // 0-based
        testsupport::ThreadSpy reopened(m_worker, &ProducerWorker::opened);
        const ClientConfig bounded{m_cluster->bootstrapServers(),
                                   {{QStringLiteral("message.max.bytes"), QString::number(MaxMessageBytes)}}};
        QMetaObject::invokeMethod(m_worker, "reconfigure", Qt::QueuedConnection, Q_ARG(kafka::ClientConfig, bounded));
        QTRY_COMPARE_WITH_TIMEOUT(reopened.count(), 1, 5000);

        QTemporaryFile file;
        QVERIFY(file.open());
        QByteArray expected; // what kcat must read back: every line but the long one
        QRandomGenerator random(11);
        qint64 lines = 0;
        while (file.size() < FileBytes) {
            QByteArray line(lines == LongLine ? MaxMessageBytes + 1 : random.bounded(8000), Qt::Uninitialized);
            for (char &c : line) {
                c = char(random.bounded(256));
                if (c == '\n' || c == '\r')
                    c = '.';
            }
            QCOMPARE(file.write(line + '\n'), line.size() + 1);
            if (lines++ != LongLine)
                expected += line + '\n';
        }
        file.close();

        BulkSpec spec;
        spec.source = BulkSpec::Source::Lines;
        // Keyed by line number, spread over the partitions: the sandbox keeps
        // only the last 5 MB or so of a partition.
        spec.message = {m_topic, QByteArray("{i}"), {}, {}, -1};
        spec.filePath = file.fileName();
        DeliveryTally tally;
        track(tally);
        testsupport::ThreadSpy started(m_worker, &ProducerWorker::bulkStarted);
        testsupport::ThreadSpy finished(m_worker, &ProducerWorker::bulkFinished);
        QMetaObject::invokeMethod(m_worker, "startBulk", Qt::QueuedConnection, Q_ARG(kafka::BulkSpec, spec));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QCOMPARE(started.first().first().toLongLong(), BulkSource::UnknownTotal);
        QCOMPARE(finished.first().at(0).toLongLong(), lines);
        QTRY_COMPARE_WITH_TIMEOUT(tally.finished(), lines, 60000);
        QCOMPARE(tally.failed, 1);
        QCOMPARE(tally.failureReasons.firstKey(),
                 QStringLiteral("Line %1 is longer than message.max.bytes (%2 bytes); not sent.")
                     .arg(LongLine + 1)
                     .arg(MaxMessageBytes));

        const auto read = testsupport::kcat({QStringLiteral("-C"), QStringLiteral("-b"), m_cluster->bootstrapServers(),
                                             QStringLiteral("-t"), m_topic, QStringLiteral("-e"), QStringLiteral("-q"),
                                             QStringLiteral("-f"), QStringLiteral("%k\t%s\n")});
        QVERIFY2(read.finished && read.exitCode == 0, read.err.constData());
        // Back in file order by the keys (the line numbers); the values hold no '\n'.
        QMap<qint64, QByteArray> byLine;
        for (const QByteArray &message : read.out.split('\n')) {
            const qsizetype tab = message.indexOf('\t');
            if (tab > 0)
                byLine.insert(message.left(tab).toLongLong(), message.mid(tab + 1));
        }
        QCOMPARE(byLine.size(), lines - 1);
        QByteArray consumed;
        for (const QByteArray &value : std::as_const(byLine))
            consumed += value + '\n';
        QCOMPARE(consumed.size(), expected.size());
        QVERIFY(consumed == expected);
    }

    void unreadableFileFailsTheBulkRun()
    {
        BulkSpec spec;
        spec.source = BulkSpec::Source::Lines;
        spec.filePath = QStringLiteral("/nonexistent/messages.txt");
        testsupport::ThreadSpy failed(m_worker, &ProducerWorker::bulkFailed);
        QMetaObject::invokeMethod(m_worker, "startBulk", Qt::QueuedConnection, Q_ARG(kafka::BulkSpec, spec));
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() > 0, 5000);
        QVERIFY(failed.first().first().toString().contains(QLatin1String("/nonexistent/messages.txt")));
    }

    // New settings replace the producer; the old one's messages still end.
    void reconfigureKeepsTheAccounts()
    {
        DeliveryTally tally;
        track(tally);
        QMetaObject::invokeMethod(m_worker, "startBulk", Qt::QueuedConnection,
                                  Q_ARG(kafka::BulkSpec, templateBulk(20000)));
        const ClientConfig lz4{m_cluster->bootstrapServers(), {{QStringLiteral("compression.type"), QStringLiteral("lz4")}}};
        QMetaObject::invokeMethod(m_worker, "reconfigure", Qt::QueuedConnection, Q_ARG(kafka::ClientConfig, lz4));
        const QList<ProduceRequest> after{{m_topic, std::nullopt, "after", {}, -1}};
        QMetaObject::invokeMethod(m_worker, "produce", Qt::QueuedConnection, Q_ARG(QList<kafka::ProduceRequest>, after));
        QTRY_VERIFY_WITH_TIMEOUT(tally.sent >= 20001 && tally.inFlight() == 0, 30000);
        QCOMPARE(tally.failed, 0);
        QCOMPARE(tally.delivered, tally.sent);
    }

    // Messages that cannot leave: on the sandbox every broker is down; the
    // shared real cluster cannot be taken down, so there the producer holds
    // them back itself instead, with a linger far longer than the test (it
    // must stay below message.timeout.ms, 300 s by default, or librdkafka
    // refuses every message as an invalid configuration).
    void abandonFailsWhatIsInFlight()
    {
        DeliveryTally tally;
        track(tally);
        if (m_cluster->sandbox()) {
            QVERIFY(!m_cluster->sandbox()->setBrokerDown(1, true));
            QVERIFY(!m_cluster->sandbox()->setBrokerDown(2, true));
            QVERIFY(!m_cluster->sandbox()->setBrokerDown(3, true));
        } else {
            testsupport::ThreadSpy reopened(m_worker, &ProducerWorker::opened);
            const ClientConfig lingering{m_cluster->bootstrapServers(),
                                         {{QStringLiteral("linger.ms"), QStringLiteral("240000")}}};
            QMetaObject::invokeMethod(m_worker, "reconfigure", Qt::QueuedConnection,
                                      Q_ARG(kafka::ClientConfig, lingering));
            QTRY_COMPARE_WITH_TIMEOUT(reopened.count(), 1, 5000);
        }
        QMetaObject::invokeMethod(m_worker, "startBulk", Qt::QueuedConnection,
                                  Q_ARG(kafka::BulkSpec, templateBulk(1000)));
        QTRY_COMPARE_WITH_TIMEOUT(tally.sent, 1000, 10000);
        QCOMPARE(tally.inFlight(), 1000);
        QMetaObject::invokeMethod(m_worker, &ProducerWorker::abandon, Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(tally.failed, 1000, 10000);
        QVERIFY2(tally.failureReasons.firstKey().contains(QLatin1String("urge")),
                 qPrintable(tally.failureReasons.firstKey()));
    }

    // A fatal error reaches the panel in words (clientError), not only as
    // one failure per message. A sandbox of the test's own refuses the
    // idempotent producer its id, which librdkafka treats as fatal.
    void fatalErrorIsReported()
    {
        const auto sandbox = testsupport::TestCluster::privateSandbox(QStringLiteral("refused"));
        QVERIFY(sandbox);
        sandbox->failNextRequests(Sandbox::ApiKey::InitProducerId, 1, RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED);
        ProducerWorker worker({sandbox->bootstrapServers(), {}});
        testsupport::ThreadSpy clientError(&worker, &ProducerWorker::clientError);
        testsupport::ThreadSpy delivered(&worker, &ProducerWorker::delivered);
        worker.open();
        worker.produce({ProduceRequest{QStringLiteral("refused"), std::nullopt, "v", {}, 0}});
        QTRY_VERIFY_WITH_TIMEOUT(!delivered.isEmpty(), 20000);
        QVERIFY(!delivered.first().first().value<QList<Delivery>>().first().delivered());
        QTRY_VERIFY_WITH_TIMEOUT(!clientError.isEmpty(), 5000);
        const QString message = clientError.first().first().toString();
        QVERIFY2(message.startsWith(QLatin1String("The producer stopped for good: ")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("CLUSTER_AUTHORIZATION_FAILED")), qPrintable(message));
    }

    void badConfigFailsOnOpen()
    {
        ProducerWorker worker({QStringLiteral("localhost:9092"), {{QStringLiteral("no.such.key"), QStringLiteral("1")}}});
        testsupport::ThreadSpy failed(&worker, &ProducerWorker::failed);
        worker.open();
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().toString().contains(QLatin1String("no.such.key")));
    }
};

QTEST_GUILESS_MAIN(TestProducerWorker)
#include "test_producerworker.moc"
