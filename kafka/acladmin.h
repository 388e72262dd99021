#pragma once

#include "clusterclient.h"
#include "error.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace kafka {

// One ACL: who (principal, host) may or may not (permission) do what
// (operation) to which resources (type, name and how the name matches).
// The enums are librdkafka's; a filter uses their ANY values and empty
// strings for "any".
struct AclBinding {
    rd_kafka_ResourceType_t resourceType = RD_KAFKA_RESOURCE_ANY;
    QString resourceName;
    rd_kafka_ResourcePatternType_t patternType = RD_KAFKA_RESOURCE_PATTERN_ANY;
    QString principal; // "User:alice"
    QString host;      // "*" for any host
    rd_kafka_AclOperation_t operation = RD_KAFKA_ACL_OPERATION_ANY;
    rd_kafka_AclPermissionType_t permission = RD_KAFKA_ACL_PERMISSION_TYPE_ANY;

    friend bool operator==(const AclBinding &, const AclBinding &) = default;
};

// A filter: what is left ANY or empty matches anything. (DescribeAcls and
// DeleteAcls take the same shape; MATCH as pattern type also finds the
// prefixed and wildcard ACLs that apply to a literal name.)
using AclFilter = AclBinding;

// The names Kafka's own tools use ("Topic", "Cluster", "Read", "Prefixed",
// "Allow"), and back, case-insensitively (with librdkafka's "Broker" for
// "Cluster" too). Unknown names give the UNKNOWN value.
QString resourceTypeName(rd_kafka_ResourceType_t type);
QString patternTypeName(rd_kafka_ResourcePatternType_t type);
QString operationName(rd_kafka_AclOperation_t operation);
QString permissionName(rd_kafka_AclPermissionType_t permission);
rd_kafka_ResourceType_t resourceTypeFromName(const QString &name);
rd_kafka_ResourcePatternType_t patternTypeFromName(const QString &name);
rd_kafka_AclOperation_t operationFromName(const QString &name);
rd_kafka_AclPermissionType_t permissionFromName(const QString &name);
// The names accepted for each, for help and error texts.
QStringList resourceTypeNames();
QStringList patternTypeNames();
QStringList operationNames();
QStringList permissionNames();

// ACL administration (DescribeAcls, CreateAcls, DeleteAcls). Every call
// blocks on the network (run it on the network pool). A cluster without an
// authorizer answers SECURITY_DISABLED: the error says ACLs are off there.
class AclAdmin {
public:
    using Timeout = ClusterClient::Timeout;
    explicit AclAdmin(const ClusterClient &client) : m_client(client) {}

    Result<QList<AclBinding>> list(const AclFilter &filter, Timeout timeout = ClusterClient::DefaultTimeout) const;
    // Every field must be concrete (no ANY, no empty principal or name);
    // the host defaults to "*" when empty.
    Error create(const AclBinding &acl, Timeout timeout = ClusterClient::DefaultTimeout) const;
    // Deletes what matches the filter; returns what matched (and is gone).
    Result<QList<AclBinding>> remove(const AclFilter &filter, Timeout timeout = ClusterClient::DefaultTimeout) const;

    // An ACL request's failure in words: SECURITY_DISABLED means the cluster
    // has no authorizer.
    static Error requestError(rd_kafka_resp_err_t code, const QString &what, const QString &reason);

private:
    const ClusterClient &m_client;
};

} // namespace kafka
