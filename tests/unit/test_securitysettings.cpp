// kafka::SecuritySettings: the security form to librdkafka properties and
// back, and what validate() and warnings() say.

#include "kafka/clientconfig.h"
#include "kafka/securitysettings.h"

#include <QTemporaryDir>
#include <QTest>

using namespace kafka;
using Protocol = SecuritySettings::Protocol;
using Mechanism = SecuritySettings::Mechanism;

Q_DECLARE_METATYPE(kafka::SecuritySettings)

namespace {

QString value(const Properties &properties, const QString &key)
{
    for (const auto &[k, v] : properties)
        if (k == key)
            return v;
    return QStringLiteral("<absent>");
}

} // namespace

class TestSecuritySettings : public QObject {
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

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ca = touch(QStringLiteral("ca.pem"));
        m_cert = touch(QStringLiteral("client.pem"));
        m_key = touch(QStringLiteral("client.key"));
        m_p12 = touch(QStringLiteral("client.p12"));
    }

    // Every form librdkafka can take comes back from its properties as it was.
    void roundTrip_data()
    {
        QTest::addColumn<SecuritySettings>("settings");
        SecuritySettings plain;
        QTest::newRow("plaintext") << plain;
        SecuritySettings scram;
        scram.protocol = Protocol::SaslSsl;
        scram.mechanism = Mechanism::ScramSha512;
        scram.username = QStringLiteral("alice");
        scram.password = QStringLiteral("p=w \"d\"");
        scram.caFile = m_ca;
        QTest::newRow("SASL_SSL SCRAM-SHA-512") << scram;
        SecuritySettings plainSasl;
        plainSasl.protocol = Protocol::SaslPlaintext;
        plainSasl.mechanism = Mechanism::Plain;
        plainSasl.username = QStringLiteral("bob");
        plainSasl.password = QStringLiteral("x");
        QTest::newRow("SASL_PLAINTEXT PLAIN") << plainSasl;
        SecuritySettings oidc;
        oidc.protocol = Protocol::SaslSsl;
        oidc.mechanism = Mechanism::OAuthBearer;
        oidc.tokenEndpoint = QStringLiteral("https://idp.example.com/token");
        oidc.clientId = QStringLiteral("desk");
        oidc.clientSecret = QStringLiteral("s3cret");
        oidc.scope = QStringLiteral("kafka");
        SecuritySettings unsecured;
        unsecured.protocol = Protocol::SaslPlaintext;
        unsecured.mechanism = Mechanism::OAuthBearer;
        unsecured.username = QStringLiteral("carol");
        QTest::newRow("OAUTHBEARER unsecured") << unsecured;
        SecuritySettings mtls;
        mtls.protocol = Protocol::Ssl;
        mtls.caFile = m_ca;
        mtls.certificateFile = m_cert;
        mtls.keyFile = m_key;
        mtls.keyPassword = QStringLiteral("kp");
        mtls.verifyServer = false;
        QTest::newRow("SSL PEM client certificate, not verified") << mtls;
        SecuritySettings p12;
        p12.protocol = Protocol::Ssl;
        p12.certificateFile = m_p12;
        p12.keyPassword = QStringLiteral("store");
        QTest::newRow("SSL PKCS#12") << p12;
    }
    void roundTrip()
    {
        QFETCH(SecuritySettings, settings);
        QVERIFY2(!settings.validate(), qPrintable(settings.validate().message));
        const Properties properties = settings.toProperties();
        // librdkafka itself takes every property.
        const Error err = ClientConfig{QStringLiteral("127.0.0.1:9092"), properties}.validate();
        QVERIFY2(!err, qPrintable(err.message));
        Properties rest;
        auto back = SecuritySettings::fromProperties(properties, &rest);
        QVERIFY(back.ok());
        QCOMPARE(back.value(), settings);
        QVERIFY(rest.isEmpty());
    }

    // Debian 12's librdkafka 2.0.2 is built without libcurl: it refuses
    // OIDC (sasl.oauthbearer.method=oidc) with its own clear message. The
    // form still goes to properties and back.
    void oidcRoundTripsAndThisLibrdkafkaSaysItCannot()
    {
        SecuritySettings oidc;
        oidc.protocol = Protocol::SaslSsl;
        oidc.mechanism = Mechanism::OAuthBearer;
        oidc.tokenEndpoint = QStringLiteral("https://idp.example.com/token");
        oidc.clientId = QStringLiteral("desk");
        oidc.clientSecret = QStringLiteral("s3cret");
        oidc.scope = QStringLiteral("kafka");
        QVERIFY(!oidc.validate());
        const Properties properties = oidc.toProperties();
        QCOMPARE(value(properties, QStringLiteral("sasl.oauthbearer.method")), QStringLiteral("oidc"));
        QCOMPARE(value(properties, QStringLiteral("sasl.oauthbearer.client.secret")), QStringLiteral("s3cret"));
        auto back = SecuritySettings::fromProperties(properties);
        QVERIFY(back.ok());
        QCOMPARE(back.value(), oidc);
        const Error err = ClientConfig{QStringLiteral("127.0.0.1:9092"), properties}.validate();
        if (err)
            QVERIFY2(err.message.contains(QLatin1String("not supported in this build")), qPrintable(err.message));
    }

    void propertiesNameWhatLibrdkafkaNeeds()
    {
        SecuritySettings s;
        s.protocol = Protocol::SaslSsl;
        s.mechanism = Mechanism::ScramSha256;
        s.username = QStringLiteral("alice");
        s.password = QStringLiteral("pw");
        s.caFile = m_ca;
        s.verifyServer = false;
        const Properties p = s.toProperties();
        QCOMPARE(value(p, QStringLiteral("security.protocol")), QStringLiteral("sasl_ssl"));
        QCOMPARE(value(p, QStringLiteral("sasl.mechanism")), QStringLiteral("SCRAM-SHA-256"));
        QCOMPARE(value(p, QStringLiteral("sasl.username")), QStringLiteral("alice"));
        QCOMPARE(value(p, QStringLiteral("sasl.password")), QStringLiteral("pw"));
        QCOMPARE(value(p, QStringLiteral("ssl.ca.location")), m_ca);
        QCOMPARE(value(p, QStringLiteral("enable.ssl.certificate.verification")), QStringLiteral("false"));
        QCOMPARE(value(p, QStringLiteral("ssl.endpoint.identification.algorithm")), QStringLiteral("none"));
        // Without TLS no ssl.* property is set, whatever the form holds.
        s.protocol = Protocol::SaslPlaintext;
        s.caFile.clear();
        QCOMPARE(value(s.toProperties(), QStringLiteral("ssl.ca.location")), QStringLiteral("<absent>"));
    }

    void fromPropertiesKeepsTheRestInOrder()
    {
        Properties rest;
        auto s = SecuritySettings::fromProperties({{QStringLiteral("client.id"), QStringLiteral("a")},
                                                   {QStringLiteral("security.protocol"), QStringLiteral("SASL_SSL")},
                                                   {QStringLiteral("sasl.mechanisms"), QStringLiteral("plain")},
                                                   {QStringLiteral("acks"), QStringLiteral("all")}},
                                                  &rest);
        QVERIFY(s.ok());
        QCOMPARE(s.value().protocol, Protocol::SaslSsl);
        QCOMPARE(s.value().mechanism, Mechanism::Plain);
        QCOMPARE(rest, (Properties{{QStringLiteral("client.id"), QStringLiteral("a")},
                                   {QStringLiteral("acks"), QStringLiteral("all")}}));
        // Either property alone turns verification off, as in librdkafka.
        for (const auto &off : {Property{QStringLiteral("enable.ssl.certificate.verification"), QStringLiteral("false")},
                                Property{QStringLiteral("ssl.endpoint.identification.algorithm"), QStringLiteral("none")}}) {
            auto unverified = SecuritySettings::fromProperties({{QStringLiteral("security.protocol"), QStringLiteral("ssl")}, off});
            QVERIFY(unverified.ok());
            QVERIFY2(!unverified.value().verifyServer, qPrintable(off.first));
        }
        auto bad = SecuritySettings::fromProperties({{QStringLiteral("security.protocol"), QStringLiteral("TLS")}});
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(QLatin1String("SASL_SSL")), qPrintable(bad.error().message));
    }

    void validateNamesTheField_data()
    {
        QTest::addColumn<SecuritySettings>("settings");
        QTest::addColumn<QString>("says");
        SecuritySettings noPassword;
        noPassword.protocol = Protocol::SaslSsl;
        noPassword.mechanism = Mechanism::ScramSha512;
        noPassword.username = QStringLiteral("alice");
        QTest::newRow("SCRAM without a password") << noPassword << QStringLiteral("needs a password for user 'alice'");
        SecuritySettings noUser = noPassword;
        noUser.username.clear();
        QTest::newRow("SCRAM without a user") << noUser << QStringLiteral("needs a user name");
        SecuritySettings oidc;
        oidc.protocol = Protocol::SaslSsl;
        oidc.mechanism = Mechanism::OAuthBearer;
        oidc.tokenEndpoint = QStringLiteral("ftp://idp");
        oidc.clientId = QStringLiteral("c");
        oidc.clientSecret = QStringLiteral("s");
        QTest::newRow("token endpoint not http") << oidc << QStringLiteral("http:// or https://");
        SecuritySettings missingCa;
        missingCa.protocol = Protocol::Ssl;
        missingCa.caFile = m_dir.filePath(QStringLiteral("nope.pem"));
        QTest::newRow("CA file missing") << missingCa << QStringLiteral("The CA file");
        SecuritySettings certWithoutKey;
        certWithoutKey.protocol = Protocol::Ssl;
        certWithoutKey.certificateFile = m_cert;
        QTest::newRow("PEM certificate without key") << certWithoutKey << QStringLiteral("needs its key file");
        SecuritySettings tlsFilesWithoutTls;
        tlsFilesWithoutTls.caFile = m_ca;
        QTest::newRow("TLS files, no TLS") << tlsFilesWithoutTls << QStringLiteral("does not use TLS");
    }
    void validateNamesTheField()
    {
        QFETCH(SecuritySettings, settings);
        QFETCH(QString, says);
        const Error err = settings.validate();
        QVERIFY(err);
        QVERIFY2(err.message.contains(says), qPrintable(err.message));
    }

    void warningOnlyWhenVerificationIsOff()
    {
        SecuritySettings s;
        s.protocol = Protocol::Ssl;
        QVERIFY(s.warnings().isEmpty());
        s.verifyServer = false;
        QCOMPARE(s.warnings().size(), 1);
        QVERIFY(s.warnings().first().contains(QLatin1String("not verified")));
    }

    void withoutSecretsKeepsTheRest()
    {
        SecuritySettings s;
        s.protocol = Protocol::SaslSsl;
        s.username = QStringLiteral("u");
        s.password = QStringLiteral("p");
        s.clientSecret = QStringLiteral("c");
        s.keyPassword = QStringLiteral("k");
        s.caFile = m_ca;
        const SecuritySettings out = s.withoutSecrets();
        QVERIFY(out.password.isEmpty() && out.clientSecret.isEmpty() && out.keyPassword.isEmpty());
        QCOMPARE(out.username, s.username);
        QCOMPARE(out.caFile, s.caFile);
    }
};

QTEST_GUILESS_MAIN(TestSecuritySettings)
#include "test_securitysettings.moc"
