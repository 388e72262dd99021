#include "subcommandparser.h"

#include <cstdio>

namespace cli {

SubcommandParser::SubcommandParser(const QString &name, const QString &description)
    : m_command(name.isEmpty() ? QStringLiteral("kafkadesk") : QStringLiteral("kafkadesk ") + name),
      m_helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help and exit."))
{
    m_parser.setApplicationDescription(description);
    // Not addHelpOption(): its --help-all would list Qt's options, which no
    // subcommand takes, and parse() would not act on it.
    m_parser.addOption(m_helpOption);
}

std::optional<int> SubcommandParser::parse(const QStringList &arguments)
{
    if (!m_parser.parse(QStringList{m_command} + arguments))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(m_helpOption)) {
        std::fputs(qPrintable(help()), stdout);
        return 0;
    }
    if (!m_parser.positionalArguments().isEmpty()) {
        const QString argument = m_parser.positionalArguments().first();
        // Without a subcommand, a word is a subcommand mistyped or not (yet) there.
        return usageError(m_command.contains(QLatin1Char(' '))
                              ? QStringLiteral("unexpected argument '%1'").arg(argument)
                              : QStringLiteral("unknown command '%1'").arg(argument));
    }
    return std::nullopt;
}

int SubcommandParser::usageError(const QString &message) const
{
    std::fprintf(stderr, "%s: %s\n\n%s", qPrintable(m_command), qPrintable(message), qPrintable(help()));
    return 2;
}

QString SubcommandParser::help() const
{
    // QCommandLineParser names the executable; users type the subcommand too.
    const QString text = m_parser.helpText();
    return QStringLiteral("Usage: ") + m_command + text.mid(text.indexOf(QLatin1String(" [options]")));
}

ClientOptions::ClientOptions(const QString &topicDescription)
    : brokers(QStringList{QStringLiteral("b"), QStringLiteral("brokers")},
              QStringLiteral("Bootstrap servers, host:port[,...]."), QStringLiteral("SERVERS")),
      topic(QStringList{QStringLiteral("t"), QStringLiteral("topic")}, topicDescription, QStringLiteral("TOPIC")),
      property(QStringLiteral("X"), QStringLiteral("librdkafka client property; repeatable."),
               QStringLiteral("PROPERTY=VALUE"))
{
}

kafka::Result<kafka::ClientConfig> ClientOptions::config(const SubcommandParser &parser, kafka::Properties defaults) const
{
    if (!parser.isSet(brokers))
        return kafka::Error::invalid(QStringLiteral("-b SERVERS is required"));
    if (!parser.isSet(topic))
        return kafka::Error::invalid(QStringLiteral("-t TOPIC is required"));
    kafka::ClientConfig config{parser.value(brokers).trimmed(), std::move(defaults)};
    if (auto err = kafka::validateBootstrapServers(config.bootstrapServers))
        return err;
    auto properties = kafka::parseProperties(parser.values(property).join(QLatin1Char('\n')));
    if (!properties.ok())
        return properties.error();
    config.properties += properties.value();
    if (auto err = config.validate())
        return err;
    return config;
}

} // namespace cli
