// Schema-encoded keys and values decoded: the payloads come from an
// independent encoder (tests/integration/schema_test_data.py: fastavro,
// Google's Python protobuf, the wire format framed by hand), run in the venv
// that scripts/schema-test-env.sh makes (the schema_test_env CTest fixture).
//
// Here the registry's answers are exercised for what a closed port and a
// silent one give, and the schema texts go to the decoders as a registry
// would hand them out (the .proto text with its import as a reference);
// decoding against a real registry (Apicurio) is test_schemaregistry's.

#include "kcat.h"
#include "testcluster.h"

#include "kafka/avroschema.h"
#include "kafka/protobufschema.h"
#include "kafka/schemadecoder.h"

#include <QElapsedTimer>
#include <QtEndian>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

using namespace kafka;
using testsupport::kafkadesk;
using testsupport::kcat;
using testsupport::run;
using testsupport::jsonLines;

namespace {

// Nobody listens on port 1 (tcpmux, privileged): connecting is refused at once.
const QString ClosedRegistry = QStringLiteral("http://127.0.0.1:1");

// A registry that hangs: a port that takes connections (the kernel's backlog)
// and never answers. Closed when it goes.
class SilentPort {
public:
    SilentPort()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), length) != 0 || ::listen(m_fd, 16) != 0
            || ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
            return;
        m_port = ntohs(address.sin_port);
    }
    ~SilentPort()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    SilentPort(const SilentPort &) = delete;
    SilentPort &operator=(const SilentPort &) = delete;
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

// A registry of one schema: id 1 is the Avro "string"; any other id is 404.
// Or, made with `refuseLogin`, one that answers every request with 401.
// Counts the requests (all, and those for id 1). Answers one request per connection, on a
// thread of its own (the decoder blocks the test's thread on libcurl).
class OneSchemaRegistry {
public:
    explicit OneSchemaRegistry(bool refuseLogin = false) : m_refuseLogin(refuseLogin)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), length) != 0 || ::listen(m_fd, 64) != 0
            || ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
            return;
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~OneSchemaRegistry()
    {
        if (m_fd >= 0)
            ::shutdown(m_fd, SHUT_RDWR); // wakes accept()
        if (m_thread.joinable())
            m_thread.join();
        if (m_fd >= 0)
            ::close(m_fd);
    }
    OneSchemaRegistry(const OneSchemaRegistry &) = delete;
    OneSchemaRegistry &operator=(const OneSchemaRegistry &) = delete;
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    int port() const { return m_port; }
    int requestsForId1() const { return m_id1; }
    int requests() const { return m_requests; }

private:
    void serve()
    {
        for (;;) {
            const int client = ::accept(m_fd, nullptr, nullptr);
            if (client < 0)
                return;
            QByteArray request;
            char buffer[4096];
            while (!request.contains("\r\n\r\n")) {
                const ssize_t got = ::recv(client, buffer, sizeof buffer, 0);
                if (got <= 0)
                    break;
                request.append(buffer, got);
            }
            const bool id1 = request.startsWith("GET /schemas/ids/1 ");
            m_id1 += id1 ? 1 : 0;
            ++m_requests;
            if (m_refuseLogin) {
                const QByteArray refused("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
                ::send(client, refused.constData(), size_t(refused.size()), MSG_NOSIGNAL);
                ::close(client);
                continue;
            }
            const QByteArray body = id1 ? QByteArray("{\"schema\":\"\\\"string\\\"\"}")
                                        : QByteArray("{\"error_code\":40403,\"message\":\"Schema not found\"}");
            const QByteArray answer = QByteArray(id1 ? "HTTP/1.1 200 OK" : "HTTP/1.1 404 Not Found")
                                      + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                                      + QByteArray::number(body.size()) + "\r\n\r\n" + body;
            ::send(client, answer.constData(), size_t(answer.size()), MSG_NOSIGNAL);
            ::close(client);
        }
    }

    int m_fd = -1;
    int m_port = 0;
    bool m_refuseLogin = false;
    std::atomic<int> m_id1{0};
    std::atomic<int> m_requests{0};
    std::thread m_thread;
};

} // namespace

