// SASL and TLS against a real Kafka with secured listeners (CTest fixture
// secure_kafka: scripts/kafka-cluster.sh start --security), real Kafka only:
// every client config here is made by kafka::SecuritySettings::toProperties(),
// as the connection dialog and `kafkadesk profiles` make theirs.
//   - each way in (SASL_SSL + SCRAM-SHA-512, SASL_PLAINTEXT + PLAIN, SSL with
//     a client certificate in PEM or PKCS#12, SASL_PLAINTEXT + unsecured
//     OAUTHBEARER): the
//     connection check passes and names who was let in, and a message goes
//     through a Producer and back through a Consumer;
//   - each mistake a user makes (wrong password, wrong CA, an expired client
//     certificate, a host name the broker's certificate does not list, a
//     mechanism the listener does not offer, no client certificate, plaintext
//     on a TLS port, a name that does not resolve, a port nothing listens on,
//     a wrong keystore password, SASL or not where the listener wants the
//     other, brokers advertised at a name that does not resolve) gets its own sentence from the check within 10 s, and a
//     producer with it fails with an error saying what to check, not a hang.
// The CA of another organisation and the expired certificate are made here
// with openssl; the cluster's CA key (next to its CA file) signs the latter.

#include "kafka/connectioncheck.h"
#include "kafka/consumer.h"
#include "kafka/producer.h"
#include "kafka/securitysettings.h"

#include "kcat.h"
#include "securecluster.h"
#include "testcluster.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace kafka;
using Protocol = SecuritySettings::Protocol;
using Mechanism = SecuritySettings::Mechanism;

namespace {

// The sentence each mistake must get, and no other.
const QStringList MistakeWords{
    QStringLiteral("wrong user name or password"),
    QStringLiteral("unknown certificate authority"),
    QStringLiteral("expired on"),
    QStringLiteral("host name mismatch"),
    QStringLiteral("does not offer mechanism PLAIN"),
    QStringLiteral("requires a client certificate"),
    QStringLiteral("expects TLS"),
    QStringLiteral("check the host name"),
    QStringLiteral("nothing listens"),
    QStringLiteral("check the file and its password"),
    QStringLiteral("does not use SASL"),
    QStringLiteral("requires SASL authentication"),
    QStringLiteral("advertises brokers this computer cannot reach"),
};

QString firstServer(const QString &list)
{
    return list.section(u',', 0, 0);
}

} // namespace

class TestSecurity : public QObject {
    Q_OBJECT

    testsupport::SecureCluster m_secure;
    std::unique_ptr<testsupport::TestCluster> m_plain; // the PLAINTEXT listener, for topics
    QTemporaryDir m_files;
    QString m_otherCa;
    QString m_expiredCertificate;
    QString m_expiredKey;
    QString m_keystore; // the client certificate and key as PKCS#12
    const QString m_keystorePassword = QStringLiteral("keystore-secret");

    bool openssl(const QStringList &args)
    {
        const auto result = testsupport::run(QStringLiteral("openssl"), args, {}, 30000);
        if (!result.finished || result.exitCode != 0)
            qWarning("openssl %s failed: %s", qPrintable(args.join(u' ')), result.err.constData());
        return result.finished && result.exitCode == 0;
    }

