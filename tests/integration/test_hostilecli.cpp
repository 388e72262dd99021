// The command line under hostile input, signals and closed pipes, as a
// careful user (or a script, or systemd) would try it. Each row of the table
// names what is given and the exit code and words that must come back;
// nothing may hang, crash, or be altered on its way to the broker.

#include "kcat.h"
#include "testcluster.h"

#include "kafka/sandbox.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace kafka;
using testsupport::kafkadesk;
using testsupport::kcat;
using testsupport::run;

namespace {

constexpr int Partitions = 3;

// Starts `kafkadesk ARGS` with its stdin open for writing.
std::unique_ptr<QProcess> startKafkadesk(const QStringList &arguments)
{
    auto process = std::make_unique<QProcess>();
    process->start(kafkadesk(), arguments);
    return process;
}

void signal(QProcess &process, int signal)
{
    ::kill(pid_t(process.processId()), signal);
}

// A port that accepts connections (the kernel completes them into the
// backlog) and never answers: a cluster that is "still connecting" for as
// long as a test likes.
class SilentServer {
public:
    SilentServer()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof address;
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&address), size) == 0 && ::listen(m_fd, 16) == 0
            && ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &size) == 0)
            m_port = ntohs(address.sin_port);
    }
    ~SilentServer() { ::close(m_fd); }
    int port() const { return m_port; }
    // Whether a client has connected (and waits, unanswered).
    bool hasVisitor() const
    {
        pollfd listening{m_fd, POLLIN, 0};
        return ::poll(&listening, 1, 0) == 1;
    }
    // Answers nobody, but forgets who came.
    void forgetVisitors()
    {
        while (hasVisitor())
            ::close(::accept(m_fd, nullptr, nullptr));
    }

private:
    int m_fd = -1;
    int m_port = 0;
};

} // namespace

class TestHostileCli : public QObject {
    Q_OBJECT

    std::unique_ptr<testsupport::TestCluster> m_cluster;
    QString m_bootstrap;
    QString m_topic;
    SilentServer m_silent;

