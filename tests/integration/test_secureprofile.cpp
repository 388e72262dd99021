// Issue 14's "done when", as a user does it from the command line: a
// SASL_SSL profile filled in once (the password on stdin), its password in
// the keychain and in no file, then the profile alone tests the connection,
// creates a topic, produces and consumes. Runs through
// support/with-keyring.sh (a Secret Service of its own, HOME and the XDG
// directories in a temporary directory) against the secure_kafka cluster.

#include "kcat.h"
#include "securecluster.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QTest>

using testsupport::kafkadesk;
using testsupport::run;

class TestSecureProfile : public QObject {
    Q_OBJECT

    testsupport::SecureCluster m_cluster;

    testsupport::ProcessResult kafkadeskRun(const QStringList &args, const QByteArray &input = {})
    {
        return run(kafkadesk(), args, input, 60000);
    }

    // Every file under the test's HOME and XDG directories that holds `bytes`
    // as they are (the keyring's own file is encrypted), and how many files were looked at.
    static QStringList filesHolding(const QByteArray &bytes, int *looked)
    {
        QStringList holding;
        for (const char *variable : {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"}) {
            QDirIterator it(qEnvironmentVariable(variable), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                ++*looked;
                if (file.open(QIODevice::ReadOnly) && file.readAll().contains(bytes))
                    holding.append(file.fileName());
            }
        }
        return holding;
    }

private slots:
    void initTestCase()
    {
        auto cluster = testsupport::SecureCluster::fromStatus();
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = cluster.value();
        QVERIFY2(qEnvironmentVariable("HOME").contains(QLatin1String("kafkadesk-keyring")),
                 "run through support/with-keyring.sh keyring: this test writes settings and secrets");
    }

    void aSaslSslProfileFilledOnceDoesEverything()
    {
        const auto added = kafkadeskRun({QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("prod"),
                                         QStringLiteral("--bootstrap"), m_cluster.saslSsl,
                                         QStringLiteral("--security-protocol"), QStringLiteral("SASL_SSL"),
                                         QStringLiteral("--sasl-mechanism"), QStringLiteral("SCRAM-SHA-512"),
                                         QStringLiteral("--username"), m_cluster.user, QStringLiteral("--password-stdin"),
                                         QStringLiteral("--ca"), m_cluster.caFile},
                                        m_cluster.password.toUtf8() + '\n');
        QVERIFY2(added.finished && added.exitCode == 0, added.err.constData());
        QVERIFY2(!added.err.contains("session only"), added.err.constData()); // the keychain answered

        int looked = 0;
        QCOMPARE(filesHolding(m_cluster.password.toUtf8(), &looked), QStringList());
        QCOMPARE(filesHolding(m_cluster.saslSsl.toUtf8(), &looked).size(), 1); // the profile is in a file, the password is not
        QVERIFY(looked > 0);

        const auto tested = kafkadeskRun({QStringLiteral("profiles"), QStringLiteral("test"), QStringLiteral("prod")});
        QVERIFY2(tested.finished && tested.exitCode == 0, QByteArray(tested.out + tested.err).constData());
        QVERIFY2(tested.out.contains(QStringLiteral("\"%1\"").arg(m_cluster.user).toUtf8()), tested.out.constData());

        const QString topic = QStringLiteral("secure-profile-%1").arg(QDateTime::currentMSecsSinceEpoch());
        const auto created = kafkadeskRun({QStringLiteral("topics"), QStringLiteral("create"), QStringLiteral("--profile"),
                                           QStringLiteral("prod"), QStringLiteral("-t"), topic});
        QVERIFY2(created.finished && created.exitCode == 0, created.err.constData());
        const auto produced = kafkadeskRun({QStringLiteral("produce"), QStringLiteral("--profile"), QStringLiteral("prod"),
                                            QStringLiteral("-t"), topic},
                                           "over SASL_SSL\n");
        QVERIFY2(produced.finished && produced.exitCode == 0, produced.err.constData());
        QVERIFY2(produced.err.contains("delivered 1, failed 0"), produced.err.constData());
        const auto consumed = kafkadeskRun({QStringLiteral("consume"), QStringLiteral("--profile"), QStringLiteral("prod"),
                                            QStringLiteral("-t"), topic, QStringLiteral("-n"), QStringLiteral("1")});
        QVERIFY2(consumed.finished && consumed.exitCode == 0, consumed.err.constData());
        QCOMPARE(consumed.out, QByteArray("over SASL_SSL\n"));
    }

    void aWrongPasswordIsSaidWithinTenSeconds()
    {
        const auto added = kafkadeskRun({QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("wrong"),
                                         QStringLiteral("--bootstrap"), m_cluster.saslSsl,
                                         QStringLiteral("--security-protocol"), QStringLiteral("SASL_SSL"),
                                         QStringLiteral("--sasl-mechanism"), QStringLiteral("SCRAM-SHA-512"),
                                         QStringLiteral("--username"), m_cluster.user, QStringLiteral("--password-stdin"),
                                         QStringLiteral("--ca"), m_cluster.caFile},
                                        "not-the-password\n");
        QVERIFY2(added.finished && added.exitCode == 0, added.err.constData());
        QElapsedTimer clock;
        clock.start();
        const auto tested = kafkadeskRun({QStringLiteral("profiles"), QStringLiteral("test"), QStringLiteral("wrong")});
        QVERIFY2(clock.elapsed() < 12000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(tested.finished);
        QCOMPARE(tested.exitCode, 1);
        QVERIFY2(tested.out.contains("SASL: FAILED") && tested.out.contains("password"), tested.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestSecureProfile)
#include "test_secureprofile.moc"
