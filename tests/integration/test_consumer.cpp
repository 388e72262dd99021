#include "kafka/consumer.h"
#include "kafka/sandbox.h"

#include "kcat.h"

#include <QTest>
#include <QThread>

using namespace kafka;

class TestConsumer : public QObject {
    Q_OBJECT

private slots:
    // A poll of many records is copied out on several threads (one part per
    // core); the parts, in order, must hold every record once, in offset
    // order per partition, with its key, value and header.
    void aLargePollIsCopiedInPartsKeepingEveryRecordInOrder()
    {
        constexpr int Partitions = 4;
        constexpr int PerPartition = 5000;
        auto sandbox = Sandbox::start(3);
        QVERIFY(sandbox.ok());
        QVERIFY(!sandbox.value()->createTopic(TopicSpec{QStringLiteral("t"), Partitions, 3}));
        const QString bootstrap = sandbox.value()->bootstrapServers();
        for (int p = 0; p < Partitions; ++p) {
            QByteArray lines;
            for (int i = 0; i < PerPartition; ++i)
                lines += "k" + QByteArray::number(i) + "\tv" + QByteArray::number(p * PerPartition + i) + '\n';
            QVERIFY(testsupport::produceKeyed(bootstrap, QStringLiteral("t"), p, lines, QStringLiteral("p=%1").arg(p)));
        }

        ConsumerSpec spec;
        spec.config = {bootstrap, {}};
        spec.topics = {QStringLiteral("t")};
        spec.mode = ConsumerSpec::Mode::Manual;
        auto consumer = Consumer::create(spec);
        QVERIFY(consumer.ok());
        QVERIFY(!consumer.value()->start(std::chrono::seconds(10)));
        // Everything fetched first, so that one poll takes it all.
        QTRY_VERIFY_WITH_TIMEOUT(consumer.value()->queuedCount() >= Partitions * PerPartition, 15000);

        const QList<RecordBatch> batches = consumer.value()->poll(Partitions * PerPartition, std::chrono::seconds(1));
        if (QThread::idealThreadCount() > 1)
            QVERIFY2(batches.size() > 1, "one part only: the poll was not split");
        QList<qint64> next(Partitions, 0);
        int seen = 0;
        for (const RecordBatch &batch : batches) {
            for (qsizetype i = 0; i < batch.size(); ++i, ++seen) {
                const RecordView r = batch.view(i);
                QCOMPARE(r.topic(), QStringLiteral("t"));
                QVERIFY(r.partition() >= 0 && r.partition() < Partitions);
                QCOMPARE(r.offset(), next[r.partition()]++);
                QCOMPARE(r.key().toByteArray(), "k" + QByteArray::number(r.offset()));
                QCOMPARE(r.value().toByteArray(), "v" + QByteArray::number(r.partition() * PerPartition + r.offset()));
                QCOMPARE(r.headerCount(), 1);
                QCOMPARE(r.headerName(0).toByteArray(), "p");
                QCOMPARE(r.headerValue(0).toByteArray(), QByteArray::number(r.partition()));
            }
        }
        QCOMPARE(seen, Partitions * PerPartition);
        QCOMPARE(next, QList<qint64>(Partitions, PerPartition));
    }
};

QTEST_GUILESS_MAIN(TestConsumer)
#include "test_consumer.moc"
