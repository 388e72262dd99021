#include "kafka/brokerwatch.h"

#include <QTest>

using namespace kafka;

// BrokerWatch names the brokers that stopped answering, from the metadata
// and the selected topic's watermark fetches.
class TestBrokerWatch : public QObject {
    Q_OBJECT

    static ClusterMetadata metadata(const QList<int> &ids)
    {
        ClusterMetadata m;
        for (const int id : ids)
            m.brokers.append({id, QStringLiteral("127.0.0.1"), 9091 + id});
        return m;
    }
    // Partitions 0..n-1 led by `leaders`; those led by `silent` have no watermarks.
    static TopicInfo topic(const QList<int> &leaders, int silent)
    {
        TopicInfo t{QStringLiteral("t"), {}, {}};
        for (int i = 0; i < leaders.size(); ++i) {
            PartitionInfo p;
            p.id = i;
            p.leader = leaders[i];
            if (p.leader == silent) {
                p.watermarkError = QStringLiteral("Local: Timed out");
            } else {
                p.lowWatermark = 0;
                p.highWatermark = 5;
            }
            t.partitions.append(p);
        }
        return t;
    }

private slots:
    void everyoneAnsweringSaysNothing()
    {
        BrokerWatch watch;
        watch.applyMetadata(metadata({1, 2, 3}));
        watch.applyTopic(topic({1, 2, 3}, -1));
        QVERIFY(watch.notAnswering().isEmpty());
        QVERIFY(watch.summary().isEmpty());
    }

    void aSilentLeaderIsNamedThenForgottenWhenItAnswersOrLeadsNothing()
    {
        BrokerWatch watch;
        watch.applyMetadata(metadata({1, 2, 3}));
        watch.applyTopic(topic({1, 2, 3, 2}, 2));
        QCOMPARE(watch.notAnswering(), QList<int>{2});
        QCOMPARE(watch.summary(), QStringLiteral("Broker 2 (127.0.0.1:9093) does not answer: Local: Timed out. Its "
                                                 "partitions are unavailable until their leaders move or it comes back."));
        watch.applyTopic(topic({1, 2, 3, 2}, -1));
        QVERIFY(watch.notAnswering().isEmpty());
        watch.applyTopic(topic({1, 2, 3, 2}, 2));
        watch.applyTopic(topic({1, 3, 3, 1}, -1)); // its partitions moved away
        QVERIFY(watch.notAnswering().isEmpty());
    }

    void aBrokerThatLeftTheMetadataIsNamedUntilItReturns()
    {
        BrokerWatch watch;
        watch.applyMetadata(metadata({1, 2, 3}));
        watch.applyMetadata(metadata({1, 3}));
        QCOMPARE(watch.notAnswering(), QList<int>{2});
        QVERIFY(watch.summary().startsWith(QStringLiteral("Broker 2 (127.0.0.1:9093) has left the cluster's metadata")));
        watch.applyTopic(topic({1, 3}, 3));
        QCOMPARE(watch.notAnswering(), (QList<int>{2, 3}));
        QVERIFY(watch.summary().contains(QStringLiteral("; broker 3 (127.0.0.1:9094) does not answer")));
        watch.applyMetadata(metadata({1, 2, 3}));
        watch.applyTopic(topic({1, 3}, -1));
        QVERIFY(watch.notAnswering().isEmpty());
        watch.applyMetadata(metadata({1}));
        watch.clear(); // a new connection starts afresh
        watch.applyMetadata(metadata({1}));
        QVERIFY(watch.notAnswering().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBrokerWatch)
#include "test_brokerwatch.moc"
