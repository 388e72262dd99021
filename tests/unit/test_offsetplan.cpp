// The reset-offsets plan computed from offsets alone: the targets, clamping
// into the log as Kafka's kafka-consumer-groups tool does, and the refusal
// of a group with active members.

#include "kafka/groupadmin.h"

#include <QTest>

using namespace kafka;

namespace {
// Partition 0 of "t": log [100, 200), committed 150 (or -1: nothing).
PartitionOffsets partition(qint64 committed, qint64 offsetAtTime = -1)
{
    PartitionOffsets p;
    p.partition = {QStringLiteral("t"), 0};
    p.committed = committed;
    p.logStart = 100;
    p.logEnd = 200;
    p.offsetAtTime = offsetAtTime;
    return p;
}
} // namespace

Q_DECLARE_METATYPE(kafka::OffsetTarget::Kind)

class TestOffsetPlan : public QObject {
    Q_OBJECT
private slots:
    void targets_data()
    {
        QTest::addColumn<OffsetTarget::Kind>("kind");
        QTest::addColumn<qint64>("value");
        QTest::addColumn<qint64>("committed");
        QTest::addColumn<qint64>("offsetAtTime");
        QTest::addColumn<qint64>("expected"); // -1: left as it is
        QTest::addColumn<QString>("note");
        using K = OffsetTarget::Kind;
        const QString none;
        QTest::newRow("earliest") << K::Earliest << qint64(0) << qint64(150) << qint64(-1) << qint64(100) << none;
        QTest::newRow("earliest, nothing committed") << K::Earliest << qint64(0) << qint64(-1) << qint64(-1) << qint64(100) << none;
        QTest::newRow("latest") << K::Latest << qint64(0) << qint64(150) << qint64(-1) << qint64(200) << none;
        QTest::newRow("offset inside") << K::Offset << qint64(120) << qint64(150) << qint64(-1) << qint64(120) << none;
        QTest::newRow("offset = log end") << K::Offset << qint64(200) << qint64(150) << qint64(-1) << qint64(200) << none;
        QTest::newRow("offset before the log")
            << K::Offset << qint64(5) << qint64(150) << qint64(-1) << qint64(100)
            << QStringLiteral("5 is before the log start: clamped to 100.");
        QTest::newRow("offset past the log")
            << K::Offset << qint64(500) << qint64(150) << qint64(-1) << qint64(200)
            << QStringLiteral("500 is past the log end: clamped to 200.");
        QTest::newRow("shift back") << K::ShiftBy << qint64(-30) << qint64(150) << qint64(-1) << qint64(120) << none;
        QTest::newRow("shift forward") << K::ShiftBy << qint64(30) << qint64(150) << qint64(-1) << qint64(180) << none;
        QTest::newRow("shift before the log")
            << K::ShiftBy << qint64(-100) << qint64(150) << qint64(-1) << qint64(100)
            << QStringLiteral("50 is before the log start: clamped to 100.");
        QTest::newRow("shift, no overflow")
            << K::ShiftBy << std::numeric_limits<qint64>::max() << qint64(150) << qint64(-1) << qint64(200)
            << QStringLiteral("%1 is past the log end: clamped to 200.").arg(std::numeric_limits<qint64>::max());
        QTest::newRow("shift, nothing committed")
            << K::ShiftBy << qint64(-5) << qint64(-1) << qint64(-1) << qint64(-1)
            << QStringLiteral("Left as it is: nothing is committed to shift from.");
        QTest::newRow("date-time found") << K::DateTime << qint64(0) << qint64(150) << qint64(170) << qint64(170) << none;
        QTest::newRow("date-time after the last message")
            << K::DateTime << qint64(0) << qint64(150) << qint64(-1) << qint64(200)
            << QStringLiteral("No message at or after that time: the log end.");
    }

