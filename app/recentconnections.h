#pragma once

#include "kafka/connectionspec.h"

#include <QList>

// The connections the user opened, most recent first, kept in QSettings
// (without secret properties: see ConnectionSpec::toVariant).
namespace RecentConnections {

constexpr int MaxCount = 10;

QList<kafka::ConnectionSpec> load();
// Moves `spec` to the front, dropping an older equal entry.
void remember(const kafka::ConnectionSpec &spec);

} // namespace RecentConnections