    QStringList produceArgs(const QStringList &extra = {}) const
    {
        return QStringList{QStringLiteral("produce"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"), m_topic}
               + extra;
    }
    QStringList consumeArgs(const QStringList &extra = {}) const
    {
        return QStringList{QStringLiteral("consume"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"), m_topic}
               + extra;
    }
    QString silentServer() const { return QStringLiteral("127.0.0.1:%1").arg(m_silent.port()); }
    // Every message of the topic as kcat reads it, raw: "partition|key|value\n".
    QByteArray readAll() const
    {
        return kcat({QStringLiteral("-C"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"), m_topic,
                     QStringLiteral("-e"), QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("%p|%k|%s\n")})
            .out;
    }

private slots:
    void initTestCase() { QVERIFY(m_silent.port() > 0); }

    void init()
    {
        auto cluster = testsupport::TestCluster::start(3);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
        m_bootstrap = m_cluster->bootstrapServers();
        m_topic = m_cluster->name(QStringLiteral("hostile"));
        QVERIFY(!m_cluster->createTopic(TopicSpec{m_topic, Partitions, 1}));
    }
    void cleanup() { m_cluster.reset(); }

    // Bad arguments: a usage error (exit 2) that names the problem, at once.
    void refused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const auto row = [](const char *name, const QStringList &arguments, const char *message) {
            QTest::newRow(name) << arguments << QString::fromUtf8(message);
        };
        const QString b = QStringLiteral("-b"), t = QStringLiteral("-t"), servers = QStringLiteral("127.0.0.1:9");
        const QString produce = QStringLiteral("produce"), consume = QStringLiteral("consume"),
                      sandbox = QStringLiteral("sandbox");
        row("produce without -b", {produce, t, QStringLiteral("x")}, "-b SERVERS is required");
        row("produce without -t", {produce, b, servers}, "-t TOPIC is required");
        row("servers without port", {produce, b, QStringLiteral("localhost"), t, QStringLiteral("x")}, "localhost");
        row("servers empty", {produce, b, QString(), t, QStringLiteral("x")}, "");
        row("topic with a comma", {produce, b, servers, t, QStringLiteral("q,q")}, "may only contain");
        row("topic too long", {produce, b, servers, t, QString(250, QLatin1Char('a'))}, "at most 249");
        row("topic with CRLF", {produce, b, servers, t, QStringLiteral("a\r\nb")}, "may only contain");
        row("partition negative", {produce, b, servers, t, QStringLiteral("x"), QStringLiteral("-p"), QStringLiteral("-1")},
            "-p takes a partition number");
        row("partition not a number",
            {produce, b, servers, t, QStringLiteral("x"), QStringLiteral("-p"), QStringLiteral("99999999999")},
            "-p takes a partition number");
        row("header without =", {produce, b, servers, t, QStringLiteral("x"), QStringLiteral("-H"), QStringLiteral("novalue")},
            "is not NAME=VALUE");
        row("header with empty name", {produce, b, servers, t, QStringLiteral("x"), QStringLiteral("-H"), QStringLiteral("=v")},
            "is not NAME=VALUE");
        row("empty key separator", {produce, b, servers, t, QStringLiteral("x"), QStringLiteral("-K"), QString()},
            "-K needs a non-empty separator");
        row("missing file", {produce, b, servers, t, QStringLiteral("x"), QStringLiteral("-f"), QStringLiteral("/nonexistent/in")},
            "cannot read /nonexistent/in");
        row("unknown property", {produce, b, servers, t, QStringLiteral("x"), QStringLiteral("-X"), QStringLiteral("no.such=1")},
            "no.such");
        row("bad property value",
            {produce, b, servers, t, QStringLiteral("x"), QStringLiteral("-X"), QStringLiteral("message.max.bytes=abc")},
            "message.max.bytes");
        row("property without =", {produce, b, servers, t, QStringLiteral("x"), QStringLiteral("-X"), QStringLiteral("acks")},
            "acks");
        row("unexpected argument", {produce, b, servers, t, QStringLiteral("x"), QStringLiteral("extra")},
            "unexpected argument 'extra'");
        row("topic twice", {consume, b, servers, t, QStringLiteral("q,q")}, "Topic 'q' is named twice.");
        row("topics empty", {consume, b, servers, t, QStringLiteral(",")}, "");
        row("from negative", {consume, b, servers, t, QStringLiteral("x"), QStringLiteral("--from"), QStringLiteral("-5")},
            "--from takes");
        row("from bad time", {consume, b, servers, t, QStringLiteral("x"), QStringLiteral("--from"), QStringLiteral("@soon")},
            "--from takes");
        row("from offset in a group",
            {consume, b, servers, t, QStringLiteral("x"), QStringLiteral("-g"), QStringLiteral("g"), QStringLiteral("--from"),
             QStringLiteral("5")},
            "In a group");
        row("count zero", {consume, b, servers, t, QStringLiteral("x"), QStringLiteral("-n"), QStringLiteral("0")},
            "-n takes a count");
        row("count too big",
            {consume, b, servers, t, QStringLiteral("x"), QStringLiteral("-n"), QStringLiteral("99999999999999999999")},
            "-n takes a count");
        row("timeout negative",
            {consume, b, servers, t, QStringLiteral("x"), QStringLiteral("--timeout-ms"), QStringLiteral("-1")},
            "--timeout-ms takes");
        row("format unknown", {consume, b, servers, t, QStringLiteral("x"), QStringLiteral("--format"), QStringLiteral("xml")},
            "--format is text or json");
        row("group empty", {consume, b, servers, t, QStringLiteral("x"), QStringLiteral("-g"), QStringLiteral(" ")},
            "A group needs a group id.");
        row("sandbox no brokers", {sandbox, QStringLiteral("--brokers"), QStringLiteral("0")}, "--brokers takes a number");
        row("sandbox ten brokers", {sandbox, QStringLiteral("--brokers"), QStringLiteral("10")}, "--brokers takes a number");
        row("sandbox zero partitions", {sandbox, QStringLiteral("--topic"), QStringLiteral("x:0")}, "at least one partition");
        // Before, this aborted on an assertion inside librdkafka's mock.
        row("sandbox huge partitions", {sandbox, QStringLiteral("--topic"), QStringLiteral("x:100000000")},
            "at most 1000 partitions");
        row("sandbox RF above brokers",
            {sandbox, QStringLiteral("--brokers"), QStringLiteral("1"), QStringLiteral("--topic"), QStringLiteral("x:1:2")},
            "needs at least 2 brokers");
        row("sandbox topic twice",
            {sandbox, QStringLiteral("--topic"), QStringLiteral("x:1"), QStringLiteral("--topic"), QStringLiteral("x:2")},
            "is given twice");
        row("sandbox topic malformed", {sandbox, QStringLiteral("--topic"), QStringLiteral("x")}, "is not NAME:PARTITIONS");
    }

    void refused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QElapsedTimer elapsed;
        elapsed.start();
        const auto result = run(kafkadesk(), arguments, {}, 20000);
        QVERIFY2(result.finished, "did not end within 20 s");
        QVERIFY2(result.exitCode == 2, qPrintable(QStringLiteral("exit %1: %2").arg(result.exitCode).arg(QString::fromUtf8(result.err))));
        QVERIFY2(result.err.contains(message.toUtf8()), result.err.constData());
        QVERIFY2(result.err.startsWith("kafkadesk "), result.err.constData());
        QVERIFY(result.out.isEmpty());
        QVERIFY2(elapsed.elapsed() < 5000, qPrintable(QString::number(elapsed.elapsed())));
    }

    // A cluster that cannot be reached is reported with librdkafka's own
    // reason and what to check. Before, every case read "Local: Broker
    // transport failure", and a TLS or SASL mistake took the full 10 s.
    void unreachableSaysWhy_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("servers");
        QTest::addColumn<QStringList>("properties");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("check");
        const QStringList tls{QStringLiteral("-X"), QStringLiteral("security.protocol=ssl")};
        const QStringList sasl{QStringLiteral("-X"), QStringLiteral("security.protocol=sasl_plaintext"), QStringLiteral("-X"),
                               QStringLiteral("sasl.mechanism=PLAIN"), QStringLiteral("-X"), QStringLiteral("sasl.username=u"),
                               QStringLiteral("-X"), QStringLiteral("sasl.password=p")};
        for (const char *command : {"produce", "consume"}) {
            const QString c = QString::fromLatin1(command);
            QTest::newRow(qPrintable(c + QStringLiteral(" TLS to a plaintext listener")))
                // The words vary ("SSL handshake failed", "unexpected eof while
                // reading"); the failing broker is named with its protocol.
                << c << QString() << tls << QStringLiteral(": ssl://127.0.0.1:")
                << QStringLiteral("Check security.protocol and the TLS settings (ssl.*), then retry.");
            QTest::newRow(qPrintable(c + QStringLiteral(" SASL to a plaintext listener")))
                << c << QString() << sasl << QStringLiteral("SASL")
                << QStringLiteral("Check security.protocol and the SASL settings (mechanism, user name, password), then retry.");
            QTest::newRow(qPrintable(c + QStringLiteral(" name that does not resolve")))
                << c << QStringLiteral("nonexistent.invalid:9092") << QStringList() << QStringLiteral("Failed to resolve")
                << QStringLiteral("Check the host names, then retry.");
            QTest::newRow(qPrintable(c + QStringLiteral(" refused"))) << c << QStringLiteral("127.0.0.1:1") << QStringList()
                                                                       << QStringLiteral("Connection refused")
                                                                       << QStringLiteral("Check the address");
        }
    }
    void unreachableSaysWhy()
    {
        QFETCH(QString, command);
        QFETCH(QString, servers);
        QFETCH(QStringList, properties);
        QFETCH(QString, reason);
        QFETCH(QString, check);
        const QString bootstrap = servers.isEmpty() ? m_bootstrap : servers;
        QElapsedTimer elapsed;
        elapsed.start();
        const auto result = run(kafkadesk(), QStringList{command, QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), m_topic}
                                                 + properties,
                                {}, 30000);
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, 1);
        const QString err = QString::fromUtf8(result.err);
        QVERIFY2(err.startsWith(QStringLiteral("kafkadesk %1: Cannot reach %2: ").arg(command, bootstrap)), qPrintable(err));
        QVERIFY2(err.contains(reason) && err.contains(check), qPrintable(err));
        QVERIFY2(!err.contains(QLatin1String("[thrd:")), qPrintable(err));
        // TLS and SASL failures do not wait out the 10 s: waiting would not mend them.
        if (!properties.isEmpty())
            QVERIFY2(elapsed.elapsed() < 5000, qPrintable(QString::number(elapsed.elapsed())));
    }

