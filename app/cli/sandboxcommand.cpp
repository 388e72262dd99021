#include "sandboxcommand.h"

#include "signalcatcher.h"
#include "subcommandparser.h"

#include "kafka/connection.h"
#include "kafka/sandbox.h"
#include "kafka/topicspec.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdio>

namespace cli {

std::optional<SandboxOptions> parseSandboxOptions(const QStringList &arguments, int *exitCode)
{
    SubcommandParser parser(QStringLiteral("sandbox"),
                            QStringLiteral("Runs the built-in sandbox Kafka cluster on 127.0.0.1 until SIGINT or SIGTERM.\n"
                                           "Without --topic it creates 'demo' with 6 partitions and replication factor 3."));
    const QCommandLineOption brokersOption(QStringLiteral("brokers"),
                                           QStringLiteral("Number of brokers, %1 to %2 (default 3).")
                                               .arg(kafka::Sandbox::MinBrokers)
                                               .arg(kafka::Sandbox::MaxBrokers),
                                           QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption topicOption(QStringLiteral("topic"),
                                         QStringLiteral("A topic to create; repeat for more (RF defaults to 1)."),
                                         QStringLiteral("NAME:PARTITIONS[:RF]"));
    parser.addOptions({brokersOption, topicOption});
    const auto fail = [&](const QString &message) {
        *exitCode = parser.usageError(message);
        return std::nullopt;
    };
    if (const auto exit = parser.parse(arguments)) {
        *exitCode = *exit;
        return std::nullopt;
    }

    bool brokersOk = false;
    const int brokers = parser.value(brokersOption).toInt(&brokersOk);
    if (!brokersOk || brokers < kafka::Sandbox::MinBrokers || brokers > kafka::Sandbox::MaxBrokers)
        return fail(QStringLiteral("--brokers takes a number from %1 to %2")
                        .arg(kafka::Sandbox::MinBrokers)
                        .arg(kafka::Sandbox::MaxBrokers));

    QList<kafka::TopicSpec> topics;
    for (const QString &text : parser.values(topicOption)) {
        auto topic = kafka::parseTopicSpec(text);
        if (!topic.ok())
            return fail(topic.error().message);
        if (auto err = kafka::Sandbox::checkTopic(topic.value(), brokers))
            return fail(err.message);
        const bool duplicate = std::any_of(topics.begin(), topics.end(),
                                           [&](const kafka::TopicSpec &t) { return t.name == topic.value().name; });
        if (duplicate)
            return fail(QStringLiteral("topic '%1' is given twice").arg(topic.value().name));
        topics.append(topic.value());
    }
    if (topics.isEmpty())
        topics.append(kafka::Connection::defaultSandboxTopic(brokers));
    return SandboxOptions{brokers, topics};
}

int runSandbox(const QStringList &arguments)
{
    int exitCode = 0;
    const auto options = parseSandboxOptions(arguments, &exitCode);
    if (!options)
        return exitCode;
    const int brokers = options->brokers;
    const QList<kafka::TopicSpec> &topics = options->topics;

    SignalCatcher catcher; // before the sandbox, so an early signal is not lost
    auto sandbox = kafka::Sandbox::start(brokers);
    if (!sandbox.ok()) {
        std::fprintf(stderr, "kafkadesk sandbox: %s\n", qPrintable(sandbox.error().message));
        return 1;
    }
    for (const auto &topic : topics) {
        if (auto err = sandbox.value()->createTopic(topic)) {
            std::fprintf(stderr, "kafkadesk sandbox: %s\n", qPrintable(err.message));
            return 2;
        }
        std::fprintf(stderr, "topic: %s partitions=%d replication=%d\n", qPrintable(topic.name), topic.partitions,
                     topic.replicationFactor);
    }
    std::fprintf(stderr, "note: %s\n", qPrintable(sandbox.value()->replicaNote()));
    std::printf("bootstrap: %s\n", qPrintable(sandbox.value()->bootstrapServers()));
    std::fflush(stdout);

    QCoreApplication::exec();
    std::fprintf(stderr, "kafkadesk sandbox: stopped by %s\n", qPrintable(SignalCatcher::name(SignalCatcher::lastCaught())));
    return 0;
}

} // namespace cli
