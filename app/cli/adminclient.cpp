#include "adminclient.h"

#include <cstdio>

namespace cli {

AdminStart startAdmin(SubcommandParser &parser, const ClientOptions &options,
                      const QStringList &arguments, ClientOptions::Access access)
{
    parser.addOptions(options.profileOptions());
    if (const auto exit = parser.parse(arguments))
        return {nullptr, exit};
    auto config = options.clusterConfig(parser, {}, access);
    if (!config.ok())
        return {nullptr, ClientOptions::exitFor(parser, config.error())};
    auto client = kafka::ClusterClient::create(config.value());
    if (!client.ok())
        return {nullptr, parser.failure(client.error().message)};
    return {std::move(client).value(), std::nullopt};
}

int reportFailure(const QString &command, const QString &message)
{
    std::fprintf(stderr, "kafkadesk %s: %s\n", qPrintable(command), qPrintable(message));
    return 1;
}

std::pair<QString, QStringList> takeAction(const QStringList &arguments)
{
    if (arguments.isEmpty()
        || (arguments.first().startsWith(QLatin1Char('-')) && arguments.first() != QLatin1String("-h")
            && arguments.first() != QLatin1String("--help")))
        return {QString(), arguments};
    return {arguments.first(), arguments.mid(1)};
}

int actionUsage(const QString &command, const QString &action, const QStringList &actions, const QString &summary)
{
    const QString help = QStringLiteral("Usage: kafkadesk %1 ACTION [options]\n%2\n\nActions: %3\n"
                                        "'kafkadesk %1 ACTION --help' describes each.\n")
                             .arg(command, summary, actions.join(QStringLiteral(", ")));
    if (action.isEmpty()) {
        std::fprintf(stderr, "kafkadesk %s: name an action\n\n%s", qPrintable(command), qPrintable(help));
        return 2;
    }
    if (action == QLatin1String("-h") || action == QLatin1String("--help")) {
        std::fputs(qPrintable(help), stdout);
        return 0;
    }
    std::fprintf(stderr, "kafkadesk %s: unknown action '%s'\n\n%s", qPrintable(command),
                 qPrintable(QString::fromUtf8(action.toLatin1())), qPrintable(help));
    return 2;
}

QString numberOrUnknown(qint64 value)
{
    return value < 0 ? QStringLiteral("unknown") : QString::number(value);
}

} // namespace cli
