#include "subcommandparser.h"

#include <cstdio>

namespace cli {

SubcommandParser::SubcommandParser(const QString &name, const QString &description) : m_name(name)
{
    m_parser.setApplicationDescription(description);
    m_parser.addHelpOption();
}

std::optional<int> SubcommandParser::parse(const QStringList &arguments)
{
    if (!m_parser.parse(QStringList{QStringLiteral("kafkadesk ") + m_name} + arguments))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(help()), stdout);
        return 0;
    }
    if (!m_parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument '%1'").arg(m_parser.positionalArguments().first()));
    return std::nullopt;
}

int SubcommandParser::usageError(const QString &message) const
{
    std::fprintf(stderr, "kafkadesk %s: %s\n\n%s", qPrintable(m_name), qPrintable(message), qPrintable(help()));
    return 2;
}

QString SubcommandParser::help() const
{
    // QCommandLineParser names the executable; users type the subcommand too.
    const QString text = m_parser.helpText();
    return QStringLiteral("Usage: kafkadesk ") + m_name + text.mid(text.indexOf(QLatin1String(" [options]")));
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
