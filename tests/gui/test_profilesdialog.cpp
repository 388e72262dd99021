// The connection dialog's profiles, driven as a user does: the security
// form becomes a profile and librdkafka properties, profiles are saved,
// selected (their secrets come back from the keychain, or from this run's
// memory where none answers), duplicated, renamed and deleted; Test
// connection reports without blocking the GUI; and a read-only profile
// disables every change in the main window, with the reason. Runs through
// support/with-keyring.sh twice: with a keyring and without any.

#include "aclsdialog.h"
#include "appprofiles.h"
#include "clusternavigatormodel.h"
#include "configsdialog.h"
#include "consumerpanel.h"
#include "connectiondialog.h"
#include "mainwindow.h"
#include "producerpanel.h"
#include "settingswriter.h"
#include "topicactions.h"
#include "guitest.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int Wait = 15000;

bool keyring()
{
    return qEnvironmentVariable("KAFKADESK_TEST_KEYCHAIN") == QLatin1String("keyring");
}

} // namespace

class TestProfilesDialog : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_ca;

    template <typename T>
    static T *child(QWidget *parent, const char *name)
    {
        auto *widget = parent->findChild<T *>(QLatin1String(name));
        if (!widget)
            qFatal("no child %s", name);
        return widget;
    }

    static void type(QWidget *dialog, const char *edit, const QString &text)
    {
        auto *line = child<QLineEdit>(dialog, edit);
        line->clear();
        QTest::keyClicks(line, text);
    }

    static void choose(QWidget *dialog, const char *combo, const QString &text)
    {
        auto *box = child<QComboBox>(dialog, combo);
        box->setCurrentIndex(box->findText(text));
    }

    static void click(QWidget *dialog, const char *button)
    {
        QTest::mouseClick(child<QPushButton>(dialog, button), Qt::LeftButton);
    }

    // The SASL_SSL form a user fills for a SCRAM-SHA-512 cluster.
    void fillSaslSsl(ConnectionDialog &dialog, const QString &name)
    {
        type(&dialog, "nameEdit", name);
        child<QRadioButton>(&dialog, "bootstrapRadio")->setChecked(true);
        type(&dialog, "bootstrapEdit", QStringLiteral("kafka-1:9093,kafka-2:9093"));
        choose(&dialog, "protocolCombo", QStringLiteral("SASL_SSL"));
        choose(&dialog, "mechanismCombo", QStringLiteral("SCRAM-SHA-512"));
        type(&dialog, "usernameEdit", QStringLiteral("alice"));
        type(&dialog, "passwordEdit", QStringLiteral("pw SECRET"));
        type(&dialog, "caEdit", m_ca);
        child<QPlainTextEdit>(&dialog, "propertiesEdit")->setPlainText(QStringLiteral("client.id=desk"));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("KafkaDeskTests"));
        QVERIFY(m_dir.isValid());
        m_ca = m_dir.filePath(QStringLiteral("ca.pem"));
        QFile ca(m_ca);
        QVERIFY(ca.open(QIODevice::WriteOnly));
        ca.write("-----BEGIN CERTIFICATE-----\n");
    }
    void init()
    {
        const testsupport::TestSideBlocking waiting("the test waits for the settings written by the last one");
        QVERIFY(SettingsWriter::waitForWrites(5000));
        QSettings().clear();
        AppProfiles::reload();
    }

    void formBecomesProfileAndProperties()
    {
        ConnectionDialog dialog;
        dialog.show();
        fillSaslSsl(dialog, QStringLiteral("prod"));
        // Only what the protocol uses is enabled.
        QVERIFY(child<QLineEdit>(&dialog, "usernameEdit")->isEnabled());
        QVERIFY(!child<QLineEdit>(&dialog, "clientSecretEdit")->isEnabled());
        QVERIFY(child<QLineEdit>(&dialog, "caEdit")->isEnabled());

        const profiles::Profile p = dialog.profileFromForm();
        QCOMPARE(p.name, QStringLiteral("prod"));
        QCOMPARE(p.bootstrapServers, QStringLiteral("kafka-1:9093,kafka-2:9093"));
        QCOMPARE(p.security.protocol, kafka::SecuritySettings::Protocol::SaslSsl);
        QCOMPARE(p.security.mechanism, kafka::SecuritySettings::Mechanism::ScramSha512);
        QCOMPARE(p.security.username, QStringLiteral("alice"));
        QCOMPARE(p.security.password, QStringLiteral("pw SECRET"));
        QCOMPARE(p.security.caFile, m_ca);
        QVERIFY(p.security.verifyServer);

        // Verification is on by default; turned off, a warning says what it means.
        auto *warning = child<QLabel>(&dialog, "verifyWarning");
        QVERIFY(warning->isHidden());
        child<QCheckBox>(&dialog, "verifyCheck")->setChecked(false);
        QVERIFY(warning->isVisible());
        QVERIFY2(warning->text().contains(QLatin1String("not verified")), qPrintable(warning->text()));
        child<QCheckBox>(&dialog, "readOnlyCheck")->setChecked(true);

        QTest::mouseClick(child<QDialogButtonBox>(&dialog, "buttonBox")->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const kafka::Properties expected{
            {QStringLiteral("security.protocol"), QStringLiteral("sasl_ssl")},
            {QStringLiteral("sasl.mechanism"), QStringLiteral("SCRAM-SHA-512")},
            {QStringLiteral("sasl.username"), QStringLiteral("alice")},
            {QStringLiteral("sasl.password"), QStringLiteral("pw SECRET")},
            {QStringLiteral("ssl.ca.location"), m_ca},
            {QStringLiteral("enable.ssl.certificate.verification"), QStringLiteral("false")},
            {QStringLiteral("ssl.endpoint.identification.algorithm"), QStringLiteral("none")},
            {QStringLiteral("client.id"), QStringLiteral("desk")}};
        QCOMPARE(dialog.spec().properties, expected);
        QVERIFY2(dialog.readOnlyReason().contains(QLatin1String("Profile prod is read-only")),
                 qPrintable(dialog.readOnlyReason()));
    }

    void missingPasswordIsRefusedOnConnect()
    {
        ConnectionDialog dialog;
        dialog.show();
        fillSaslSsl(dialog, QStringLiteral("prod"));
        child<QLineEdit>(&dialog, "passwordEdit")->clear();
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY2(dialog.errorText().contains(QLatin1String("needs a password for user 'alice'")), qPrintable(dialog.errorText()));
    }

    void savedProfileComesBackWithItsSecret()
    {
        {
            ConnectionDialog dialog;
            dialog.show();
            QSignalSpy saved(&dialog, &ConnectionDialog::secretsSaved);
            fillSaslSsl(dialog, QStringLiteral("prod"));
            type(&dialog, "registryUrlEdit", QStringLiteral("https://registry:8081"));
            type(&dialog, "registryUserEdit", QStringLiteral("reader"));
            type(&dialog, "registryPasswordEdit", QStringLiteral("rp SECRET"));
            click(&dialog, "saveProfileButton");
            QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
            QVERIFY(saved.wait(Wait));
            QCOMPARE(dialog.selectedProfile(), QStringLiteral("prod"));
            if (!keyring())
                QVERIFY2(dialog.profileStatus().contains(QLatin1String("kept for this session only")),
                         qPrintable(dialog.profileStatus()));
        }
        // The settings hold the profile, never its password.
        {
            const testsupport::TestSideBlocking waiting("the test reads the settings file");
            QVERIFY(SettingsWriter::waitForWrites(5000));
            QFile file(QSettings().fileName());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            QVERIFY(bytes.contains("alice"));
            QVERIFY(!bytes.contains("SECRET"));
        }
        ConnectionDialog next;
        next.show();
        QSignalSpy loaded(&next, &ConnectionDialog::secretsLoaded);
        auto *list = child<QListWidget>(&next, "profileList");
        QCOMPARE(list->count(), 1);
        list->setCurrentRow(0);
        QCOMPARE(child<QLineEdit>(&next, "usernameEdit")->text(), QStringLiteral("alice"));
        QVERIFY(loaded.wait(Wait));
        QCOMPARE(child<QLineEdit>(&next, "passwordEdit")->text(), QStringLiteral("pw SECRET"));
        QCOMPARE(next.profileFromForm().security.caFile, m_ca);
        // The registry, for the window's consumers: its password from the keychain too.
        const kafka::SchemaRegistrySettings registry = next.schemaRegistry();
        QCOMPARE(registry.url, QStringLiteral("https://registry:8081"));
        QCOMPARE(registry.username, QStringLiteral("reader"));
        QCOMPARE(registry.password, QStringLiteral("rp SECRET"));
    }

    void duplicateRenameDelete()
    {
        ConnectionDialog dialog;
        dialog.show();
        QSignalSpy saved(&dialog, &ConnectionDialog::secretsSaved);
        QSignalSpy loaded(&dialog, &ConnectionDialog::secretsLoaded);
        fillSaslSsl(dialog, QStringLiteral("prod"));
        click(&dialog, "saveProfileButton");
        QVERIFY(saved.wait(Wait));

        click(&dialog, "duplicateProfileButton");
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 2, Wait);
        QCOMPARE(AppProfiles::store().names(), (QStringList{QStringLiteral("prod"), QStringLiteral("prod copy")}));
        QCOMPARE(dialog.selectedProfile(), QStringLiteral("prod copy"));
        QTRY_COMPARE_WITH_TIMEOUT(child<QLineEdit>(&dialog, "passwordEdit")->text(), QStringLiteral("pw SECRET"), Wait);

        type(&dialog, "nameEdit", QStringLiteral("staging"));
        click(&dialog, "renameProfileButton");
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 3, Wait);
        QCOMPARE(AppProfiles::store().names(), (QStringList{QStringLiteral("prod"), QStringLiteral("staging")}));
        QCOMPARE(dialog.selectedProfile(), QStringLiteral("staging"));
        // The secret moved with it.
        auto filled = AppProfiles::secrets().fill(*AppProfiles::store().find(QStringLiteral("staging")));
        QTRY_VERIFY_WITH_TIMEOUT(filled.isFinished(), Wait);
        QCOMPARE(filled.result().profile.security.password, QStringLiteral("pw SECRET"));

        click(&dialog, "deleteProfileButton");
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 4, Wait);
        QCOMPARE(AppProfiles::store().names(), QStringList{QStringLiteral("prod")});
        auto gone = AppProfiles::secrets().fill(profiles::Profile{*AppProfiles::store().find(QStringLiteral("prod"))});
        QTRY_VERIFY_WITH_TIMEOUT(gone.isFinished(), Wait);
        QCOMPARE(gone.result().profile.security.password, QStringLiteral("pw SECRET")); // the other's stays
    }

    void testConnectionReportsWithoutBlocking()
    {
        ConnectionDialog dialog;
        dialog.show();
        QSignalSpy tested(&dialog, &ConnectionDialog::tested);
        child<QRadioButton>(&dialog, "bootstrapRadio")->setChecked(true);
        type(&dialog, "bootstrapEdit", QStringLiteral("127.0.0.1:1"));
        click(&dialog, "testButton");
        QVERIFY(tested.wait(Wait));
        QVERIFY2(dialog.testReport().contains(QLatin1String("FAILED")), qPrintable(dialog.testReport()));
        // A form that cannot connect says why without trying.
        choose(&dialog, "protocolCombo", QStringLiteral("SASL_PLAINTEXT"));
        click(&dialog, "testButton");
        QCOMPARE(tested.count(), 2);
        QVERIFY2(dialog.testReport().contains(QLatin1String("needs a user name")), qPrintable(dialog.testReport()));
    }

    void sandboxIsOneClickAway()
    {
        ConnectionDialog dialog;
        dialog.show();
        click(&dialog, "sandboxButton");
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.spec().isSandbox());
        QVERIFY(dialog.readOnlyReason().isEmpty());
    }

    void readOnlyDisablesEveryChange()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.connectTo(kafka::ConnectionSpec::sandbox(1)));
        QTRY_VERIFY_WITH_TIMEOUT(window.navigatorModel()->topicIndex(QStringLiteral("demo")).isValid(), Wait);
        window.selectTopic(QStringLiteral("demo"));
        TopicActions *topics = window.topicActions();
        QVERIFY(topics->deleteTopicAction()->isEnabled());
        auto *produce = child<QPushButton>(window.producerPanel(), "produceButton");
        QVERIFY(produce->isEnabled());
        const QString ownTip = produce->toolTip();

        const QString reason = QStringLiteral("Profile prod is read-only: changes to the cluster are disabled.");
        window.setReadOnly(reason);
        auto *newTopic = window.findChild<QAction *>(QStringLiteral("actionNewTopic"));
        for (QAction *action : {newTopic, topics->deleteTopicAction(), topics->addPartitionsAction(), topics->truncateAction()}) {
            QVERIFY2(!action->isEnabled(), qPrintable(action->objectName()));
            QCOMPARE(action->toolTip(), reason);
        }
        QVERIFY(topics->topicConfigsAction()->isEnabled()); // looking is allowed
        for (const char *name : {"produceButton", "bulkButton"}) {
            auto *button = child<QPushButton>(window.producerPanel(), name);
            QVERIFY(!button->isEnabled());
            QCOMPARE(button->toolTip(), reason);
        }
        for (const char *name : {"resetOffsetsButton", "deleteGroupButton", "deleteOffsetsButton"}) {
            auto *button = child<QPushButton>(&window, name);
            QVERIFY(!button->isEnabled());
            QCOMPARE(button->toolTip(), reason);
        }
        // Copying consumed messages to a topic writes too, in open consumers and new ones.
        for (ConsumerPanel *consumer : {window.consumerPanels().first(), window.addConsumer()}) {
            QAction *copy = child<QPushButton>(consumer, "exportButton")->menu()->actions().last();
            QVERIFY(!copy->isEnabled());
            QCOMPARE(copy->toolTip(), reason);
        }
        QVERIFY(window.windowTitle().contains(QLatin1String("(read-only)")));
        QVERIFY(window.connectionStateText().contains(reason));

        ConfigsDialog *configs = topics->openConfigs(kafka::ConfigResource::topic(QStringLiteral("demo")));
        QCOMPARE(configs->findChild<QTableView *>()->editTriggers(), QAbstractItemView::NoEditTriggers);
        for (const char *name : {"resetButton", "reviewButton", "applyButton"}) {
            auto *button = child<QPushButton>(configs, name);
            QVERIFY(!button->isEnabled());
            QCOMPARE(button->toolTip(), reason);
        }
        configs->close();

        window.showAclsDialog();
        auto *acls = window.findChild<AclsDialog *>();
        QVERIFY(acls);
        QVERIFY(!child<QPushButton>(acls, "createButton")->isEnabled());
        QVERIFY(!child<QPushButton>(acls, "deleteButton")->isEnabled());
        QCOMPARE(child<QPushButton>(acls, "createButton")->toolTip(), reason);
        acls->close();

        // A new connection starts read-write again.
        QVERIFY(window.connectTo(kafka::ConnectionSpec::sandbox(1)));
        QVERIFY(window.readOnlyReason().isEmpty());
        QCOMPARE(produce->toolTip(), ownTip);
        QTRY_VERIFY_WITH_TIMEOUT(window.navigatorModel()->topicIndex(QStringLiteral("demo")).isValid(), Wait);
        window.selectTopic(QStringLiteral("demo"));
        QTRY_VERIFY_WITH_TIMEOUT(topics->deleteTopicAction()->isEnabled(), Wait);
        window.setInFlightAnswer(MainWindow::InFlightAnswer::Abandon);
    }
};

KAFKADESK_GUITEST_MAIN(TestProfilesDialog)
#include "test_profilesdialog.moc"