    // The settings of one way in or one mistake, and the servers to use.
    struct Case {
        SecuritySettings settings;
        QString bootstrap;
        QString expectedUser;
    };
    Case caseFor(const QString &kind) const
    {
        Case c;
        SecuritySettings &s = c.settings;
        const auto scram = [&] {
            s.protocol = Protocol::SaslSsl;
            s.mechanism = Mechanism::ScramSha512;
            s.username = m_secure.user;
            s.password = m_secure.password;
            s.caFile = m_secure.caFile;
            c.bootstrap = m_secure.saslSsl;
        };
        const auto certificate = [&] {
            s.protocol = Protocol::Ssl;
            s.caFile = m_secure.caFile;
            s.certificateFile = m_secure.clientCertificate;
            s.keyFile = m_secure.clientKey;
            c.bootstrap = m_secure.ssl;
        };
        if (kind == QLatin1String("SASL_SSL SCRAM-SHA-512")) {
            scram();
            c.expectedUser = m_secure.user;
        } else if (kind == QLatin1String("SASL_PLAINTEXT PLAIN")) {
            s.protocol = Protocol::SaslPlaintext;
            s.mechanism = Mechanism::Plain;
            s.username = m_secure.user;
            s.password = m_secure.password;
            c.bootstrap = m_secure.saslPlaintext;
            c.expectedUser = m_secure.user;
        } else if (kind == QLatin1String("SSL client certificate")) {
            certificate();
            c.expectedUser = QStringLiteral("CN=") + m_secure.user;
        } else if (kind == QLatin1String("SSL PKCS#12 keystore")) {
            certificate();
            s.certificateFile = m_keystore;
            s.keyFile.clear();
            s.keyPassword = m_keystorePassword;
            c.expectedUser = QStringLiteral("CN=") + m_secure.user;
        } else if (kind == QLatin1String("wrong keystore password")) {
            certificate();
            s.certificateFile = m_keystore;
            s.keyFile.clear();
            s.keyPassword = QStringLiteral("not-") + m_keystorePassword;
        } else if (kind == QLatin1String("SASL_PLAINTEXT OAUTHBEARER unsecured")) {
            s.protocol = Protocol::SaslPlaintext;
            s.mechanism = Mechanism::OAuthBearer;
            s.username = m_secure.user;
            c.bootstrap = m_secure.saslPlaintext;
            c.expectedUser = m_secure.user;
        } else if (kind == QLatin1String("wrong password")) {
            scram();
            s.password = QStringLiteral("not-") + m_secure.password;
        } else if (kind == QLatin1String("wrong CA")) {
            scram();
            s.caFile = m_otherCa;
        } else if (kind == QLatin1String("expired client certificate")) {
            certificate();
            s.certificateFile = m_expiredCertificate;
            s.keyFile = m_expiredKey;
        } else if (kind == QLatin1String("host-name mismatch")) {
            scram(); // the broker's certificate is for IP:127.0.0.1 only
            c.bootstrap = firstServer(m_secure.saslSsl).replace(QLatin1String("127.0.0.1"), QLatin1String("localhost"));
        } else if (kind == QLatin1String("mechanism not offered")) {
            scram(); // this listener offers SCRAM-SHA-512 only
            s.mechanism = Mechanism::Plain;
        } else if (kind == QLatin1String("no client certificate")) {
            certificate();
            s.certificateFile.clear();
            s.keyFile.clear();
        } else if (kind == QLatin1String("plaintext on a TLS port")) {
            c.bootstrap = m_secure.ssl;
        } else if (kind == QLatin1String("SASL on a plaintext listener")) {
            s.protocol = Protocol::SaslPlaintext;
            s.mechanism = Mechanism::Plain;
            s.username = m_secure.user;
            s.password = m_secure.password;
            c.bootstrap = m_plain->bootstrapServers();
        } else if (kind == QLatin1String("no SASL on a SASL listener")) {
            c.bootstrap = m_secure.saslPlaintext;
        } else if (kind == QLatin1String("SSL on a SASL_SSL listener")) {
            certificate();
            c.bootstrap = m_secure.saslSsl;
        } else if (kind == QLatin1String("brokers advertised unreachable")) {
            c.bootstrap = m_secure.misadvertised;
        } else if (kind == QLatin1String("unknown host")) {
            c.bootstrap = QStringLiteral("no-such-host.invalid:9092"); // .invalid: never a real name (RFC 2606)
        } else if (kind == QLatin1String("nothing listens")) {
            // The port base + 9: a port kafka-cluster.sh never opens.
            c.bootstrap = QStringLiteral("127.0.0.1:%1").arg(qEnvironmentVariableIntValue("KAFKADESK_TEST_KAFKA_PORT_BASE") + 9);
        } else {
            qFatal("unknown case %s", qPrintable(kind));
        }
        return c;
    }
    ClientConfig configFor(const Case &c) const { return {c.bootstrap, c.settings.toProperties()}; }

