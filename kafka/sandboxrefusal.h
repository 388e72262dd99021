#pragma once

#include "clusterclient.h"
#include "error.h"

#include <QString>

namespace kafka {

// The sandbox (librdkafka 2.0.2's mock cluster) answers none of the group
// and ACL Admin requests. Sent there, a group request waits for its
// coordinator for its whole lifetime (ClusterClient::GroupRequestLifetimeMs)
// and holds up the client's destruction as long, so these requests are
// never sent to it: this tells the sandbox by its cluster id, which the mock
// makes up as "mockCluster<hex>", and returns the sentence refusing to
// `action` ("reset a group's offsets") because the sandbox does not answer
// `request` ("DescribeGroups"). Empty on a real cluster; "cannot reach"
// when the cluster does not answer within `timeout`.
Error sandboxRefusal(const ClusterClient &client, const QString &request, const QString &action,
                     ClusterClient::Timeout timeout);

} // namespace kafka
