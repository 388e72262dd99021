#pragma once

#include <QStringList>

namespace cli {

// `kafkadesk acls list|create|delete ...`: ACLs on a real cluster with an
// authorizer. Bindings on stdout as tab-separated lines (PRINCIPAL, HOST,
// OPERATION, PERMISSION, RESOURCE-TYPE, RESOURCE, PATTERN); 0 on success,
// 1 when the cluster refused or cannot be reached, 2 for bad arguments or a
// deletion without --yes (which lists what would be deleted).
int runAcls(const QStringList &arguments);

} // namespace cli
