// The group administration dialogs, driven as a user does: a reset through
// its preview (what Apply commits is what the preview showed, checked by
// kcat consuming in the group), and a deletion confirmed by typing the
// group's name. On the sandbox each says, promptly, that it cannot.

#include "confirmdeletedialog.h"
#include "groupsmodel.h"
#include "mainwindow.h"
#include "offsetplanmodel.h"
#include "resetoffsetsdialog.h"

#include "kafka/connection.h"
#include "kafka/groupadmin.h"

#include "groupsupport.h"
#include "guitest.h"
#include "kcat.h"
#include "testcluster.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTreeView>
#include <QTest>

using namespace kafka;
using testsupport::TestCluster;

namespace {
const QString SandboxSays = QStringLiteral("the sandbox (librdkafka's mock cluster) does not answer");
constexpr int Messages = 10;

QString cell(const QAbstractItemModel *model, int row, int column)
{
    return model->index(row, column).data().toString();
}
} // namespace

class TestGroupDialogs : public QObject {
    Q_OBJECT

    std::unique_ptr<Connection> m_connection;
    QString m_topic;
    QString m_group;

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        const testsupport::TestSideBlocking allow("the test opens its connection and sets up its group");
        auto connection = Connection::open(TestCluster::windowSpec(1));
        QVERIFY2(connection.ok(), qPrintable(connection.error().message));
        m_connection = std::move(connection).value();
        m_topic = TestCluster::windowTopic(*m_connection);
        QVERIFY(!m_topic.isEmpty());
        m_group = TestCluster::name(QStringLiteral("dialog-group"));
        QVERIFY(testsupport::produceLines(m_connection->bootstrapServers(), m_topic, 0, Messages));
        QVERIFY(testsupport::commitOffsets(m_connection->bootstrapServers(), m_group, m_topic, 6, 5));
    }
    void cleanup()
    {
        const testsupport::TestSideBlocking allow("the test releases its connection");
        m_connection.reset();
    }

    void planModel()
    {
        OffsetPlanModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        PartitionOffsets known{{QStringLiteral("t"), 0}, 5, 0, 10, -1, {}};
        PartitionOffsets unknown{{QStringLiteral("t"), 1}, -1, -1, -1, -1, QStringLiteral("no leader")};
        model.setPlan(planOffsetReset(QStringLiteral("g"), {OffsetTarget::Kind::Offset, 50}, {known, unknown}));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.changingRows(), 1);
        QCOMPARE(cell(&model, 0, OffsetPlanModel::NewColumn), QStringLiteral("10"));
        QCOMPARE(cell(&model, 0, OffsetPlanModel::LagAfterColumn), QStringLiteral("0"));
        QCOMPARE(cell(&model, 0, OffsetPlanModel::NoteColumn), QStringLiteral("50 is past the log end: clamped to 10."));
        // Unknown stays unknown; nothing committed is "none", never 0.
        QCOMPARE(cell(&model, 1, OffsetPlanModel::CurrentColumn), QStringLiteral("none"));
        QCOMPARE(cell(&model, 1, OffsetPlanModel::NewColumn), QStringLiteral("unchanged"));
        QCOMPARE(cell(&model, 1, OffsetPlanModel::LogEndColumn), QStringLiteral("unknown"));
        QCOMPARE(cell(&model, 0, OffsetPlanModel::ResultColumn), QString());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setResults({{{QStringLiteral("t"), 0}, 10, {}}});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(cell(&model, 0, OffsetPlanModel::ResultColumn), QStringLiteral("reset"));
        QCOMPARE(cell(&model, 1, OffsetPlanModel::ResultColumn), QStringLiteral("unchanged"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    // Partition 0 (committed 5 of 10) shifted back by 3: the preview says
    // 5 → 2, lag 8; Apply commits it, and a consumer in the group starts
    // at 2. A changed input drops the plan: Apply never commits a plan that
    // is not the one shown.
    void resetThroughThePreview()
    {
        ResetOffsetsDialog dialog(m_connection.get(), m_group, {m_topic}, nullptr);
        testsupport::ModelTester tester(dialog.planModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        dialog.show();
        auto *targets = dialog.findChild<QComboBox *>(QStringLiteral("targetCombo"));
        auto *value = dialog.findChild<QLineEdit *>(QStringLiteral("valueEdit"));
        auto *preview = dialog.findChild<QPushButton *>(QStringLiteral("previewButton"));
        auto *apply = dialog.findChild<QPushButton *>(QStringLiteral("applyButton"));
        QVERIFY(targets && value && preview && apply);
        QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("topicCombo"))->currentText(), m_topic);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("partitionsEdit")), QStringLiteral("0"));
        targets->setCurrentIndex(targets->findData(int(OffsetTarget::Kind::ShiftBy)));
        QTest::keyClicks(value, QStringLiteral("-3"));

        QSignalSpy shown(&dialog, &ResetOffsetsDialog::previewShown);
        QTest::mouseClick(preview, Qt::LeftButton);
        QVERIFY(!preview->isEnabled()); // while asking
        QVERIFY(shown.wait(30000));
        if (!TestCluster::real()) {
            QVERIFY2(dialog.statusText().contains(SandboxSays + QStringLiteral(" DescribeGroups")),
                     qPrintable(dialog.statusText()));
            QCOMPARE(dialog.planModel()->rowCount(), 0);
            QVERIFY(!apply->isEnabled());
            return;
        }
        const OffsetPlanModel *plan = dialog.planModel();
        QCOMPARE(plan->rowCount(), 1);
        QCOMPARE(cell(plan, 0, OffsetPlanModel::CurrentColumn), QStringLiteral("5"));
        QCOMPARE(cell(plan, 0, OffsetPlanModel::NewColumn), QStringLiteral("2"));
        QCOMPARE(cell(plan, 0, OffsetPlanModel::LagAfterColumn), QStringLiteral("8"));
        QVERIFY2(apply->isEnabled(), qPrintable(dialog.statusText()));
        if (const QString shots = qEnvironmentVariable("KAFKADESK_TEST_SHOTS"); !shots.isEmpty())
            dialog.grab().save(shots + QStringLiteral("/resetoffsetsdialog.png"));

        // A changed input drops the plan shown.
        QTest::keyClick(value, Qt::Key_Backspace);
        QCOMPARE(plan->rowCount(), 0);
        QVERIFY(!apply->isEnabled());
        QTest::keyClicks(value, QStringLiteral("3"));
        QTest::mouseClick(preview, Qt::LeftButton);
        QVERIFY(shown.wait(30000));
        QCOMPARE(cell(plan, 0, OffsetPlanModel::NewColumn), QStringLiteral("2"));

        QSignalSpy finished(&dialog, &ResetOffsetsDialog::applyFinished);
        QTest::mouseClick(apply, Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(cell(plan, 0, OffsetPlanModel::ResultColumn), QStringLiteral("reset"));
        QCOMPARE(dialog.statusText(), QStringLiteral("Reset 1 partition(s)."));
        QVERIFY(!apply->isEnabled()); // once: another needs a fresh preview
        const auto first = testsupport::firstOffsetsInGroup(m_connection->bootstrapServers(), m_group, m_topic);
        QCOMPARE(first.value(0, -1), 2);
    }

    // The Groups tab's buttons act on the group selected: disabled without
    // one; Reset offsets… opens the dialog on it (the real cluster lists
    // the group through the Admin API; the sandbox lists no group here).
    void groupsTabOpensTheDialogOnTheSelectedGroup()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.connectTo(TestCluster::windowSpec(1)));
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStateText().startsWith(QLatin1String("Connected")), 10000);
        auto *reset = window.findChild<QPushButton *>(QStringLiteral("resetOffsetsButton"));
        QVERIFY(reset);
        QVERIFY(!reset->isEnabled());
        QVERIFY(!window.findChild<QPushButton *>(QStringLiteral("deleteGroupButton"))->isEnabled());
        if (!TestCluster::real())
            return;
        const auto groupRow = [&] { return window.groupsModel()->indexOfKeys({QStringLiteral("cluster:") + m_group}); };
        QTRY_VERIFY_WITH_TIMEOUT(groupRow().isValid(), 30000 + MainWindow::RefreshIntervalMs);
        auto *view = window.findChild<QTreeView *>(QStringLiteral("groupsView"));
        // A row inside the group acts on the group.
        view->setCurrentIndex(window.groupsModel()->index(0, 0, groupRow()));
        QVERIFY(reset->isEnabled());
        QTest::mouseClick(reset, Qt::LeftButton);
        auto *dialog = window.findChild<ResetOffsetsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Reset offsets of %1").arg(m_group));
        // Its own topic first.
        QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("topicCombo"))->currentText(), m_topic);
        dialog->close();

        // Delete offsets…: the group's topics to choose from, its name typed.
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("deleteOffsetsButton")), Qt::LeftButton);
        auto *confirm = window.findChild<ConfirmDeleteDialog *>(QStringLiteral("deleteOffsetsDialog"));
        QVERIFY(confirm);
        QCOMPARE(confirm->findChild<QComboBox *>(QStringLiteral("choiceCombo"))->currentText(), m_topic);
        QSignalSpy deleted(confirm, &ConfirmDeleteDialog::deleted);
        QTest::keyClicks(confirm->findChild<QLineEdit *>(QStringLiteral("nameEdit")), m_group);
        QTest::mouseClick(confirm->findChild<QPushButton *>(QStringLiteral("deleteButton")), Qt::LeftButton);
        QVERIFY2(deleted.wait(30000), qPrintable(confirm->statusText()));
        const testsupport::TestSideBlocking allow("the test describes the group");
        const auto described = GroupAdmin(TestCluster::start().value()->client()).describe(m_group);
        QVERIFY2(described.ok(), qPrintable(described.error().message));
        QCOMPARE(described.value().offsets.size(), 0);
    }

    // Delete is enabled only once the name is typed exactly; the deletion
    // runs off the GUI thread and closes the dialog (a real cluster), or
    // says why not and stays (the sandbox).
    void deleteGroupConfirmedByName()
    {
        const Connection *connection = m_connection.get();
        const QString group = m_group;
        ConfirmDeleteDialog dialog(
            QStringLiteral("Delete group"), QStringLiteral("Deletes it."), group,
            [connection, group](const QString &) {
                return connection->runOnClient(
                    [group](const ClusterClient &client) { return GroupAdmin(client).deleteGroup(group); });
            },
            nullptr);
        dialog.show();
        auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"));
        auto *remove = dialog.findChild<QPushButton *>(QStringLiteral("deleteButton"));
        QVERIFY(name && remove);
        QVERIFY(!remove->isEnabled());
        QTest::keyClicks(name, group.left(group.size() - 1));
        QVERIFY(!remove->isEnabled());
        QTest::keyClicks(name, group.right(1));
        QVERIFY(remove->isEnabled());

        QSignalSpy deleted(&dialog, &ConfirmDeleteDialog::deleted);
        QSignalSpy failed(&dialog, &ConfirmDeleteDialog::failed);
        QTest::mouseClick(remove, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(deleted.count() + failed.count() == 1, 30000);
        if (!TestCluster::real()) {
            QVERIFY2(dialog.statusText().contains(SandboxSays + QStringLiteral(" DeleteGroups")),
                     qPrintable(dialog.statusText()));
            QVERIFY(dialog.isVisible());
            return;
        }
        QVERIFY2(deleted.count() == 1, qPrintable(dialog.statusText()));
        QVERIFY(!dialog.isVisible());
        const testsupport::TestSideBlocking allow("the test describes the group");
        const auto described = GroupAdmin(TestCluster::start().value()->client()).describe(group);
        QVERIFY2(described.ok(), qPrintable(described.error().message));
        QCOMPARE(described.value().state, QStringLiteral("Dead"));
    }
};

KAFKADESK_GUITEST_MAIN(TestGroupDialogs)
#include "test_groupdialogs.moc"
