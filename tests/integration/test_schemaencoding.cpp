// Values encoded with a local schema (kafka::SchemaEncoder, and
// `kafkadesk produce --value-avsc / --value-proto`), read back by an
// independent decoder (tests/integration/schema_registry_data.py: fastavro,
// Google's Python protobuf) in the venv of the schema_test_env fixture, and
// by our own decoder. The registry's side (--value-subject) is in
// test_schemaregistry, against a real registry.

#include "kcat.h"
#include "testcluster.h"

#include "kafka/avroschema.h"
#include "kafka/schemaencoder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace kafka;
using testsupport::kafkadesk;
using testsupport::run;

class TestSchemaEncoding : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;
    QString m_python;
    int m_files = 0;

    QString path(const QString &name) const { return m_data.filePath(name); }

    // The independent decoder's JSON for `bytes`, bare: Avro with
    // payment.avsc, or Protobuf as the message type `type`.
    QJsonObject decodedByPython(const QByteArray &bytes, const QString &type = {})
    {
        const QString file = path(QStringLiteral("value-%1.bin").arg(++m_files));
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size())
            return {};
        out.close();
        const auto decoded = run(m_python, {QStringLiteral(KAFKADESK_SCHEMA_REGISTRY_DATA_SCRIPT),
                                            type.isEmpty() ? QStringLiteral("--decode-avro-bare")
                                                           : QStringLiteral("--decode-protobuf-bare"),
                                            type.isEmpty() ? path(QStringLiteral("payment.avsc")) : type, file});
        if (!decoded.finished || decoded.exitCode != 0)
            qWarning("the Python decoder: %s", decoded.err.constData());
        return QJsonDocument::fromJson(decoded.out).object();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_data.isValid());
        m_python = qEnvironmentVariable("KAFKADESK_SCHEMA_PYTHON");
        QVERIFY2(!m_python.isEmpty(), "KAFKADESK_SCHEMA_PYTHON (set by CTest) names the encoder's Python");
        const auto made = run(m_python, {QStringLiteral(KAFKADESK_SCHEMA_REGISTRY_DATA_SCRIPT),
                                         QStringLiteral("--write-schemas"), m_data.path()});
        QVERIFY2(made.finished && made.exitCode == 0, made.err.constData());
    }

    void avroFromItsJsonEncoding()
    {
        auto encoder = SchemaEncoder::forLocalFile(path(QStringLiteral("payment.avsc")));
        QVERIFY2(encoder.ok(), qPrintable(encoder.error().message));
        QCOMPARE(encoder.value()->schemaId(), -1);
        // Every kind the schema has: a nested record, a tagged union, bytes
        // (one code point per byte, " and \ included), a long past 2^53, an
        // enum, an array; keys in another order than the schema's.
        const QByteArray json =
            "{\"tags\":[\"a\",\"\\u00e9\"],\"id\":\"p-1\",\"amount\":-0.5,\"customer\":{\"vip\":true,\"name\":\"Zoë\"},"
            "\"coupon\":{\"string\":\"SAVE\"},\"raw\":\"\\u0000\\u00ff\\u0022\\u005c\",\"count\":-9007199254740993,"
            "\"status\":\"PAID\"}";
        const auto bytes = encoder.value()->encode(json);
        QVERIFY2(bytes.ok(), qPrintable(bytes.error().message));
        const QJsonObject value = decodedByPython(bytes.value());
        QCOMPARE(value.value(QStringLiteral("id")).toString(), QStringLiteral("p-1"));
        QCOMPARE(value.value(QStringLiteral("amount")).toDouble(), -0.5);
        QCOMPARE(value.value(QStringLiteral("customer")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Zoë"));
        QCOMPARE(value.value(QStringLiteral("customer")).toObject().value(QStringLiteral("vip")).toBool(), true);
        QCOMPARE(value.value(QStringLiteral("coupon")).toString(), QStringLiteral("SAVE"));
        QCOMPARE(value.value(QStringLiteral("raw")).toArray(), (QJsonArray{0, 255, 34, 92}));
        QCOMPARE(value.value(QStringLiteral("count")).toInteger(), -9007199254740993);
        QCOMPARE(value.value(QStringLiteral("status")).toString(), QStringLiteral("PAID"));
        QCOMPARE(value.value(QStringLiteral("tags")).toArray(), (QJsonArray{QStringLiteral("a"), QStringLiteral("é")}));

        // Our decoder reads the bytes back to the same value, in the schema's order.
        QFile avsc(path(QStringLiteral("payment.avsc")));
        QVERIFY(avsc.open(QIODevice::ReadOnly));
        const auto schema = parseAvroSchemaText(avsc.readAll());
        QVERIFY(schema.ok());
        const auto back = schema.value()->toJson(bytes.value());
        QVERIFY2(back.ok(), qPrintable(back.error().message));
        QCOMPARE(back.value(), QByteArray("{\"id\":\"p-1\",\"amount\":-0.5,\"customer\":{\"name\":\"Zoë\",\"vip\":true},"
                                          "\"coupon\":{\"string\":\"SAVE\"},\"raw\":\"\\u0000\\u00ff\\u0022\\u005c\","
                                          "\"count\":-9007199254740993,\"status\":\"PAID\",\"tags\":[\"a\",\"é\"]}"));
    }

    void avroThatDoesNotMatchSaysWhere_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        const QByteArray good = "\"id\":\"p\",\"amount\":1,\"customer\":{\"name\":\"n\",\"vip\":false},\"coupon\":null,"
                                "\"raw\":\"\",\"count\":1,\"status\":\"NEW\",\"tags\":[]";
        QTest::newRow("not JSON") << QByteArray("{\"id\":") << QStringLiteral("the value is not JSON");
        QTest::newRow("missing field") << QByteArray("{\"id\":\"p\"}") << QStringLiteral("amount is missing");
        QTest::newRow("unknown field") << QByteArray("{" + good + ",\"extra\":1}")
                                       << QStringLiteral("the value has no field 'extra' in the schema");
        QTest::newRow("wrong type") << QByteArray("{" + QByteArray(good).replace("\"count\":1", "\"count\":\"1\"") + "}")
                                    << QStringLiteral("count should be a long (a whole number of 64 bits), not a string");
        QTest::newRow("fraction for a long")
            << QByteArray("{" + QByteArray(good).replace("\"count\":1", "\"count\":1.5") + "}")
            << QStringLiteral("count should be a long");
        QTest::newRow("untagged union") << QByteArray("{" + QByteArray(good).replace("\"coupon\":null", "\"coupon\":\"X\"") + "}")
                                        << QStringLiteral("coupon should be null or {\"TYPE\": value} with TYPE one of null, string");
        QTest::newRow("unknown branch")
            << QByteArray("{" + QByteArray(good).replace("\"coupon\":null", "\"coupon\":{\"int\":1}") + "}")
            << QStringLiteral("coupon: 'int' is not a type of the union (null, string)");
        QTest::newRow("enum symbol") << QByteArray("{" + QByteArray(good).replace("\"NEW\"", "\"LOST\"") + "}")
                                     << QStringLiteral("status: 'LOST' is not a symbol of the enum (NEW, PAID)");
        QTest::newRow("byte above 255") << QByteArray("{" + QByteArray(good).replace("\"raw\":\"\"", "\"raw\":\"\\u0100\"") + "}")
                                        << QStringLiteral("raw should be a string of bytes");
        QTest::newRow("array item") << QByteArray("{" + QByteArray(good).replace("\"tags\":[]", "\"tags\":[\"a\",2]") + "}")
                                    << QStringLiteral("tags[1] should be a string, not the number 2");
        QTest::newRow("nested") << QByteArray("{" + QByteArray(good).replace("\"vip\":false", "\"vip\":0") + "}")
                                << QStringLiteral("customer.vip should be a boolean, not the number 0");
    }
    void avroThatDoesNotMatchSaysWhere()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        auto encoder = SchemaEncoder::forLocalFile(path(QStringLiteral("payment.avsc")));
        QVERIFY(encoder.ok());
        const auto bytes = encoder.value()->encode(json);
        QVERIFY(!bytes.ok());
        QVERIFY2(bytes.error().message.contains(reason), qPrintable(bytes.error().message));
    }

    void protobufFromItsJsonMapping()
    {
        const QString proto = path(QStringLiteral("proto/shop/order.proto"));
        auto line = SchemaEncoder::forLocalFile(proto, QStringLiteral("shop.Order.Line"));
        QVERIFY2(line.ok(), qPrintable(line.error().message));
        const auto lineBytes = line.value()->encode("{\"sku\":\"B\",\"quantity\":-3,\"price\":{\"currency\":\"EUR\",\"units\":\"5\"}}");
        QVERIFY2(lineBytes.ok(), qPrintable(lineBytes.error().message));
        QJsonObject value = decodedByPython(lineBytes.value(), QStringLiteral("shop.Order.Line"));
        QCOMPARE(value.value(QStringLiteral("sku")).toString(), QStringLiteral("B"));
        QCOMPARE(value.value(QStringLiteral("quantity")).toInt(), -3);
        QCOMPARE(value.value(QStringLiteral("price")).toObject().value(QStringLiteral("units")).toString(), QStringLiteral("5"));

        auto order = SchemaEncoder::forLocalFile(proto, QStringLiteral("shop.Order"));
        QVERIFY(order.ok());
        const auto orderBytes = order.value()->encode("{\"id\":\"o\",\"lines\":[{\"sku\":\"A\"}],\"total\":{\"units\":12}}");
        QVERIFY2(orderBytes.ok(), qPrintable(orderBytes.error().message));
        value = decodedByPython(orderBytes.value(), QStringLiteral("shop.Order"));
        QCOMPARE(value.value(QStringLiteral("lines")).toArray().at(0).toObject().value(QStringLiteral("sku")).toString(),
                 QStringLiteral("A"));
        QCOMPARE(value.value(QStringLiteral("total")).toObject().value(QStringLiteral("units")).toString(), QStringLiteral("12"));

        const auto unknownField = order.value()->encode("{\"id\":\"o\",\"colour\":1}");
        QVERIFY(!unknownField.ok());
        QVERIFY2(unknownField.error().message.contains(QLatin1String("the value does not match the shop.Order message")),
                 qPrintable(unknownField.error().message));
        const auto wrongType = order.value()->encode("{\"id\":[1]}");
        QVERIFY(!wrongType.ok());
        auto none = SchemaEncoder::forLocalFile(proto, QStringLiteral("shop.Nope"));
        QVERIFY(none.ok()); // the type is looked up per value
        const auto noType = none.value()->encode("{}");
        QVERIFY(!noType.ok());
        QVERIFY2(noType.error().message.contains(QLatin1String("the schema has no message type shop.Nope (its types: shop.Order")),
                 qPrintable(noType.error().message));
    }

    // A .proto of enums only has no message type to fall back on when none
    // is named: a clear refusal (when loaded, or at the latest when a value
    // is encoded), never the first of no message types.
    void protobufWithoutAMessageTypeIsRefused()
    {
        const QString file = path(QStringLiteral("only-enums.proto"));
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write("syntax = \"proto3\";\npackage shop;\nenum Colour { RED = 0; GREEN = 1; }\n");
        }
        auto encoder = SchemaEncoder::forLocalFile(file, QString());
        const QString why = encoder.ok() ? encoder.value()->encode("{}").error().message : encoder.error().message;
        QVERIFY2(why.contains(QLatin1String("no message type")), qPrintable(why));
    }

    // kafkadesk produce --value-avsc sends bare Avro that consume --value-avsc
    // reads back; a line that does not match fails alone; usage is checked.
    void produceWithALocalSchema()
    {
        auto cluster = testsupport::TestCluster::start(1);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        const QString bootstrap = cluster.value()->bootstrapServers();
        const QString topic = cluster.value()->name(QStringLiteral("local-avro"));
        QVERIFY(!cluster.value()->createTopic(TopicSpec{topic, 1, 1}));
        const QString avsc = path(QStringLiteral("payment.avsc"));
        const QByteArray good = "{\"id\":\"p\",\"amount\":1.25,\"customer\":{\"name\":\"n\",\"vip\":false},\"coupon\":null,"
                                "\"raw\":\"A\",\"count\":12345678901234567,\"status\":\"NEW\",\"tags\":[]}";
        const auto produced = run(kafkadesk(), {QStringLiteral("produce"), QStringLiteral("-b"), bootstrap,
                                                QStringLiteral("-t"), topic, QStringLiteral("--value-avsc"), avsc},
                                  good + "\n{\"id\":1}\n" + good + "\n");
        QCOMPARE(produced.exitCode, 1);
        QVERIFY2(produced.err.contains("encoding values with the local AVRO schema payment.avsc"), produced.err.constData());
        QVERIFY2(produced.err.contains("line 2: the value does not match the Avro schema: id should be a string"),
                 produced.err.constData());
        QVERIFY2(produced.err.contains("delivered 2, failed 1"), produced.err.constData());
        const auto consumed = run(kafkadesk(), {QStringLiteral("consume"), QStringLiteral("-b"), bootstrap,
                                                QStringLiteral("-t"), topic, QStringLiteral("-n"), QStringLiteral("2"),
                                                QStringLiteral("--value-avsc"), avsc});
        QVERIFY2(consumed.finished && consumed.exitCode == 0, consumed.err.constData());
        QCOMPARE(consumed.out, good + '\n' + good + '\n');

        const QStringList produce{QStringLiteral("produce"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), topic};
        const auto noType = run(kafkadesk(), produce + QStringList{QStringLiteral("--value-proto"),
                                                                   path(QStringLiteral("proto/shop/order.proto"))});
        QCOMPARE(noType.exitCode, 2);
        QVERIFY2(noType.err.contains("--value-proto needs --value-type NAME"), noType.err.constData());
        const auto two = run(kafkadesk(), produce + QStringList{QStringLiteral("--value-avsc"), avsc,
                                                                QStringLiteral("--value-subject"), QStringLiteral("s")});
        QCOMPARE(two.exitCode, 2);
        const auto noRegistry = run(kafkadesk(), produce + QStringList{QStringLiteral("--value-subject"), QStringLiteral("s")});
        QCOMPARE(noRegistry.exitCode, 2);
        QVERIFY2(noRegistry.err.contains("--value-subject needs --schema-registry URL"), noRegistry.err.constData());
        const auto missingFile = run(kafkadesk(), produce + QStringList{QStringLiteral("--value-avsc"), path(QStringLiteral("none.avsc"))},
                                     "{}\n");
        QCOMPARE(missingFile.exitCode, 2);
        QVERIFY2(missingFile.err.contains("cannot read the Avro schema"), missingFile.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestSchemaEncoding)
#include "test_schemaencoding.moc"
