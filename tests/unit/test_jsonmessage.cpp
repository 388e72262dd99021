// JSON lines read at the level of their tokens: what is written is what is
// sent (key order, duplicates, number text), and what our export writes
// reads back byte for byte.

#include "kafka/jsonmessage.h"
#include "kafka/jsontokens.h"
#include "kafka/recordformat.h"

#include <QTest>

using namespace kafka;

namespace {
const ProduceRequest Base{QStringLiteral("t"), std::nullopt, {}, {}, RD_KAFKA_PARTITION_UA};

ProduceRequest parsed(QByteArrayView line, JsonLineUse use = {})
{
    auto result = parseJsonMessage(line, Base, use);
    if (!result.ok())
        qWarning("%s", qPrintable(result.error().message));
    return result.ok() ? result.value() : ProduceRequest{QStringLiteral("<failed>"), std::nullopt, {}, {}, -1};
}

QString failure(QByteArrayView line)
{
    auto result = parseJsonMessage(line, Base);
    return result.ok() ? QStringLiteral("<parsed>") : result.error().message;
}
} // namespace

class TestJsonMessage : public QObject {
    Q_OBJECT

private slots:
    void valuesAreSentAsWritten_data()
    {
        QTest::addColumn<QByteArray>("written");
        QTest::newRow("unsorted keys") << QByteArray(R"({"id":1,"total":12.5,"at":"2026-11-26"})");
        QTest::newRow("number text") << QByteArray(R"([1.50, 2.0, 1e3, -0.0, 1E+2])");
        QTest::newRow("20-digit integer") << QByteArray("18446744073709551616");
        QTest::newRow("duplicate keys") << QByteArray(R"({"a":1,"a":2})");
        QTest::newRow("spacing and escapes") << QByteArray("{ \"s\" : \"\\u00e9\\n\" ,\"t\":[ ] }");
        QTest::newRow("true") << QByteArray("true");
    }
    void valuesAreSentAsWritten()
    {
        QFETCH(QByteArray, written);
        const ProduceRequest message = parsed(QByteArray("{\"key\": " + written + ", \"value\": " + written + "}"));
        QCOMPARE(message.value, written);
        QCOMPARE(message.key, std::optional<QByteArray>(written));
        QVERIFY(!message.tombstone);
    }

    void stringsAreTheirDecodedBytes()
    {
        const ProduceRequest message = parsed("{\"value\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t\",\"key\":\"\"}");
        QCOMPARE(message.value, QByteArray("caf\xc3\xa9 \xf0\x9f\x98\x80 \"q\" \\ / \b\f\n\r\t"));
        QCOMPARE(message.key, std::optional<QByteArray>(QByteArray()));
    }

    void nullIsNoKeyAndATombstone()
    {
        const ProduceRequest message = parsed(R"({"key":null,"value":null})");
        QVERIFY(!message.key.has_value());
        QVERIFY(message.tombstone);
        QVERIFY(!parsed(R"({"value":""})").tombstone);
        QVERIFY(!parsed(R"({})").tombstone);
    }

    void headersKeepTheirOrderAndRepeats()
    {
        const QList<Header> expected{{"z", "1"}, {"a", "{\"n\":2}"}, {"z", "3"}};
        QCOMPARE(parsed(R"({"headers":{"z":"1","a":{"n":2},"z":"3"}})").headers, expected);
        QCOMPARE(parsed("{\"headers\":[{\"name\":\"z\",\"value\":\"1\"},{\"value\":\"{\\\"n\\\":2}\",\"name\":\"a\"},{\"name\":\"z\",\"value\":\"3\"}]}")
                     .headers,
                 expected);
        QCOMPARE(parsed(R"({"headers":[]})").headers, QList<Header>());
        QCOMPARE(parsed(R"({"headers":{}})").headers, QList<Header>());
    }

    void base64IsDecodedWhereMarked()
    {
        const ProduceRequest message = parsed(
            R"({"key":"AP8=","key_encoding":"base64","value":"AQID","value_encoding":"base64",)"
            R"("headers":[{"name":"/w==","name_encoding":"base64","value":"AA==","value_encoding":"base64"}]})");
        QCOMPARE(message.key, std::optional<QByteArray>(QByteArray("\x00\xff", 2)));
        QCOMPARE(message.value, QByteArray("\x01\x02\x03"));
        QCOMPARE(message.headers, (QList<Header>{{QByteArray("\xff"), QByteArray("\x00", 1)}}));
    }

    void partitionAndTimestampOnlyWhenAsked()
    {
        const QByteArray line = R"({"partition":2,"timestamp":1700000000123,"value":"v"})";
        QCOMPARE(parsed(line).partition, RD_KAFKA_PARTITION_UA);
        QCOMPARE(parsed(line).timestampMs, 0);
        QCOMPARE(parsed(line, {true, true}).partition, 2);
        QCOMPARE(parsed(line, {true, true}).timestampMs, 1700000000123);
        // An export's "no timestamp" leaves it to the broker.
        QCOMPARE(parsed(R"({"timestamp":-1})", {false, true}).timestampMs, 0);
    }

