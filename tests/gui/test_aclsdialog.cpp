// The ACLs dialog driven as a user does: on the real cluster (its
// authorizer on, scripts/kafka-cluster.sh) an ACL created from the form is
// listed, found by its principal, and deleted after typing the principal,
// the status saying what matched. On the sandbox the listing says it has
// none, promptly.

#include "aclsdialog.h"
#include "aclsmodel.h"
#include "confirmdeletedialog.h"

#include "kafka/connection.h"

#include "guitest.h"
#include "testcluster.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace kafka;
using testsupport::TestCluster;

namespace {
// The brokers' authorizers learn of a change through the metadata log, a
// moment after the request was answered: lists again until the list has
// `rows` rows (each listing waited for).
bool listUntil(AclsDialog &dialog, QSignalSpy &listed, int rows)
{
    for (int attempt = 0; attempt < 40 && dialog.model()->rowCount() != rows; ++attempt) {
        dialog.list();
        if (!listed.wait(30000))
            return false;
    }
    return dialog.model()->rowCount() == rows;
}
} // namespace

class TestAclsDialog : public QObject {
    Q_OBJECT

    std::unique_ptr<Connection> m_connection;

private slots:
    void init()
    {
        const testsupport::TestSideBlocking allow("the test opens its connection");
        auto connection = Connection::open(TestCluster::windowSpec(1));
        QVERIFY2(connection.ok(), qPrintable(connection.error().message));
        m_connection = std::move(connection).value();
    }
    void cleanup()
    {
        const testsupport::TestSideBlocking allow("the test releases its connection");
        m_connection.reset();
    }

    void createFindDelete()
    {
        AclsDialog dialog(m_connection.get());
        testsupport::ModelTester tester(dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        dialog.show();
        QSignalSpy listed(&dialog, &AclsDialog::listed);
        const QString principal = QStringLiteral("User:") + TestCluster::name(QStringLiteral("carol"));
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("filterPrincipal")), principal);
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("listButton")), Qt::LeftButton);
        QVERIFY(listed.wait(30000));
        if (!TestCluster::real()) {
            QCOMPARE(dialog.statusText(), QStringLiteral("Cannot list ACLs: the sandbox (librdkafka's mock cluster) does not "
                                                         "answer DescribeAcls. Connect to a real Kafka cluster to do this."));
            QCOMPARE(dialog.model()->rowCount(), 0);
            return;
        }
        QCOMPARE(dialog.statusText(), QStringLiteral("0 ACL(s) listed."));

        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("newPrincipal")), principal);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("newResource")), QStringLiteral("payments"));
        auto *operation = dialog.findChild<QComboBox *>(QStringLiteral("newOperation"));
        operation->setCurrentIndex(operation->findText(QStringLiteral("Write")));
        QSignalSpy changed(&dialog, &AclsDialog::changed);
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("createButton")), Qt::LeftButton);
        QVERIFY(changed.wait(30000));
        QVERIFY2(changed.last().first().toBool(), qPrintable(dialog.statusText()));
        QVERIFY(listed.wait(30000)); // the listing after the change
        QVERIFY2(dialog.statusText().startsWith(QStringLiteral("Created: %1 Allow Write on Topic payments").arg(principal)),
                 qPrintable(dialog.statusText()));
        QVERIFY(listUntil(dialog, listed, 1));
        const AclBinding created{RD_KAFKA_RESOURCE_TOPIC, QStringLiteral("payments"), RD_KAFKA_RESOURCE_PATTERN_LITERAL,
                                 principal, QStringLiteral("*"), RD_KAFKA_ACL_OPERATION_WRITE,
                                 RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW};
        QCOMPARE(dialog.model()->acls(), QList<AclBinding>{created});
        if (const QString shots = qEnvironmentVariable("KAFKADESK_TEST_SHOTS"); !shots.isEmpty())
            dialog.grab().save(shots + QStringLiteral("/aclsdialog.png"));

        auto *view = dialog.findChild<QTableView *>(QStringLiteral("aclsView"));
        auto *remove = dialog.findChild<QPushButton *>(QStringLiteral("deleteButton"));
        QVERIFY(!remove->isEnabled());
        view->selectRow(0);
        QVERIFY(remove->isEnabled());
        QTest::mouseClick(remove, Qt::LeftButton);
        auto *confirm = dialog.findChild<ConfirmDeleteDialog *>(QStringLiteral("confirmDeleteAcl"));
        QVERIFY(confirm);
        QTest::keyClicks(confirm->findChild<QLineEdit *>(QStringLiteral("nameEdit")), principal);
        QTest::mouseClick(confirm->findChild<QPushButton *>(QStringLiteral("deleteButton")), Qt::LeftButton);
        QVERIFY(changed.wait(30000));
        QVERIFY(listed.wait(30000));
        QVERIFY2(dialog.statusText().startsWith(QStringLiteral("Deleted 1 ACL(s): %1 Allow Write on Topic payments").arg(principal)),
                 qPrintable(dialog.statusText()));
        QVERIFY(listUntil(dialog, listed, 0));
    }
};

KAFKADESK_GUITEST_MAIN(TestAclsDialog)
#include "test_aclsdialog.moc"
