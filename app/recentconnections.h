#pragma once

#include "kafka/connectionspec.h"

#include <QList>

// The connections the user opened, most recent first, kept in QSettings
// (without secret properties: see ConnectionSpec::toVariant). Read from the
// settings once; after that the list is kept in memory and each change is
// written by SettingsWriter, so the GUI thread never waits on the disk.
namespace RecentConnections {

constexpr int MaxCount = 10;

QList<kafka::ConnectionSpec> load();
// Moves `spec` to the front, dropping an older equal entry.
void remember(const kafka::ConnectionSpec &spec);
// Reads the list from the settings again, after the queued writes: for a
// settings file changed behind the app's back (tests clear it).
void reload();

} // namespace RecentConnections
