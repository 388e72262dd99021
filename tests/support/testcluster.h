#pragma once

// The cluster a broker-facing test runs against. CTest runs each such test
// twice: as NAME on a fresh sandbox per test case, and as NAME_kafka on the
// real Apache Kafka cluster that its fixture started with
// scripts/kafka-cluster.sh (KAFKADESK_TEST_KAFKA holds its bootstrap
// servers). The test code is the same; only behaviour that truly differs is
// branched on real().
//
// The real cluster is shared by every test, in parallel, and keeps what
// earlier tests wrote, so there topic and group names get a suffix unique to
// the process and test case (name()); on a fresh sandbox they stay as given.

#include "kafka/clusterclient.h"
#include "kafka/connection.h"
#include "kafka/connectionspec.h"
#include "kafka/sandbox.h"

#include "guiwatchdog.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <memory>

namespace testsupport {

class TestCluster {
public:
    static QString realBootstrap() { return qEnvironmentVariable("KAFKADESK_TEST_KAFKA"); }

    // A 1-broker sandbox of the test's own with one topic, for faults the
    // shared real cluster cannot take (requests refused, its broker down);
    // the client code under test is the same on any cluster. Null if it
    // cannot start.
    static std::unique_ptr<kafka::Sandbox> privateSandbox(const QString &topic)
    {
        const TestSideBlocking allow("the test starts a sandbox of its own");
        auto sandbox = kafka::Sandbox::start(1);
        if (!sandbox.ok() || sandbox.value()->createTopic({topic, 1, 1}))
            return nullptr;
        return std::move(sandbox).value();
    }
    static bool real() { return !realBootstrap().isEmpty(); }

    // A fault the test injects: waits for the mock cluster's thread to take
    // it, which may be busy serving a bulk run.
    static kafka::Error setBrokerDown(kafka::Sandbox *sandbox, int broker, bool down)
    {
        const TestSideBlocking allow("the test takes a sandbox broker down or up");
        return sandbox->setBrokerDown(broker, down);
    }

    // A fresh sandbox of `sandboxBrokers`, or the real cluster.
    static kafka::Result<std::unique_ptr<TestCluster>> start(int sandboxBrokers = 3)
    {
        const TestSideBlocking allow("the test starts its cluster");
        std::unique_ptr<TestCluster> cluster(new TestCluster);
        if (real()) {
            cluster->m_bootstrap = realBootstrap();
        } else {
            auto sandbox = kafka::Sandbox::start(sandboxBrokers);
            if (!sandbox.ok())
                return sandbox.error();
            cluster->m_sandbox = std::move(sandbox).value();
            cluster->m_bootstrap = cluster->m_sandbox->bootstrapServers();
        }
        auto client = kafka::ClusterClient::create({cluster->m_bootstrap, {}});
        if (!client.ok())
            return client.error();
        cluster->m_client = std::move(client).value();
        return cluster;
    }

    QString bootstrapServers() const { return m_bootstrap; }
    // The sandbox under test, or nullptr on the real cluster.
    kafka::Sandbox *sandbox() const { return m_sandbox.get(); }
    const kafka::ClusterClient &client() const { return *m_client; }

    // `base`, made unique on the real cluster: base-<pid>-<test function>-<n>.
    static QString name(const QString &base)
    {
        static int names = 0;
        if (!real())
            return base;
        return QStringLiteral("%1-%2-%3-%4")
            .arg(base)
            .arg(QCoreApplication::applicationPid())
            .arg(QString::fromLatin1(QTest::currentTestFunction() ? QTest::currentTestFunction() : "init"))
            .arg(++names); // process-wide: data rows and repeated init()s differ too
    }

    // On the sandbox through the mock API; on the real cluster through the
    // Admin API, returning once every partition has a leader.
    kafka::Error createTopic(const kafka::TopicSpec &spec) const
    {
        const TestSideBlocking allow("the test creates a topic");
        return m_sandbox ? m_sandbox->createTopic(spec) : m_client->createTopic(spec, std::chrono::seconds(30));
    }

    // For a test that exists for real Kafka only: without
    // KAFKADESK_TEST_KAFKA it fails (a missing cluster is never a skip).
    static kafka::Result<std::unique_ptr<TestCluster>> startReal()
    {
        if (!real())
            return kafka::Error::invalid(QStringLiteral("KAFKADESK_TEST_KAFKA must name the real cluster under test"));
        return start();
    }

