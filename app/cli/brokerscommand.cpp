#include "brokerscommand.h"

#include "adminclient.h"
#include "subcommandparser.h"

#include "kafka/brokeradmin.h"

#include <cstdio>

namespace cli {

int runBrokers(const QStringList &arguments)
{
    SubcommandParser parser(QStringLiteral("brokers"),
                            QStringLiteral("Lists the cluster's brokers, tab-separated: id, host:port, rack ('-' for "
                                           "none, 'unknown' when it cannot be read) and 'controller' or '-'."));
    const ClientOptions client(QStringLiteral("Unused."));
    parser.addOptions({client.brokers, client.property});
    auto started = startAdmin(parser, client, arguments);
    if (started.exitCode)
        return *started.exitCode;
    auto list = kafka::describeBrokers(*started.client);
    if (!list.ok())
        return reportFailure(QStringLiteral("brokers"), list.error().message);
    QString firstRackError;
    for (const kafka::BrokerDetails &broker : list.value().brokers) {
        const QString rack = !broker.rack ? QStringLiteral("unknown")
                             : broker.rack->isEmpty() ? QStringLiteral("-") : *broker.rack;
        if (!broker.rack && firstRackError.isEmpty())
            firstRackError = broker.rackError;
        std::fputs(qPrintable(QStringLiteral("%1\t%2\t%3\t%4\n")
                                  .arg(broker.broker.id)
                                  .arg(broker.broker.address(), rack,
                                       broker.controller ? QStringLiteral("controller") : QStringLiteral("-"))),
                   stdout);
    }
    // Why a rack is unknown, once: on the sandbox it is the same for all.
    if (!firstRackError.isEmpty())
        std::fprintf(stderr, "kafkadesk brokers: rack unknown: %s\n", qPrintable(firstRackError));
    if (list.value().controllerId < 0)
        std::fprintf(stderr, "kafkadesk brokers: the controller is unknown (the cluster names none)\n");
    return 0;
}

} // namespace cli
