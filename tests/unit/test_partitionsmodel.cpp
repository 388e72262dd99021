#include "partitionsmodel.h"
#include "guitest.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
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
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
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
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
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
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        TopicInfo info{QStringLiteral("t"), {{0, -1, {1, 2}, {1}, -1, -1, QStringLiteral("Local: Timed out")}}, {}};
        model.setTopic(info);
        QCOMPARE(model.index(0, PartitionsModel::LeaderColumn).data().toString(), QStringLiteral("none"));
        QCOMPARE(model.index(0, PartitionsModel::MessagesColumn).data().toString(), QStringLiteral("unavailable"));
        QVERIFY(!model.index(0, PartitionsModel::MessagesColumn).data(PartitionsModel::ValueRole).isValid());
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

    // Watermarks not known (none given, or the fetch failed) show as
    // unknown, carry no number (not 0, not -1), and make the topic's message
    // total a lower bound that says how many partitions it leaves out. A
    // known 0 stays 0.
    void unknownWatermarksAreUnknownNotZero()
    {
        PartitionsModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        TopicInfo info{QStringLiteral("t"),
                       {{0, 1, {1}, {1}, 0, 100, {}},
                        {1, 1, {1}, {1}, -1, -1, {}},
                        {2, 1, {1}, {1}, -1, -1, QStringLiteral("Local: Timed out")},
                        {3, 1, {1}, {1}, 5, 5, {}}},
                       {}};
        model.setTopic(info);
        for (int column : {PartitionsModel::LowWatermarkColumn, PartitionsModel::HighWatermarkColumn,
                           PartitionsModel::MessagesColumn}) {
            const QModelIndex unknown = model.index(1, column);
            QCOMPARE(unknown.data().toString(), PartitionsModel::UnknownText);
            QVERIFY(!unknown.data(PartitionsModel::ValueRole).isValid());
            QVERIFY2(unknown.data(Qt::ToolTipRole).toString().startsWith(QLatin1String("Unknown")),
                     qPrintable(unknown.data(Qt::ToolTipRole).toString()));
            QCOMPARE(model.index(2, column).data().toString(), QStringLiteral("unavailable"));
            QVERIFY(!model.index(2, column).data(PartitionsModel::ValueRole).isValid());
        }
        QCOMPARE(model.index(3, PartitionsModel::MessagesColumn).data().toString(), QStringLiteral("0"));
        QCOMPARE(model.index(3, PartitionsModel::MessagesColumn).data(PartitionsModel::ValueRole), QVariant(qint64(0)));

        const PartialSum total = model.messageTotal();
        QCOMPARE(total.knownTotal(), 100);
        QCOMPARE(total.unknownParts(), 2);
        QVERIFY(!total.isExact());
        QCOMPARE(total.text(), QStringLiteral("≥ 100"));
        QCOMPARE(total.describe(), QStringLiteral("≥ 100 (2 of 4 partitions unknown)"));

        info.partitions = {info.partitions[1], info.partitions[2]};
        model.setTopic(info);
        QVERIFY(model.messageTotal().isUnknown());
        QCOMPARE(model.messageTotal().text(), QStringLiteral("unknown"));
        QCOMPARE(model.messageTotal().describe(), QStringLiteral("unknown (2 of 2 partitions unknown)"));

        model.setTopic(topic(QStringLiteral("orders"), 4, 100)); // 100 + 101 + 102 + 103
        QVERIFY(model.messageTotal().isExact());
        QCOMPARE(model.messageTotal().describe(), QLocale().toString(406));
    }

    // Sorted on ValueRole, the unknowns stay together: after every number
    // ascending, before them descending; never in among the zeros.
    void unknownWatermarksSortTogether_data()
    {
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<QList<int>>("partitions");
        QTest::newRow("ascending") << Qt::AscendingOrder << QList<int>{3, 0, 4, 1, 2};
        QTest::newRow("descending") << Qt::DescendingOrder << QList<int>{1, 2, 4, 0, 3};
    }
    void unknownWatermarksSortTogether()
    {
        QFETCH(Qt::SortOrder, order);
        QFETCH(QList<int>, partitions);
        PartitionsModel model;
        model.setTopic({QStringLiteral("t"),
                        {{0, 1, {1}, {1}, 0, 7, {}},
                         {1, 1, {1}, {1}, -1, -1, {}},
                         {2, 1, {1}, {1}, -1, -1, QStringLiteral("Local: Timed out")},
                         {3, 1, {1}, {1}, 0, 0, {}},
                         {4, 1, {1}, {1}, 10, 20, {}}},
                        {}});
        QSortFilterProxyModel sorted;
        sorted.setSourceModel(&model);
        sorted.setSortRole(PartitionsModel::ValueRole);
        testsupport::ModelTester tester(&sorted, QAbstractItemModelTester::FailureReportingMode::QtTest);
        sorted.sort(PartitionsModel::MessagesColumn, order);
        QList<int> shown;
        for (int row = 0; row < sorted.rowCount(); ++row)
            shown.append(sorted.index(row, PartitionsModel::PartitionColumn).data(PartitionsModel::ValueRole).toInt());
        // Among the unknowns, the proxy keeps the model's order.
        QCOMPARE(shown, partitions);
    }
};

KAFKADESK_GUITEST_MAIN(TestPartitionsModel)
#include "test_partitionsmodel.moc"
