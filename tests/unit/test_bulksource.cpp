#include "kafka/bulksource.h"
#include "kafka/messagetemplate.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTemporaryFile>
#include <QTest>

using namespace kafka;

class TestBulkSource : public QObject {
    Q_OBJECT

    static QString writeFile(QTemporaryFile &file, const QByteArray &contents)
    {
        if (!file.open())
            return {};
        file.write(contents);
        file.close();
        return file.fileName();
    }

    static QList<Result<ProduceRequest>> drain(BulkSource &source)
    {
        QList<Result<ProduceRequest>> out;
        while (!source.atEnd())
            out.append(source.next());
        return out;
    }

private slots:
    void templateExpandsEveryPlaceholder()
    {
        const MessageTemplate t("order-{i} {uuid} {now} {random} {unknown}");
        QVERIFY(t.hasPlaceholders());
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const QString out = QString::fromUtf8(t.expand(41));
        const QRegularExpression shape(QStringLiteral(
            "^order-41 [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} (\\d+) (\\d+) \\{unknown\\}$"));
        const auto match = shape.match(out);
        QVERIFY2(match.hasMatch(), qPrintable(out));
        QVERIFY(match.captured(1).toLongLong() >= before);
        QVERIFY(match.captured(2).toULongLong() <= 0xffffffffULL);
        QVERIFY(t.expand(1) != t.expand(1)); // fresh uuid and random each time
    }

    void templateWithoutPlaceholdersIsReturnedAsIs()
    {
        const MessageTemplate t("{\"plain\": true}");
        QVERIFY(!t.hasPlaceholders());
        QCOMPARE(t.expand(7), QByteArray("{\"plain\": true}"));
        QCOMPARE(MessageTemplate("{i").expand(3), QByteArray("{i"));
    }

    void templateSourceCountsAndExpandsKeyValueAndHeaders()
    {
        BulkSpec spec;
        spec.message = {QStringLiteral("t"), QByteArray("k{i}"), "v{i}", {{"h", "x{i}"}}, 2};
        spec.count = 3;
        auto source = BulkSource::open(spec);
        QVERIFY(source.ok());
        QCOMPARE(source.value()->total(), 3);
        const auto messages = drain(*source.value());
        QCOMPARE(messages.size(), 3);
        const ProduceRequest &last = messages.last().value();
        QCOMPARE(last.key, std::optional<QByteArray>("k2"));
        QCOMPARE(last.value, QByteArray("v2"));
        QCOMPARE(last.headers, (QList<Header>{{"h", "x2"}}));
        QCOMPARE(last.partition, 2);
        QCOMPARE(last.topic, QStringLiteral("t"));
    }

    void templateWithoutKeyStaysKeyless()
    {
        BulkSpec spec;
        spec.message = {QStringLiteral("t"), std::nullopt, "v", {}, -1};
        spec.count = 1;
        auto source = BulkSource::open(spec);
        QVERIFY(source.ok());
        QVERIFY(!source.value()->next().value().key.has_value());
    }

    void zeroCountIsRefused()
    {
        BulkSpec spec;
        spec.count = 0;
        QVERIFY(!BulkSource::open(spec).ok());
    }

    void linesFileGivesOneMessagePerLine()
    {
        QTemporaryFile file;
        BulkSpec spec;
        spec.source = BulkSpec::Source::Lines;
        spec.message = {QStringLiteral("t"), QByteArray("line-{i}"), {}, {}, -1};
        spec.filePath = writeFile(file, "first\r\n\nthird");
        auto source = BulkSource::open(spec);
        QVERIFY(source.ok());
        QCOMPARE(source.value()->total(), 3);
        const auto messages = drain(*source.value());
        QCOMPARE(messages.size(), 3);
        QCOMPARE(messages[0].value().value, QByteArray("first"));
        QCOMPARE(messages[1].value().value, QByteArray(""));
        QCOMPARE(messages[2].value().value, QByteArray("third"));
        QCOMPARE(messages[2].value().key, std::optional<QByteArray>("line-2"));
    }

    void jsonLinesGiveKeyValueAndHeaders()
    {
        QTemporaryFile file;
        BulkSpec spec;
        spec.source = BulkSpec::Source::JsonLines;
        spec.message = {QStringLiteral("t"), QByteArray("default"), {}, {}, -1};
        spec.filePath = writeFile(file,
                                  "{\"key\":\"a\",\"value\":\"text\",\"headers\":{\"h1\":\"v1\",\"h2\":2}}\n"
                                  "{\"value\":{\"nested\":[1,2]}}\n"
                                  "{\"key\":null,\"value\":42}\n"
                                  "not json\n"
                                  "[1,2]\n");
        auto source = BulkSource::open(spec);
        QVERIFY(source.ok());
        const auto messages = drain(*source.value());
        QCOMPARE(messages.size(), 5);
        QCOMPARE(messages[0].value().key, std::optional<QByteArray>("a"));
        QCOMPARE(messages[0].value().value, QByteArray("text"));
        QCOMPARE(messages[0].value().headers, (QList<Header>{{"h1", "v1"}, {"h2", "2"}}));
        QCOMPARE(messages[1].value().key, std::optional<QByteArray>("default"));
        QCOMPARE(messages[1].value().value, QByteArray("{\"nested\":[1,2]}"));
        QVERIFY(!messages[2].value().key.has_value());
        QCOMPARE(messages[2].value().value, QByteArray("42"));
        QVERIFY(!messages[3].ok());
        QVERIFY2(messages[3].error().message.startsWith(QLatin1String("Line 4 is not valid JSON")),
                 qPrintable(messages[3].error().message));
        QVERIFY(!messages[4].ok());
    }

    void missingOrEmptyFileIsRefused()
    {
        BulkSpec spec;
        spec.source = BulkSpec::Source::Lines;
        spec.filePath = QStringLiteral("/nonexistent/file.txt");
        auto missing = BulkSource::open(spec);
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(QLatin1String("/nonexistent/file.txt")));
        QTemporaryFile file;
        spec.filePath = writeFile(file, "");
        QVERIFY(!BulkSource::open(spec).ok());
    }
};

QTEST_GUILESS_MAIN(TestBulkSource)
#include "test_bulksource.moc"
