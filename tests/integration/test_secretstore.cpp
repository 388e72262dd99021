// The profiles' secrets in a real keychain: gnome-keyring's Secret Service
// on a D-Bus session bus of the test's own (support/with-keyring.sh
// keyring), looked into with secret-tool as the independent other side; and
// without any keychain (with-keyring.sh none), where a secret lives in
// memory for the run and says so. KAFKADESK_TEST_KEYCHAIN names the mode.

#include "kcat.h"

#include "profiles/profile.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace profiles;
using Protocol = kafka::SecuritySettings::Protocol;
using Mechanism = kafka::SecuritySettings::Mechanism;

namespace {

constexpr int KeychainMs = 10000;

// What the keychain holds under `key`, read by secret-tool (libsecret's own
// client): QtKeychain stores "user" = the key, "server" = the service.
testsupport::ProcessResult lookup(const QString &key)
{
    return testsupport::run(QStringLiteral("secret-tool"),
                            {QStringLiteral("lookup"), QStringLiteral("user"), key, QStringLiteral("server"),
                             QStringLiteral("KafkaDesk-test")});
}

Profile scramProfile(const QString &name)
{
    Profile p;
    p.name = name;
    p.bootstrapServers = QStringLiteral("k1:9093");
    p.security.protocol = Protocol::SaslPlaintext;
    p.security.mechanism = Mechanism::ScramSha512;
    p.security.username = QStringLiteral("alice");
    p.security.password = QStringLiteral("pw-") + name + QStringLiteral("-SECRET");
    p.security.keyPassword = QStringLiteral("kp-") + name + QStringLiteral("-SECRET");
    return p;
}

template <typename T>
T resultOf(const QFuture<T> &future)
{
    [&] { QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), KeychainMs); }();
    return future.isFinished() ? future.result() : T{};
}

// Every file under the test's HOME and XDG directories (with-keyring.sh
// made them) that holds `secret` in plain bytes.
QStringList filesHolding(const QByteArray &secret)
{
    QStringList found;
    for (const char *variable : {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"}) {
        QDirIterator it(qEnvironmentVariable(variable), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly) && file.readAll().contains(secret))
                found.append(file.fileName());
        }
    }
    return found;
}

} // namespace

class TestWithKeyring : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"), "run me through with-keyring.sh keyring");
    }

    void storedSecretsAreInTheKeychainOnly()
    {
        const Profile profile = scramProfile(QStringLiteral("stored"));
        const QString settingsFile = QDir(qEnvironmentVariable("XDG_CONFIG_HOME")).filePath(QStringLiteral("p.conf"));
        ProfileStore store(settingsFile);
        QVERIFY(!store.save(profile));
        SecretStore secrets(QStringLiteral("KafkaDesk-test"));
        const auto future = secrets.store(profile);
        // Asynchronous: nothing waited for the keychain.
        QVERIFY(!future.isFinished());
        const SecretsOutcome stored = resultOf(future);
        QVERIFY2(!stored.error, qPrintable(stored.error.message));
        QVERIFY2(!stored.sessionOnly, qPrintable(stored.notes.join(u'\n')));
        QVERIFY(secrets.keychainProblem().isEmpty());

        const auto password = lookup(QStringLiteral("stored/password"));
        QCOMPARE(password.exitCode, 0);
        QCOMPARE(password.out, QByteArray("pw-stored-SECRET"));
        QCOMPARE(lookup(QStringLiteral("stored/key-password")).out, QByteArray("kp-stored-SECRET"));
        QVERIFY(QFile::exists(settingsFile));
        QCOMPARE(filesHolding("pw-stored-SECRET"), QStringList());
        QCOMPARE(filesHolding("kp-stored-SECRET"), QStringList());

        // Another store (another run) reads them back into the profile.
        SecretStore again(QStringLiteral("KafkaDesk-test"));
        Profile withoutSecrets = *ProfileStore(settingsFile).find(QStringLiteral("stored"));
        QVERIFY(withoutSecrets.security.password.isEmpty());
        withoutSecrets.security.certificateFile = QStringLiteral("/c.p12"); // so that the key password is needed
        withoutSecrets.security.protocol = Protocol::SaslSsl;
        const SecretsOutcome filled = resultOf(again.fill(withoutSecrets));
        QVERIFY2(!filled.error, qPrintable(filled.error.message));
        QCOMPARE(filled.profile.security.password, profile.security.password);
        QCOMPARE(filled.profile.security.keyPassword, profile.security.keyPassword);
        QVERIFY(filled.notes.isEmpty());
    }

    void missingSecretIsNamed()
    {
        SecretStore secrets(QStringLiteral("KafkaDesk-test"));
        Profile p = scramProfile(QStringLiteral("never-stored"));
        p.security = p.security.withoutSecrets();
        const SecretsOutcome filled = resultOf(secrets.fill(p));
        QVERIFY(!filled.error);
        QVERIFY(filled.profile.security.password.isEmpty());
        QCOMPARE(filled.notes.size(), 1);
        QVERIFY2(filled.notes.first().contains(QLatin1String("holds no password for profile 'never-stored'")),
                 qPrintable(filled.notes.first()));
    }

    void copyMoveAndRemoveTheEntries()
    {
        SecretStore secrets(QStringLiteral("KafkaDesk-test"));
        QVERIFY(!resultOf(secrets.store(scramProfile(QStringLiteral("a")))).error);
        QVERIFY(!resultOf(secrets.copy(QStringLiteral("a"), QStringLiteral("a copy"))).error);
        QCOMPARE(lookup(QStringLiteral("a/password")).out, QByteArray("pw-a-SECRET"));
        QCOMPARE(lookup(QStringLiteral("a copy/password")).out, QByteArray("pw-a-SECRET"));
        QCOMPARE(lookup(QStringLiteral("a copy/key-password")).out, QByteArray("kp-a-SECRET"));

        QVERIFY(!resultOf(secrets.move(QStringLiteral("a copy"), QStringLiteral("b"))).error);
        QCOMPARE(lookup(QStringLiteral("b/password")).out, QByteArray("pw-a-SECRET"));
        QCOMPARE(lookup(QStringLiteral("a copy/password")).exitCode, 1);
        QCOMPARE(lookup(QStringLiteral("a copy/key-password")).exitCode, 1);

        QVERIFY(!resultOf(secrets.remove(QStringLiteral("b"))).error);
        QCOMPARE(lookup(QStringLiteral("b/password")).exitCode, 1);
        QCOMPARE(lookup(QStringLiteral("b/key-password")).exitCode, 1);
        QCOMPARE(lookup(QStringLiteral("a/password")).out, QByteArray("pw-a-SECRET")); // untouched
    }
};

