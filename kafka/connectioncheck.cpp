#include "connectioncheck.h"

namespace kafka {

QString ConnectionReport::text() const
{
    QString out;
    for (const Step &step : steps)
        out += QStringLiteral("%1: %2%3\n").arg(step.name, step.ok ? QStringLiteral("ok") : QStringLiteral("FAILED"),
                                               step.detail.isEmpty() ? QString() : QStringLiteral(", ") + step.detail);
    return out;
}

// Placeholder until the real check lands (helper "secure" replaces it).
ConnectionReport checkConnection(const ClientConfig &config, std::chrono::milliseconds)
{
    ConnectionReport report;
    report.steps.append({QStringLiteral("Cluster"), false,
                         QStringLiteral("checking %1 is not built yet").arg(config.bootstrapServers)});
    return report;
}

} // namespace kafka
