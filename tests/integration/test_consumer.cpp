#include "kafka/consumer.h"
#include "kafka/producer.h"
#include "kafka/sandbox.h"

#include "kcat.h"
#include "testcluster.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QTest>

#include <atomic>

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

    // A timestamp comes with which time it is: the producer's (CreateTime),
    // or on a real cluster's LogAppendTime topic the broker's.
    void timestampsKeepTheirType()
    {
        auto cluster = testsupport::TestCluster::start(1);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        const QString bootstrap = cluster.value()->bootstrapServers();
        const bool real = testsupport::TestCluster::real();
        const QString created = cluster.value()->name(QStringLiteral("created"));
        const QString appended = cluster.value()->name(QStringLiteral("appended"));
        QVERIFY(!cluster.value()->createTopic(TopicSpec{created, 1, 1}));
        // The sandbox takes no topic configs: its topics are CreateTime.
        if (real)
            QVERIFY(!cluster.value()->createTopic(
                TopicSpec{appended, 1, 1, {{QStringLiteral("message.timestamp.type"), QStringLiteral("LogAppendTime")}}}));
        const qint64 past = 1'600'000'000'000;
        auto producer = Producer::create({bootstrap, {}});
        QVERIFY(producer.ok());
        ProduceRequest message{created, std::nullopt, "v", {}, 0};
        message.timestampMs = past;
        QVERIFY(!producer.value()->produce(message));
        if (real) {
            message.topic = appended;
            QVERIFY(!producer.value()->produce(message));
        }
        for (const Delivery &d : producer.value()->flush(std::chrono::seconds(20)))
            QVERIFY2(d.delivered(), qPrintable(d.errorText()));

        ConsumerSpec spec;
        spec.config = {bootstrap, {}};
        spec.topics = real ? QStringList{created, appended} : QStringList{created};
        spec.mode = ConsumerSpec::Mode::Manual;
        auto consumer = Consumer::create(spec);
        QVERIFY(consumer.ok());
        QVERIFY(!consumer.value()->start(std::chrono::seconds(10)));
        QList<Record> records;
        QTRY_VERIFY_WITH_TIMEOUT((records += consumer.value()->poll(10, std::chrono::milliseconds(100)).records(),
                                  records.size() == spec.topics.size()),
                                 15000);
        for (const Record &r : records) {
            if (r.topic == created) {
                QCOMPARE(r.timestampType, TimestampType::CreateTime);
                QCOMPARE(r.timestampMs, past);
            } else {
                QCOMPARE(r.timestampType, TimestampType::LogAppendTime);
                QVERIFY(r.timestampMs > past); // the broker's clock, not the producer's
            }
        }
    }

    // librdkafka 2.0.2 aborts when it destroys a cooperative-sticky member
    // that has joined its group but has no assignment yet (closing a
    // consumer mid-rebalance; seen in test_lifecycle). A sandbox of the
    // test's own refuses every SyncGroup, which holds the member there.
    void destroyingAStickyMemberBeforeItsFirstAssignment()
    {
        const auto sandbox = testsupport::TestCluster::privateSandbox(QStringLiteral("sticky"));
        QVERIFY(sandbox);
        sandbox->failNextRequests(Sandbox::ApiKey::SyncGroup, 10000, RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS);

        // librdkafka's debug line says when the JoinGroup answer has come.
        static std::atomic<bool> joined{false};
        joined = false;
        QLoggingCategory::setFilterRules(QStringLiteral("kafkadesk.rdkafka.debug=true"));
        const QtMessageHandler previous = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &m) {
            if (m.contains(QLatin1String("JoinGroup response: GenerationId")))
                joined = true;
        });
        const auto restore = qScopeGuard([previous] {
            qInstallMessageHandler(previous);
            QLoggingCategory::setFilterRules(QString());
        });

        ConsumerSpec spec;
        spec.config = {sandbox->bootstrapServers(), {{QStringLiteral("debug"), QStringLiteral("cgrp")}}};
        spec.topics = {QStringLiteral("sticky")};
        spec.groupId = QStringLiteral("sticky");
        spec.assignmentStrategy = QStringLiteral("cooperative-sticky");
        auto created = Consumer::create(spec);
        QVERIFY(created.ok());
        std::unique_ptr<Consumer> consumer = std::move(created).value();
        QVERIFY(!consumer->start(std::chrono::seconds(10)));
        QTRY_VERIFY_WITH_TIMEOUT((consumer->poll(100, std::chrono::milliseconds(50)), joined.load()), 20000);
        consumer.reset(); // aborted the process before
    }
};

QTEST_GUILESS_MAIN(TestConsumer)
#include "test_consumer.moc"
