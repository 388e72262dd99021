// `kafkadesk produce` as a script runs it: a real process, checked with kcat.

#include "kcat.h"
#include "testcluster.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

using namespace kafka;
using testsupport::kafkadesk;
using testsupport::kcat;
using testsupport::run;

namespace {

QStringList consume(const QString &bootstrap, const QString &topic, const QString &format)
{
    const auto read = kcat({QStringLiteral("-C"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"),
                            topic, QStringLiteral("-e"), QStringLiteral("-q"), QStringLiteral("-f"),
                            format});
    return QString::fromUtf8(read.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}
} // namespace

class TestProduceCommand : public QObject {
    Q_OBJECT

    std::unique_ptr<testsupport::TestCluster> m_cluster;
    QString m_bootstrap;
    QString m_topic;

private slots:
    void init()
    {
        auto cluster = testsupport::TestCluster::start(3);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
        m_bootstrap = m_cluster->bootstrapServers();
        m_topic = m_cluster->name(QStringLiteral("t"));
        QVERIFY(!m_cluster->createTopic(TopicSpec{m_topic, 6, 3}));
    }
    void cleanup() { m_cluster.reset(); }

    void tenThousandKeyedLinesWithAHeaderRoundTrip()
    {
        QByteArray input;
        for (int i = 0; i < 10000; ++i)
            input += "key-" + QByteArray::number(i) + ":value:" + QByteArray::number(i) + '\n';
        const auto result = run(kafkadesk(),
                                {QStringLiteral("produce"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"),
                                 m_topic, QStringLiteral("-K"), QStringLiteral(":"), QStringLiteral("-H"),
                                 QStringLiteral("source=cli")},
                                input);
        QVERIFY(result.finished);
        QVERIFY2(result.err.endsWith("delivered 10000, failed 0\n"), result.err.constData());
        QCOMPARE(result.exitCode, 0);

        // Split at the first separator only; every message has the header.
        const QStringList lines = consume(m_bootstrap, m_topic, QStringLiteral("%k|%s|%h\n"));
        QCOMPARE(lines.size(), 10000);
        const QSet<QString> got(lines.begin(), lines.end());
        QCOMPARE(got.size(), 10000);
        for (int i = 0; i < 10000; ++i)
            QVERIFY(got.contains(QStringLiteral("key-%1|value:%1|source=cli").arg(i)));
        // Keyed messages spread over the partitions.
        const QStringList partitions = consume(m_bootstrap, m_topic, QStringLiteral("%p\n"));
        QVERIFY(QSet<QString>(partitions.begin(), partitions.end()).size() > 1);
    }

    void chosenPartitionFileAndFixedKey()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("one\ntwo\n\nlast-without-newline");
        file.close();
        const auto result = run(kafkadesk(), {QStringLiteral("produce"), QStringLiteral("-b"), m_bootstrap,
                                              QStringLiteral("-t"), m_topic, QStringLiteral("-p"),
                                              QStringLiteral("4"), QStringLiteral("-k"), QStringLiteral("fixed"),
                                              QStringLiteral("-f"), file.fileName()});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.err.endsWith("delivered 4, failed 0\n"), result.err.constData());
        const QStringList expected{QStringLiteral("4 0 fixed one"), QStringLiteral("4 1 fixed two"),
                                   QStringLiteral("4 2 fixed "), QStringLiteral("4 3 fixed last-without-newline")};
        QCOMPARE(consume(m_bootstrap, m_topic, QStringLiteral("%p %o %k %s\n")), expected);
    }

    // Arguments are bytes: a key, a header, a separator and a file name that
    // are not UTF-8 reach the broker (or the file system) exactly as given,
    // as with kcat. Before, each was decoded as UTF-8 and U+FFFD was sent.
    void argumentsThatAreNotUtf8AreSentAsGiven()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // sh's printf makes the bytes: QProcess would encode its arguments as UTF-8.
        const QString script = QStringLiteral(
            "f=$(printf '%s/f\\351' \"$4\") && printf 'k\\351\\tv\\n' > \"$f\" && "
            "printf 'v1\\n' | \"$1\" produce -b \"$2\" -t \"$3\" -p 0 -k \"$(printf 'caf\\351')\" "
            "-H \"$(printf 'h\\377=\\001\\376')\" && "
            "\"$1\" produce -b \"$2\" -t \"$3\" -p 1 -K \"$(printf '\\351\\t')\" -f \"$f\"");
        const auto result = run(QStringLiteral("/bin/sh"),
                                {QStringLiteral("-c"), script, QStringLiteral("sh"), kafkadesk(), m_bootstrap, m_topic,
                                 dir.path()});
        QVERIFY(result.finished);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(result.err, QByteArray("delivered 1, failed 0\ndelivered 1, failed 0\n"));

        const auto read = [&](int partition) {
            return kcat({QStringLiteral("-C"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"), m_topic,
                         QStringLiteral("-p"), QString::number(partition), QStringLiteral("-e"), QStringLiteral("-q"),
                         QStringLiteral("-f"), QStringLiteral("%k|%h|%s\n")})
                .out;
        };
        QCOMPARE(read(0), QByteArray("caf\xe9|h\xff=\x01\xfe|v1\n"));
        QCOMPARE(read(1), QByteArray("k||v\n"));
    }

    void missingPartitionFailsVisibly()
    {
        const auto result = run(kafkadesk(), {QStringLiteral("produce"), QStringLiteral("-b"), m_bootstrap,
                                              QStringLiteral("-t"), m_topic, QStringLiteral("-p"),
                                              QStringLiteral("99")},
                                "a\nb\n");
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("Unknown partition"), result.err.constData());
        QVERIFY2(result.err.endsWith("delivered 0, failed 2\n"), result.err.constData());
    }

