#include "kafka/bulksource.h"
#include "kafka/linereader.h"
#include "kafka/messagetemplate.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QRandomGenerator>
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
        // Read as it goes: how many lines there are is not known up front.
        QCOMPARE(source.value()->total(), BulkSource::UnknownTotal);
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
        QVERIFY2(messages[3].error().message.startsWith(QLatin1String("Line 4: not a JSON object")),
                 qPrintable(messages[3].error().message));
        QVERIFY(!messages[4].ok());
    }

    void aLineLongerThanTheBoundIsAnErrorNamingIt()
    {
        QTemporaryFile file;
        BulkSpec spec;
        spec.source = BulkSpec::Source::Lines;
        spec.filePath = writeFile(file, "short\n" + QByteArray(5000, 'x') + "\nafter\n" + QByteArray(4096, 'y'));
        auto source = BulkSource::open(spec, 4096);
        QVERIFY(source.ok());
        const auto messages = drain(*source.value());
        QCOMPARE(messages.size(), 4);
        QCOMPARE(messages[0].value().value, QByteArray("short"));
        QVERIFY(!messages[1].ok());
        QCOMPARE(messages[1].error().message,
                 QStringLiteral("Line 2 is longer than message.max.bytes (4096 bytes); not sent."));
        QCOMPARE(messages[2].value().value, QByteArray("after"));
        QCOMPARE(messages[3].value().value, QByteArray(4096, 'y')); // exactly the bound is fine
    }

    // A file hundreds of times larger than the bound on a line is read
    // whole, byte for byte, while the source never holds more than about two
    // lines and a read chunk of it.
    void aFileIsReadWithMemoryBoundedByItsLongestLine()
    {
        constexpr qint64 MaxLine = 4096;
        constexpr qint64 FileBytes = 24 * 1024 * 1024;
        QTemporaryFile file;
        QVERIFY(file.open());
        QCryptographicHash written(QCryptographicHash::Sha256);
        QRandomGenerator random(7);
        qint64 lines = 0;
        QByteArray chunk;
        while (file.size() + chunk.size() < FileBytes) {
            // Every byte but '\n', and no '\r' last (a CRLF line loses it).
            QByteArray line(random.bounded(int(MaxLine) + 1), Qt::Uninitialized);
            for (char &c : line) {
                c = char(random.bounded(256));
                if (c == '\n')
                    c = 'n';
            }
            if (line.endsWith('\r'))
                line.back() = 'r';
            chunk += line + '\n';
            ++lines;
            if (chunk.size() > 1024 * 1024) {
                written.addData(chunk);
                QCOMPARE(file.write(chunk), chunk.size());
                chunk.clear();
            }
        }
        written.addData(chunk);
        QCOMPARE(file.write(chunk), chunk.size());
        file.close();

        BulkSpec spec;
        spec.source = BulkSpec::Source::Lines;
        spec.filePath = file.fileName();
        auto opened = BulkSource::open(spec, MaxLine);
        QVERIFY(opened.ok());
        BulkSource &source = *opened.value();
        QCryptographicHash read(QCryptographicHash::Sha256);
        qint64 produced = 0;
        while (!source.atEnd()) {
            const auto next = source.next();
            QVERIFY2(next.ok(), qPrintable(next.error().message));
            read.addData(next.value().value);
            read.addData("\n");
            ++produced;
        }
        QCOMPARE(produced, lines);
        QCOMPARE(read.result(), written.result());
        const qsizetype bound = 2 * MaxLine + kafka::LineReader::ChunkBytes;
        QVERIFY2(source.peakBufferedBytes() <= bound,
                 qPrintable(QStringLiteral("%1 bytes held, bound %2").arg(source.peakBufferedBytes()).arg(bound)));
        QVERIFY(source.peakBufferedBytes() > 0);
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
