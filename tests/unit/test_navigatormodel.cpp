#include "clusternavigatormodel.h"
#include "guitest.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using kafka::ClusterMetadata;

namespace {
ClusterMetadata metadata(int brokers, const QStringList &topics)
{
    ClusterMetadata md;
    for (int id = 1; id <= brokers; ++id)
        md.brokers.append({id, QStringLiteral("127.0.0.1"), 9000 + id});
    for (const QString &name : topics)
        md.topics.append({name, {{0, 1, {1}, {1}, 0, 0, {}}, {1, 1, {1}, {1}, 0, 0, {}}}, {}});
    return md;
}
} // namespace

class TestNavigatorModel : public QObject {
    Q_OBJECT
private slots:
    void listsBrokersAndTopics()
    {
        ClusterNavigatorModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMetadata(metadata(3, {QStringLiteral("a"), QStringLiteral("b")}));

        QCOMPARE(model.rowCount(), 2);
        const QModelIndex brokers = model.index(ClusterNavigatorModel::BrokersGroup, 0);
        const QModelIndex topics = model.index(ClusterNavigatorModel::TopicsGroup, 0);
        QCOMPARE(model.rowCount(brokers), 3);
        QCOMPARE(model.rowCount(topics), 2);
        QCOMPARE(model.index(1, 0, brokers).data().toString(), QStringLiteral("Broker 2"));
        QCOMPARE(model.index(1, 1, brokers).data().toString(), QStringLiteral("127.0.0.1:9002"));
        QCOMPARE(model.index(1, 0, brokers).data(ClusterNavigatorModel::BrokerIdRole).toInt(), 2);
        QCOMPARE(model.index(0, 1, topics).data().toString(), QStringLiteral("2 partitions"));
        QCOMPARE(model.topicIndex(QStringLiteral("b")).data(ClusterNavigatorModel::TopicNameRole).toString(),
                 QStringLiteral("b"));
        QVERIFY(!model.topicIndex(QStringLiteral("zzz")).isValid());
        QCOMPARE(model.parent(model.index(0, 0, topics)), topics);
    }

    void sameShapeRefreshKeepsRows()
    {
        ClusterNavigatorModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMetadata(metadata(3, {QStringLiteral("a")}));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setMetadata(metadata(3, {QStringLiteral("a")}));
        QCOMPARE(resets.count(), 0);
        model.setMetadata(metadata(3, {QStringLiteral("a"), QStringLiteral("new")}));
        QCOMPARE(resets.count(), 1);
        QCOMPARE(model.rowCount(model.index(ClusterNavigatorModel::TopicsGroup, 0)), 2);
        model.clear();
        QCOMPARE(model.rowCount(model.index(ClusterNavigatorModel::TopicsGroup, 0)), 0);
    }
};

KAFKADESK_GUITEST_MAIN(TestNavigatorModel)
#include "test_navigatormodel.moc"
