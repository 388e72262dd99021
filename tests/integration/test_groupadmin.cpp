// Consumer-group administration (kafka::GroupAdmin) on a real cluster: a
// reset moves the committed offsets where its preview said (checked by kcat
// consuming in the group), a group with a member is refused, and deleting
// offsets and groups works. The sandbox answers none of it: there every
// action must fail promptly and say so.

#include "kafka/groupadmin.h"

#include "groupsupport.h"
#include "kcat.h"
#include "testcluster.h"

#include <QElapsedTimer>
#include <QTest>

using namespace kafka;
using testsupport::TestCluster;
using testsupport::commitOffsets;
using testsupport::firstOffsetsInGroup;
using testsupport::GroupMember;

namespace {

constexpr int Partitions = 3;
constexpr int PerPartition = 10;

} // namespace

class TestGroupAdmin : public QObject {
    Q_OBJECT

    std::unique_ptr<TestCluster> m_cluster;
    QString m_bootstrap;
    QString m_topic;
    QString m_group;

private slots:
    void init()
    {
        auto cluster = TestCluster::start(1);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
        m_bootstrap = m_cluster->bootstrapServers();
        m_topic = TestCluster::name(QStringLiteral("reset"));
        m_group = TestCluster::name(QStringLiteral("resetting"));
        QVERIFY(!m_cluster->createTopic({m_topic, Partitions, 1}));
        for (int p = 0; p < Partitions; ++p)
            QVERIFY(testsupport::produceLines(m_bootstrap, m_topic, p, PerPartition));
    }
    void cleanup() { m_cluster.reset(); }

    // The sandbox (librdkafka's mock cluster) answers no DescribeGroups,
    // DeleteGroups or OffsetDelete: each action fails within seconds and
    // says what to do.
    void sandboxSaysSo()
    {
        if (TestCluster::real())
            return;
        const GroupAdmin admin(m_cluster->client());
        QElapsedTimer timer;
        timer.start();
        const auto plan = admin.planReset(m_group, {{m_topic, {}}}, {OffsetTarget::Kind::Earliest, 0},
                                          std::chrono::seconds(5));
        QVERIFY(!plan.ok());
        QVERIFY2(plan.error().message.contains(QLatin1String("sandbox")), qPrintable(plan.error().message));
        const Error deleted = admin.deleteGroup(m_group, std::chrono::seconds(5));
        QVERIFY2(deleted.message.contains(QLatin1String("sandbox")), qPrintable(deleted.message));
        const auto offsets = admin.deleteOffsets(m_group, m_topic, std::chrono::seconds(5));
        QVERIFY(!offsets.ok());
        QVERIFY2(offsets.error().message.contains(QLatin1String("sandbox")), qPrintable(offsets.error().message));
        QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
    }

    // Where nothing answers: "cannot reach" within the time given (plus
    // the margin every Admin request has), the sandbox check and the
    // request sharing it. Needs no cluster: run once, in the sandbox run.
    void unreachableClusterIsSaidInTime()
    {
        if (TestCluster::real())
            return;
        auto client = ClusterClient::create({QStringLiteral("127.0.0.1:1"), {}});
        QVERIFY(client.ok());
        const testsupport::TestSideBlocking allow("the test waits for a request to an address where nothing answers");
        QElapsedTimer timer;
        timer.start();
        const auto described = GroupAdmin(*client.value()).describe(QStringLiteral("g"), std::chrono::seconds(4));
        QVERIFY(!described.ok());
        QVERIFY2(described.error().message.startsWith(QLatin1String("Cannot reach 127.0.0.1:1")),
                 qPrintable(described.error().message));
        QVERIFY2(timer.elapsed() < 4000 + 2000 + 1000, qPrintable(QString::number(timer.elapsed())));
    }

