// Export → replay: what `kafkadesk consume --format json` (the window's
// Export... writes the same lines) prints, `kafkadesk produce --format json`
// puts back byte for byte: keys, values, headers (binary, repeated, in
// order), tombstones, partitions and timestamps, as kcat reads both topics.

#include "kcat.h"
#include "testcluster.h"

#include "kafka/producer.h"

#include <QTemporaryDir>
#include <QTest>

using namespace kafka;
using testsupport::kafkadesk;
using testsupport::kcat;
using testsupport::run;

namespace {

constexpr int Partitions = 3;

} // namespace

class TestReplay : public QObject {
    Q_OBJECT

    std::unique_ptr<testsupport::TestCluster> m_cluster;
    QString m_bootstrap;

private slots:
    void init()
    {
        auto cluster = testsupport::TestCluster::start(3);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
        m_bootstrap = m_cluster->bootstrapServers();
    }
    void cleanup() { m_cluster.reset(); }

    void exportReplaysByteForByte()
    {
        const QString source = m_cluster->name(QStringLiteral("source"));
        const QString target = m_cluster->name(QStringLiteral("replayed"));
        QVERIFY(!m_cluster->createTopic(TopicSpec{source, Partitions, 1}));
        QVERIFY(!m_cluster->createTopic(TopicSpec{target, Partitions, 1}));

        QByteArray everyByte;
        for (int b = 0; b < 256; ++b)
            everyByte.append(char(b));
        const qint64 at = 1700000000000;
        QList<ProduceRequest> messages{
            {source, QByteArray("json"), R"({"b":1.50,"a":1e3,"n":18446744073709551616,"a":2})", {}, 0},
            {source, everyByte, everyByte, {{"bin", QByteArray("\x00\xff", 2)}, {"h", "1"}, {"h", "2"}}, 1},
            {source, std::nullopt, QByteArray(), {}, 2},                       // no key, tombstone below
            {source, QByteArray(), QByteArray(), {{QByteArray("\xfe"), ""}}, 2}, // empty key and value
            {source, QByteArray("\xef\xbb\xbf" "bom"), QByteArray("line\r\nnext"), {}, 0},
        };
        messages[2].tombstone = true;
        for (int i = 0; i < messages.size(); ++i)
            messages[i].timestampMs = at + i;
        auto producer = Producer::create({m_bootstrap, {}});
        QVERIFY(producer.ok());
        for (const ProduceRequest &m : messages)
            QVERIFY(!producer.value()->produce(m));
        const QList<Delivery> deliveries = producer.value()->flush(std::chrono::seconds(30));
        QCOMPARE(deliveries.size(), messages.size());
        for (const Delivery &d : deliveries)
            QVERIFY2(d.delivered(), qPrintable(d.errorText()));

        QTemporaryDir dir;
        const QString exported = dir.filePath(QStringLiteral("export.jsonl"));
        const auto consumed = run(kafkadesk(), {QStringLiteral("consume"), QStringLiteral("-b"), m_bootstrap,
                                                QStringLiteral("-t"), source, QStringLiteral("--format"),
                                                QStringLiteral("json"), QStringLiteral("-n"),
                                                QString::number(messages.size())});
        QVERIFY(consumed.finished);
        QCOMPARE(consumed.exitCode, 0);
        QFile file(exported);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(consumed.out);
        file.close();

        const auto replayed = run(kafkadesk(), {QStringLiteral("produce"), QStringLiteral("-b"), m_bootstrap,
                                                QStringLiteral("-t"), target, QStringLiteral("--format"),
                                                QStringLiteral("json"), QStringLiteral("--keep-partitions"),
                                                QStringLiteral("--keep-timestamps"), QStringLiteral("-f"), exported});
        QVERIFY(replayed.finished);
        QVERIFY2(replayed.exitCode == 0, replayed.err.constData());
        QVERIFY2(replayed.err.contains("delivered 5, failed 0"), replayed.err.constData());

        const QList<testsupport::KcatMessage> original = testsupport::readExactly(m_bootstrap, source);
        QCOMPARE(original.size(), messages.size());
        // In partition order: partition 2 holds the tombstone, then the empty key and value.
        QCOMPARE(original[3].value, std::nullopt);
        QCOMPARE(original[3].key, std::nullopt);
        QCOMPARE(original[4].value, std::optional<QByteArray>(QByteArray("")));
        QCOMPARE(original[4].key, std::optional<QByteArray>(QByteArray("")));
        QCOMPARE(original[2].key, std::optional<QByteArray>(everyByte));
        QCOMPARE(testsupport::readExactly(m_bootstrap, target), original);
    }

    // A bad line fails alone, said with its number; the rest are delivered.
    void badLinesFailWithTheirNumbers()
    {
        const QString target = m_cluster->name(QStringLiteral("lines"));
        QVERIFY(!m_cluster->createTopic(TopicSpec{target, 1, 1}));
        const QByteArray lines = "{\"key\":\"k\",\"value\":{\"z\":1,\"a\":2.50}}\n"
                                 "{\"vaule\":\"typo\"}\n"
                                 "{\"value\":7,\"headers\":{\"x\":\"1\",\"x\":\"2\"}}\n";
        const auto result = run(kafkadesk(),
                                {QStringLiteral("produce"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"),
                                 target, QStringLiteral("--format"), QStringLiteral("json")},
                                lines);
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("line 2: unknown member \"vaule\""), result.err.constData());
        QVERIFY2(result.err.contains("delivered 2, failed 1"), result.err.constData());
        const QList<testsupport::KcatMessage> seen = testsupport::readExactly(m_bootstrap, target);
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen[0].value, std::optional<QByteArray>("{\"z\":1,\"a\":2.50}"));
        QCOMPARE(seen[1].value, std::optional<QByteArray>("7"));
        QCOMPARE(seen[1].headers, QByteArray("x=1,x=2"));
    }
};

QTEST_GUILESS_MAIN(TestReplay)
#include "test_replay.moc"
