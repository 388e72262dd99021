#include "kafka/producer.h"
#include "kafka/sandbox.h"

#include "kcat.h"
#include "testcluster.h"

#include <QTest>

using namespace kafka;

class TestProducer : public QObject {
    Q_OBJECT

    std::unique_ptr<testsupport::TestCluster> m_cluster;
    QString m_topic;

private slots:
    void init()
    {
        auto cluster = testsupport::TestCluster::start(3);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
        m_topic = m_cluster->name(QStringLiteral("t"));
        QVERIFY(!m_cluster->createTopic(TopicSpec{m_topic, 4, 3}));
    }
    void cleanup() { m_cluster.reset(); }

    // A tiny local queue forces QUEUE_FULL over and over: it must be
    // absorbed as backpressure, every message must be accounted for at every
    // step, and kcat must find exactly what was produced.
    void backpressureLosesNothingAndCountsAddUp()
    {
        const ClientConfig config{m_cluster->bootstrapServers(),
                                  {{QStringLiteral("queue.buffering.max.messages"), QStringLiteral("50")}}};
        auto created = Producer::create(config);
        QVERIFY2(created.ok(), qPrintable(created.error().message));
        Producer &producer = *created.value();
        QVERIFY(!producer.checkReachable(std::chrono::seconds(5)));

        constexpr int Count = 5000;
        qint64 delivered = 0;
        QSet<QPair<int, qint64>> positions;
        const auto take = [&](const QList<Delivery> &deliveries) {
            for (const Delivery &d : deliveries) {
                QVERIFY2(d.delivered(), qPrintable(d.errorText()));
                QVERIFY(d.latencyUs >= 0);
                positions.insert({d.partition, d.offset});
                ++delivered;
            }
        };
        for (int i = 0; i < Count; ++i) {
            QVERIFY(!producer.produce({m_topic, QByteArray::number(i), "v" + QByteArray::number(i), {}, -1}));
            take(producer.poll());
            QCOMPARE(delivered + producer.inFlight(), qint64(i + 1));
        }
        while (producer.inFlight() > 0)
            take(producer.flush(std::chrono::seconds(1)));
        QCOMPARE(delivered, Count);
        QCOMPARE(positions.size(), Count); // no (partition, offset) reported twice

        const auto read = testsupport::kcat({QStringLiteral("-C"), QStringLiteral("-b"), m_cluster->bootstrapServers(),
                                             QStringLiteral("-t"), m_topic, QStringLiteral("-e"),
                                             QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("%k=%s\n")});
        QVERIFY(read.finished && read.exitCode == 0);
        QStringList lines = QString::fromUtf8(read.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), Count);
        QSet<QString> unique(lines.begin(), lines.end());
        QCOMPARE(unique.size(), Count);
        QVERIFY(unique.contains(QStringLiteral("4999=v4999")));
    }

    void missingPartitionIsAVisibleFailure()
    {
        auto created = Producer::create({m_cluster->bootstrapServers(), {}});
        QVERIFY(created.ok());
        Producer &producer = *created.value();
        QVERIFY(!producer.checkReachable(std::chrono::seconds(5))); // metadata known: fails at once
        const Error err = producer.produce({m_topic, std::nullopt, "x", {}, 99});
        QCOMPARE(err.code, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION);
        QVERIFY(err.message.contains(QLatin1String("Unknown partition")));
        QCOMPARE(producer.inFlight(), qint64(0));
    }

    void headersAndKeyReachTheBroker()
    {
        auto created = Producer::create({m_cluster->bootstrapServers(), {}});
        QVERIFY(created.ok());
        Producer &producer = *created.value();
        QVERIFY(!producer.produce({m_topic, QByteArray("k1"), "hello", {{"h1", "v1"}, {"h2", "v2"}}, 2}));
        QList<Delivery> deliveries;
        while (deliveries.isEmpty())
            deliveries += producer.flush(std::chrono::seconds(1));
        QCOMPARE(deliveries.size(), 1);
        QVERIFY(deliveries[0].delivered());
        QCOMPARE(deliveries[0].partition, 2);
        QCOMPARE(deliveries[0].offset, 0);
        QCOMPARE(*deliveries[0].key, QByteArray("k1"));

        const auto read = testsupport::kcat({QStringLiteral("-C"), QStringLiteral("-b"), m_cluster->bootstrapServers(),
                                             QStringLiteral("-t"), m_topic, QStringLiteral("-p"),
                                             QStringLiteral("2"), QStringLiteral("-e"), QStringLiteral("-q"),
                                             QStringLiteral("-f"), QStringLiteral("%k|%s|%h\n")});
        QCOMPARE(read.out, QByteArray("k1|hello|h1=v1,h2=v2\n"));
    }

    // The codec a user picks is applied, or they are told it is not.
    // librdkafka 2.0.2 sends gzip/snappy/lz4 only to a broker that advertises
    // Produce v0; Kafka 4.x still advertises it for that reason (KAFKA-18659),
    // so on the real cluster every codec must be in the stored batches. The
    // sandbox plays a broker that dropped Produce v0-v2: gzip is then skipped
    // and the producer must say so, while zstd (Produce v7) is still applied.
    void compressionIsAppliedOrReported_data()
    {
        QTest::addColumn<QString>("codec");
        QTest::newRow("gzip") << QStringLiteral("gzip");
        QTest::newRow("zstd") << QStringLiteral("zstd");
        QTest::newRow("lz4") << QStringLiteral("lz4");
    }
    void compressionIsAppliedOrReported()
    {
        QFETCH(QString, codec);
        if (Sandbox *sandbox = m_cluster->sandbox())
            QVERIFY(!sandbox->setApiVersions(kafka::Sandbox::ApiKey::Produce, 3, 7));
        auto created = Producer::create({m_cluster->bootstrapServers(), {{QStringLiteral("compression.type"), codec}}});
        QVERIFY2(created.ok(), qPrintable(created.error().message));
        Producer &producer = *created.value();
        QCOMPARE(producer.compression(), codec);
        // Compressible: 50 copies of the same value in one batch.
        for (int i = 0; i < 50; ++i)
            QVERIFY(!producer.produce({m_topic, std::nullopt, QByteArray(1000, 'x'), {}, 1}));
        QList<Delivery> deliveries;
        while (producer.inFlight() > 0)
            deliveries += producer.flush(std::chrono::seconds(1));
        QCOMPARE(deliveries.size(), 50);
        QVERIFY(std::all_of(deliveries.cbegin(), deliveries.cend(), [](const Delivery &d) { return d.delivered(); }));

        const bool skipped = m_cluster->sandbox() && codec != QLatin1String("zstd");
        if (skipped) {
            QVERIFY2(producer.compressionNotice().startsWith(QStringLiteral("Compression %1 is not applied").arg(codec)),
                     qPrintable(producer.compressionNotice()));
        } else {
            QVERIFY2(producer.compressionNotice().isEmpty(), qPrintable(producer.compressionNotice()));
        }
        if (testsupport::TestCluster::real()) {
            const QStringList stored = testsupport::TestCluster::storedCodecs(m_topic, 1);
            QVERIFY2(!stored.isEmpty() && stored.count(codec) == stored.size(), qPrintable(stored.join(QLatin1Char(' '))));
        }
    }

    void unknownPropertyIsRefused()
    {
        const auto created = Producer::create({m_cluster->bootstrapServers(), {{QStringLiteral("acks"), QStringLiteral("banana")}}});
        QVERIFY(!created.ok());
        QVERIFY(created.error().message.contains(QLatin1String("acks")));
    }
};

QTEST_GUILESS_MAIN(TestProducer)
#include "test_producer.moc"
