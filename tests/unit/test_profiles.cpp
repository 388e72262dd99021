// Connection profiles without the keychain: the stored form of every field,
// the store in its settings file (which never holds a secret), import of
// Java and librdkafka properties files, and export.

#include "profiles/profile.h"
#include "profiles/profileimport.h"
#include "profiles/profilestore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace profiles;
using Protocol = kafka::SecuritySettings::Protocol;
using Mechanism = kafka::SecuritySettings::Mechanism;

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestProfiles : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_ca, m_cert, m_key, m_p12;

    QString touch(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write("-----BEGIN CERTIFICATE-----\n");
        return path;
    }

    // Every field set, none at its default.
    Profile full() const
    {
        Profile p;
        p.name = QStringLiteral("prod / eu \"west\"").remove(u'/');
        p.bootstrapServers = QStringLiteral("b1.example.com:9093,b2.example.com:9093");
        p.security.protocol = Protocol::SaslSsl;
        p.security.mechanism = Mechanism::ScramSha256;
        p.security.username = QStringLiteral("alice, the admin");
        p.security.password = QStringLiteral("pw-SECRET-1");
        p.security.tokenEndpoint = QStringLiteral("https://idp/token");
        p.security.clientId = QStringLiteral("cid");
        p.security.clientSecret = QStringLiteral("cs-SECRET-2");
        p.security.scope = QStringLiteral("kafka read");
        p.security.caFile = m_ca;
        p.security.certificateFile = m_cert;
        p.security.keyFile = m_key;
        p.security.keyPassword = QStringLiteral("kp-SECRET-3");
        p.security.verifyServer = false;
        p.extraProperties = {{QStringLiteral("client.id"), QStringLiteral("desk, one")},
                             {QStringLiteral("socket.timeout.ms"), QStringLiteral("5000")}};
        p.readOnly = true;
        p.schemaRegistryUrl = QStringLiteral("https://registry:8081");
        p.schemaRegistryUser = QStringLiteral("registry reader");
        p.schemaRegistryPassword = QStringLiteral("rp-SECRET-4");
        return p;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ca = touch(QStringLiteral("ca.pem"));
        m_cert = touch(QStringLiteral("client.pem"));
        m_key = touch(QStringLiteral("client.key"));
        m_p12 = touch(QStringLiteral("client.p12"));
    }

    void everyFieldRoundTripsThroughTheStore()
    {
        const QString file = m_dir.filePath(QStringLiteral("roundtrip.conf"));
        const Profile profile = full();
        QVERIFY2(!profile.validate(), qPrintable(profile.validate().message));
        Profile sandbox;
        sandbox.name = QStringLiteral("sandbox 5");
        sandbox.sandbox = true;
        sandbox.sandboxBrokers = 5;
        {
            ProfileStore store(file);
            QVERIFY(!store.add(profile));
            QVERIFY(!store.add(sandbox));
            QVERIFY(store.add(sandbox)); // the name is taken
        }
        const ProfileStore reread(file);
        QCOMPARE(reread.names(), (QStringList{profile.name, sandbox.name}));
        const Profile expected = profile.withoutSecrets();
        QCOMPARE(*reread.find(profile.name), expected);
        QVERIFY(expected.needs(SecretField::RegistryPassword)); // its user is set: the keychain has the rest
        QCOMPARE(*reread.find(sandbox.name), sandbox);
    }

    void theSettingsFileHoldsNoSecret()
    {
        const QString file = m_dir.filePath(QStringLiteral("nosecret.conf"));
        ProfileStore store(file);
        QVERIFY(!store.save(full()));
        const QByteArray bytes = fileBytes(file);
        QVERIFY(bytes.contains("alice, the admin")); // the file is the one written
        QVERIFY(bytes.contains("registry reader"));
        for (const char *secret : {"pw-SECRET-1", "cs-SECRET-2", "kp-SECRET-3", "rp-SECRET-4", "SECRET"})
            QVERIFY2(!bytes.contains(secret), bytes.constData());
    }

    void renameAndRemove()
    {
        const QString file = m_dir.filePath(QStringLiteral("rename.conf"));
        ProfileStore store(file);
        Profile p = full();
        QVERIFY(!store.save(p));
        QVERIFY(!store.rename(p.name, QStringLiteral("staging")));
        QVERIFY(store.rename(QStringLiteral("staging"), QStringLiteral("a/b"))); // not a name
        QCOMPARE(ProfileStore(file).names(), QStringList{QStringLiteral("staging")});
        QCOMPARE(ProfileStore(file).find(QStringLiteral("staging"))->bootstrapServers, p.bootstrapServers);
        QVERIFY(!store.remove(QStringLiteral("staging")));
        QVERIFY(store.remove(QStringLiteral("staging")));
        QVERIFY(ProfileStore(file).names().isEmpty());
        QVERIFY(!fileBytes(file).contains("b1.example.com"));
    }

    void validateRefuses_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty name") << "name" << "needs a name";
        QTest::newRow("slash in name") << "slash" << "'/'";
        QTest::newRow("bad servers") << "servers" << "port";
        QTest::newRow("secret as extra property") << "secret" << "is a secret";
        QTest::newRow("unknown property") << "unknown" << "no.such.property";
        QTest::newRow("sandbox of 0 brokers") << "sandbox" << "brokers";
    }
    void validateRefuses()
    {
        QFETCH(QString, field);
        QFETCH(QString, says);
        Profile p;
        p.name = QStringLiteral("p");
        p.bootstrapServers = QStringLiteral("h:1");
        if (field == QLatin1String("name"))
            p.name = QStringLiteral("  ");
        else if (field == QLatin1String("slash"))
            p.name = QStringLiteral("a/b");
        else if (field == QLatin1String("servers"))
            p.bootstrapServers = QStringLiteral("h");
        else if (field == QLatin1String("secret"))
            p.extraProperties = {{QStringLiteral("sasl.password"), QStringLiteral("x")}};
        else if (field == QLatin1String("unknown"))
            p.extraProperties = {{QStringLiteral("no.such.property"), QStringLiteral("x")}};
        else if (field == QLatin1String("sandbox")) {
            p.sandbox = true;
            p.sandboxBrokers = 0;
        }
        const kafka::Error err = p.validate();
        QVERIFY(err);
        QVERIFY2(err.message.contains(says), qPrintable(err.message));
    }

    // A profile is stored before its secret is known; connecting needs it.
    void secretsAreCheckedOnlyForConnecting()
    {
        Profile p = full();
        p.security = p.security.withoutSecrets();
        p.security.tokenEndpoint.clear();
        QVERIFY(!p.validate());
        const kafka::Error err = p.validateForConnecting();
        QVERIFY(err);
        QVERIFY2(err.message.contains(QLatin1String("needs a password")), qPrintable(err.message));
    }

    void javaPropertiesSyntax()
    {
        auto parsed = parseJavaProperties("# comment\n! also\n  a = 1\nb:2\nc 3\nlong = one \\\n    two\n"
                                          "esc\\=key = t\\tab\\u0041\\\\\nempty\na = last\n");
        QVERIFY(parsed.ok());
        const kafka::Properties expected{{QStringLiteral("a"), QStringLiteral("last")},
                                         {QStringLiteral("b"), QStringLiteral("2")},
                                         {QStringLiteral("c"), QStringLiteral("3")},
                                         {QStringLiteral("long"), QStringLiteral("one two")},
                                         {QStringLiteral("esc=key"), QStringLiteral("t\tabA\\")},
                                         {QStringLiteral("empty"), QString()}};
        QCOMPARE(parsed.value(), expected);
    }

    void jaasLine_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("password");
        QTest::newRow("scram, quoted")
            << "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" password=\"pw\";"
            << "alice" << "pw";
        QTest::newRow("escaped quote and backslash, spaces, ';' inside")
            << "org.apache.kafka.common.security.plain.PlainLoginModule   required\n"
               "   username = \"bob smith\"   password=\"a\\\"b\\\\c;d\" ;"
            << "bob smith" << "a\"b\\c;d";
        QTest::newRow("unquoted") << "x.PlainLoginModule optional username=u password=p;" << "u" << "p";
    }
    void jaasLine()
    {
        QFETCH(QString, line);
        QFETCH(QString, username);
        QFETCH(QString, password);
        auto jaas = parseJaasConfig(line);
        QVERIFY2(jaas.ok(), qPrintable(jaas.error().message));
        QCOMPARE(jaas.value().option(QStringLiteral("username")), username);
        QCOMPARE(jaas.value().option(QStringLiteral("password")), password);
    }

    void badJaasLines_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("says");
        QTest::newRow("no flag") << "x.PlainLoginModule username=\"u\";" << "flag";
        QTest::newRow("no semicolon") << "x.PlainLoginModule required username=\"u\"" << "';'";
        QTest::newRow("open quote") << "x.PlainLoginModule required username=\"u;" << "closing quote";
        QTest::newRow("two modules") << "a.A required; b.B required;" << "only one";
        QTest::newRow("option without value") << "x.PlainLoginModule required username;" << "'=value'";
    }
    void badJaasLines()
    {
        QFETCH(QString, line);
        QFETCH(QString, says);
        auto jaas = parseJaasConfig(line);
        QVERIFY(!jaas.ok());
        QVERIFY2(jaas.error().message.contains(says), qPrintable(jaas.error().message));
    }

    void importJavaClientProperties()
    {
        const QByteArray file = "bootstrap.servers=k1:9093,k2:9093\n"
                                "security.protocol=SASL_SSL\n"
                                "sasl.mechanism=SCRAM-SHA-512\n"
                                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\\n"
                                "    username=\"alice\" password=\"p\\\\\"w\";\n"
                                "ssl.truststore.location=" + m_ca.toUtf8() + "\n"
                                "ssl.truststore.type=PEM\n"
                                "ssl.keystore.location=" + m_p12.toUtf8() + "\n"
                                "ssl.keystore.type=PKCS12\n"
                                "ssl.keystore.password=store-pw\n"
                                "ssl.endpoint.identification.algorithm=\n"
                                "key.serializer=org.apache.kafka.common.serialization.StringSerializer\n"
                                "client.id=java-app\n";
        QStringList notes;
        auto profile = importProfile(QStringLiteral("imported"), file, &notes);
        QVERIFY2(profile.ok(), qPrintable(profile.error().message));
        const Profile &p = profile.value();
        QCOMPARE(p.bootstrapServers, QStringLiteral("k1:9093,k2:9093"));
        QCOMPARE(p.security.protocol, Protocol::SaslSsl);
        QCOMPARE(p.security.mechanism, Mechanism::ScramSha512);
        QCOMPARE(p.security.username, QStringLiteral("alice"));
        QCOMPARE(p.security.password, QStringLiteral("p\"w"));
        QCOMPARE(p.security.caFile, m_ca);
        QCOMPARE(p.security.certificateFile, m_p12);
        QCOMPARE(p.security.keyPassword, QStringLiteral("store-pw"));
        QCOMPARE(p.security.verifyServer, false);
        QCOMPARE(p.extraProperties, (kafka::Properties{{QStringLiteral("client.id"), QStringLiteral("java-app")}}));
        QCOMPARE(notes.size(), 1);
        QVERIFY2(notes.first().contains(QLatin1String("key.serializer")), qPrintable(notes.first()));
    }

    void importLibrdkafkaProperties()
    {
        // kcat -F's format: no escapes, a '\' is itself.
        const QByteArray file = "metadata.broker.list=k:9092\nsecurity.protocol=sasl_plaintext\n"
                                "sasl.mechanisms=PLAIN\nsasl.username=u\nsasl.password=a\\b\nacks=all\n";
        auto profile = importProfile(QStringLiteral("kcat"), file, nullptr);
        QVERIFY2(profile.ok(), qPrintable(profile.error().message));
        QCOMPARE(profile.value().bootstrapServers, QStringLiteral("k:9092"));
        QCOMPARE(profile.value().security.password, QStringLiteral("a\\b"));
        QCOMPARE(profile.value().extraProperties, (kafka::Properties{{QStringLiteral("acks"), QStringLiteral("all")}}));
    }

    void importRefusesWhatLibrdkafkaCannotRead_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("says");
        QTest::newRow("JKS truststore") << QByteArray("bootstrap.servers=k:1\nsecurity.protocol=SSL\n"
                                                      "ssl.truststore.location=/etc/kafka/truststore.jks\n"
                                                      "ssl.truststore.password=changeit\n")
                                        << "keytool -importkeystore -srckeystore /etc/kafka/truststore.jks "
                                           "-srcstoretype JKS -destkeystore truststore.p12 -deststoretype PKCS12";
        QTest::newRow("JKS keystore, type named") << QByteArray("bootstrap.servers=k:1\nsecurity.protocol=SSL\n"
                                                                "ssl.keystore.location=/k/client.keystore\n"
                                                                "ssl.keystore.type=JKS\n")
                                                  << "-deststoretype PKCS12";
        QTest::newRow("PKCS12 truststore") << QByteArray("bootstrap.servers=k:1\nsecurity.protocol=SSL\n"
                                                         "ssl.truststore.location=/t/trust.p12\n"
                                                         "ssl.truststore.type=PKCS12\n")
                                           << "openssl pkcs12 -in /t/trust.p12 -nokeys -out ca.pem";
        QTest::newRow("Kerberos") << QByteArray("bootstrap.servers=k:1\nsecurity.protocol=SASL_SSL\n"
                                                "sasl.mechanism=GSSAPI\n")
                                  << "GSSAPI";
        QTest::newRow("no servers") << QByteArray("security.protocol=SSL\n") << "bootstrap.servers";
        QTest::newRow("bad value") << QByteArray("bootstrap.servers=k:1\nacks=maybe\n") << "acks";
    }
    void importRefusesWhatLibrdkafkaCannotRead()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, says);
        auto profile = importProfile(QStringLiteral("x"), file, nullptr);
        QVERIFY(!profile.ok());
        QVERIFY2(profile.error().message.contains(says), qPrintable(profile.error().message));
    }

    void exportHoldsNoSecret()
    {
        Profile p = full();
        // What SCRAM does not use is not exported.
        p.security.tokenEndpoint.clear();
        p.security.clientId.clear();
        p.security.scope.clear();
        p.security.certificateFile = m_p12;
        p.security.keyFile.clear();
        const QString out = exportProfile(p);
        for (const char *secret : {"pw-SECRET-1", "cs-SECRET-2", "kp-SECRET-3"})
            QVERIFY2(!out.contains(QLatin1String(secret)), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("\nsasl.username=alice, the admin\n")), qPrintable(out));
        QVERIFY(out.contains(QLatin1String("# Add the password yourself")));
        // What it prints is a librdkafka properties file, and a profile again.
        auto back = importProfile(QStringLiteral("back"), out.toUtf8(), nullptr);
        QVERIFY2(back.ok(), qPrintable(back.error().message));
        QCOMPARE(back.value().security, p.security.withoutSecrets());
        QCOMPARE(back.value().extraProperties, p.extraProperties);
    }
};

QTEST_GUILESS_MAIN(TestProfiles)
#include "test_profiles.moc"
