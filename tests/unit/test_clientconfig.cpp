#include "kafka/clientconfig.h"
#include "kafka/connectionspec.h"

#include <QTest>

using namespace kafka;

class TestClientConfig : public QObject {
    Q_OBJECT
private slots:
    void bootstrapServers_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<bool>("valid");
        QTest::newRow("one") << "localhost:9092" << true;
        QTest::newRow("several, spaces") << "a:1, b.example.com:9093 ,10.0.0.1:65535" << true;
        QTest::newRow("ipv6") << "[::1]:9092" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("blank") << "   " << false;
        QTest::newRow("no port") << "localhost" << false;
        QTest::newRow("port zero") << "localhost:0" << false;
        QTest::newRow("port too big") << "localhost:70000" << false;
        QTest::newRow("port not a number") << "localhost:abc" << false;
        QTest::newRow("no host") << ":9092" << false;
        QTest::newRow("empty entry") << "a:1,,b:2" << false;
        QTest::newRow("space in host") << "my host:9092" << false;
    }
    void bootstrapServers()
    {
        QFETCH(QString, list);
        QFETCH(bool, valid);
        const Error err = validateBootstrapServers(list);
        QCOMPARE(!err, valid);
        if (!valid)
            QVERIFY(!err.message.isEmpty());
    }

    void parsePropertiesSkipsCommentsAndBlankLines()
    {
        auto parsed = parseProperties(QStringLiteral("# a comment\n\nclient.id = desk\n  acks=all  \nx=a=b\n"));
        QVERIFY(parsed.ok());
        const Properties expected{{QStringLiteral("client.id"), QStringLiteral("desk")},
                                  {QStringLiteral("acks"), QStringLiteral("all")},
                                  {QStringLiteral("x"), QStringLiteral("a=b")}};
        QCOMPARE(parsed.value(), expected);
    }

    void parsePropertiesNamesTheBadLine()
    {
        auto parsed = parseProperties(QStringLiteral("client.id=desk\nnot a property\n"));
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().message.contains(QLatin1String("line 2")), qPrintable(parsed.error().message));
        QVERIFY(!parseProperties(QStringLiteral("=value")).ok());
    }

    void librdkafkaRefusesUnknownKeyWithItsOwnMessage()
    {
        const ClientConfig config{QStringLiteral("localhost:9092"), {{QStringLiteral("no.such.key"), QStringLiteral("1")}}};
        const Error err = config.validate();
        QVERIFY(err);
        QVERIFY2(err.message.contains(QLatin1String("no.such.key")), qPrintable(err.message));
        QVERIFY2(err.message.contains(QLatin1String("No such configuration property")), qPrintable(err.message));
    }

    void librdkafkaRefusesBadValue()
    {
        const ClientConfig config{{}, {{QStringLiteral("socket.timeout.ms"), QStringLiteral("soon")}}};
        const Error err = config.validate();
        QVERIFY(err);
        QVERIFY2(err.message.contains(QLatin1String("socket.timeout.ms")), qPrintable(err.message));
    }

    void goodPropertiesBuild()
    {
        const ClientConfig config{QStringLiteral("localhost:9092"),
                                  {{QStringLiteral("client.id"), QStringLiteral("desk")},
                                   {QStringLiteral("socket.timeout.ms"), QStringLiteral("5000")}}};
        QVERIFY(!config.validate());
        QVERIFY(config.build().ok());
    }

    void specValidation()
    {
        QVERIFY(!ConnectionSpec::sandbox(3).validate());
        QVERIFY(ConnectionSpec::sandbox(0).validate());
        QVERIFY(ConnectionSpec::sandbox(10).validate());
        QVERIFY(!ConnectionSpec::bootstrap(QStringLiteral("localhost:9092")).validate());
        QVERIFY(ConnectionSpec::bootstrap(QStringLiteral("localhost")).validate());
        auto spec = ConnectionSpec::sandbox(1);
        spec.properties = {{QStringLiteral("bogus.key"), QStringLiteral("x")}};
        QVERIFY(spec.validate());
    }

    void specRoundTripLeavesSecretsOut()
    {
        auto spec = ConnectionSpec::bootstrap(QStringLiteral("kafka:9092"));
        spec.properties = {{QStringLiteral("security.protocol"), QStringLiteral("SASL_SSL")},
                           {QStringLiteral("sasl.password"), QStringLiteral("hunter2")},
                           {QStringLiteral("ssl.key.password"), QStringLiteral("hunter3")}};
        const ConnectionSpec restored = ConnectionSpec::fromVariant(spec.toVariant());
        QCOMPARE(restored.kind, ConnectionSpec::Kind::Bootstrap);
        QCOMPARE(restored.bootstrapServers, spec.bootstrapServers);
        const Properties expected{{QStringLiteral("security.protocol"), QStringLiteral("SASL_SSL")}};
        QCOMPARE(restored.properties, expected);
        QVERIFY(!spec.toVariant().value(QStringLiteral("properties")).toStringList().join(u' ').contains(
            QLatin1String("hunter")));

        const ConnectionSpec sandbox = ConnectionSpec::fromVariant(ConnectionSpec::sandbox(5).toVariant());
        QCOMPARE(sandbox, ConnectionSpec::sandbox(5));
    }
};

QTEST_GUILESS_MAIN(TestClientConfig)
#include "test_clientconfig.moc"
