// ACLs (kafka::AclAdmin) on the real cluster, whose KRaft nodes run the
// StandardAuthorizer (scripts/kafka-cluster.sh): created, listed with
// filters, deleted with what matched. The sandbox has no authorizer and
// answers no ACL request: there each fails promptly and says so.

#include "kafka/acladmin.h"

#include "testcluster.h"

#include <QElapsedTimer>
#include <QTest>

using namespace kafka;
using testsupport::TestCluster;

class TestAclAdmin : public QObject {
    Q_OBJECT

    std::unique_ptr<TestCluster> m_cluster;
    QString m_principal; // unique per test: the cluster is shared

    AclBinding acl(rd_kafka_AclOperation_t operation, rd_kafka_AclPermissionType_t permission, const QString &topic,
                   rd_kafka_ResourcePatternType_t pattern = RD_KAFKA_RESOURCE_PATTERN_LITERAL) const
    {
        return {RD_KAFKA_RESOURCE_TOPIC, topic, pattern, m_principal, QStringLiteral("*"), operation, permission};
    }

private slots:
    void init()
    {
        auto cluster = TestCluster::start(1);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
        m_principal = QStringLiteral("User:") + TestCluster::name(QStringLiteral("alice"));
    }
    void cleanup() { m_cluster.reset(); }

    void namesRoundTrip()
    {
        for (const QString &name : operationNames())
            QCOMPARE(operationName(operationFromName(name)), name);
        QCOMPARE(operationFromName(QStringLiteral("CLUSTER_ACTION")), RD_KAFKA_ACL_OPERATION_CLUSTER_ACTION);
        QCOMPARE(operationFromName(QStringLiteral("describe-configs")), RD_KAFKA_ACL_OPERATION_DESCRIBE_CONFIGS);
        QCOMPARE(operationFromName(QStringLiteral("reed")), RD_KAFKA_ACL_OPERATION_UNKNOWN);
        QCOMPARE(resourceTypeFromName(QStringLiteral("broker")), RD_KAFKA_RESOURCE_BROKER);
        QCOMPARE(resourceTypeName(RD_KAFKA_RESOURCE_BROKER), QStringLiteral("Cluster"));
        QCOMPARE(patternTypeFromName(QStringLiteral("PREFIXED")), RD_KAFKA_RESOURCE_PATTERN_PREFIXED);
        QCOMPARE(permissionFromName(QStringLiteral("deny")), RD_KAFKA_ACL_PERMISSION_TYPE_DENY);
    }

    // A broker without an authorizer answers SECURITY_DISABLED.
    void authorizerOffIsSaidInWords()
    {
        const Error err = AclAdmin::requestError(RD_KAFKA_RESP_ERR_SECURITY_DISABLED, QStringLiteral("list ACLs"),
                                                 QStringLiteral("Broker: Security features are disabled"));
        QCOMPARE(err.message, QStringLiteral("Cannot list ACLs: ACLs are off on this cluster (no authorizer configured; "
                                             "its brokers need authorizer.class.name)."));
    }

    void incompleteAclIsRefusedBeforeSending()
    {
        const AclAdmin admin(m_cluster->client());
        AclBinding any = acl(RD_KAFKA_ACL_OPERATION_ANY, RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW, QStringLiteral("t"));
        QCOMPARE(admin.create(any).code, RD_KAFKA_RESP_ERR__INVALID_ARG);
        AclBinding noPrincipal = acl(RD_KAFKA_ACL_OPERATION_READ, RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW, QStringLiteral("t"));
        noPrincipal.principal = QStringLiteral("alice");
        QCOMPARE(admin.create(noPrincipal).message, QStringLiteral("An ACL needs a principal as TYPE:NAME, e.g. User:alice."));
    }

    void sandboxSaysSo()
    {
        if (TestCluster::real())
            return;
        const AclAdmin admin(m_cluster->client());
        QElapsedTimer timer;
        timer.start();
        const auto listed = admin.list({});
        QVERIFY(!listed.ok());
        QCOMPARE(listed.error().message, QStringLiteral("Cannot list ACLs: the sandbox (librdkafka's mock cluster) does not "
                                                        "answer DescribeAcls. Connect to a real Kafka cluster to do this."));
        const Error created = admin.create(acl(RD_KAFKA_ACL_OPERATION_READ, RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW, QStringLiteral("t")));
        QVERIFY2(created.message.contains(QLatin1String("the sandbox (librdkafka's mock cluster) does not answer CreateAcls")),
                 qPrintable(created.message));
        QVERIFY(!admin.remove({}).ok());
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
    }

    void createListDelete()
    {
        if (!TestCluster::real())
            return;
        const AclAdmin admin(m_cluster->client());
        const AclBinding read = acl(RD_KAFKA_ACL_OPERATION_READ, RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW, QStringLiteral("orders"));
        const AclBinding write = acl(RD_KAFKA_ACL_OPERATION_WRITE, RD_KAFKA_ACL_PERMISSION_TYPE_DENY, QStringLiteral("ord"),
                                     RD_KAFKA_RESOURCE_PATTERN_PREFIXED);
        QCOMPARE(admin.create(read).message, QString());
        QCOMPARE(admin.create(write).message, QString());

        AclFilter mine;
        mine.principal = m_principal;
        // ACLs reach every broker's authorizer through the metadata log: a
        // moment after CreateAcls answered.
        QTRY_COMPARE_WITH_TIMEOUT(admin.list(mine).value(), (QList<AclBinding>{write, read}), 10000);
        AclFilter reads = mine;
        reads.operation = RD_KAFKA_ACL_OPERATION_READ;
        QCOMPARE(admin.list(reads).value(), QList<AclBinding>{read});
        AclFilter denied = mine;
        denied.permission = RD_KAFKA_ACL_PERMISSION_TYPE_DENY;
        QCOMPARE(admin.list(denied).value(), QList<AclBinding>{write});
        // MATCH: the ACLs that apply to topic "orders", the prefixed one too.
        AclFilter onOrders = mine;
        onOrders.resourceType = RD_KAFKA_RESOURCE_TOPIC;
        onOrders.resourceName = QStringLiteral("orders");
        onOrders.patternType = RD_KAFKA_RESOURCE_PATTERN_MATCH;
        QCOMPARE(admin.list(onOrders).value(), (QList<AclBinding>{write, read}));
        onOrders.patternType = RD_KAFKA_RESOURCE_PATTERN_LITERAL;
        QCOMPARE(admin.list(onOrders).value(), QList<AclBinding>{read});

        const auto deleted = admin.remove(reads);
        QVERIFY2(deleted.ok(), qPrintable(deleted.error().message));
        QCOMPARE(deleted.value(), QList<AclBinding>{read});
        QTRY_COMPARE_WITH_TIMEOUT(admin.list(mine).value(), QList<AclBinding>{write}, 10000);
        QCOMPARE(admin.remove(mine).value(), QList<AclBinding>{write});
        QTRY_COMPARE_WITH_TIMEOUT(admin.list(mine).value(), QList<AclBinding>{}, 10000);
    }
};

QTEST_GUILESS_MAIN(TestAclAdmin)
#include "test_acladmin.moc"
