#include "admincommand.h"

#include <cstdio>

namespace cli {

AdminOptions::AdminOptions()
    : brokers(QStringList{QStringLiteral("b"), QStringLiteral("brokers")},
              QStringLiteral("Bootstrap servers, host:port[,...]."), QStringLiteral("SERVERS")),
      property(QStringLiteral("X"), QStringLiteral("librdkafka client property; repeatable."),
               QStringLiteral("PROPERTY=VALUE"))
{
}

kafka::Result<std::unique_ptr<kafka::ClusterClient>> AdminOptions::client(const SubcommandParser &parser) const
{
    if (!parser.isSet(brokers))
        return kafka::Error::invalid(QStringLiteral("-b SERVERS is required"));
    kafka::ClientConfig config{parser.value(brokers).trimmed(), {}};
    if (auto err = kafka::validateBootstrapServers(config.bootstrapServers))
        return err;
    auto properties = kafka::parseProperties(parser.values(property).join(QLatin1Char('\n')));
    if (!properties.ok())
        return properties.error();
    config.properties += properties.value();
    if (auto err = config.validate())
        return err;
    return kafka::ClusterClient::create(config);
}

int runAction(const QString &command, const QString &description, const QList<Action> &actions,
              const QStringList &arguments)
{
    const QString first = arguments.value(0);
    for (const Action &action : actions)
        if (first == action.name)
            return action.run(arguments.mid(1));

    QString text = QStringLiteral("Usage: kafkadesk %1 ACTION [options]\n%2\n\nActions:\n").arg(command, description);
    for (const Action &action : actions)
        text += QStringLiteral("  %1  %2\n").arg(action.name, -16).arg(action.summary);
    text += QStringLiteral("\n'kafkadesk %1 ACTION --help' describes an action's options.\n").arg(command);
    if (first == QLatin1String("-h") || first == QLatin1String("--help")) {
        std::fputs(qPrintable(text), stdout);
        return 0;
    }
    const QString problem = first.isEmpty() ? QStringLiteral("an action is required")
                                            : QStringLiteral("unknown action '%1'").arg(QString::fromUtf8(first.toLatin1()));
    std::fprintf(stderr, "kafkadesk %s: %s\n\n%s", qPrintable(command), qPrintable(problem), qPrintable(text));
    return 2;
}

void printRow(const QStringList &fields)
{
    std::fputs(qPrintable(fields.join(QLatin1Char('\t')) + QLatin1Char('\n')), stdout);
}

QString numberOrUnknown(qint64 value)
{
    return value < 0 ? QStringLiteral("unknown") : QString::number(value);
}

} // namespace cli