    void unreachableClusterExitsNonZeroWithin30Seconds()
    {
        QElapsedTimer timer;
        timer.start();
        const auto result = run(kafkadesk(), {QStringLiteral("produce"), QStringLiteral("-b"),
                                              QStringLiteral("127.0.0.1:1"), QStringLiteral("-t"), QStringLiteral("t")},
                                "a\n", 60000);
        QVERIFY(result.finished);
        QVERIFY(timer.elapsed() < 30000);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("Cannot reach 127.0.0.1:1"), result.err.constData());
    }

    void badArgumentsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no brokers") << QStringList{QStringLiteral("-t"), QStringLiteral("t")};
        QTest::newRow("no topic") << QStringList{QStringLiteral("-b"), QStringLiteral("localhost:9092")};
        QTest::newRow("bad brokers") << QStringList{QStringLiteral("-b"), QStringLiteral("localhost"),
                                                    QStringLiteral("-t"), QStringLiteral("t")};
        QTest::newRow("bad topic") << QStringList{QStringLiteral("-b"), QStringLiteral("localhost:9092"),
                                                  QStringLiteral("-t"), QStringLiteral("a b")};
        QTest::newRow("bad header") << QStringList{QStringLiteral("-b"), QStringLiteral("localhost:9092"),
                                                   QStringLiteral("-t"), QStringLiteral("t"), QStringLiteral("-H"),
                                                   QStringLiteral("novalue")};
        QTest::newRow("bad partition") << QStringList{QStringLiteral("-b"), QStringLiteral("localhost:9092"),
                                                      QStringLiteral("-t"), QStringLiteral("t"), QStringLiteral("-p"),
                                                      QStringLiteral("-3")};
        QTest::newRow("unknown property") << QStringList{QStringLiteral("-b"), QStringLiteral("localhost:9092"),
                                                         QStringLiteral("-t"), QStringLiteral("t"),
                                                         QStringLiteral("-X"), QStringLiteral("no.such=1")};
        QTest::newRow("missing file") << QStringList{QStringLiteral("-b"), QStringLiteral("localhost:9092"),
                                                     QStringLiteral("-t"), QStringLiteral("t"), QStringLiteral("-f"),
                                                     QStringLiteral("/nonexistent/file")};
    }
    void badArgumentsExitTwo()
    {
        QFETCH(QStringList, args);
        const auto result = run(kafkadesk(), QStringList{QStringLiteral("produce")} + args, {}, 15000);
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.startsWith("kafkadesk produce: "), result.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestProduceCommand)
#include "test_producecommand.moc"
