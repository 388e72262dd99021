// `kafkadesk consume` as a script runs it: a real process; kcat produces.

#include "kafka/sandbox.h"

#include "kcat.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

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

class TestConsumeCommand : public QObject {
    Q_OBJECT

    std::unique_ptr<Sandbox> m_sandbox;
    QString m_bootstrap;

    testsupport::ProcessResult consume(const QStringList &extra)
    {
        return run(kafkadesk(), QStringList{QStringLiteral("consume"), QStringLiteral("-b"), m_bootstrap,
                                            QStringLiteral("-t"), QStringLiteral("t")} + extra);
    }

    // kcat -P of `count` messages key-N/value-N to one partition, with a header.
    bool produce(int partition, int first, int count)
    {
        QByteArray lines;
        for (int i = first; i < first + count; ++i)
            lines += "key-" + QByteArray::number(i) + "\tvalue-" + QByteArray::number(i) + '\n';
        return testsupport::produceKeyed(m_bootstrap, QStringLiteral("t"), partition, lines, QStringLiteral("src=kcat"));
    }

private slots:
    void init()
    {
        auto sandbox = Sandbox::start(3);
        QVERIFY(sandbox.ok());
        m_sandbox = std::move(sandbox).value();
        m_bootstrap = m_sandbox->bootstrapServers();
        QVERIFY(!m_sandbox->createTopic(TopicSpec{QStringLiteral("t"), 3, 1}));
    }
    void cleanup() { m_sandbox.reset(); }

    void jsonShowsExactPartitionsOffsetsKeysAndHeaders()
    {
        QVERIFY(produce(0, 0, 20));
        QVERIFY(produce(2, 20, 30));
        const auto result = consume({QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--timeout-ms"),
                                     QStringLiteral("1500")});
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, 0);
        const QList<QJsonObject> records = jsonLines(result.out);
        QCOMPARE(records.size(), 50);
        QSet<QString> seen;
        for (const QJsonObject &r : records) {
            const int i = r.value(QLatin1String("key")).toString().mid(4).toInt();
            const int partition = i < 20 ? 0 : 2;
            const int offset = i < 20 ? i : i - 20;
            QCOMPARE(r.value(QLatin1String("topic")).toString(), QStringLiteral("t"));
            QCOMPARE(r.value(QLatin1String("partition")).toInt(), partition);
            QCOMPARE(r.value(QLatin1String("offset")).toInt(), offset);
            QCOMPARE(r.value(QLatin1String("value")).toString(), QStringLiteral("value-%1").arg(i));
            QCOMPARE(r.value(QLatin1String("headers")).toArray(),
                     (QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("src")},
                                             {QStringLiteral("value"), QStringLiteral("kcat")}}}));
            QVERIFY(r.value(QLatin1String("timestamp")).toDouble() > 0);
            seen.insert(r.value(QLatin1String("key")).toString());
        }
        QCOMPARE(seen.size(), 50);
        QVERIFY2(result.err.contains("consumed 50"), result.err.constData());
    }

    void bytesThatAreNotUtf8ComeAsBase64()
    {
        const QByteArray binary("\xff\xfe\x00\x01", 4);
        const auto produced = kcat({QStringLiteral("-P"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"),
                                    QStringLiteral("t"), QStringLiteral("-p"), QStringLiteral("1"), QStringLiteral("-k"),
                                    QStringLiteral("plain")},
                                   binary);
        QVERIFY(produced.finished && produced.exitCode == 0);
        const auto result = consume({QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("-n"),
                                     QStringLiteral("1")});
        QCOMPARE(result.exitCode, 0);
        const QList<QJsonObject> records = jsonLines(result.out);
        QCOMPARE(records.size(), 1);
        QCOMPARE(records[0].value(QLatin1String("key")).toString(), QStringLiteral("plain"));
        QVERIFY(!records[0].contains(QLatin1String("key_encoding")));
        QCOMPARE(records[0].value(QLatin1String("value_encoding")).toString(), QStringLiteral("base64"));
        QCOMPARE(QByteArray::fromBase64(records[0].value(QLatin1String("value")).toString().toLatin1()), binary);
    }

    // A second run of the same group resumes where the first stopped:
    // together they print every message once.
    void groupResumesWhereItStopped()
    {
        QVERIFY(produce(0, 0, 10));
        QVERIFY(produce(1, 10, 10));
        const QStringList group{QStringLiteral("-g"), QStringLiteral("resume"), QStringLiteral("--format"),
                                QStringLiteral("json")};
        // When the only member leaves, the sandbox lets a new one in only once
        // the old member's session has timed out, so keep that short.
        const auto first = consume(group + QStringList{QStringLiteral("-n"), QStringLiteral("7"), QStringLiteral("-X"),
                                                       QStringLiteral("session.timeout.ms=6000")});
        QCOMPARE(first.exitCode, 0);
        const auto second = consume(group + QStringList{QStringLiteral("--timeout-ms"), QStringLiteral("2000")});
        QCOMPARE(second.exitCode, 0);
        QStringList keys;
        for (const auto &r : jsonLines(first.out) + jsonLines(second.out))
            keys.append(r.value(QLatin1String("key")).toString());
        QCOMPARE(jsonLines(first.out).size(), 7);
        QCOMPARE(keys.size(), 20);
        QCOMPARE(QSet<QString>(keys.begin(), keys.end()).size(), 20);
    }

    void fromATimeSkipsOlderMessages()
    {
        QVERIFY(produce(0, 0, 5));
        const qint64 time = QDateTime::currentMSecsSinceEpoch() + 1;
        QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > time); // later messages get a later timestamp
        QVERIFY(produce(0, 5, 3));
        QVERIFY(produce(1, 8, 2));
        const auto result = consume({QStringLiteral("--from"), QStringLiteral("@%1").arg(time), QStringLiteral("--timeout-ms"),
                                     QStringLiteral("1500")});
        QCOMPARE(result.exitCode, 0);
        QStringList values = QString::fromUtf8(result.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        values.sort();
        QCOMPARE(values, (QStringList{QStringLiteral("value-5"), QStringLiteral("value-6"), QStringLiteral("value-7"),
                                      QStringLiteral("value-8"), QStringLiteral("value-9")}));
    }

    void problemsEndWithAMessageAndAnExitCode()
    {
        QVERIFY(produce(0, 0, 3));
        const auto badOffset = consume({QStringLiteral("--from"), QStringLiteral("99"), QStringLiteral("--timeout-ms"),
                                        QStringLiteral("10000")});
        QCOMPARE(badOffset.exitCode, 1);
        QVERIFY2(badOffset.err.contains("Offset out of range"), badOffset.err.constData());

        const auto noTopic = run(kafkadesk(), {QStringLiteral("consume"), QStringLiteral("-b"), m_bootstrap,
                                               QStringLiteral("-t"), QStringLiteral("missing")});
        QCOMPARE(noTopic.exitCode, 1);
        QVERIFY2(noTopic.err.contains("Topic 'missing' does not exist."), noTopic.err.constData());

        const auto badFormat = consume({QStringLiteral("--format"), QStringLiteral("xml")});
        QCOMPARE(badFormat.exitCode, 2);
        const auto timeInGroup = consume({QStringLiteral("-g"), QStringLiteral("g"), QStringLiteral("--from"),
                                          QStringLiteral("@5")});
        QCOMPARE(timeInGroup.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestConsumeCommand)
#include "test_consumecommand.moc"