    // Payload bytes arrive as they were: NUL, CR, invalid UTF-8, an empty
    // line. A line longer than message.max.bytes fails by name and the next
    // one still goes.
    void payloadBytesAndOverlongLines()
    {
        QByteArray input = QByteArray("nul\0byte\r\n", 10) + "caf\xe9\n" + "\n";
        input += QByteArray(2'000'000, 'x') + '\n';
        input += "after\n";
        const auto result = run(kafkadesk(), produceArgs({QStringLiteral("-p"), QStringLiteral("1")}), input);
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("failed: 1 × line longer than message.max.bytes (1000000 bytes), not sent\n"),
                 result.err.constData());
        QVERIFY2(result.err.endsWith("delivered 4, failed 1\n"), result.err.constData());
        QCOMPARE(readAll(), QByteArray("1||nul\0byte\r\n1||caf\xe9\n1||\n1||after\n", 34));
    }

    void emptyInputSendsNothing()
    {
        const auto result = run(kafkadesk(), produceArgs(), {});
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.err, QByteArray("delivered 0, failed 0\n"));
    }

    // SIGINT while produce waits for more input: it stops reading, reports
    // what it sent, and exits 1 (not everything was sent). Before, the
    // process died at once without a word.
    void produceInterruptedWhileReading()
    {
        auto process = startKafkadesk(produceArgs({QStringLiteral("-p"), QStringLiteral("0")}));
        QVERIFY(process->waitForStarted());
        process->write("one\ntwo\n");
        // stdin stays open: produce is waiting for a third line.
        QTRY_COMPARE_WITH_TIMEOUT(readAll(), QByteArray("0||one\n0||two\n"), 20000);
        signal(*process, SIGINT);
        QVERIFY(process->waitForFinished(10000));
        const QByteArray err = process->readAllStandardError();
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        QCOMPARE(process->exitCode(), 1);
        QVERIFY2(err.contains("interrupted by SIGINT: stopped reading the input"), err.constData());
        QVERIFY2(err.endsWith("delivered 2, failed 0\n"), err.constData());
    }

    // A signal while produce waits for deliveries gives up on them: each
    // fails as purged, and the counts still add up. The messages are held
    // by a sandbox of the test's own whose brokers refuse every Produce
    // with a retriable error; the same client code runs on any cluster.
    void produceSignalWhileDrainingGivesUpOnTheRest()
    {
        const auto sandbox = testsupport::TestCluster::privateSandbox(QStringLiteral("held"));
        QVERIFY(sandbox);
        sandbox->failNextRequests(kafka::Sandbox::ApiKey::Produce, 1000, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS);
        QTemporaryDir dir;
        QFile input(dir.filePath(QStringLiteral("input")));
        QVERIFY(input.open(QIODevice::WriteOnly));
        input.write("second\nthird\n");
        input.close();
        auto process = startKafkadesk({QStringLiteral("produce"), QStringLiteral("-b"), sandbox->bootstrapServers(),
                                       QStringLiteral("-t"), QStringLiteral("held"), QStringLiteral("-f"), input.fileName()});
        QVERIFY(process->waitForStarted());
        // It has read the whole file once the position of its descriptor
        // for it (Linux's /proc) is the file's size; the next read is the end.
        const QString fds = QStringLiteral("/proc/%1/fd").arg(process->processId());
        const auto readWhole = [&] {
            for (const QFileInfo &fd : QDir(fds).entryInfoList(QDir::Files | QDir::System)) {
                if (fd.symLinkTarget() != input.fileName())
                    continue;
                QFile info(QStringLiteral("/proc/%1/fdinfo/%2").arg(process->processId()).arg(fd.fileName()));
                return info.open(QIODevice::ReadOnly) && info.readLine() == "pos:\t" + QByteArray::number(input.size()) + '\n';
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(readWhole(), 20000);
        QByteArray err;
        signal(*process, SIGTERM);
        // The signal may have come between the last line and the end of the
        // input: then it stopped reading, and a second one gives up.
        QTRY_VERIFY_WITH_TIMEOUT((err += process->readAllStandardError(), process->state() == QProcess::NotRunning
                                  || err.contains("stopped reading the input")), 10000);
        if (process->state() != QProcess::NotRunning) {
            signal(*process, SIGTERM);
            QVERIFY(process->waitForFinished(10000));
        }
        err += process->readAllStandardError();
        QCOMPARE(process->exitCode(), 1);
        QVERIFY2(err.contains("interrupted by SIGTERM: gave up on 2 message(s) not yet delivered\n"), err.constData());
        // "in queue", or "in flight" if a retry was on its way: librdkafka says which.
        QVERIFY2(err.contains("failed: 2 × Local: Purged in "), err.constData());
        QVERIFY2(err.endsWith("delivered 0, failed 2\n"), err.constData());
    }

    // A fatal error (here the cluster refusing the idempotent producer an
    // id) is said at once in words, and every message fails with it. Before,
    // only "Local: Fatal error" per message told of it.
    void produceFatalErrorIsSaid()
    {
        const auto sandbox = testsupport::TestCluster::privateSandbox(QStringLiteral("refused"));
        QVERIFY(sandbox);
        sandbox->failNextRequests(kafka::Sandbox::ApiKey::InitProducerId, 1, RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED);
        const auto result = run(kafkadesk(),
                                {QStringLiteral("produce"), QStringLiteral("-b"), sandbox->bootstrapServers(),
                                 QStringLiteral("-t"), QStringLiteral("refused")},
                                "a\nb\n", 30000);
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("kafkadesk produce: The producer stopped for good: "), result.err.constData());
        QVERIFY2(result.err.contains("CLUSTER_AUTHORIZATION_FAILED"), result.err.constData());
        QVERIFY2(result.err.endsWith("delivered 0, failed 2\n"), result.err.constData());
    }

    // Every broker going away while produce waits is said as it happens,
    // not only as "Message timed out" 30 s later.
    void produceSaysWhenNoBrokerAnswers()
    {
        const auto sandbox = testsupport::TestCluster::privateSandbox(QStringLiteral("gone"));
        QVERIFY(sandbox);
        auto process = startKafkadesk({QStringLiteral("produce"), QStringLiteral("-b"), sandbox->bootstrapServers(),
                                       QStringLiteral("-t"), QStringLiteral("gone")});
        QVERIFY(process->waitForStarted());
        process->write("first\n");
        QVERIFY(process->waitForBytesWritten(5000));
        const auto read = kcat({QStringLiteral("-C"), QStringLiteral("-b"), sandbox->bootstrapServers(),
                                QStringLiteral("-t"), QStringLiteral("gone"), QStringLiteral("-c"), QStringLiteral("1"),
                                QStringLiteral("-q")});
        QCOMPARE(read.out, QByteArray("first\n"));
        QVERIFY(!sandbox->setBrokerDown(1, true));
        process->write("second\n");
        process->closeWriteChannel();
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += process->readAllStandardError(), err.contains("kafkadesk produce: No broker answers")),
                                 20000);
        // Not waited out: a signal gives up on the message.
        signal(*process, SIGTERM);
        QVERIFY(process->waitForFinished(10000));
        err += process->readAllStandardError();
        QCOMPARE(process->exitCode(), 1);
        QVERIFY2(err.endsWith("delivered 1, failed 1\n"), err.constData());
    }

    // SIGTERM while still connecting (to a server that never answers) ends
    // at once, with the summary. Before, produce died without a word and
    // consume exited 143.
    void signalWhileConnecting_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("said");
        QTest::newRow("produce") << QStringLiteral("produce") << 1
                                 << QByteArray("interrupted by SIGTERM: stopped while connecting\ndelivered 0, failed 0\n");
        QTest::newRow("consume") << QStringLiteral("consume") << 0
                                 << QByteArray("stopped by SIGTERM\nconsumed 0\n");
    }
    void signalWhileConnecting()
    {
        QFETCH(QString, command);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, said);
        auto process = startKafkadesk({command, QStringLiteral("-b"), silentServer(), QStringLiteral("-t"), m_topic});
        QVERIFY(process->waitForStarted());
        // Connected to the silent server, waiting for its answer.
        QTRY_VERIFY_WITH_TIMEOUT(m_silent.hasVisitor(), 10000);
        QElapsedTimer elapsed;
        elapsed.start();
        signal(*process, SIGTERM);
        QVERIFY(process->waitForFinished(5000));
        QVERIFY2(elapsed.elapsed() < 2000, qPrintable(QString::number(elapsed.elapsed())));
        const QByteArray err = process->readAllStandardError();
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        QCOMPARE(process->exitCode(), exitCode);
        QVERIFY2(err.endsWith(said), err.constData());
        m_silent.forgetVisitors();
    }

    // Whoever reads consume's output goes away while the topic is quiet: it
    // ends within a second, exit 1, whether SIGPIPE is delivered or ignored
    // (as under systemd). Before, it ran on; with SIGPIPE ignored it went on
    // reading into the closed pipe.
    void consumeEndsWhenItsReaderGoes_data()
    {
        QTest::addColumn<bool>("sigpipeIgnored");
        QTest::newRow("SIGPIPE delivered") << false;
        QTest::newRow("SIGPIPE ignored") << true;
    }
    void consumeEndsWhenItsReaderGoes()
    {
        QFETCH(bool, sigpipeIgnored);
        QVERIFY(testsupport::produceLines(m_bootstrap, m_topic, 0, 1));
        // `consume | head -1`; sh's `trap '' PIPE` is inherited as "ignored".
        const QString script = QStringLiteral("%1{ \"$0\" \"$@\"; echo \"exit $?\" >&2; } | head -1")
                                   .arg(sigpipeIgnored ? QStringLiteral("trap '' PIPE; ") : QString());
        QElapsedTimer elapsed;
        elapsed.start();
        const auto result =
            run(QStringLiteral("/bin/sh"), QStringList{QStringLiteral("-c"), script, kafkadesk()} + consumeArgs(), {}, 20000);
        QVERIFY2(result.finished, "consume | head -1 did not end within 20 s");
        QCOMPARE(result.out, QByteArray("message-0\n"));
        QVERIFY2(result.err.endsWith("kafkadesk consume: standard output was closed; stopping\nconsumed 1\nexit 1\n"),
                 result.err.constData());
        // Connecting and reading take well under a second here; the end of
        // the pipe is noticed within one poll.
        QVERIFY2(elapsed.elapsed() < 5000, qPrintable(QString::number(elapsed.elapsed())));
    }

    // The README's resume example: a group's second run goes on where the
    // first stopped. On the sandbox it saw nothing before (45 s session).
    void groupResumesOnTheNextRun()
    {
        QVERIFY(testsupport::produceLines(m_bootstrap, m_topic, 0, 10));
        const QString group = m_cluster->name(QStringLiteral("resume"));
        const auto first = run(kafkadesk(), consumeArgs({QStringLiteral("-g"), group, QStringLiteral("-n"), QStringLiteral("3")}));
        QVERIFY(first.finished);
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(first.out, QByteArray("message-0\nmessage-1\nmessage-2\n"));
        const auto second = run(kafkadesk(), consumeArgs({QStringLiteral("-g"), group, QStringLiteral("--timeout-ms"),
                                                          QStringLiteral("3000")}));
        QVERIFY(second.finished);
        QVERIFY2(second.exitCode == 0, second.err.constData());
        QByteArray rest;
        for (int i = 3; i < 10; ++i)
            rest += "message-" + QByteArray::number(i) + '\n';
        QCOMPARE(second.out, rest);
        QVERIFY2(second.err.endsWith("consumed 7\n"), second.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestHostileCli)
#include "test_hostilecli.moc"