    // A topic of 6 partitions for a window connected with windowSpec() to
    // browse: the sandbox's own "demo", or on the real cluster a new one made
    // through the window's connection (Admin API). Waits on the event loop,
    // so that the window goes on running; empty if creation failed.
    static QString windowTopic(const kafka::Connection &connection)
    {
        if (!real())
            return QStringLiteral("demo");
        const QString topic = name(QStringLiteral("demo"));
        QFuture<kafka::Error> created = connection.createTopic({topic, 6, 3});
        if (!QTest::qWaitFor([&] { return created.isFinished(); }, 60000) || created.result()) {
            qWarning("cannot create %s: %s", qPrintable(topic), created.isFinished() ? qPrintable(created.result().message) : "timed out");
            return {};
        }
        return topic;
    }

    // A window connecting to this cluster: the window's own new sandbox on
    // the sandbox (as a user opens it), the bootstrap servers on real Kafka.
    static kafka::ConnectionSpec windowSpec(int sandboxBrokers = 3)
    {
        return real() ? kafka::ConnectionSpec::bootstrap(realBootstrap()) : kafka::ConnectionSpec::sandbox(sandboxBrokers);
    }

    // The codec of every record batch stored in one partition on the real
    // cluster's node 1, as Kafka's own DumpLogSegments tool reads the log
    // segment ("none", "gzip", "zstd", ...), or the tool's complaint. The
    // cluster is found through scripts/kafka-cluster.sh status
    // (KAFKADESK_CLUSTER_SCRIPT, KAFKADESK_TEST_KAFKA_PORT_BASE).
    static QStringList storedCodecs(const QString &topic, int partition)
    {
        const TestSideBlocking allow("the test reads a log segment with Kafka's tool");
        QProcess status;
        status.start(qEnvironmentVariable("KAFKADESK_CLUSTER_SCRIPT"),
                     {QStringLiteral("status"), QStringLiteral("--port-base"),
                      qEnvironmentVariable("KAFKADESK_TEST_KAFKA_PORT_BASE")});
        if (!status.waitForFinished(30000) || status.exitCode() != 0)
            return {QStringLiteral("kafka-cluster.sh status failed: ") + QString::fromUtf8(status.readAllStandardError())};
        QString data, jars;
        for (const QString &line : QString::fromUtf8(status.readAllStandardOutput()).split(QLatin1Char('\n'))) {
            if (line.startsWith(QLatin1String("data: ")))
                data = line.mid(6);
            if (line.startsWith(QLatin1String("jars: ")))
                jars = line.mid(6);
        }
        const QString segment = QStringLiteral("%1/1/data/%2-%3/00000000000000000000.log").arg(data, topic).arg(partition);
        QProcess dump;
        dump.start(QStringLiteral("java"), {QStringLiteral("-cp"), jars + QStringLiteral("/*"),
                                            QStringLiteral("kafka.tools.DumpLogSegments"), QStringLiteral("--files"), segment});
        if (!dump.waitForFinished(60000) || dump.exitCode() != 0)
            return {QStringLiteral("DumpLogSegments failed on %1: ").arg(segment) + QString::fromUtf8(dump.readAllStandardError())};
        QStringList codecs;
        static const QRegularExpression codec(QStringLiteral("compresscodec: (\\w+)"));
        for (auto it = codec.globalMatch(QString::fromUtf8(dump.readAllStandardOutput())); it.hasNext();)
            codecs.append(it.next().captured(1));
        return codecs;
    }

    // Stopping the sandbox joins its threads: the test's own wait.
    ~TestCluster()
    {
        const TestSideBlocking allow("the test stops its cluster");
        m_client.reset();
        m_sandbox.reset();
    }
    TestCluster(const TestCluster &) = delete;
    TestCluster &operator=(const TestCluster &) = delete;

private:
    TestCluster() = default;

    std::unique_ptr<kafka::Sandbox> m_sandbox;
    QString m_bootstrap;
    std::unique_ptr<kafka::ClusterClient> m_client; // declared last: destroyed before the sandbox
};

} // namespace testsupport