    // Each target's preview, applied: the committed offsets are then what
    // it said, and a consumer in the group (kcat) starts there.
    void resetMovesWhatThePreviewSaid()
    {
        if (!TestCluster::real())
            return;
        QVERIFY(commitOffsets(m_bootstrap, m_group, m_topic, Partitions, 5));
        const GroupAdmin admin(m_cluster->client());

        // Partitions 0 and 2, 3 back: 2, and clamped at the log start is not hit.
        auto plan = admin.planReset(m_group, {{m_topic, {0, 2}}}, {OffsetTarget::Kind::ShiftBy, -3});
        QVERIFY2(plan.ok(), qPrintable(plan.error().message));
        QCOMPARE(plan.value().rows.size(), 2);
        for (const OffsetResetRow &row : plan.value().rows) {
            QCOMPARE(row.current, 5);
            QCOMPARE(row.newOffset, 2);
            QCOMPARE(row.logStart, 0);
            QCOMPARE(row.logEnd, PerPartition);
            QCOMPARE(row.lagAfter(), PerPartition - 2);
            QCOMPARE(row.note, QString());
        }
        QCOMPARE(plan.value().rows[1].partition.partition, 2);
        auto applied = admin.applyReset(plan.value());
        QVERIFY2(applied.ok(), qPrintable(applied.error().message));
        QCOMPARE(applied.value().size(), 2);
        for (const AppliedOffset &outcome : applied.value())
            QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));

        // Past the log end: clamped, and the preview says so.
        plan = admin.planReset(m_group, {{m_topic, {1}}}, {OffsetTarget::Kind::Offset, 1000});
        QVERIFY2(plan.ok(), qPrintable(plan.error().message));
        QCOMPARE(plan.value().rows.size(), 1);
        QCOMPARE(plan.value().rows[0].newOffset, PerPartition);
        QCOMPARE(plan.value().rows[0].note, QStringLiteral("1000 is past the log end: clamped to %1.").arg(PerPartition));
        QVERIFY(admin.applyReset(plan.value()).ok());

        // What our own describe reads back...
        const auto group = admin.describe(m_group);
        QVERIFY2(group.ok(), qPrintable(group.error().message));
        QCOMPARE(group.value().state, QStringLiteral("Empty"));
        QMap<int, qint64> committed;
        for (const PartitionProgress &p : group.value().offsets)
            committed.insert(p.partition.partition, p.committed);
        QCOMPARE(committed, (QMap<int, qint64>{{0, 2}, {1, PerPartition}, {2, 2}}));
        // ...and where a consumer in the group starts (partition 1 has nothing left).
        QCOMPARE(firstOffsetsInGroup(m_bootstrap, m_group, m_topic), (QMap<int, qint64>{{0, 2}, {2, 2}}));
    }

    // Earliest, latest and date-time over the whole topic.
    void wholeTopicTargets()
    {
        if (!TestCluster::real())
            return;
        QVERIFY(commitOffsets(m_bootstrap, m_group, m_topic, Partitions, 4));
        const GroupAdmin admin(m_cluster->client());
        const auto newOffsets = [&](const OffsetTarget &target) {
            QList<qint64> offsets;
            auto plan = admin.planReset(m_group, {{m_topic, {}}}, target);
            if (!plan.ok())
                qWarning("%s", qPrintable(plan.error().message));
            for (const OffsetResetRow &row : plan.ok() ? plan.value().rows : QList<OffsetResetRow>{})
                offsets.append(row.newOffset);
            return offsets;
        };
        QCOMPARE(newOffsets({OffsetTarget::Kind::Earliest, 0}), (QList<qint64>{0, 0, 0}));
        QCOMPARE(newOffsets({OffsetTarget::Kind::Latest, 0}), (QList<qint64>{10, 10, 10}));
        // Every message is newer than 1970, none is from the next century.
        QCOMPARE(newOffsets({OffsetTarget::Kind::DateTime, 0}), (QList<qint64>{0, 0, 0}));
        QCOMPARE(newOffsets({OffsetTarget::Kind::DateTime, 4102444800000}), (QList<qint64>{10, 10, 10}));
    }

    // A group with a member: the reset and the deletions are refused in
    // words naming the member; once it has left, they work.
    void activeGroupIsRefusedThenDeleted()
    {
        if (!TestCluster::real())
            return;
        const GroupAdmin admin(m_cluster->client());
        GroupMember member(m_bootstrap, m_group, m_topic);
        QTRY_VERIFY_WITH_TIMEOUT(member.assigned(), 30000);

        const auto plan = admin.planReset(m_group, {{m_topic, {}}}, {OffsetTarget::Kind::Earliest, 0});
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().code, RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP);
        QVERIFY2(plan.error().message.startsWith(QStringLiteral("Group '%1' has 1 active member(s) ('member-under-test' on ")
                                                     .arg(m_group)),
                 qPrintable(plan.error().message));
        QVERIFY2(plan.error().message.contains(QLatin1String("only while the group has no active members")),
                 qPrintable(plan.error().message));

        const Error deleted = admin.deleteGroup(m_group);
        QCOMPARE(deleted.code, RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP);
        QCOMPARE(deleted.message, QStringLiteral("Group '%1' still has active members: Kafka deletes a group only when "
                                                 "it has none. Stop its consumers and try again.")
                                      .arg(m_group));
        QVERIFY(commitOffsets(m_bootstrap, m_group + QStringLiteral("-other"), m_topic, Partitions, 1));

        member.leave();
        // Offsets of a topic no member consumes.
        QVERIFY(commitOffsets(m_bootstrap, m_group, m_topic, Partitions, 3));
        const auto offsetsDeleted = admin.deleteOffsets(m_group, m_topic);
        QVERIFY2(offsetsDeleted.ok(), qPrintable(offsetsDeleted.error().message));
        QCOMPARE(offsetsDeleted.value().size(), Partitions);
        auto group = admin.describe(m_group);
        QVERIFY2(group.ok(), qPrintable(group.error().message));
        QCOMPARE(group.value().offsets.size(), 0);

        QCOMPARE(admin.deleteGroup(m_group).message, QString());
        group = admin.describe(m_group);
        QVERIFY2(group.ok(), qPrintable(group.error().message));
        QCOMPARE(group.value().state, QStringLiteral("Dead"));
        const Error again = admin.deleteGroup(m_group);
        QCOMPARE(again.code, RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND);
        QCOMPARE(again.message, QStringLiteral("Group '%1' does not exist.").arg(m_group));
    }

    // Deleting the offsets of a topic the group is subscribed to is
    // Kafka's refusal, in words.
    void offsetsOfASubscribedTopicAreKept()
    {
        if (!TestCluster::real())
            return;
        const GroupAdmin admin(m_cluster->client());
        GroupMember member(m_bootstrap, m_group, m_topic);
        QTRY_VERIFY_WITH_TIMEOUT(member.assigned(), 30000);
        const auto deleted = admin.deleteOffsets(m_group, m_topic);
        QVERIFY(!deleted.ok());
        QCOMPARE(deleted.error().code, RD_KAFKA_RESP_ERR_GROUP_SUBSCRIBED_TO_TOPIC);
        QVERIFY2(deleted.error().message.startsWith(QStringLiteral("Group '%1' is subscribed to topic '%2'").arg(m_group, m_topic)),
                 qPrintable(deleted.error().message));
    }

    void unknownTopicOrPartition()
    {
        if (!TestCluster::real())
            return;
        const GroupAdmin admin(m_cluster->client());
        auto plan = admin.planReset(m_group, {{m_topic, {7}}}, {OffsetTarget::Kind::Earliest, 0});
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().message, QStringLiteral("Topic '%1' has no partition 7 (it has 3).").arg(m_topic));
        plan = admin.planReset(m_group, {{m_topic + QStringLiteral("-nope"), {}}}, {OffsetTarget::Kind::Earliest, 0});
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().message, QStringLiteral("Topic '%1-nope' does not exist.").arg(m_topic));
    }
};

QTEST_GUILESS_MAIN(TestGroupAdmin)
#include "test_groupadmin.moc"
