#include "groupsmodel.h"
#include "guitest.h"

#include <QAbstractItemModelTester>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>

using Row = GroupsModel::Row;

namespace {
Row partition(const QString &topic, int p, const QString &details = {})
{
    return {QStringLiteral("%1[%2]").arg(topic).arg(p), QStringLiteral("%1[%2]").arg(topic).arg(p), details, {}};
}

Row group(const QString &id, const QString &details, QList<Row> children)
{
    return {id, id, details, std::move(children)};
}

// The tree as text, one line per row, indented by depth: what a view shows.
QStringList dump(const QAbstractItemModel &model, const QModelIndex &parent = {}, int depth = 0)
{
    QStringList lines;
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex index = model.index(r, 0, parent);
        lines.append(QString(depth * 2, QLatin1Char(' ')) + index.data().toString() + QStringLiteral(" | ")
                     + index.siblingAtColumn(1).data().toString());
        lines += dump(model, index, depth + 1);
    }
    return lines;
}
} // namespace

class TestGroupsModel : public QObject {
    Q_OBJECT
private slots:
    // A refresh changes rows in place: what is still there keeps its index
    // (persistent indexes, hence a view's selection and expansion, follow
    // it), what went is removed, what came is inserted, and nothing resets.
    void refreshChangesRowsInPlace()
    {
        GroupsModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.columnCount(), int(GroupsModel::ColumnCount));
        model.setRows({group(QStringLiteral("billing"), QStringLiteral("lag 5"),
                             {{QStringLiteral("member:a"), QStringLiteral("client-a"), QStringLiteral("member a"),
                               {partition(QStringLiteral("orders"), 0), partition(QStringLiteral("orders"), 1)}}}),
                       group(QStringLiteral("audit"), QStringLiteral("lag 0"), {}),
                       group(QStringLiteral("search"), QStringLiteral("lag 1"), {})});
        QCOMPARE(model.rowCount(), 3);
        const QPersistentModelIndex audit = model.indexOfKeys({QStringLiteral("audit")});
        const QPersistentModelIndex orders1 =
            model.indexOfKeys({QStringLiteral("billing"), QStringLiteral("member:a"), QStringLiteral("orders[1]")});
        QVERIFY(audit.isValid() && orders1.isValid());
        QCOMPARE(orders1.data().toString(), QStringLiteral("orders[1]"));

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(reset.isValid() && layout.isValid() && inserted.isValid() && removed.isValid() && moved.isValid()
                && changed.isValid());

        // "search" went, "payments" came first, audit moved above billing,
        // whose member lost partition 0 and whose lag changed.
        model.setRows({group(QStringLiteral("payments"), QStringLiteral("lag 2"), {}),
                       group(QStringLiteral("audit"), QStringLiteral("lag 0"), {}),
                       group(QStringLiteral("billing"), QStringLiteral("lag 7"),
                             {{QStringLiteral("member:a"), QStringLiteral("client-a"), QStringLiteral("member a"),
                               {partition(QStringLiteral("orders"), 1)}}})});
        QCOMPARE(reset.count(), 0);
        QCOMPARE(layout.count(), 0);
        QCOMPARE(dump(model), (QStringList{QStringLiteral("payments | lag 2"), QStringLiteral("audit | lag 0"),
                                           QStringLiteral("billing | lag 7"), QStringLiteral("  client-a | member a"),
                                           QStringLiteral("    orders[1] | ")}));
        QCOMPARE(removed.count(), 2);  // search; orders[0]
        QCOMPARE(inserted.count(), 1); // payments
        QCOMPARE(changed.count(), 1);  // billing's lag
        QCOMPARE(moved.count(), 1);    // audit
        // The rows that stayed are the same rows.
        QVERIFY(audit.isValid());
        QCOMPARE(audit.data().toString(), QStringLiteral("audit"));
        QVERIFY(orders1.isValid());
        QCOMPARE(orders1.data().toString(), QStringLiteral("orders[1]"));
        QCOMPARE(orders1.parent().parent().data().toString(), QStringLiteral("billing"));

        // The same tree again changes nothing.
        const int signalsBefore = int(inserted.count() + removed.count() + moved.count() + changed.count());
        model.setRows({group(QStringLiteral("payments"), QStringLiteral("lag 2"), {}),
                       group(QStringLiteral("audit"), QStringLiteral("lag 0"), {}),
                       group(QStringLiteral("billing"), QStringLiteral("lag 7"),
                             {{QStringLiteral("member:a"), QStringLiteral("client-a"), QStringLiteral("member a"),
                               {partition(QStringLiteral("orders"), 1)}}})});
        QCOMPARE(int(inserted.count() + removed.count() + moved.count() + changed.count()), signalsBefore);

        // Everything goes.
        model.setRows({});
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!audit.isValid());
        QCOMPARE(reset.count(), 0);
    }

    // Siblings with one key are one row: the first is kept.
    void duplicateKeysKeepTheFirst()
    {
        GroupsModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows({group(QStringLiteral("g"), QStringLiteral("first"), {partition(QStringLiteral("t"), 0),
                                                                          partition(QStringLiteral("t"), 0, QStringLiteral("again"))}),
                       group(QStringLiteral("g"), QStringLiteral("second"), {})});
        QCOMPARE(dump(model), (QStringList{QStringLiteral("g | first"), QStringLiteral("  t[0] | ")}));
    }

    // Many rows in, reordered, and out, in mixed steps: the tester checks
    // every signal against the model's state at each step.
    void mixedChangesStayConsistent()
    {
        GroupsModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto rows = [](const QList<int> &ids) {
            QList<Row> out;
            for (int id : ids)
                out.append(group(QStringLiteral("g%1").arg(id), QString::number(id * 10),
                                 {partition(QStringLiteral("t"), id % 3), partition(QStringLiteral("u"), id % 2)}));
            return out;
        };
        const QList<QList<int>> steps{{1, 2, 3, 4, 5}, {5, 4, 3, 2, 1}, {2, 7, 8, 1}, {9}, {}, {3, 1, 2}, {1, 2, 3}};
        for (const QList<int> &step : steps) {
            model.setRows(rows(step));
            QCOMPARE(model.rowCount(), int(step.size()));
            for (int r = 0; r < step.size(); ++r) {
                QCOMPARE(model.index(r, 0).data().toString(), QStringLiteral("g%1").arg(step[r]));
                QCOMPARE(model.index(r, 1).data().toString(), QString::number(step[r] * 10));
                QCOMPARE(model.rowCount(model.index(r, 0)), 2);
            }
        }
    }
};

KAFKADESK_GUITEST_MAIN(TestGroupsModel)
#include "test_groupsmodel.moc"