    // Every record our export writes reads back as the same bytes.
    void exportedLinesReadBackExactly_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("hasKey");
        QTest::addColumn<bool>("hasValue");
        QTest::newRow("text") << QByteArray("k") << QByteArray(R"({"b":1.50,"a":2})") << true << true;
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe", 3) << QByteArray("\x80\x81\n", 3) << true << true;
        QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbfk") << QByteArray("\xef\xbb\xbf") << true << true;
        QTest::newRow("null key, tombstone") << QByteArray() << QByteArray() << false << false;
        QTest::newRow("empty key and value") << QByteArray() << QByteArray() << true << true;
        QTest::newRow("controls") << QByteArray("\x01\t\"\\") << QByteArray("line\r\nnext\x7f") << true << true;
    }
    void exportedLinesReadBackExactly()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, value);
        QFETCH(bool, hasKey);
        QFETCH(bool, hasValue);
        Record record{QStringLiteral("source"), 3, 42, 1700000000123, key, value, {}, hasKey, hasValue};
        record.headers = {{"h", "1"}, {QByteArray("\xff=;", 3), QByteArray("\x00", 1)}, {"h", "2"}};
        QByteArray line = toJsonLine(record);
        QVERIFY(line.endsWith('\n'));
        line.chop(1);
        const ProduceRequest message = parsed(line, {true, true});
        QCOMPARE(message.key.has_value(), hasKey);
        if (hasKey)
            QCOMPARE(*message.key, key);
        QCOMPARE(message.tombstone, !hasValue);
        QCOMPARE(message.value, value);
        QCOMPARE(message.headers, record.headers);
        QCOMPARE(message.partition, 3);
        QCOMPARE(message.timestampMs, 1700000000123);
    }

    void badLinesSayWhereAndWhy_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("not json") << "at character 1: expected '{'";
        QTest::newRow("array") << QByteArray("[1,2]") << "at character 1: expected '{'";
        QTest::newRow("trailing comma") << QByteArray(R"({"value":1,})") << "at character 12: expected a member name";
        QTest::newRow("unclosed") << QByteArray("{\"value\":\"abc") << "at the end: expected the closing '\"'";
        QTest::newRow("after the object") << QByteArray(R"({} {})") << "at character 4: expected the end";
        QTest::newRow("leading zero") << QByteArray(R"({"value":01})") << "at character 11: expected ',' or '}'";
        QTest::newRow("bad escape") << QByteArray("{\"value\":\"\\x\"}") << "at character 12: expected an escape";
        QTest::newRow("lone surrogate") << QByteArray("{\"value\":\"\\ud800\"}") << "the low half of a \\u surrogate pair";
        QTest::newRow("raw control") << QByteArray("{\"value\":\"a\tb\"}") << "a control character escaped";
        QTest::newRow("not UTF-8") << QByteArray("{\"value\":\"\xff\"}") << "not UTF-8";
        QTest::newRow("too deep") << QByteArray("{\"value\":" + QByteArray(600, '[') + QByteArray(600, ']') + "}")
                                  << "less nesting";
        QTest::newRow("misspelt member") << QByteArray(R"({"vaule":"x"})") << "unknown member \"vaule\"";
        QTest::newRow("twice") << QByteArray(R"({"value":"a","value":"b"})") << "\"value\" is given twice";
        QTest::newRow("bad base64") << QByteArray(R"({"value":"!!","value_encoding":"base64"})") << "not valid base64";
        QTest::newRow("base64 number") << QByteArray(R"({"value":12,"value_encoding":"base64"})") << "not a string";
        QTest::newRow("other encoding") << QByteArray(R"({"value":"x","value_encoding":"hex"})")
                                        << "must be \"base64\"";
        QTest::newRow("negative partition") << QByteArray(R"({"partition":-2})") << "at least 0, not -2";
        QTest::newRow("fractional partition") << QByteArray(R"({"partition":1.5})") << "whole number";
        QTest::newRow("null header") << QByteArray(R"({"headers":{"h":null}})") << "cannot be null";
        QTest::newRow("header without name") << QByteArray(R"({"headers":[{"value":"v"}]})") << "header 1 has no \"name\"";
        QTest::newRow("headers string") << QByteArray(R"({"headers":"h=v"})") << "\"headers\" must be an object";
    }
    void badLinesSayWhereAndWhy()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, expected);
        const QString message = failure(line);
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void arrayElementsAreTheirTexts()
    {
        const auto elements = jsonArrayElements(R"([ 1.50 , {"b":1,"a":2}, "x" ])");
        QVERIFY(elements.ok());
        QCOMPARE(elements.value(), (QList<QByteArrayView>{"1.50", R"({"b":1,"a":2})", R"("x")"}));
    }
};

QTEST_APPLESS_MAIN(TestJsonMessage)
#include "test_jsonmessage.moc"
