// `kafkadesk acls ...` as a script runs it: created ACLs are listed with
// filters, a deletion without --yes lists what matches and deletes nothing.

#include "kcat.h"
#include "testcluster.h"

#include <QTest>

using testsupport::kafkadesk;
using testsupport::run;
using testsupport::TestCluster;

namespace {
QList<QStringList> rows(const QByteArray &out)
{
    QList<QStringList> rows;
    for (const QString &line : QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        rows.append(line.split(QLatin1Char('\t')));
    return rows;
}
const QStringList Header{QStringLiteral("PRINCIPAL"), QStringLiteral("HOST"), QStringLiteral("OPERATION"),
                         QStringLiteral("PERMISSION"), QStringLiteral("RESOURCE-TYPE"), QStringLiteral("RESOURCE"),
                         QStringLiteral("PATTERN")};
} // namespace

class TestAclsCommand : public QObject {
    Q_OBJECT

    std::unique_ptr<TestCluster> m_cluster;
    QString m_principal;

    testsupport::ProcessResult acls(const QStringList &arguments)
    {
        return run(kafkadesk(), QStringList{QStringLiteral("acls"), arguments.value(0), QStringLiteral("-b"),
                                            m_cluster->bootstrapServers()}
                                    + arguments.mid(1));
    }

private slots:
    void init()
    {
        auto cluster = TestCluster::start(1);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
        m_principal = QStringLiteral("User:") + TestCluster::name(QStringLiteral("bob"));
    }
    void cleanup() { m_cluster.reset(); }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("create without operation")
            << QStringList{QStringLiteral("create"), QStringLiteral("--principal"), QStringLiteral("User:x"),
                           QStringLiteral("--resource-type"), QStringLiteral("topic"), QStringLiteral("--resource"),
                           QStringLiteral("t")}
            << QStringLiteral("--operation is required");
        QTest::newRow("unknown operation")
            << QStringList{QStringLiteral("list"), QStringLiteral("--operation"), QStringLiteral("reed")}
            << QStringLiteral("--operation 'reed' is none of Any, All, Read");
        QTest::newRow("delete everything by accident")
            << QStringList{QStringLiteral("delete"), QStringLiteral("--yes")} << QStringLiteral("say which ACLs to delete");
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const auto result = acls(arguments);
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(QString::fromUtf8(result.err).contains(message), result.err.constData());
    }

    void sandboxSaysSo()
    {
        if (TestCluster::real())
            return;
        const auto result = acls({QStringLiteral("list")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("the sandbox (librdkafka's mock cluster) does not answer DescribeAcls"),
                 result.err.constData());
    }

    void createListDelete()
    {
        if (!TestCluster::real())
            return;
        auto result = acls({QStringLiteral("create"), QStringLiteral("--principal"), m_principal, QStringLiteral("--resource-type"),
                            QStringLiteral("group"), QStringLiteral("--resource"), QStringLiteral("billing-"),
                            QStringLiteral("--pattern"), QStringLiteral("prefixed"), QStringLiteral("--operation"),
                            QStringLiteral("read")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QStringList created{m_principal, QStringLiteral("*"), QStringLiteral("Read"), QStringLiteral("Allow"),
                                  QStringLiteral("Group"), QStringLiteral("billing-"), QStringLiteral("Prefixed")};
        const QStringList mine{QStringLiteral("--principal"), m_principal};
        QTRY_COMPARE_WITH_TIMEOUT(rows(acls(QStringList{QStringLiteral("list")} + mine).out),
                                  (QList<QStringList>{Header, created}), 10000);
        result = acls(QStringList{QStringLiteral("list")} + mine + QStringList{QStringLiteral("--operation"), QStringLiteral("write")});
        QCOMPARE(rows(result.out), QList<QStringList>{Header});

        // Without --yes: what would go, and nothing goes.
        result = acls(QStringList{QStringLiteral("delete")} + mine);
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(rows(result.out), (QList<QStringList>{Header, created}));
        QVERIFY2(result.err.contains("1 ACL(s) match and would be deleted"), result.err.constData());
        QCOMPARE(rows(acls(QStringList{QStringLiteral("list")} + mine).out), (QList<QStringList>{Header, created}));

        result = acls(QStringList{QStringLiteral("delete")} + mine + QStringList{QStringLiteral("--yes")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(rows(result.out), (QList<QStringList>{Header, created}));
        QTRY_COMPARE_WITH_TIMEOUT(rows(acls(QStringList{QStringLiteral("list")} + mine).out), QList<QStringList>{Header}, 10000);
    }
};

QTEST_GUILESS_MAIN(TestAclsCommand)
#include "test_aclscommand.moc"
