#include "partitionsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using kafka::PartitionInfo;
using kafka::TopicInfo;

namespace {
TopicInfo topic(const QString &name, int partitions, qint64 high)
{
    TopicInfo info{name, {}, {}};
    for (int p = 0; p < partitions; ++p)
        info.partitions.append({p, p % 3 + 1, {1, 2, 3}, {1, 2, 3}, 0, high + p, {}});
    return info;
}
} // namespace

class TestPartitionsModel : public QObject {
    Q_OBJECT
private slots:
    void showsPartitionsAndWatermarks()
    {
        PartitionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(PartitionsModel::ColumnCount));

        model.setTopic(topic(QStringLiteral("orders"), 4, 100));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.topicName(), QStringLiteral("orders"));
        const QModelIndex row2 = model.index(2, 0);
        QCOMPARE(model.index(2, PartitionsModel::PartitionColumn).data().toString(), QStringLiteral("2"));
        QCOMPARE(model.index(2, PartitionsModel::LeaderColumn).data().toString(), QStringLiteral("3"));
        QCOMPARE(model.index(2, PartitionsModel::ReplicasColumn).data().toString(), QStringLiteral("1, 2, 3"));
        QCOMPARE(model.index(2, PartitionsModel::HighWatermarkColumn).data(PartitionsModel::ValueRole).toLongLong(),
                 102);
        QCOMPARE(model.index(2, PartitionsModel::MessagesColumn).data(PartitionsModel::ValueRole).toLongLong(), 102);
        QVERIFY(row2.isValid());
        QCOMPARE(model.headerData(PartitionsModel::LowWatermarkColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Low watermark"));
    }

    void refreshUpdatesInPlace()
    {
        PartitionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTopic(topic(QStringLiteral("orders"), 3, 10));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        model.setTopic(topic(QStringLiteral("orders"), 3, 20));
        QCOMPARE(resets.count(), 0);
        QCOMPARE(changes.count(), 1);
        QCOMPARE(model.index(0, PartitionsModel::HighWatermarkColumn).data(PartitionsModel::ValueRole).toLongLong(), 20);

        model.setTopic(topic(QStringLiteral("orders"), 5, 20)); // partitions added: new shape
        QCOMPARE(resets.count(), 1);
        QCOMPARE(model.rowCount(), 5);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void unknownWatermarksAndProblemsAreVisible()
    {
        PartitionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        TopicInfo info{QStringLiteral("t"), {{0, -1, {1, 2}, {1}, -1, -1, QStringLiteral("Local: Timed out")}}, {}};
        model.setTopic(info);
        QCOMPARE(model.index(0, PartitionsModel::LeaderColumn).data().toString(), QStringLiteral("none"));
        QCOMPARE(model.index(0, PartitionsModel::MessagesColumn).data().toString(), QStringLiteral("unavailable"));
        QVERIFY(model.index(0, PartitionsModel::HighWatermarkColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("Timed out")));
        QVERIFY(model.index(0, PartitionsModel::InSyncColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("Under-replicated")));
        QVERIFY(model.index(0, PartitionsModel::LeaderColumn).data(Qt::ForegroundRole).isValid());
    }
};

QTEST_MAIN(TestPartitionsModel)
#include "test_partitionsmodel.moc"