    void addMistakeRows(bool withoutTlsOnlyCases)
    {
        QTest::addColumn<QString>("step");
        QTest::addColumn<QString>("words");
        QTest::newRow("wrong password") << "SASL" << MistakeWords[0];
        QTest::newRow("wrong CA") << "TLS" << MistakeWords[1];
        QTest::newRow("expired client certificate") << "TLS" << MistakeWords[2];
        QTest::newRow("host-name mismatch") << "TLS" << MistakeWords[3];
        QTest::newRow("mechanism not offered") << "SASL" << MistakeWords[4];
        if (withoutTlsOnlyCases)
            return;
        QTest::newRow("no client certificate") << "TLS" << MistakeWords[5];
        QTest::newRow("plaintext on a TLS port") << "Kafka" << MistakeWords[6];
        QTest::newRow("unknown host") << "DNS" << MistakeWords[7];
        QTest::newRow("nothing listens") << "TCP" << MistakeWords[8];
        QTest::newRow("wrong keystore password") << "TLS" << MistakeWords[9];
        QTest::newRow("SASL on a plaintext listener") << "SASL" << MistakeWords[10];
        QTest::newRow("no SASL on a SASL listener") << "SASL" << MistakeWords[11];
        QTest::newRow("SSL on a SASL_SSL listener") << "SASL" << MistakeWords[11];
        QTest::newRow("brokers advertised unreachable") << "Cluster" << MistakeWords[12];
    }

private slots:
    void initTestCase()
    {
        auto secure = testsupport::SecureCluster::fromStatus();
        QVERIFY2(secure.ok(), qPrintable(secure.error().message));
        m_secure = secure.value();
        auto plain = testsupport::TestCluster::startReal();
        QVERIFY2(plain.ok(), qPrintable(plain.error().message));
        m_plain = std::move(plain).value();

        QVERIFY(m_files.isValid());
        const QString dir = m_files.path() + u'/';
        m_otherCa = dir + QStringLiteral("other-ca.pem");
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                         QStringLiteral("-nodes"), QStringLiteral("-keyout"), dir + QStringLiteral("other-ca.key"),
                         QStringLiteral("-out"), m_otherCa, QStringLiteral("-days"), QStringLiteral("2"),
                         QStringLiteral("-subj"), QStringLiteral("/CN=Some other CA")}));
        // Signed by the cluster's own CA, for the cluster's user: only its dates are wrong.
        m_expiredKey = dir + QStringLiteral("expired.key");
        m_expiredCertificate = dir + QStringLiteral("expired.pem");
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                         QStringLiteral("-keyout"), m_expiredKey, QStringLiteral("-out"), dir + QStringLiteral("expired.csr"),
                         QStringLiteral("-subj"), QStringLiteral("/CN=") + m_secure.user}));
        QVERIFY(openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), dir + QStringLiteral("expired.csr"),
                         QStringLiteral("-CA"), m_secure.caFile, QStringLiteral("-CAkey"), m_secure.caKeyFile,
                         QStringLiteral("-set_serial"), QStringLiteral("4242"),
                         // -1: valid from now until a day ago, that is expired
                         QStringLiteral("-days"), QStringLiteral("-1"), QStringLiteral("-out"), m_expiredCertificate}));
        m_keystore = dir + QStringLiteral("client.p12");
        QVERIFY(openssl({QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-in"), m_secure.clientCertificate,
                         QStringLiteral("-inkey"), m_secure.clientKey, QStringLiteral("-passout"),
                         QStringLiteral("pass:") + m_keystorePassword, QStringLiteral("-out"), m_keystore}));
    }
    void cleanupTestCase() { m_plain.reset(); }

    void eachWayInConnectsProducesAndConsumes_data()
    {
        QTest::addColumn<QString>("unused");
        QTest::newRow("SASL_SSL SCRAM-SHA-512") << QString();
        QTest::newRow("SASL_PLAINTEXT PLAIN") << QString();
        QTest::newRow("SSL client certificate") << QString();
        QTest::newRow("SSL PKCS#12 keystore") << QString();
        QTest::newRow("SASL_PLAINTEXT OAUTHBEARER unsecured") << QString();
    }
    void eachWayInConnectsProducesAndConsumes()
    {
        const Case c = caseFor(QString::fromLatin1(QTest::currentDataTag()));
        QVERIFY2(!c.settings.validate(), qPrintable(c.settings.validate().message));
        const ClientConfig config = configFor(c);

        const ConnectionReport report = checkConnection(config);
        QVERIFY2(report.ok, qPrintable(report.text()));
        QCOMPARE(report.authenticatedAs, c.expectedUser);
        QCOMPARE(report.brokerCount, 1);
        if (c.settings.usesTls())
            QVERIFY2(report.text().contains(QLatin1String("issued by CN=Kafka Desk test CA")), qPrintable(report.text()));

        const QString topic = testsupport::TestCluster::name(QStringLiteral("secure"));
        QVERIFY(!m_plain->createTopic({topic, 1, 1}));
        const QByteArray value = "through " + QByteArray(QTest::currentDataTag());
        {
            auto producer = Producer::create(config);
            QVERIFY2(producer.ok(), qPrintable(producer.error().message));
            QVERIFY(!producer.value()->produce({topic, QByteArray("k"), value, {}, 0}));
            QList<Delivery> deliveries;
            QElapsedTimer clock;
            clock.start();
            while (deliveries.isEmpty() && clock.elapsed() < 15000)
                deliveries += producer.value()->flush(std::chrono::milliseconds(500));
            QCOMPARE(deliveries.size(), 1);
            QVERIFY2(deliveries[0].delivered(), qPrintable(deliveries[0].errorText()));
        }
        ConsumerSpec spec;
        spec.config = config;
        spec.topics = {topic};
        spec.mode = ConsumerSpec::Mode::Manual;
        auto consumer = Consumer::create(spec);
        QVERIFY2(consumer.ok(), qPrintable(consumer.error().message));
        const Error started = consumer.value()->start(std::chrono::seconds(10));
        QVERIFY2(!started, qPrintable(started.message));
        const RecordBatch batch = consumer.value()->poll(10, std::chrono::seconds(10));
        QCOMPARE(batch.size(), 1);
        QCOMPARE(batch.record(0).value, value);
        QVERIFY(!consumer.value()->close());
    }

    // librdkafka also takes the CA, certificate and key as text (an imported
    // properties file may): the check must trust what the client trusts.
    void inlinePemIsCheckedAsTheClientUsesIt()
    {
        const auto read = [](const QString &path) {
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
        };
        const ClientConfig config{m_secure.ssl,
                                  {{QStringLiteral("security.protocol"), QStringLiteral("ssl")},
                                   {QStringLiteral("ssl.ca.pem"), read(m_secure.caFile)},
                                   {QStringLiteral("ssl.certificate.pem"), read(m_secure.clientCertificate)},
                                   {QStringLiteral("ssl.key.pem"), read(m_secure.clientKey)}}};
        const ConnectionReport report = checkConnection(config);
        QVERIFY2(report.ok, qPrintable(report.text()));
        QCOMPARE(report.authenticatedAs, QStringLiteral("CN=") + m_secure.user);
    }

    void eachMistakeHasItsOwnSentence_data() { addMistakeRows(false); }
    void eachMistakeHasItsOwnSentence()
    {
        QFETCH(QString, step);
        QFETCH(QString, words);
        const Case c = caseFor(QString::fromLatin1(QTest::currentDataTag()));
        QElapsedTimer clock;
        clock.start();
        const ConnectionReport report = checkConnection(configFor(c));
        const qint64 took = clock.elapsed();
        qInfo("%s took %lld ms:\n%s", QTest::currentDataTag(), took, qPrintable(report.text()));
        QVERIFY2(took < 10000, qPrintable(QStringLiteral("took %1 ms").arg(took)));
        QVERIFY(!report.ok);
        QVERIFY(!report.steps.isEmpty());
        const ConnectionReport::Step &failed = report.steps.last();
        QVERIFY(!failed.ok);
        QCOMPARE(failed.name, step);
        // Kafka 3.9 here: no word of librdkafka 2.0.2's SCRAM trouble with 4.x.
        QVERIFY2(!failed.detail.contains(QLatin1String("Kafka 4.0")), qPrintable(failed.detail));
        for (const QString &other : MistakeWords)
            QVERIFY2(failed.detail.contains(other) == (other == words),
                     qPrintable(QStringLiteral("'%1' %2 expected in: %3")
                                    .arg(other, other == words ? QStringLiteral("is") : QStringLiteral("is not"), failed.detail)));
    }

    void producerWithAMistakeSaysWhatToCheck_data() { addMistakeRows(true); }
    void producerWithAMistakeSaysWhatToCheck()
    {
        QFETCH(QString, step);
        const Case c = caseFor(QString::fromLatin1(QTest::currentDataTag()));
        auto producer = Producer::create(configFor(c));
        QVERIFY2(producer.ok(), qPrintable(producer.error().message));
        QElapsedTimer clock;
        clock.start();
        const Error err = producer.value()->checkReachable(std::chrono::seconds(3));
        QVERIFY2(clock.elapsed() < 6000, "checkReachable overran its timeout");
        QVERIFY(err);
        QCOMPARE(err.code, step == QLatin1String("SASL") ? RD_KAFKA_RESP_ERR__AUTHENTICATION : RD_KAFKA_RESP_ERR__SSL);
        QVERIFY2(err.message.contains(step == QLatin1String("SASL") ? QLatin1String("SASL settings") : QLatin1String("TLS settings")),
                 qPrintable(err.message));
    }
};

QTEST_GUILESS_MAIN(TestSecurity)
#include "test_security.moc"
