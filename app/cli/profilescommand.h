#pragma once

#include <QStringList>

namespace cli {

// `kafkadesk profiles list|show|add|edit|remove|rename|test|import|export ...`:
// the connection profiles the window and `--profile NAME` use, their
// secrets in the OS keychain (app/profiles). 0 on success, 1 when a
// profile or the keychain refuses (or `test` finds the cluster unusable),
// 2 for bad arguments.
int runProfiles(const QStringList &arguments);

} // namespace cli
