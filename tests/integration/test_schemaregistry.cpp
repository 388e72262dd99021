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

namespace {

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : out.split('\n'))
        if (!line.isEmpty())
            objects.append(QJsonDocument::fromJson(line).object());
    return objects;
}

} // namespace

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
};

QTEST_GUILESS_MAIN(TestSchemaRegistry)
#include "test_schemaregistry.moc"