    void targets()
    {
        QFETCH(OffsetTarget::Kind, kind);
        QFETCH(qint64, value);
        QFETCH(qint64, committed);
        QFETCH(qint64, offsetAtTime);
        QFETCH(qint64, expected);
        QFETCH(QString, note);

        const OffsetResetPlan plan = planOffsetReset(QStringLiteral("g"), {kind, value}, {partition(committed, offsetAtTime)});
        QCOMPARE(plan.group, QStringLiteral("g"));
        QCOMPARE(plan.rows.size(), 1);
        const OffsetResetRow &row = plan.rows.first();
        QCOMPARE(row.current, committed);
        QCOMPARE(row.newOffset, expected);
        QCOMPARE(row.changes(), expected >= 0);
        QCOMPARE(row.logStart, 100);
        QCOMPARE(row.logEnd, 200);
        QCOMPARE(row.lagAfter(), expected >= 0 ? 200 - expected : -1);
        QCOMPARE(row.note, note);
    }

    // A partition whose log is unknown is left as it is, saying why; the
    // rows come out in partition order whatever order they came in.
    void unknownLogAndOrder()
    {
        PartitionOffsets unknown;
        unknown.partition = {QStringLiteral("a"), 3};
        unknown.committed = 7;
        unknown.error = QStringLiteral("Broker: Not leader for partition");
        PartitionOffsets known = partition(150);
        known.partition = {QStringLiteral("a"), 1};
        const OffsetResetPlan plan = planOffsetReset(QStringLiteral("g"), {OffsetTarget::Kind::Latest, 0}, {unknown, known});
        QCOMPARE(plan.rows.size(), 2);
        QCOMPARE(plan.rows[0].partition.partition, 1);
        QCOMPARE(plan.rows[0].newOffset, 200);
        QCOMPARE(plan.rows[1].partition.partition, 3);
        QCOMPARE(plan.rows[1].newOffset, -1);
        QCOMPARE(plan.rows[1].current, 7);
        QCOMPARE(plan.rows[1].lagAfter(), -1);
        QCOMPARE(plan.rows[1].note,
                 QStringLiteral("Left as it is: its log start and end are unknown (Broker: Not leader for partition)."));
    }

    void activeGroupsAreRefused()
    {
        GroupInfo group;
        group.id = QStringLiteral("orders");
        group.state = QStringLiteral("Empty");
        QCOMPARE(GroupAdmin::activeGroupRefusal(group, QStringLiteral("reset its offsets")), QString());
        group.state = QStringLiteral("Dead");
        QCOMPARE(GroupAdmin::activeGroupRefusal(group, QStringLiteral("reset its offsets")), QString());

        group.state = QStringLiteral("Stable");
        group.members = {{QStringLiteral("m1"), QStringLiteral("billing-1"), QStringLiteral("/10.0.0.5"), {}},
                         {QStringLiteral("m2"), QStringLiteral("billing-2"), QStringLiteral("/10.0.0.6"), {}}};
        QCOMPARE(GroupAdmin::activeGroupRefusal(group, QStringLiteral("reset its offsets")),
                 QStringLiteral("Group 'orders' has 2 active member(s) ('billing-1' on /10.0.0.5, 'billing-2' on "
                                "/10.0.0.6; state Stable): Kafka lets you reset its offsets only while the group has "
                                "no active members. Stop its consumers, wait until its state is Empty, and try again."));
        // Between members: no one listed, still not empty.
        group.members.clear();
        group.state = QStringLiteral("PreparingRebalance");
        QVERIFY(GroupAdmin::activeGroupRefusal(group, QStringLiteral("reset its offsets"))
                    .startsWith(QLatin1String("Group 'orders' is not empty (state PreparingRebalance): ")));
    }

    void targetsDescribeThemselves()
    {
        QCOMPARE((OffsetTarget{OffsetTarget::Kind::ShiftBy, -5}.describe()), QStringLiteral("the committed offset shifted by -5"));
        QCOMPARE((OffsetTarget{OffsetTarget::Kind::ShiftBy, 5}.describe()), QStringLiteral("the committed offset shifted by +5"));
        QCOMPARE((OffsetTarget{OffsetTarget::Kind::DateTime, 1714557600000}.describe()),
                 QStringLiteral("the first message at or after 2024-05-01T10:00:00.000Z"));
    }
};

QTEST_GUILESS_MAIN(TestOffsetPlan)
#include "test_offsetplan.moc"
