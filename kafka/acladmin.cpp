#include "acladmin.h"

#include "adminrequest.h"

#include <QDeadlineTimer>

#include <algorithm>
#include <memory>
#include <tuple>
#include <utility>

namespace kafka {

namespace {

struct AclBindingDeleter {
    void operator()(rd_kafka_AclBinding_t *acl) const { rd_kafka_AclBinding_destroy(acl); }
};
using AclBindingPtr = std::unique_ptr<rd_kafka_AclBinding_t, AclBindingDeleter>;

// Kafka's own names (kafka-acls, the Java Admin client), by librdkafka value.
const QList<std::pair<rd_kafka_ResourceType_t, QString>> &resourceTypes()
{
    static const QList<std::pair<rd_kafka_ResourceType_t, QString>> names{
        {RD_KAFKA_RESOURCE_ANY, QStringLiteral("Any")},
        {RD_KAFKA_RESOURCE_TOPIC, QStringLiteral("Topic")},
        {RD_KAFKA_RESOURCE_GROUP, QStringLiteral("Group")},
        {RD_KAFKA_RESOURCE_BROKER, QStringLiteral("Cluster")}};
    return names;
}
const QList<std::pair<rd_kafka_ResourcePatternType_t, QString>> &patternTypes()
{
    static const QList<std::pair<rd_kafka_ResourcePatternType_t, QString>> names{
        {RD_KAFKA_RESOURCE_PATTERN_ANY, QStringLiteral("Any")},
        {RD_KAFKA_RESOURCE_PATTERN_MATCH, QStringLiteral("Match")},
        {RD_KAFKA_RESOURCE_PATTERN_LITERAL, QStringLiteral("Literal")},
        {RD_KAFKA_RESOURCE_PATTERN_PREFIXED, QStringLiteral("Prefixed")}};
    return names;
}
const QList<std::pair<rd_kafka_AclOperation_t, QString>> &operations()
{
    static const QList<std::pair<rd_kafka_AclOperation_t, QString>> names{
        {RD_KAFKA_ACL_OPERATION_ANY, QStringLiteral("Any")},
        {RD_KAFKA_ACL_OPERATION_ALL, QStringLiteral("All")},
        {RD_KAFKA_ACL_OPERATION_READ, QStringLiteral("Read")},
        {RD_KAFKA_ACL_OPERATION_WRITE, QStringLiteral("Write")},
        {RD_KAFKA_ACL_OPERATION_CREATE, QStringLiteral("Create")},
        {RD_KAFKA_ACL_OPERATION_DELETE, QStringLiteral("Delete")},
        {RD_KAFKA_ACL_OPERATION_ALTER, QStringLiteral("Alter")},
        {RD_KAFKA_ACL_OPERATION_DESCRIBE, QStringLiteral("Describe")},
        {RD_KAFKA_ACL_OPERATION_CLUSTER_ACTION, QStringLiteral("ClusterAction")},
        {RD_KAFKA_ACL_OPERATION_DESCRIBE_CONFIGS, QStringLiteral("DescribeConfigs")},
        {RD_KAFKA_ACL_OPERATION_ALTER_CONFIGS, QStringLiteral("AlterConfigs")},
        {RD_KAFKA_ACL_OPERATION_IDEMPOTENT_WRITE, QStringLiteral("IdempotentWrite")}};
    return names;
}
const QList<std::pair<rd_kafka_AclPermissionType_t, QString>> &permissions()
{
    static const QList<std::pair<rd_kafka_AclPermissionType_t, QString>> names{
        {RD_KAFKA_ACL_PERMISSION_TYPE_ANY, QStringLiteral("Any")},
        {RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW, QStringLiteral("Allow")},
        {RD_KAFKA_ACL_PERMISSION_TYPE_DENY, QStringLiteral("Deny")}};
    return names;
}

// "CLUSTER_ACTION", "cluster-action" and "ClusterAction" are one name.
QString folded(const QString &name)
{
    QString key = name.toLower();
    key.remove(QLatin1Char('_'));
    key.remove(QLatin1Char('-'));
    return key;
}

template <typename Enum>
QString nameOf(const QList<std::pair<Enum, QString>> &names, Enum value)
{
    for (const auto &[v, name] : names)
        if (v == value)
            return name;
    return QStringLiteral("Unknown");
}

template <typename Enum>
Enum valueOf(const QList<std::pair<Enum, QString>> &names, const QString &name, Enum unknown)
{
    for (const auto &[v, n] : names)
        if (folded(n) == folded(name))
            return v;
    return unknown;
}

template <typename Enum>
QStringList namesOf(const QList<std::pair<Enum, QString>> &names)
{
    QStringList list;
    for (const auto &entry : names)
        list.append(entry.second);
    return list;
}

QByteArray orNull(const QString &text)
{
    return text.isEmpty() ? QByteArray() : text.toUtf8();
}
const char *pointer(const QByteArray &bytes)
{
    return bytes.isNull() ? nullptr : bytes.constData();
}

// A filter, or a binding when `binding` (every field then concrete).
Result<AclBindingPtr> toLibrdkafka(const AclBinding &acl, bool binding)
{
    char errstr[512] = "";
    const QByteArray name = orNull(acl.resourceName), principal = orNull(acl.principal), host = orNull(acl.host);
    AclBindingPtr made(binding ? rd_kafka_AclBinding_new(acl.resourceType, pointer(name), acl.patternType, pointer(principal),
                                                         pointer(host), acl.operation, acl.permission, errstr, sizeof errstr)
                               : rd_kafka_AclBindingFilter_new(acl.resourceType, pointer(name), acl.patternType,
                                                               pointer(principal), pointer(host), acl.operation,
                                                               acl.permission, errstr, sizeof errstr));
    if (!made)
        return Error::invalid(QString::fromUtf8(errstr));
    return made;
}

AclBinding fromLibrdkafka(const rd_kafka_AclBinding_t *acl)
{
    return {rd_kafka_AclBinding_restype(acl),
            QString::fromUtf8(rd_kafka_AclBinding_name(acl)),
            rd_kafka_AclBinding_resource_pattern_type(acl),
            QString::fromUtf8(rd_kafka_AclBinding_principal(acl)),
            QString::fromUtf8(rd_kafka_AclBinding_host(acl)),
            rd_kafka_AclBinding_operation(acl),
            rd_kafka_AclBinding_permission_type(acl)};
}

void sortBindings(QList<AclBinding> &acls)
{
    std::sort(acls.begin(), acls.end(), [](const AclBinding &a, const AclBinding &b) {
        return std::tie(a.principal, a.resourceType, a.resourceName, a.operation, a.permission, a.host, a.patternType)
               < std::tie(b.principal, b.resourceType, b.resourceName, b.operation, b.permission, b.host, b.patternType);
    });
}

} // namespace

QString resourceTypeName(rd_kafka_ResourceType_t type) { return nameOf(resourceTypes(), type); }
QString patternTypeName(rd_kafka_ResourcePatternType_t type) { return nameOf(patternTypes(), type); }
QString operationName(rd_kafka_AclOperation_t operation) { return nameOf(operations(), operation); }
QString permissionName(rd_kafka_AclPermissionType_t permission) { return nameOf(permissions(), permission); }

rd_kafka_ResourceType_t resourceTypeFromName(const QString &name)
{
    // librdkafka's own name for the cluster resource.
    if (folded(name) == QLatin1String("broker"))
        return RD_KAFKA_RESOURCE_BROKER;
    return valueOf(resourceTypes(), name, RD_KAFKA_RESOURCE_UNKNOWN);
}
rd_kafka_ResourcePatternType_t patternTypeFromName(const QString &name)
{
    return valueOf(patternTypes(), name, RD_KAFKA_RESOURCE_PATTERN_UNKNOWN);
}
rd_kafka_AclOperation_t operationFromName(const QString &name)
{
    return valueOf(operations(), name, RD_KAFKA_ACL_OPERATION_UNKNOWN);
}
rd_kafka_AclPermissionType_t permissionFromName(const QString &name)
{
    return valueOf(permissions(), name, RD_KAFKA_ACL_PERMISSION_TYPE_UNKNOWN);
}
QStringList resourceTypeNames() { return namesOf(resourceTypes()); }
QStringList patternTypeNames() { return namesOf(patternTypes()); }
QStringList operationNames() { return namesOf(operations()); }
QStringList permissionNames() { return namesOf(permissions()); }

Error AclAdmin::requestError(rd_kafka_resp_err_t code, const QString &what, const QString &reason)
{
    if (code == RD_KAFKA_RESP_ERR_SECURITY_DISABLED)
        return {code, QStringLiteral("Cannot %1: ACLs are off on this cluster (no authorizer configured; its brokers "
                                     "need authorizer.class.name).")
                          .arg(what)};
    if (code == RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED)
        return {code, QStringLiteral("Cannot %1: this client's principal is not allowed to (it needs Describe on the "
                                     "cluster to list ACLs, Alter to change them).")
                          .arg(what)};
    return {code, QStringLiteral("Cannot %1: %2").arg(what, reason)};
}

Result<QList<AclBinding>> AclAdmin::list(const AclFilter &filter, Timeout timeout) const
{
    const QString what = QStringLiteral("list ACLs");
    const QDeadlineTimer deadline(timeout);
    if (auto refused = refuseOnSandbox(m_client, "DescribeAcls", what, timeout))
        return refused;
    // The check waited for the cluster id: the request has what is left.
    timeout = ClusterClient::timeLeft(deadline);
    auto made = toLibrdkafka(filter, false);
    if (!made.ok())
        return made.error();
    AdminOptionsPtr options = adminOptions(m_client, RD_KAFKA_ADMIN_OP_DESCRIBEACLS, timeout);
    QueuePtr queue(rd_kafka_queue_new(m_client.handle()));
    rd_kafka_DescribeAcls(m_client.handle(), made.value().get(), options.get(), queue.get());
    auto event = m_client.awaitAdmin(queue.get(), timeout, what);
    if (!event.ok()) {
        const Error &err = event.error();
        return err.code == RD_KAFKA_RESP_ERR__TIMED_OUT ? err : requestError(err.code, what, err.message);
    }
    size_t count = 0;
    const rd_kafka_AclBinding_t **acls =
        rd_kafka_DescribeAcls_result_acls(rd_kafka_event_DescribeAcls_result(event.value().get()), &count);
    QList<AclBinding> result;
    for (size_t i = 0; i < count; ++i)
        result.append(fromLibrdkafka(acls[i]));
    sortBindings(result);
    return result;
}

Error AclAdmin::create(const AclBinding &acl, Timeout timeout) const
{
    const QString what = QStringLiteral("create the ACL");
    AclBinding concrete = acl;
    if (concrete.host.isEmpty())
        concrete.host = QStringLiteral("*");
    if (concrete.principal.isEmpty() || !concrete.principal.contains(QLatin1Char(':')))
        return Error::invalid(QStringLiteral("An ACL needs a principal as TYPE:NAME, e.g. User:alice."));
    if (concrete.resourceName.isEmpty())
        return Error::invalid(QStringLiteral("An ACL needs a resource name (the cluster's is kafka-cluster; * for all)."));
    if (concrete.resourceType == RD_KAFKA_RESOURCE_ANY || concrete.resourceType == RD_KAFKA_RESOURCE_UNKNOWN
        || concrete.patternType == RD_KAFKA_RESOURCE_PATTERN_ANY || concrete.patternType == RD_KAFKA_RESOURCE_PATTERN_MATCH
        || concrete.patternType == RD_KAFKA_RESOURCE_PATTERN_UNKNOWN || concrete.operation == RD_KAFKA_ACL_OPERATION_ANY
        || concrete.operation == RD_KAFKA_ACL_OPERATION_UNKNOWN || concrete.permission == RD_KAFKA_ACL_PERMISSION_TYPE_ANY
        || concrete.permission == RD_KAFKA_ACL_PERMISSION_TYPE_UNKNOWN)
        return Error::invalid(QStringLiteral("An ACL needs a resource type, a pattern type (Literal or Prefixed), an "
                                             "operation and a permission (Allow or Deny); Any is for filters."));
    const QDeadlineTimer deadline(timeout);
    if (auto refused = refuseOnSandbox(m_client, "CreateAcls", what, timeout))
        return refused;
    // The check waited for the cluster id: the request has what is left.
    timeout = ClusterClient::timeLeft(deadline);
    auto made = toLibrdkafka(concrete, true);
    if (!made.ok())
        return made.error();
    AdminOptionsPtr options = adminOptions(m_client, RD_KAFKA_ADMIN_OP_CREATEACLS, timeout);
    QueuePtr queue(rd_kafka_queue_new(m_client.handle()));
    rd_kafka_AclBinding_t *acls[] = {made.value().get()};
    rd_kafka_CreateAcls(m_client.handle(), acls, 1, options.get(), queue.get());
    auto event = m_client.awaitAdmin(queue.get(), timeout, what);
    if (!event.ok()) {
        const Error &err = event.error();
        return err.code == RD_KAFKA_RESP_ERR__TIMED_OUT ? err : requestError(err.code, what, err.message);
    }
    size_t count = 0;
    const rd_kafka_acl_result_t **results =
        rd_kafka_CreateAcls_result_acls(rd_kafka_event_CreateAcls_result(event.value().get()), &count);
    for (size_t i = 0; i < count; ++i)
        if (const rd_kafka_error_t *error = rd_kafka_acl_result_error(results[i]))
            return requestError(rd_kafka_error_code(error), what, QString::fromUtf8(rd_kafka_error_string(error)));
    return {};
}

Result<QList<AclBinding>> AclAdmin::remove(const AclFilter &filter, Timeout timeout) const
{
    const QString what = QStringLiteral("delete ACLs");
    const QDeadlineTimer deadline(timeout);
    if (auto refused = refuseOnSandbox(m_client, "DeleteAcls", what, timeout))
        return refused;
    // The check waited for the cluster id: the request has what is left.
    timeout = ClusterClient::timeLeft(deadline);
    auto made = toLibrdkafka(filter, false);
    if (!made.ok())
        return made.error();
    AdminOptionsPtr options = adminOptions(m_client, RD_KAFKA_ADMIN_OP_DELETEACLS, timeout);
    QueuePtr queue(rd_kafka_queue_new(m_client.handle()));
    rd_kafka_AclBindingFilter_t *filters[] = {made.value().get()};
    rd_kafka_DeleteAcls(m_client.handle(), filters, 1, options.get(), queue.get());
    auto event = m_client.awaitAdmin(queue.get(), timeout, what);
    if (!event.ok()) {
        const Error &err = event.error();
        return err.code == RD_KAFKA_RESP_ERR__TIMED_OUT ? err : requestError(err.code, what, err.message);
    }
    size_t count = 0;
    const rd_kafka_DeleteAcls_result_response_t **responses =
        rd_kafka_DeleteAcls_result_responses(rd_kafka_event_DeleteAcls_result(event.value().get()), &count);
    QList<AclBinding> deleted;
    for (size_t i = 0; i < count; ++i) {
        if (const rd_kafka_error_t *error = rd_kafka_DeleteAcls_result_response_error(responses[i]))
            return requestError(rd_kafka_error_code(error), what, QString::fromUtf8(rd_kafka_error_string(error)));
        size_t matching = 0;
        const rd_kafka_AclBinding_t **acls = rd_kafka_DeleteAcls_result_response_matching_acls(responses[i], &matching);
        for (size_t m = 0; m < matching; ++m)
            deleted.append(fromLibrdkafka(acls[m]));
    }
    sortBindings(deleted);
    return deleted;
}

} // namespace kafka
