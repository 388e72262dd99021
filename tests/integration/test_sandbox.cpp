#include "kafka/clusterclient.h"
#include "kafka/sandbox.h"

#include "kcat.h"

#include <QTest>

using namespace kafka;
using testsupport::kcat;

class TestSandbox : public QObject {
    Q_OBJECT
private slots:
    void kcatSeesBrokersAndTopics_data()
    {
        QTest::addColumn<int>("brokers");
        QTest::newRow("1 broker") << 1;
        QTest::newRow("3 brokers") << 3;
        QTest::newRow("9 brokers") << 9;
    }
    void kcatSeesBrokersAndTopics()
    {
        QFETCH(int, brokers);
        auto sandbox = Sandbox::start(brokers);
        QVERIFY2(sandbox.ok(), qPrintable(sandbox.error().message));
        QCOMPARE(sandbox.value()->brokerCount(), brokers);
        const QString bootstrap = sandbox.value()->bootstrapServers();
        QCOMPARE(bootstrap.split(QLatin1Char(',')).size(), brokers);
        QVERIFY(bootstrap.startsWith(QLatin1String("127.0.0.1:")));

        QVERIFY(!sandbox.value()->createTopic(TopicSpec{QStringLiteral("orders"), 5, brokers}));
        QVERIFY(!sandbox.value()->createTopic(TopicSpec{QStringLiteral("logs"), 1, 1}));

        const auto listing = kcat({QStringLiteral("-b"), bootstrap, QStringLiteral("-L")});
        QVERIFY2(listing.finished && listing.exitCode == 0, listing.err.constData());
        const QString out = QString::fromUtf8(listing.out);
        QVERIFY2(out.contains(QStringLiteral(" %1 brokers:").arg(brokers)), qPrintable(out));
        for (int id = 1; id <= brokers; ++id)
            QVERIFY2(out.contains(QStringLiteral("broker %1 at 127.0.0.1:").arg(id)), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("topic \"orders\" with 5 partitions")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("topic \"logs\" with 1 partitions")), qPrintable(out));
    }

    void brokerCountOutOfRangeIsRefused()
    {
        QVERIFY(!Sandbox::start(0).ok());
        QVERIFY(!Sandbox::start(10).ok());
        QVERIFY(Sandbox::start(10).error().message.contains(QLatin1String("1 to 9")));
    }

    void duplicateAndOversizedTopicsAreRefused()
    {
        auto sandbox = Sandbox::start(2);
        QVERIFY(sandbox.ok());
        Sandbox &cluster = *sandbox.value();
        QVERIFY(!cluster.createTopic(TopicSpec{QStringLiteral("t"), 2, 2}));
        const Error duplicate = cluster.createTopic({QStringLiteral("t"), 2, 2});
        QCOMPARE(duplicate.code, RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS);
        QVERIFY(duplicate.message.contains(QLatin1String("already exists")));
        const Error tooManyReplicas = cluster.createTopic({QStringLiteral("u"), 1, 3});
        QVERIFY(tooManyReplicas);
        QVERIFY2(tooManyReplicas.message.contains(QLatin1String("2 brokers")) ||
                     tooManyReplicas.message.contains(QLatin1String("has 2")),
                 qPrintable(tooManyReplicas.message));
        QVERIFY(cluster.createTopic(TopicSpec{QStringLiteral("bad name"), 1, 1}));
        QVERIFY(cluster.setBrokerDown(7, true));
    }

    // A broker taken down stops answering for the partitions it leads, and
    // answers again once it is back up.
    void brokerDownAndUp()
    {
        auto sandbox = Sandbox::start(2);
        QVERIFY(sandbox.ok());
        Sandbox &cluster = *sandbox.value();
        QVERIFY(!cluster.createTopic(TopicSpec{QStringLiteral("t"), 4, 1}));
        auto client = ClusterClient::create({cluster.bootstrapServers(), {}});
        QVERIFY(client.ok());
        const ClusterClient &cc = *client.value();

        const auto before = cc.fetchTopic(QStringLiteral("t"));
        QVERIFY2(before.ok(), qPrintable(before.error().message));
        for (const auto &p : before.value().partitions)
            QVERIFY2(p.hasWatermarks(), qPrintable(p.watermarkError));
        // The mock picks leaders at random: take down whichever leads partition 0.
        const int leader = before.value().partitions[0].leader;
        QVERIFY(leader == 1 || leader == 2);

        QVERIFY(!cluster.setBrokerDown(leader, true));
        // The app's own timeouts: metadata must fail over to the other broker.
        const auto down = cc.fetchTopic(QStringLiteral("t"));
        QVERIFY2(down.ok(), qPrintable(down.error().message));
        for (const auto &p : down.value().partitions) {
            // Exactly the partitions the downed broker leads lose their watermarks.
            QCOMPARE(p.hasWatermarks(), p.leader != leader);
            QCOMPARE(p.watermarkError.isEmpty(), p.leader != leader);
        }

        QVERIFY(!cluster.setBrokerDown(leader, false));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto up = cc.fetchTopic(QStringLiteral("t"));
                return up.ok() && up.value().partitions[0].hasWatermarks();
            }(),
            30000);
        const auto after = cc.fetchTopic(QStringLiteral("t"));
        QVERIFY(after.ok());
        for (const auto &p : after.value().partitions)
            QVERIFY2(p.hasWatermarks(), qPrintable(p.watermarkError));
    }
};

QTEST_GUILESS_MAIN(TestSandbox)
#include "test_sandbox.moc"
