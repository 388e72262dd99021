// Against a real Schema Registry: Apicurio Registry 2.3.1 (its Confluent-
// compatible API), started by the schema_registry CTest fixture
// (scripts/schema-registry.sh) with HTTP basic auth in front. The schemas are
// registered through its REST API and the payloads encoded by an independent
// encoder (tests/integration/schema_registry_data.py: fastavro, Google's
// Python protobuf), then read back by `kafkadesk consume --schema-registry`;
// what `kafkadesk produce --value-subject` encodes is decoded by that same
// independent side.
//
// Sandbox only: the broker is not what is tested here (test_schemadecoding
// and test_producecommand run on the real cluster too); the registry is.

#include "kcat.h"
#include "testcluster.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace kafka;
using testsupport::kafkadesk;
using testsupport::kcat;
using testsupport::run;
using testsupport::jsonLines;

class TestSchemaRegistry : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;
    QString m_python;
    QString m_url;
    QString m_password;
    QString m_prefix;
    QJsonObject m_ids;

    QString path(const QString &name) const { return m_data.filePath(name); }
    QByteArray data(const QString &name) const
    {
        QFile file(path(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    bool write(const QString &name, const QByteArray &bytes) const
    {
        QFile file(path(name));
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    }
    // The values kcat reads from `topic`, each written to a file of its own
    // (NAME-0.bin, ...) for the independent decoder; their paths.
    QStringList valuesToFiles(const QString &bootstrap, const QString &topic, const QString &name) const
    {
        QStringList paths;
        const QList<testsupport::KcatMessage> messages = testsupport::readExactly(bootstrap, topic);
        for (qsizetype i = 0; i < messages.size(); ++i) {
            const QString file = QStringLiteral("%1-%2.bin").arg(name).arg(i);
            if (!write(file, messages[i].value.value_or(QByteArray())))
                return {};
            paths.append(path(file));
        }
        return paths;
    }
    // The independent decoder's JSON line for each file.
    QList<QJsonObject> decodedByPython(const QString &mode, const QStringList &files) const
    {
        const auto decoded = run(m_python, QStringList{QStringLiteral(KAFKADESK_SCHEMA_REGISTRY_DATA_SCRIPT), mode, m_url,
                                                       QStringLiteral("kafkadesk"), m_password}
                                               + files);
        if (!decoded.finished || decoded.exitCode != 0)
            qWarning("the Python decoder: %s", decoded.err.constData());
        return jsonLines(decoded.out);
    }
    testsupport::ProcessResult produce(const QString &bootstrap, const QString &topic, const QStringList &extra,
                                       const QByteArray &lines) const
    {
        return run(kafkadesk(),
                   QStringList{QStringLiteral("produce"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), topic}
                       + login() + extra,
                   lines);
    }

    QStringList login() const
    {
        return {QStringLiteral("--schema-registry"), m_url, QStringLiteral("--registry-user"), QStringLiteral("kafkadesk"),
                QStringLiteral("--registry-password-file"), path(QStringLiteral("password"))};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_data.isValid());
        m_python = qEnvironmentVariable("KAFKADESK_SCHEMA_PYTHON");
        m_url = qEnvironmentVariable("KAFKADESK_SCHEMA_REGISTRY");
        m_password = qEnvironmentVariable("KAFKADESK_SCHEMA_REGISTRY_PASSWORD");
        QVERIFY2(!m_python.isEmpty(), "KAFKADESK_SCHEMA_PYTHON (set by CTest) names the encoder's Python");
        QVERIFY2(!m_url.isEmpty() && !m_password.isEmpty(),
                 "KAFKADESK_SCHEMA_REGISTRY and _PASSWORD (set by CTest) name the registry the fixture started");
        QVERIFY(write(QStringLiteral("password"), m_password.toUtf8() + '\n'));
        // The registry outlives a test run's restarts of this test: subjects of its own.
        m_prefix = QStringLiteral("kd-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        const auto made = run(m_python, {QStringLiteral(KAFKADESK_SCHEMA_REGISTRY_DATA_SCRIPT), m_url,
                                         QStringLiteral("kafkadesk"), m_password, m_prefix, m_data.path()});
        QVERIFY2(made.finished && made.exitCode == 0, made.err.constData());
        m_ids = QJsonDocument::fromJson(data(QStringLiteral("ids.json"))).object();
        QVERIFY2(m_ids.value(QStringLiteral("order")).toInt() > 0, data(QStringLiteral("ids.json")).constData());
    }

    void consumeDecodesWhatTheRegistryHolds()
    {
        auto cluster = testsupport::TestCluster::start(1);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        const QString bootstrap = cluster.value()->bootstrapServers();
        const QString topic = cluster.value()->name(QStringLiteral("registry"));
        QVERIFY(!cluster.value()->createTopic(TopicSpec{topic, 1, 1}));
        const QByteArray avro = data(QStringLiteral("avro.bin"));
        QVERIFY(write(QStringLiteral("truncated.bin"), avro.left(avro.size() - 4)));
        // kcat sends each file as one message, in this order.
        QStringList files;
        for (const char *name : {"avro.bin", "proto-order.bin", "proto-line.bin", "json.bin", "unknown-id.bin", "truncated.bin"})
            files.append(path(QString::fromLatin1(name)));
        const auto produced = kcat(QStringList{QStringLiteral("-P"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"),
                                               topic, QStringLiteral("-p"), QStringLiteral("0")}
                                   + files);
        QVERIFY2(produced.finished && produced.exitCode == 0, produced.err.constData());

        const QStringList consume{QStringLiteral("consume"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), topic,
                                  QStringLiteral("-n"), QStringLiteral("6"), QStringLiteral("--format"), QStringLiteral("json")};
        const auto out = run(kafkadesk(), consume + login());
        QVERIFY2(out.finished && out.exitCode == 0, out.err.constData());
        const QList<QJsonObject> lines = jsonLines(out.out);
        QCOMPARE(lines.size(), 6);

        // Avro: the id the registry gave, a 17-digit long exact.
        QCOMPARE(lines[0].value(QStringLiteral("value_schema_id")).toInt(), m_ids.value(QStringLiteral("avro")).toInt());
        QCOMPARE(lines[0].value(QStringLiteral("value_schema_type")).toString(), QStringLiteral("AVRO"));
        const QJsonObject payment = lines[0].value(QStringLiteral("value_decoded")).toObject();
        QCOMPARE(payment.value(QStringLiteral("id")).toString(), QStringLiteral("p-1"));
        QCOMPARE(payment.value(QStringLiteral("customer")).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("Zoë \"Z\""));
        QCOMPARE(payment.value(QStringLiteral("count")).toInteger(), 12345678901234567);
        QCOMPARE(payment.value(QStringLiteral("status")).toString(), QStringLiteral("PAID"));
        QVERIFY2(out.out.contains("\"count\":12345678901234567"), out.out.constData());

        // Protobuf: the import came from the registry as a reference.
        QCOMPARE(lines[1].value(QStringLiteral("value_schema_type")).toString(), QStringLiteral("PROTOBUF"));
        const QJsonObject order = lines[1].value(QStringLiteral("value_decoded")).toObject();
        QCOMPARE(order.value(QStringLiteral("id")).toString(), QStringLiteral("o-1"));
        const QJsonObject price =
            order.value(QStringLiteral("lines")).toArray().at(0).toObject().value(QStringLiteral("price")).toObject();
        QCOMPARE(price.value(QStringLiteral("currency")).toString(), QStringLiteral("EUR"));
        QCOMPARE(price.value(QStringLiteral("units")).toString(), QStringLiteral("12"));
        // Message indexes [0, 0]: the nested Order.Line.
        QCOMPARE(lines[2].value(QStringLiteral("value_decoded")).toObject().value(QStringLiteral("quantity")).toInt(), -3);

        // JSON Schema: the JSON as written (key order, 1.50).
        QCOMPARE(lines[3].value(QStringLiteral("value_schema_type")).toString(), QStringLiteral("JSON"));
        QVERIFY2(out.out.contains("\"value_decoded\":{\"price\":1.50,\"name\":\"lamp\"}"), out.out.constData());

        // An id the registry never gave, and a payload cut short: that message
        // alone, said clearly; the bytes kept.
        const int unknown = m_ids.value(QStringLiteral("json")).toInt() + 1000;
        QVERIFY2(lines[4].value(QStringLiteral("value_decode_error"))
                     .toString()
                     .contains(QStringLiteral("schema id %1 is not in the registry at %2").arg(unknown).arg(m_url)),
                 out.out.constData());
        QCOMPARE(QByteArray::fromBase64(lines[4].value(QStringLiteral("value")).toString().toLatin1()),
                 data(QStringLiteral("unknown-id.bin")));
        QVERIFY2(lines[5].value(QStringLiteral("value_decode_error")).toString().contains(QLatin1String("do not match")),
                 out.out.constData());

        // Basic auth: a wrong password is refused by the registry, and said so.
        QVERIFY(write(QStringLiteral("wrong"), "not-the-password\n"));
        const auto refused = run(kafkadesk(), consume.mid(0, 5) + QStringList{QStringLiteral("-n"), QStringLiteral("1"),
                                                                             QStringLiteral("--format"), QStringLiteral("json"),
                                                                             QStringLiteral("--schema-registry"), m_url,
                                                                             QStringLiteral("--registry-user"),
                                                                             QStringLiteral("kafkadesk"),
                                                                             QStringLiteral("--registry-password-file"),
                                                                             path(QStringLiteral("wrong"))});
        QVERIFY2(refused.finished && refused.exitCode == 0, refused.err.constData());
        QVERIFY2(jsonLines(refused.out).value(0).value(QStringLiteral("value_decode_error")).toString()
                     .contains(QStringLiteral("the schema registry at %1 refused the login (HTTP 401)").arg(m_url)),
                 refused.out.constData());
    }

    // A profile names the registry and its user; the password goes to the
    // keychain (this test runs in one of its own, support/with-keyring.sh)
    // and nowhere else; `consume --profile` then logs in with it alone.
    void aProfileLogsInToItsRegistryWithTheKeychainsPassword()
    {
        auto cluster = testsupport::TestCluster::start(1);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        const QString bootstrap = cluster.value()->bootstrapServers();
        const QString topic = cluster.value()->name(QStringLiteral("profile"));
        QVERIFY(!cluster.value()->createTopic(TopicSpec{topic, 1, 1}));
        const auto produced = kcat({QStringLiteral("-P"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), topic,
                                    QStringLiteral("-p"), QStringLiteral("0"), path(QStringLiteral("avro.bin"))});
        QVERIFY2(produced.finished && produced.exitCode == 0, produced.err.constData());

        const QString profile = QStringLiteral("registry-") + m_prefix;
        const auto added = run(kafkadesk(), {QStringLiteral("profiles"), QStringLiteral("add"), profile,
                                             QStringLiteral("--bootstrap"), bootstrap, QStringLiteral("--schema-registry"),
                                             m_url, QStringLiteral("--registry-user"), QStringLiteral("kafkadesk"),
                                             QStringLiteral("--registry-password-file"), path(QStringLiteral("password"))});
        QVERIFY2(added.finished && added.exitCode == 0, added.err.constData());
        QVERIFY2(!added.err.contains("session"), added.err.constData()); // the keychain took it, not this run's memory
        const QStringList consume{QStringLiteral("consume"), QStringLiteral("--profile"), profile, QStringLiteral("-t"),
                                  topic, QStringLiteral("-n"), QStringLiteral("1"), QStringLiteral("--format"),
                                  QStringLiteral("json")};
        const auto out = run(kafkadesk(), consume);
        QVERIFY2(out.finished && out.exitCode == 0, out.err.constData());
        const QJsonObject line = jsonLines(out.out).value(0);
        QVERIFY2(line.value(QStringLiteral("value_decoded")).toObject().value(QStringLiteral("id")).toString()
                     == QLatin1String("p-1"),
                 out.out.constData());

        // The options win over the profile's login: a wrong password is refused.
        QVERIFY(write(QStringLiteral("wrong"), "not-the-password\n"));
        const auto refused = run(kafkadesk(), consume + QStringList{QStringLiteral("--registry-password-file"),
                                                                    path(QStringLiteral("wrong"))});
        QVERIFY2(refused.finished && refused.exitCode == 0, refused.err.constData());
        QVERIFY2(jsonLines(refused.out).value(0).value(QStringLiteral("value_decode_error")).toString().contains(
                     QLatin1String("refused the login (HTTP 401)")),
                 refused.out.constData());
    }

    // kafkadesk produce --value-subject: each JSON line encoded with the
    // subject's latest schema, in the wire format, read back by the
    // independent decoder (which fetches the schema by the id in the bytes);
    // a line that does not match fails alone.
    void produceEncodesWithTheSubjectsLatestSchema()
    {
        auto cluster = testsupport::TestCluster::start(1);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        const QString bootstrap = cluster.value()->bootstrapServers();

        // Avro: a union's string branch tagged, bytes as code points, a long
        // past 2^53 exact; the second line lacks a field, the third has an
        // int where a string belongs.
        const QString avroTopic = cluster.value()->name(QStringLiteral("encode-avro"));
        QVERIFY(!cluster.value()->createTopic(TopicSpec{avroTopic, 1, 1}));
        const QByteArray payments =
            "{\"id\":\"p-9\",\"amount\":2.25,\"customer\":{\"name\":\"Zoë\",\"vip\":false},\"coupon\":{\"string\":\"X\"},"
            "\"raw\":\"\\u0000\\u00ff\",\"count\":9007199254740993,\"status\":\"NEW\",\"tags\":[\"t\"]}\n"
            "{\"id\":\"p-10\"}\n"
            "{\"id\":7,\"amount\":1,\"customer\":{\"name\":\"B\",\"vip\":true},\"coupon\":null,\"raw\":\"\",\"count\":1,"
            "\"status\":\"NEW\",\"tags\":[]}\n"
            "{\"id\":\"p-11\",\"amount\":-1e3,\"customer\":{\"name\":\"C\",\"vip\":true},\"coupon\":null,\"raw\":\"A\","
            "\"count\":-5,\"status\":\"PAID\",\"tags\":[]}\n";
        const auto avro = produce(bootstrap, avroTopic,
                                  {QStringLiteral("--value-subject"), m_prefix + QStringLiteral("-payment-value")}, payments);
        QCOMPARE(avro.exitCode, 1);
        QVERIFY2(avro.err.contains("delivered 2, failed 2"), avro.err.constData());
        QVERIFY2(avro.err.contains("line 2: the value does not match the Avro schema: amount is missing"), avro.err.constData());
        QVERIFY2(avro.err.contains("line 3: the value does not match the Avro schema: id should be a string, not the number 7"),
                 avro.err.constData());
        QList<QJsonObject> decoded =
            decodedByPython(QStringLiteral("--decode-avro"), valuesToFiles(bootstrap, avroTopic, QStringLiteral("avro")));
        QCOMPARE(decoded.size(), 2);
        QCOMPARE(decoded[0].value(QStringLiteral("id")).toInt(), m_ids.value(QStringLiteral("avro")).toInt());
        QJsonObject value = decoded[0].value(QStringLiteral("value")).toObject();
        QCOMPARE(value.value(QStringLiteral("id")).toString(), QStringLiteral("p-9"));
        QCOMPARE(value.value(QStringLiteral("amount")).toDouble(), 2.25);
        QCOMPARE(value.value(QStringLiteral("customer")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Zoë"));
        QCOMPARE(value.value(QStringLiteral("coupon")).toString(), QStringLiteral("X"));
        QCOMPARE(value.value(QStringLiteral("raw")).toArray(), (QJsonArray{0, 255}));
        QCOMPARE(value.value(QStringLiteral("count")).toInteger(), 9007199254740993);
        QCOMPARE(value.value(QStringLiteral("status")).toString(), QStringLiteral("NEW"));
        QCOMPARE(value.value(QStringLiteral("tags")).toArray(), (QJsonArray{QStringLiteral("t")}));
        value = decoded[1].value(QStringLiteral("value")).toObject();
        QCOMPARE(value.value(QStringLiteral("id")).toString(), QStringLiteral("p-11"));
        QCOMPARE(value.value(QStringLiteral("amount")).toDouble(), -1000.0);
        QCOMPARE(value.value(QStringLiteral("count")).toInteger(), -5);
        QVERIFY(value.value(QStringLiteral("coupon")).isNull());

        // Round trip through our own consume: what was sent reads back as
        // it was written (Avro's JSON encoding).
        const auto back = run(kafkadesk(), QStringList{QStringLiteral("consume"), QStringLiteral("-b"), bootstrap,
                                                       QStringLiteral("-t"), avroTopic, QStringLiteral("-n"),
                                                       QStringLiteral("2"), QStringLiteral("--format"), QStringLiteral("json")}
                                               + login());
        QVERIFY2(back.finished && back.exitCode == 0, back.err.constData());
        QVERIFY2(back.out.contains("\"value_decoded\":{\"id\":\"p-9\",\"amount\":2.25,\"customer\":{\"name\":\"Zoë\",\"vip\":false},"
                                   "\"coupon\":{\"string\":\"X\"},\"raw\":\"\\u0000\\u00ff\",\"count\":9007199254740993,"
                                   "\"status\":\"NEW\",\"tags\":[\"t\"]}"),
                 back.out.constData());

        // Protobuf: the first type (Order, with the imported Money) and, by
        // --value-type, the nested Order.Line; a field the type lacks fails.
        const QString protoTopic = cluster.value()->name(QStringLiteral("encode-proto"));
        QVERIFY(!cluster.value()->createTopic(TopicSpec{protoTopic, 1, 1}));
        const QString orderSubject = m_prefix + QStringLiteral("-order-value");
        const auto orders = produce(bootstrap, protoTopic, {QStringLiteral("--value-subject"), orderSubject},
                                    "{\"id\":\"o-7\",\"lines\":[{\"sku\":\"S\",\"quantity\":3,\"price\":{\"currency\":\"EUR\","
                                    "\"units\":\"9007199254740993\"}}],\"total\":{\"currency\":\"EUR\",\"units\":27}}\n"
                                    "{\"id\":\"o-8\",\"colour\":\"red\"}\n");
        QCOMPARE(orders.exitCode, 1);
        QVERIFY2(orders.err.contains("delivered 1, failed 1"), orders.err.constData());
        QVERIFY2(orders.err.contains("line 2: the value does not match the shop.Order message"), orders.err.constData());
        const auto lines = produce(bootstrap, protoTopic,
                                   {QStringLiteral("--value-subject"), orderSubject, QStringLiteral("--value-type"),
                                    QStringLiteral("shop.Order.Line")},
                                   "{\"sku\":\"L\",\"quantity\":-2}\n");
        QVERIFY2(lines.finished && lines.exitCode == 0, lines.err.constData());
        decoded = decodedByPython(QStringLiteral("--decode-protobuf"),
                                  valuesToFiles(bootstrap, protoTopic, QStringLiteral("proto")));
        QCOMPARE(decoded.size(), 2);
        QCOMPARE(decoded[0].value(QStringLiteral("id")).toInt(), m_ids.value(QStringLiteral("order")).toInt());
        QCOMPARE(decoded[0].value(QStringLiteral("indexes")).toArray(), QJsonArray()); // the first type: a single 0
        value = decoded[0].value(QStringLiteral("value")).toObject();
        QCOMPARE(value.value(QStringLiteral("id")).toString(), QStringLiteral("o-7"));
        const QJsonObject line = value.value(QStringLiteral("lines")).toArray().at(0).toObject();
        QCOMPARE(line.value(QStringLiteral("sku")).toString(), QStringLiteral("S"));
        QCOMPARE(line.value(QStringLiteral("quantity")).toInt(), 3);
        QCOMPARE(line.value(QStringLiteral("price")).toObject().value(QStringLiteral("units")).toString(),
                 QStringLiteral("9007199254740993"));
        QCOMPARE(value.value(QStringLiteral("total")).toObject().value(QStringLiteral("units")).toString(), QStringLiteral("27"));
        QCOMPARE(decoded[1].value(QStringLiteral("indexes")).toArray(), (QJsonArray{0, 0}));
        QCOMPARE(decoded[1].value(QStringLiteral("value")).toObject().value(QStringLiteral("quantity")).toInt(), -2);

        // JSON Schema: the JSON as written after the header; not JSON fails.
        const QString jsonTopic = cluster.value()->name(QStringLiteral("encode-json"));
        QVERIFY(!cluster.value()->createTopic(TopicSpec{jsonTopic, 1, 1}));
        const auto products = produce(bootstrap, jsonTopic,
                                      {QStringLiteral("--value-subject"), m_prefix + QStringLiteral("-product-value")},
                                      "{\"price\":1.50,\"name\":\"lamp\"}\n{\"price\":\n");
        QCOMPARE(products.exitCode, 1);
        QVERIFY2(products.err.contains("delivered 1, failed 1"), products.err.constData());
        QVERIFY2(products.err.contains("line 2: the value is not JSON"), products.err.constData());
        decoded = decodedByPython(QStringLiteral("--decode-json"), valuesToFiles(bootstrap, jsonTopic, QStringLiteral("json")));
        QCOMPARE(decoded.size(), 1);
        QCOMPARE(decoded[0].value(QStringLiteral("id")).toInt(), m_ids.value(QStringLiteral("json")).toInt());
        QCOMPARE(decoded[0].value(QStringLiteral("text")).toString(), QStringLiteral("{\"price\":1.50,\"name\":\"lamp\"}"));

        // A subject the registry does not have: the run stops before sending.
        const auto missing = produce(bootstrap, jsonTopic, {QStringLiteral("--value-subject"), m_prefix + QStringLiteral("-none")},
                                     "{}\n");
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QStringLiteral("subject '%1-none' is not in the registry at %2").arg(m_prefix, m_url).toUtf8()),
                 missing.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestSchemaRegistry)
#include "test_schemaregistry.moc"