class TestSchemaDecoding : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;

    QByteArray data(const QString &name) const
    {
        QFile file(m_data.filePath(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    std::shared_ptr<const ParsedSchema> orderSchema() const
    {
        RegistrySchema schema;
        schema.id = 9;
        schema.type = SchemaType::Protobuf;
        schema.text = data(QStringLiteral("order.proto"));
        schema.references.append({QStringLiteral("shop/common/money.proto"), data(QStringLiteral("money.proto"))});
        auto parsed = parseSchema(schema);
        if (!parsed.ok())
            qWarning("%s", qPrintable(parsed.error().message));
        return parsed.ok() ? parsed.value() : nullptr;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_data.isValid());
        const QString python = qEnvironmentVariable("KAFKADESK_SCHEMA_PYTHON");
        QVERIFY2(!python.isEmpty(), "KAFKADESK_SCHEMA_PYTHON (set by CTest) names the encoder's Python");
        const auto made = run(python, {QStringLiteral(KAFKADESK_SCHEMA_DATA_SCRIPT), m_data.path()});
        QVERIFY2(made.finished && made.exitCode == 0, made.err.constData());
        QVERIFY(!data(QStringLiteral("avro.bin")).isEmpty());
    }

    void avroComesOutInAvrosJsonEncoding()
    {
        auto schema = parseAvroSchemaText(data(QStringLiteral("payment.avsc")));
        QVERIFY2(schema.ok(), qPrintable(schema.error().message));
        SchemaDecoder decoder(schema.value(), SchemaType::Avro);
        // The nested record as an object, the union's string branch tagged
        // and its null as null, bytes one code point per byte (" and \ too),
        // the timestamp-millis as its milliseconds, the enum as its symbol.
        const QByteArray expected =
            "{\"id\":\"p-1\",\"amount\":12.5,\"customer\":{\"name\":\"Zoë \\\"Z\\\"\",\"vip\":true},\"coupon\":{\"string\":\"SAVE10\"},"
            "\"note\":null,\"raw\":\"\\u0000\\u00ff\\u0022\\u005cA\",\"paid_at\":1704164645678,\"status\":\"PAID\",\"tags\":[\"a\",\"b\"]}";
        const auto wire = decoder.decode(data(QStringLiteral("avro.bin")));
        QVERIFY2(wire.ok(), qPrintable(wire.error().message));
        QCOMPARE(wire.value().json, expected);
        QCOMPARE(wire.value().schemaId, 7);
        QVERIFY(QJsonDocument::fromJson(wire.value().json).isObject());
        const auto bare = decoder.decode(data(QStringLiteral("avro-bare.bin")));
        QVERIFY2(bare.ok(), qPrintable(bare.error().message));
        QCOMPARE(bare.value().json, expected);
        QCOMPARE(bare.value().schemaId, -1);
        QCOMPARE(bare.value().description(), QStringLiteral("decoded with the local AVRO schema"));
    }

    void avroThatDoesNotMatchIsAnErrorForThatMessage()
    {
        auto schema = parseAvroSchemaText(data(QStringLiteral("payment.avsc")));
        QVERIFY(schema.ok());
        SchemaDecoder decoder(schema.value(), SchemaType::Avro);
        const auto truncated = decoder.decode(data(QStringLiteral("avro-truncated.bin")));
        QVERIFY(!truncated.ok());
        QVERIFY2(truncated.error().message.contains(QLatin1String("do not match the Avro schema")),
                 qPrintable(truncated.error().message));
        // One byte more than the value: left over, not silently ignored.
        const auto longer = decoder.decode(data(QStringLiteral("avro-bare.bin")) + 'x');
        QVERIFY(!longer.ok());
        QVERIFY2(longer.error().message.contains(QLatin1String("left over")), qPrintable(longer.error().message));
        QVERIFY(!parseAvroSchemaText("{\"type\":\"recor\"}").ok());
    }

    // Items that take no bytes (null, an empty record) are free to claim:
    // a few bytes saying 2^40 of them must be refused before libavro
    // allocates each, quickly and in words.
    void anAvroArrayClaimingItemsForNothingIsRefused_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("reason");
        // 2^40 as a zigzag varint (2^41), then the end of the array.
        const QByteArray huge = QByteArray::fromHex("8080808080808001") + '\0';
        QTest::newRow("array of null") << QByteArray("{\"type\":\"array\",\"items\":\"null\"}") << huge
                                       << QStringLiteral("items that take no bytes");
        QTest::newRow("array of empty records")
            << QByteArray("{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"E\",\"fields\":[]}}") << huge
            << QStringLiteral("items that take no bytes");
        // A block with a negative count and its byte size.
        QTest::newRow("negative block count")
            << QByteArray("{\"type\":\"array\",\"items\":\"null\"}") << QByteArray::fromHex("ffffffffffffff0100" "00")
            << QStringLiteral("items that take no bytes");
        QTest::newRow("map of null") << QByteArray("{\"type\":\"map\",\"values\":\"null\"}") << huge
                                     << QStringLiteral("more than the");
        QTest::newRow("nested arrays") << QByteArray("{\"type\":\"array\",\"items\":{\"type\":\"array\",\"items\":\"null\"}}")
                                       << QByteArray::fromHex("02") + huge + '\0' << QStringLiteral("items that take no bytes");
        QByteArray deep = "\"null\"";
        for (int i = 0; i < 80; ++i)
            deep = "{\"type\":\"array\",\"items\":" + deep + '}';
        QTest::newRow("too deep") << deep << QByteArray(80, '\x02') << QStringLiteral("deeper than 64");
        QTest::newRow("past the end") << QByteArray("{\"type\":\"array\",\"items\":\"long\"}") << QByteArray::fromHex("0a0202")
                                      << QStringLiteral("more than the 2 bytes left");
    }

    void anAvroArrayClaimingItemsForNothingIsRefused()
    {
        QFETCH(QByteArray, schema);
        QFETCH(QByteArray, payload);
        QFETCH(QString, reason);
        auto parsed = parseAvroSchemaText(schema);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
        QElapsedTimer timer;
        timer.start();
        const auto json = parsed.value()->toJson(payload);
        QVERIFY2(!json.ok(), json.ok() ? json.value().left(200).constData() : "");
        QVERIFY2(json.error().message.contains(reason), qPrintable(json.error().message));
        QVERIFY2(timer.elapsed() < 1000, "refused before anything is allocated");
    }

    // Field names cost no bytes in the payload: a few dozen bytes of
    // records of nulls can stand for far more JSON. Refused past the cap
    // (64 bytes of JSON per payload byte, plus 64 KiB), a smaller one is not.
    void anAvroValueWhoseJsonIsFarLargerThanItsBytesIsRefused()
    {
        QByteArray fields;
        for (int i = 0; i < 40; ++i)
            fields += (i ? "," : "") + QByteArray("{\"name\":\"f") + QByteArray::number(i) + QByteArray(200, 'x')
                      + "\",\"type\":\"null\"}";
        auto parsed = parseAvroSchemaText("{\"type\":\"record\",\"name\":\"Top\",\"fields\":[{\"name\":\"pad\",\"type\":\"bytes\"},"
                                          "{\"name\":\"items\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"R\",\"fields\":["
                                          + fields + "]}}}]}");
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
        // 30 bytes of padding, then 30 records (about 8 KiB of JSON each):
        // 33 bytes that would be 250 KiB of text.
        const QByteArray big = QByteArray::fromHex("3c") + QByteArray(30, 'p') + QByteArray::fromHex("3c00");
        const auto refused = parsed.value()->toJson(big);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QLatin1String("decoded form is too large")),
                 qPrintable(refused.error().message));
        // Two records: about 17 KiB, under the cap.
        const auto small = parsed.value()->toJson(QByteArray::fromHex("3c") + QByteArray(30, 'p') + QByteArray::fromHex("0400"));
        QVERIFY2(small.ok(), qPrintable(small.error().message));
        QVERIFY(small.value().size() > 16000);
    }

    void protobufWithANestedTypeAndAnImport()
    {
        const auto schema = orderSchema();
        QVERIFY(schema);
        const auto order = schema->toJson(data(QStringLiteral("proto-order.bin")).mid(SchemaDecoder::HeaderSize));
        QVERIFY2(order.ok(), qPrintable(order.error().message));
        const QJsonObject object = QJsonDocument::fromJson(order.value()).object();
        QCOMPARE(object.value(QStringLiteral("id")).toString(), QStringLiteral("o-1"));
        const QJsonObject line = object.value(QStringLiteral("lines")).toArray().at(0).toObject();
        QCOMPARE(line.value(QStringLiteral("sku")).toString(), QStringLiteral("A-1"));
        QCOMPARE(line.value(QStringLiteral("quantity")).toInt(), 2);
        // The imported type, decoded (Protobuf's JSON writes int64 as a string).
        const QJsonObject price = line.value(QStringLiteral("price")).toObject();
        QCOMPARE(price.value(QStringLiteral("currency")).toString(), QStringLiteral("EUR"));
        QCOMPARE(price.value(QStringLiteral("units")).toString(), QStringLiteral("12"));
        QCOMPARE(price.value(QStringLiteral("nanos")).toInt(), 500000000);
        QCOMPARE(object.value(QStringLiteral("total")).toObject().value(QStringLiteral("nanos")).toInt(), 0);
        QCOMPARE(object.value(QStringLiteral("note")).toString(), QStringLiteral("AP8=")); // bytes: base64

        // Message indexes [0, 0]: Order.Line, the first nested type.
        const auto nested = schema->toJson(data(QStringLiteral("proto-line.bin")).mid(SchemaDecoder::HeaderSize));
        QVERIFY2(nested.ok(), qPrintable(nested.error().message));
        const QJsonObject lineOnly = QJsonDocument::fromJson(nested.value()).object();
        QCOMPARE(lineOnly.value(QStringLiteral("sku")).toString(), QStringLiteral("B-2"));
        QCOMPARE(lineOnly.value(QStringLiteral("quantity")).toInt(), -3);

        // Indexes naming no type, and a message cut short, are errors.
        QByteArray badIndex = data(QStringLiteral("proto-order.bin")).mid(SchemaDecoder::HeaderSize);
        badIndex[0] = '\x02'; // one index follows...
        badIndex.insert(1, '\x0a'); // ...5: there is one message type
        const auto noType = schema->toJson(badIndex);
        QVERIFY(!noType.ok());
        QVERIFY2(noType.error().message.contains(QLatin1String("names no message type")), qPrintable(noType.error().message));
        const QByteArray order2 = data(QStringLiteral("proto-order.bin")).mid(SchemaDecoder::HeaderSize);
        const auto cut = schema->toJson(order2.left(order2.size() - 3));
        QVERIFY(!cut.ok());
        QVERIFY2(cut.error().message.contains(QLatin1String("are not a shop.Order message")), qPrintable(cut.error().message));

        // Without the reference the import cannot be resolved: said, not crashed.
        RegistrySchema alone;
        alone.id = 9;
        alone.type = SchemaType::Protobuf;
        alone.text = data(QStringLiteral("order.proto"));
        const auto missing = parseSchema(alone);
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.contains(QLatin1String("shop/common/money.proto")),
                 qPrintable(missing.error().message));
    }

    void jsonSchemaPayloadIsShownAsWritten()
    {
        RegistrySchema schema;
        schema.id = 11;
        schema.type = SchemaType::Json;
        schema.text = "{\"type\":\"object\"}";
        const auto parsed = parseSchema(schema);
        QVERIFY(parsed.ok());
        const auto json = parsed.value()->toJson(data(QStringLiteral("json.bin")).mid(SchemaDecoder::HeaderSize));
        QVERIFY2(json.ok(), qPrintable(json.error().message));
        QCOMPARE(json.value(), QByteArray("{\"b\":1.50,\"a\":[true,null]}"));
        QVERIFY(!parsed.value()->toJson("{\"b\":").ok());
    }

    void wireFormatProblemsAndARegistryThatIsDownAreClearErrors()
    {
        SchemaDecoder decoder(SchemaRegistrySettings{ClosedRegistry, {}, {}, std::chrono::milliseconds(3000)});
        const auto shortHeader = decoder.decode(QByteArray("\x00\x00\x01", 3));
        QVERIFY(!shortHeader.ok());
        QVERIFY2(shortHeader.error().message.contains(QLatin1String("truncated")), qPrintable(shortHeader.error().message));
        const auto noMagic = decoder.decode("{\"a\":1}");
        QVERIFY(!noMagic.ok());
        QVERIFY2(noMagic.error().message.contains(QLatin1String("magic byte 0")), qPrintable(noMagic.error().message));

        QElapsedTimer timer;
        timer.start();
        const auto down = decoder.decode(data(QStringLiteral("avro.bin")));
        QVERIFY(!down.ok());
        QVERIFY2(down.error().message.contains(QLatin1String("cannot reach the schema registry at http://127.0.0.1:1")),
                 qPrintable(down.error().message));
        QVERIFY2(timer.elapsed() < 3000, "a refused connection is not waited out");

        // A registry that never answers: the request times out (no hang),
        // and the failure is remembered, so the next 20 messages with that id
        // do not wait again (they would take 20 timeouts).
        SilentPort silent;
        QVERIFY(silent.port() > 0);
        const QString hungUrl = QStringLiteral("http://127.0.0.1:%1").arg(silent.port());
        SchemaDecoder hung(SchemaRegistrySettings{hungUrl, {}, {}, std::chrono::milliseconds(300)});
        timer.restart();
        const auto timedOut = hung.decode(data(QStringLiteral("avro.bin")));
        QVERIFY(!timedOut.ok());
        QVERIFY2(timedOut.error().message.contains(QStringLiteral("cannot reach the schema registry at ") + hungUrl),
                 qPrintable(timedOut.error().message));
        QVERIFY2(timer.elapsed() < 3000, "the registry's silence is waited out for the timeout only");
        timer.restart();
        for (int i = 0; i < 20; ++i)
            QCOMPARE(hung.decode(data(QStringLiteral("avro.bin"))).error().message, timedOut.error().message);
        QVERIFY2(timer.elapsed() < 2000, "a failure is remembered, not refetched per message");
    }

    // Big-endian integer keys (Kafka's LongSerializer) start with 0x00 and
    // each names another "schema id": against a registry that never
    // answers, 50 of them cost one timeout, not 50 (the failure is the
    // registry's, remembered for every id).
    void aSilentRegistryCostsOneTimeoutForAllIds()
    {
        SilentPort silent;
        QVERIFY(silent.port() > 0);
        const QString hungUrl = QStringLiteral("http://127.0.0.1:%1").arg(silent.port());
        SchemaDecoder hung(SchemaRegistrySettings{hungUrl, {}, {}, std::chrono::milliseconds(300)});
        QElapsedTimer timer;
        timer.start();
        for (int id = 1; id <= 50; ++id) {
            // A long as LongSerializer writes it: 0x00, then "schema id" `id`.
            QByteArray key(8, '\0');
            qToBigEndian<qint64>(qint64(id) << 24, key.data());
            const auto decoded = hung.decode(key);
            QVERIFY(!decoded.ok());
            QVERIFY2(decoded.error().message.contains(QStringLiteral("cannot reach the schema registry at ") + hungUrl),
                     qPrintable(decoded.error().message));
        }
        // One timeout is 300 ms; 50 would be 15 s.
        QVERIFY2(timer.elapsed() < 2500, qPrintable(QStringLiteral("50 ids took %1 ms").arg(timer.elapsed())));
    }

    // Unknown ids (integer keys, again) are remembered apart from the
    // schemas: more of them than the schema cache holds do not push the
    // one good schema out, so it is not fetched again.
    void unknownIdsDoNotEvictAGoodSchema()
    {
        OneSchemaRegistry registry;
        QVERIFY(registry.port() > 0);
        SchemaDecoder decoder(SchemaRegistrySettings{registry.url(), {}, {}, std::chrono::milliseconds(3000)});
        const QByteArray hi = QByteArray::fromHex("0000000001") + "\x04hi";
        const auto first = decoder.decode(hi);
        QVERIFY2(first.ok(), qPrintable(first.error().message));
        QCOMPARE(first.value().json, QByteArray("\"hi\""));
        for (int id = 2; id < 2 + SchemaDecoder::MaxCachedSchemas + 10; ++id) {
            QByteArray key(5, '\0');
            qToBigEndian<quint32>(quint32(id), key.data() + 1);
            const auto unknown = decoder.decode(key);
            QVERIFY(!unknown.ok());
            if (id == 2)
                QVERIFY2(unknown.error().message.contains(QLatin1String("schema id 2 is not in the registry")),
                         qPrintable(unknown.error().message));
        }
        const auto again = decoder.decode(hi);
        QVERIFY2(again.ok(), qPrintable(again.error().message));
        QCOMPARE(registry.requestsForId1(), 1);
    }

    // A login refused (401/403) is the registry's answer to every id: asked
    // once, remembered for all.
    void aRefusedLoginIsRememberedForAllIds()
    {
        OneSchemaRegistry registry(true);
        QVERIFY(registry.port() > 0);
        SchemaDecoder decoder(SchemaRegistrySettings{registry.url(), QStringLiteral("u"), QStringLiteral("wrong"),
                                                     std::chrono::milliseconds(3000)});
        for (int id = 1; id <= 20; ++id) {
            QByteArray key(5, '\0');
            qToBigEndian<quint32>(quint32(id), key.data() + 1);
            const auto refused = decoder.decode(key);
            QVERIFY(!refused.ok());
            QVERIFY2(refused.error().message.contains(QLatin1String("refused the login (HTTP 401)")),
                     qPrintable(refused.error().message));
        }
        QCOMPARE(registry.requests(), 1);
    }

    void consumePrintsDecodedValuesAndKeepsTheOnesThatFail()
    {
        auto cluster = testsupport::TestCluster::start(1);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        const QString bootstrap = cluster.value()->bootstrapServers();
        const QString topic = cluster.value()->name(QStringLiteral("schemas"));
        QVERIFY(!cluster.value()->createTopic(TopicSpec{topic, 1, 1}));
        QFile text(m_data.filePath(QStringLiteral("text.bin")));
        QVERIFY(text.open(QIODevice::WriteOnly) && text.write("hello") == 5);
        text.close();
        // kcat sends each file as one message, in this order.
        const auto produced = kcat({QStringLiteral("-P"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), topic,
                                    QStringLiteral("-p"), QStringLiteral("0"), m_data.filePath(QStringLiteral("avro.bin")),
                                    m_data.filePath(QStringLiteral("avro-truncated.bin")), text.fileName(),
                                    m_data.filePath(QStringLiteral("proto-order.bin")),
                                    m_data.filePath(QStringLiteral("proto-line.bin"))});
        QVERIFY2(produced.finished && produced.exitCode == 0, produced.err.constData());

        const QStringList consume{QStringLiteral("consume"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"),
                                  topic, QStringLiteral("-n"), QStringLiteral("3"), QStringLiteral("--format"),
                                  QStringLiteral("json")};
        const auto local = run(kafkadesk(), consume + QStringList{QStringLiteral("--value-avsc"),
                                                                  m_data.filePath(QStringLiteral("payment.avsc"))});
        QVERIFY2(local.finished && local.exitCode == 0, local.err.constData());
        QList<QJsonObject> lines = jsonLines(local.out);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0].value(QStringLiteral("value_schema_id")).toInt(), 7);
        QCOMPARE(lines[0].value(QStringLiteral("value_schema_type")).toString(), QStringLiteral("AVRO"));
        QCOMPARE(lines[0].value(QStringLiteral("value_decoded")).toObject().value(QStringLiteral("paid_at")).toInteger(),
                 1704164645678);
        // The bytes stay in the line (base64: they are not UTF-8), byte for byte.
        QCOMPARE(QByteArray::fromBase64(lines[0].value(QStringLiteral("value")).toString().toLatin1()),
                 data(QStringLiteral("avro.bin")));
        QVERIFY(!lines[1].contains(QStringLiteral("value_decoded")));
        QVERIFY2(lines[1].value(QStringLiteral("value_decode_error")).toString().contains(QLatin1String("do not match")),
                 local.out.constData());
        QVERIFY2(local.err.contains("offset 1: value: cannot decode with the local AVRO schema"), local.err.constData());
        QCOMPARE(lines[2].value(QStringLiteral("value")).toString(), QStringLiteral("hello"));

        // A decoded export replays byte for byte: the notes beside the bytes
        // are read past, the bytes sent (kcat reads them back).
        const QString copy = cluster.value()->name(QStringLiteral("schemas-copy"));
        QVERIFY(!cluster.value()->createTopic(TopicSpec{copy, 1, 1}));
        const auto replayed = run(kafkadesk(), {QStringLiteral("produce"), QStringLiteral("-b"), bootstrap,
                                                QStringLiteral("-t"), copy, QStringLiteral("--format"), QStringLiteral("json")},
                                  local.out);
        QVERIFY2(replayed.finished && replayed.exitCode == 0, replayed.err.constData());
        const QList<testsupport::KcatMessage> copied = testsupport::readExactly(bootstrap, copy);
        QCOMPARE(copied.size(), 3);
        QCOMPARE(copied[0].value, std::optional<QByteArray>(data(QStringLiteral("avro.bin"))));
        QCOMPARE(copied[1].value, std::optional<QByteArray>(data(QStringLiteral("avro-truncated.bin"))));
        QCOMPARE(copied[2].value, std::optional<QByteArray>("hello"));

        // The registry down: every message printed as it is, the reason on
        // stderr, no hang; text that is not in the wire format is left alone.
        QElapsedTimer timer;
        timer.start();
        const auto down = run(kafkadesk(), consume + QStringList{QStringLiteral("--schema-registry"), ClosedRegistry});
        QVERIFY2(down.finished && down.exitCode == 0, down.err.constData());
        lines = jsonLines(down.out);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].value(QStringLiteral("value_decode_error"))
                     .toString()
                     .contains(QLatin1String("cannot reach the schema registry at http://127.0.0.1:1")),
                 down.out.constData());
        QVERIFY(lines[1].contains(QStringLiteral("value_decode_error")));
        QCOMPARE(lines[2].value(QStringLiteral("value")).toString(), QStringLiteral("hello"));
        QVERIFY(!lines[2].contains(QStringLiteral("value_decode_error")));
        QVERIFY2(down.err.contains("cannot reach the schema registry"), down.err.constData());
        QVERIFY2(down.err.contains("consumed 3"), down.err.constData());

        // A local .proto whose import is found in the tree above it; the
        // message indexes pick Order, then Order.Line.
        const auto proto = run(kafkadesk(), {QStringLiteral("consume"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"),
                                             topic, QStringLiteral("--from"), QStringLiteral("3"), QStringLiteral("-n"),
                                             QStringLiteral("2"), QStringLiteral("--value-proto"),
                                             m_data.filePath(QStringLiteral("proto/shop/order.proto"))});
        QVERIFY2(proto.finished && proto.exitCode == 0, proto.err.constData());
        const QList<QByteArray> printed = proto.out.split('\n');
        QCOMPARE(printed.size(), 3);
        const QJsonObject order = QJsonDocument::fromJson(printed[0]).object();
        QCOMPARE(order.value(QStringLiteral("lines")).toArray().at(0).toObject().value(QStringLiteral("price")).toObject()
                     .value(QStringLiteral("currency")).toString(),
                 QStringLiteral("EUR"));
        QCOMPARE(QJsonDocument::fromJson(printed[1]).object().value(QStringLiteral("quantity")).toInt(), -3);

        // A profile that names the registry: consume --profile decodes with it
        // (the commands' settings in a folder of the test's own).
        QTemporaryDir config;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        const auto withConfig = [&](const QStringList &arguments) {
            QProcess process;
            process.setProcessEnvironment(env);
            process.start(kafkadesk(), arguments);
            process.closeWriteChannel();
            const bool finished = process.waitForFinished(60000);
            return std::tuple{finished && process.exitCode() == 0, process.readAllStandardOutput(),
                              process.readAllStandardError()};
        };
        const auto [added, addOut, addErr] =
            withConfig({QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("with-registry"),
                        QStringLiteral("--bootstrap"), bootstrap, QStringLiteral("--schema-registry"), ClosedRegistry});
        QVERIFY2(added, addErr.constData());
        const auto [consumed, profileOut, profileErr] =
            withConfig({QStringLiteral("consume"), QStringLiteral("--profile"), QStringLiteral("with-registry"),
                        QStringLiteral("-t"), topic, QStringLiteral("-n"), QStringLiteral("1"), QStringLiteral("--format"),
                        QStringLiteral("json")});
        QVERIFY2(consumed, profileErr.constData());
        QVERIFY2(jsonLines(profileOut).value(0).value(QStringLiteral("value_decode_error")).toString()
                     .contains(QLatin1String("cannot reach the schema registry at http://127.0.0.1:1")),
                 profileOut.constData());

        const auto badUrl = run(kafkadesk(), consume + QStringList{QStringLiteral("--schema-registry"), QStringLiteral("ftp://x")});
        QCOMPARE(badUrl.exitCode, 2);
        QVERIFY2(badUrl.err.contains("http:// or https://"), badUrl.err.constData());
        Q_UNUSED(timer);
    }
};

QTEST_GUILESS_MAIN(TestSchemaDecoding)
#include "test_schemadecoding.moc"
