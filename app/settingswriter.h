#pragma once

#include <QVariantMap>

// Writes settings off the GUI thread. QSettings rewrites its whole file, and
// syncs it to disk, when an instance with changes is synced or destroyed:
// done on the GUI thread, that once took 700 ms (fdatasync on a busy disk).
// Writes run here in the order given, on a thread of their own; what the GUI
// needs back it keeps in memory (RecentConnections), since a QSettings read
// on the GUI thread would wait for a write in progress on the same file.
namespace SettingsWriter {

// Sets each key to its value (an invalid QVariant removes the key) and syncs,
// after every write queued before it.
void write(const QVariantMap &values);
// Waits up to `ms` for the writes queued so far: for the end of the process
// (main.cpp), when the window is gone, and for tests.
bool waitForWrites(int ms);

} // namespace SettingsWriter