class TestWithoutKeychain : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"), "run me through with-keyring.sh none");
    }

    void secretsAreKeptForTheSessionOnlyAndSaidSo()
    {
        const Profile profile = scramProfile(QStringLiteral("session"));
        SecretStore secrets(QStringLiteral("KafkaDesk-test"));
        const SecretsOutcome stored = resultOf(secrets.store(profile));
        QVERIFY(!stored.error);
        QVERIFY(stored.sessionOnly);
        QVERIFY(!secrets.keychainProblem().isEmpty());
        QCOMPARE(stored.notes.size(), 1);
        QVERIFY2(stored.notes.first().startsWith(QLatin1String("No keychain answered")), qPrintable(stored.notes.first()));
        QVERIFY2(stored.notes.first().endsWith(QLatin1String("the password and the key password is kept for this session only.")),
                 qPrintable(stored.notes.first()));

        // This run has them ...
        Profile withoutSecrets = profile;
        withoutSecrets.security = profile.security.withoutSecrets();
        const SecretsOutcome filled = resultOf(secrets.fill(withoutSecrets));
        QVERIFY(!filled.error);
        QVERIFY(filled.sessionOnly);
        QCOMPARE(filled.profile.security.password, profile.security.password);

        // ... another does not, and no file does.
        SecretStore another(QStringLiteral("KafkaDesk-test"));
        const SecretsOutcome elsewhere = resultOf(another.fill(withoutSecrets));
        QVERIFY(elsewhere.profile.security.password.isEmpty());
        QCOMPARE(elsewhere.notes.size(), 1);
        QVERIFY2(elsewhere.notes.first().contains(QLatin1String("is not known in this session")),
                 qPrintable(elsewhere.notes.first()));
        QCOMPARE(filesHolding("pw-session-SECRET"), QStringList());

        // Renaming and removing work on what this run keeps.
        QVERIFY(!resultOf(secrets.move(QStringLiteral("session"), QStringLiteral("renamed"))).error);
        withoutSecrets.name = QStringLiteral("renamed");
        QCOMPARE(resultOf(secrets.fill(withoutSecrets)).profile.security.password, profile.security.password);
        QVERIFY(!resultOf(secrets.remove(QStringLiteral("renamed"))).error);
        QVERIFY(resultOf(secrets.fill(withoutSecrets)).profile.security.password.isEmpty());
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString mode = qEnvironmentVariable("KAFKADESK_TEST_KEYCHAIN");
    if (mode == QLatin1String("keyring")) {
        TestWithKeyring test;
        return QTest::qExec(&test, argc, argv);
    }
    if (mode == QLatin1String("none")) {
        TestWithoutKeychain test;
        return QTest::qExec(&test, argc, argv);
    }
    qCritical("KAFKADESK_TEST_KEYCHAIN must be 'keyring' or 'none'");
    return 1;
}

#include "test_secretstore.moc"
