// `kafkadesk profiles ...` and `--profile NAME` as a script runs them: real
// processes, their profiles in a settings directory of each test's own,
// their secrets in the keychain with-keyring.sh started (secret-tool looks),
// or, for the cases that say so, with no keychain at all. The sandbox is
// the cluster; kcat checks what reached it.

#include "kcat.h"
#include "testcluster.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using testsupport::kcat;
using testsupport::ProcessResult;

namespace {

ProcessResult lookup(const QString &key)
{
    return testsupport::run(QStringLiteral("secret-tool"), {QStringLiteral("lookup"), QStringLiteral("user"), key,
                                                            QStringLiteral("server"), QStringLiteral("KafkaDesk")});
}

} // namespace

class TestProfilesCommand : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_config; // XDG_CONFIG_HOME of the commands: their settings
    std::unique_ptr<testsupport::TestCluster> m_cluster;
    QString m_bootstrap;

    // kafkadesk ARGS with `input` on stdin; without a keychain when `keychain` is false.
    ProcessResult kafkadesk(const QStringList &args, const QByteArray &input = {}, bool keychain = true) const
    {
        const testsupport::TestSideBlocking allow("the test runs kafkadesk and waits for it");
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config->path());
        if (!keychain)
            env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        process.setProcessEnvironment(env);
        process.start(testsupport::kafkadesk(), args);
        ProcessResult result;
        if (!process.waitForStarted())
            return result;
        process.write(input);
        process.closeWriteChannel();
        result.finished = process.waitForFinished(60000);
        result.exitCode = process.exitCode();
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    QByteArray settingsBytes() const
    {
        QFile file(m_config->filePath(QStringLiteral("KafkaDesk/kafkadesk.conf")));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QString writeFile(const QString &name, const QByteArray &bytes) const
    {
        const QString path = m_config->filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(bytes);
        return path;
    }

    QByteArray consumeWithKcat(const QString &topic) const
    {
        return kcat({QStringLiteral("-C"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"), topic,
                     QStringLiteral("-e"), QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("%s\n")})
            .out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"), "run me through with-keyring.sh keyring");
    }

    void init()
    {
        m_config = std::make_unique<QTemporaryDir>();
        QVERIFY(m_config->isValid());
        auto cluster = testsupport::TestCluster::start(1);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
        m_bootstrap = m_cluster->bootstrapServers();
        QVERIFY(!m_cluster->createTopic({QStringLiteral("orders"), 1, 1}));
    }
    void cleanup()
    {
        m_cluster.reset();
        m_config.reset();
    }

    void addListEditRenameRemove()
    {
        const auto added = kafkadesk({QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("prod"),
                                      QStringLiteral("--bootstrap"), QStringLiteral("k1:9093,k2:9093"),
                                      QStringLiteral("--security-protocol"), QStringLiteral("SASL_PLAINTEXT"),
                                      QStringLiteral("--sasl-mechanism"), QStringLiteral("SCRAM-SHA-512"),
                                      QStringLiteral("--username"), QStringLiteral("alice"),
                                      QStringLiteral("--password-stdin"), QStringLiteral("--read-only")},
                                     "pw-PROD-secret\n");
        QVERIFY2(added.exitCode == 0, added.err.constData());
        QCOMPARE(added.err, QByteArray());
        QCOMPARE(lookup(QStringLiteral("prod/password")).out, QByteArray("pw-PROD-secret"));
        QVERIFY(settingsBytes().contains("alice"));
        QVERIFY(!settingsBytes().contains("pw-PROD-secret"));

        const auto list = [&] { return kafkadesk({QStringLiteral("profiles"), QStringLiteral("list")}).out; };
        QCOMPARE(list(), QByteArray("prod\tk1:9093,k2:9093\tSASL_PLAINTEXT SCRAM-SHA-512 user alice\tread-only\n"));

        const auto edited = kafkadesk({QStringLiteral("profiles"), QStringLiteral("edit"), QStringLiteral("prod"),
                                       QStringLiteral("--username"), QStringLiteral("bob"),
                                       QStringLiteral("--read-write"), QStringLiteral("-X"),
                                       QStringLiteral("client.id=desk")});
        QVERIFY2(edited.exitCode == 0, edited.err.constData());
        QCOMPARE(list(), QByteArray("prod\tk1:9093,k2:9093\tSASL_PLAINTEXT SCRAM-SHA-512 user bob\tread-write\n"));
        // An edit without a password keeps the stored one.
        QCOMPARE(lookup(QStringLiteral("prod/password")).out, QByteArray("pw-PROD-secret"));

        const auto renamed = kafkadesk({QStringLiteral("profiles"), QStringLiteral("rename"), QStringLiteral("prod"),
                                        QStringLiteral("production")});
        QVERIFY2(renamed.exitCode == 0, renamed.err.constData());
        QVERIFY(list().startsWith("production\t"));
        QCOMPARE(lookup(QStringLiteral("production/password")).out, QByteArray("pw-PROD-secret"));
        QCOMPARE(lookup(QStringLiteral("prod/password")).exitCode, 1);

        const auto exported = kafkadesk({QStringLiteral("profiles"), QStringLiteral("export"), QStringLiteral("production")});
        QCOMPARE(exported.exitCode, 0);
        QVERIFY2(exported.out.contains("\nsasl.username=bob\n") && exported.out.contains("\nclient.id=desk\n"),
                 exported.out.constData());
        QVERIFY2(!exported.out.contains("pw-PROD-secret"), exported.out.constData());

        const auto removed = kafkadesk({QStringLiteral("profiles"), QStringLiteral("remove"), QStringLiteral("production")});
        QVERIFY2(removed.exitCode == 0, removed.err.constData());
        QCOMPARE(list(), QByteArray());
        QCOMPARE(lookup(QStringLiteral("production/password")).exitCode, 1);
        QVERIFY(!settingsBytes().contains("k1:9093"));
    }

    void profileProducesAndConsumes()
    {
        // The profile names no reachable server: -b replaces it.
        QCOMPARE(kafkadesk({QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("local"),
                            QStringLiteral("--bootstrap"), m_bootstrap})
                     .exitCode,
                 0);
        const auto produced = kafkadesk({QStringLiteral("produce"), QStringLiteral("--profile"), QStringLiteral("local"),
                                         QStringLiteral("-t"), QStringLiteral("orders")},
                                        "one\ntwo\nthree\n");
        QVERIFY2(produced.exitCode == 0, produced.err.constData());
        QCOMPARE(consumeWithKcat(QStringLiteral("orders")), QByteArray("one\ntwo\nthree\n"));
        const auto consumed = kafkadesk({QStringLiteral("consume"), QStringLiteral("--profile"), QStringLiteral("local"),
                                         QStringLiteral("-t"), QStringLiteral("orders"), QStringLiteral("-n"),
                                         QStringLiteral("3")});
        QVERIFY2(consumed.exitCode == 0, consumed.err.constData());
        QCOMPARE(consumed.out, QByteArray("one\ntwo\nthree\n"));

        QCOMPARE(kafkadesk({QStringLiteral("profiles"), QStringLiteral("edit"), QStringLiteral("local"),
                            QStringLiteral("--bootstrap"), QStringLiteral("127.0.0.1:1")})
                     .exitCode,
                 0);
        const auto overridden = kafkadesk({QStringLiteral("consume"), QStringLiteral("--profile"), QStringLiteral("local"),
                                           QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"),
                                           QStringLiteral("orders"), QStringLiteral("-n"), QStringLiteral("1")});
        QVERIFY2(overridden.exitCode == 0, overridden.err.constData());
        QCOMPARE(overridden.out, QByteArray("one\n"));
    }

    void readOnlyRefusesEveryChange_data()
    {
        QTest::addColumn<QStringList>("command");
        const QString t = QStringLiteral("-t"), topic = QStringLiteral("orders"), yes = QStringLiteral("--yes");
        QTest::newRow("produce") << QStringList{QStringLiteral("produce"), t, topic};
        QTest::newRow("topics create") << QStringList{QStringLiteral("topics"), QStringLiteral("create"), t, QStringLiteral("new")};
        QTest::newRow("topics delete") << QStringList{QStringLiteral("topics"), QStringLiteral("delete"), t, topic, yes};
        QTest::newRow("topics add-partitions") << QStringList{QStringLiteral("topics"), QStringLiteral("add-partitions"), t,
                                                              topic, QStringLiteral("--total"), QStringLiteral("4")};
        QTest::newRow("topics truncate") << QStringList{QStringLiteral("topics"), QStringLiteral("truncate"), t, topic, yes};
        QTest::newRow("configs set") << QStringList{QStringLiteral("configs"), QStringLiteral("set"), t, topic,
                                                    QStringLiteral("--set"), QStringLiteral("retention.ms=1"), yes};
        QTest::newRow("groups reset-offsets") << QStringList{QStringLiteral("groups"), QStringLiteral("reset-offsets"),
                                                             QStringLiteral("-g"), QStringLiteral("g"), t, topic,
                                                             QStringLiteral("--to-earliest"), QStringLiteral("--execute")};
        QTest::newRow("groups delete") << QStringList{QStringLiteral("groups"), QStringLiteral("delete"),
                                                      QStringLiteral("-g"), QStringLiteral("g"), yes};
        QTest::newRow("groups delete-offsets") << QStringList{QStringLiteral("groups"), QStringLiteral("delete-offsets"),
                                                              QStringLiteral("-g"), QStringLiteral("g"), t, topic, yes};
        QTest::newRow("acls create") << QStringList{QStringLiteral("acls"), QStringLiteral("create"),
                                                    QStringLiteral("--principal"), QStringLiteral("User:x"),
                                                    QStringLiteral("--operation"), QStringLiteral("Read"),
                                                    QStringLiteral("--resource-type"), QStringLiteral("Topic"),
                                                    QStringLiteral("--resource"), topic};
        QTest::newRow("acls delete") << QStringList{QStringLiteral("acls"), QStringLiteral("delete"),
                                                    QStringLiteral("--principal"), QStringLiteral("User:x"), yes};
    }
    void readOnlyRefusesEveryChange()
    {
        QFETCH(QStringList, command);
        QCOMPARE(kafkadesk({QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("ro"),
                            QStringLiteral("--bootstrap"), m_bootstrap, QStringLiteral("--read-only")})
                     .exitCode,
                 0);
        QElapsedTimer elapsed;
        elapsed.start();
        const auto refused = kafkadesk(command + QStringList{QStringLiteral("--profile"), QStringLiteral("ro")}, "sent?\n");
        QVERIFY(refused.finished);
        QCOMPARE(refused.exitCode, 1);
        const QString name = command.mid(0, command.first() == QLatin1String("produce") ? 1 : 2).join(u' ');
        const QByteArray says = QStringLiteral("kafkadesk %1: Profile ro is read-only: ").arg(name).toUtf8();
        QVERIFY2(refused.err.startsWith(says), refused.err.constData());
        QVERIFY2(elapsed.elapsed() < 5000, "refused before connecting");
        // kcat, as the other side, sees nothing produced. (The sandbox answers
        // none of the administration requests anyway: the message is the proof.)
        if (command.first() == QLatin1String("produce"))
            QCOMPARE(consumeWithKcat(QStringLiteral("orders")), QByteArray());
    }

    void readOnlyProfileReads()
    {
        QCOMPARE(kafkadesk({QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("ro"),
                            QStringLiteral("--bootstrap"), m_bootstrap, QStringLiteral("--read-only")})
                     .exitCode,
                 0);
        const auto listed = kafkadesk({QStringLiteral("topics"), QStringLiteral("list"), QStringLiteral("--profile"),
                                       QStringLiteral("ro")});
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        QCOMPARE(listed.out, QByteArray("orders\t1\t1\n"));
    }

    void importJavaPropertiesWithJaas()
    {
        const QString file = writeFile(
            QStringLiteral("client.properties"),
            "# a Java client's\n"
            "bootstrap.servers=b1:9092\n"
            "security.protocol=SASL_PLAINTEXT\n"
            "sasl.mechanism=SCRAM-SHA-256\n"
            "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\\n"
            "  username=\"svc-orders\" password=\"q\\\\\"uote\";\n"
            "value.serializer=org.apache.kafka.common.serialization.StringSerializer\n");
        const auto imported = kafkadesk({QStringLiteral("profiles"), QStringLiteral("import"), QStringLiteral("java"), file});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QVERIFY2(imported.err.contains("Left out value.serializer"), imported.err.constData());
        QCOMPARE(lookup(QStringLiteral("java/password")).out, QByteArray("q\"uote"));
        QCOMPARE(kafkadesk({QStringLiteral("profiles"), QStringLiteral("list")}).out,
                 QByteArray("java\tb1:9092\tSASL_PLAINTEXT SCRAM-SHA-256 user svc-orders\tread-write\n"));
        QVERIFY(!settingsBytes().contains("uote"));
        QVERIFY(!kafkadesk({QStringLiteral("profiles"), QStringLiteral("export"), QStringLiteral("java")}).out.contains("uote"));
    }

    void importJksSaysHowToConvert()
    {
        const QString file = writeFile(QStringLiteral("jks.properties"),
                                       "bootstrap.servers=b1:9093\nsecurity.protocol=SSL\n"
                                       "ssl.truststore.location=/etc/kafka/client.truststore.jks\n"
                                       "ssl.truststore.password=changeit\n");
        const auto imported = kafkadesk({QStringLiteral("profiles"), QStringLiteral("import"), QStringLiteral("jks"), file});
        QCOMPARE(imported.exitCode, 1);
        QVERIFY2(imported.err.contains("Java KeyStore (JKS)") && imported.err.contains("keytool -importkeystore")
                     && imported.err.contains("-deststoretype PKCS12") && imported.err.contains("openssl pkcs12"),
                 imported.err.constData());
        QCOMPARE(kafkadesk({QStringLiteral("profiles"), QStringLiteral("list")}).out, QByteArray());
    }

    // No keychain: the secret is not stored, the command says so, and the
    // next command needs it given again.
    void withoutKeychainSecretsAreGivenEachTime()
    {
        const auto added = kafkadesk({QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("nokc"),
                                      QStringLiteral("--bootstrap"), QStringLiteral("127.0.0.1:1"),
                                      QStringLiteral("--sasl-mechanism"), QStringLiteral("PLAIN"),
                                      QStringLiteral("--security-protocol"), QStringLiteral("SASL_PLAINTEXT"),
                                      QStringLiteral("--username"), QStringLiteral("u"),
                                      QStringLiteral("--password-stdin")},
                                     "pw-NOKC\n", false);
        QCOMPARE(added.exitCode, 0);
        QVERIFY2(added.err.contains("No keychain answered") && added.err.contains("kept for this session only"),
                 added.err.constData());
        QCOMPARE(lookup(QStringLiteral("nokc/password")).exitCode, 1);
        QVERIFY(!settingsBytes().contains("pw-NOKC"));

        const auto missing = kafkadesk({QStringLiteral("topics"), QStringLiteral("list"), QStringLiteral("--profile"),
                                        QStringLiteral("nokc")},
                                       {}, false);
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("PLAIN needs a password for user 'u'") && missing.err.contains("--password-file"),
                 missing.err.constData());
        const QString passwordFile = writeFile(QStringLiteral("pw"), "pw-NOKC\n");
        const auto given = kafkadesk({QStringLiteral("topics"), QStringLiteral("list"), QStringLiteral("--profile"),
                                      QStringLiteral("nokc"), QStringLiteral("--password-file"), passwordFile},
                                     {}, false);
        QCOMPARE(given.exitCode, 1);
        QVERIFY2(given.err.contains("Cannot reach 127.0.0.1:1"), given.err.constData()); // past the password
    }

    void testOfAnUnreachableProfileFailsQuickly()
    {
        QCOMPARE(kafkadesk({QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("gone"),
                            QStringLiteral("--bootstrap"), QStringLiteral("127.0.0.1:1")})
                     .exitCode,
                 0);
        QElapsedTimer elapsed;
        elapsed.start();
        const auto tested = kafkadesk({QStringLiteral("profiles"), QStringLiteral("test"), QStringLiteral("gone")});
        QVERIFY(tested.finished);
        QCOMPARE(tested.exitCode, 1);
        QVERIFY2(tested.out.contains("FAILED"), tested.out.constData());
        QVERIFY2(elapsed.elapsed() < 15000, qPrintable(QString::number(elapsed.elapsed())));
        const auto unknown = kafkadesk({QStringLiteral("profiles"), QStringLiteral("test"), QStringLiteral("nope")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("There is no profile named 'nope'"), unknown.err.constData());
    }

    void passwordOnStdinCannotShareItWithMessages()
    {
        const auto refused = kafkadesk({QStringLiteral("produce"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"),
                                        QStringLiteral("orders"), QStringLiteral("--password-stdin")},
                                       "pw\nmessage\n");
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("--password-file"), refused.err.constData());
        QCOMPARE(consumeWithKcat(QStringLiteral("orders")), QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestProfilesCommand)
#include "test_profilescommand.moc"
