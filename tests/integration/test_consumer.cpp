#include "kafka/consumer.h"

#include "kcat.h"
#include "testcluster.h"

#include <QElapsedTimer>
#include <QTest>

using namespace kafka;

class TestConsumer : public QObject {
    Q_OBJECT

private slots:
    // With records queued, one poll takes them all at once, without waiting
    // out its timeout for a fuller batch: every record once, in offset order
    // per partition, with its key, value and header.
    void onePollTakesEverythingQueuedInOrder()
    {
        constexpr int Partitions = 4;
        constexpr int PerPartition = 5000;
        auto cluster = testsupport::TestCluster::start(3);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        const QString topic = cluster.value()->name(QStringLiteral("t"));
        QVERIFY(!cluster.value()->createTopic(TopicSpec{topic, Partitions, 3}));
        const QString bootstrap = cluster.value()->bootstrapServers();
        for (int p = 0; p < Partitions; ++p) {
            QByteArray lines;
            for (int i = 0; i < PerPartition; ++i)
                lines += "k" + QByteArray::number(i) + "\tv" + QByteArray::number(p * PerPartition + i) + '\n';
            QVERIFY(testsupport::produceKeyed(bootstrap, topic, p, lines, QStringLiteral("p=%1").arg(p)));
        }

        ConsumerSpec spec;
        spec.config = {bootstrap, {}};
        spec.topics = {topic};
        spec.mode = ConsumerSpec::Mode::Manual;
        auto consumer = Consumer::create(spec);
        QVERIFY(consumer.ok());
        QVERIFY(!consumer.value()->start(std::chrono::seconds(10)));
        // Everything fetched first, so that one poll takes it all.
        QTRY_VERIFY_WITH_TIMEOUT(consumer.value()->queuedCount() >= Partitions * PerPartition, 15000);

        QElapsedTimer clock;
        clock.start();
        const RecordBatch batch = consumer.value()->poll(2 * Partitions * PerPartition, std::chrono::seconds(60));
        QVERIFY2(clock.elapsed() < 30000, "poll waited for more than was queued");
        QCOMPARE(batch.size(), Partitions * PerPartition);
        QList<qint64> next(Partitions, 0);
        for (qsizetype i = 0; i < batch.size(); ++i) {
            const RecordView r = batch.view(i);
            QCOMPARE(r.topic(), topic);
            QVERIFY(r.partition() >= 0 && r.partition() < Partitions);
            QCOMPARE(r.offset(), next[r.partition()]++);
            QCOMPARE(r.key().toByteArray(), "k" + QByteArray::number(r.offset()));
            QCOMPARE(r.value().toByteArray(), "v" + QByteArray::number(r.partition() * PerPartition + r.offset()));
            QCOMPARE(r.headerCount(), 1);
            QCOMPARE(r.headerName(0).toByteArray(), "p");
            QCOMPARE(r.headerValue(0).toByteArray(), QByteArray::number(r.partition()));
        }
        QCOMPARE(next, QList<qint64>(Partitions, PerPartition));
    }
};

QTEST_GUILESS_MAIN(TestConsumer)
#include "test_consumer.moc"
