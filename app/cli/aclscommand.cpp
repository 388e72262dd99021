#include "aclscommand.h"

#include "adminclient.h"
#include "subcommandparser.h"

#include "kafka/acladmin.h"

#include <cstdio>

namespace cli {

namespace {

// Lines of tab-separated fields, for scripts (cut -f, awk -F'\t').
void printRow(const QStringList &fields)
{
    std::fputs(qPrintable(fields.join(QLatin1Char('\t')) + QLatin1Char('\n')), stdout);
}

int fail(const QString &action, const QString &message)
{
    return reportFailure(QStringLiteral("acls ") + action, message);
}

void printAcls(const QList<kafka::AclBinding> &acls)
{
    printRow({QStringLiteral("PRINCIPAL"), QStringLiteral("HOST"), QStringLiteral("OPERATION"), QStringLiteral("PERMISSION"),
              QStringLiteral("RESOURCE-TYPE"), QStringLiteral("RESOURCE"), QStringLiteral("PATTERN")});
    for (const kafka::AclBinding &acl : acls)
        printRow({acl.principal, acl.host, kafka::operationName(acl.operation), kafka::permissionName(acl.permission),
                  kafka::resourceTypeName(acl.resourceType), acl.resourceName, kafka::patternTypeName(acl.patternType)});
}

// The options that name an ACL or a filter of ACLs.
struct AclOptions {
    // `filter`: the help says what is left out matches anything.
    explicit AclOptions(bool filter)
        : principal(QStringLiteral("principal"),
                    filter ? QStringLiteral("Only ACLs of this principal (TYPE:NAME, e.g. User:alice).")
                           : QStringLiteral("Whom the ACL is for, TYPE:NAME (e.g. User:alice). Required."),
                    QStringLiteral("PRINCIPAL")),
          host(QStringLiteral("host"),
               filter ? QStringLiteral("Only ACLs for this host.") : QStringLiteral("The host it applies to (default: *, any)."),
               QStringLiteral("HOST")),
          resourceType(QStringLiteral("resource-type"),
                       QStringLiteral("%1: %2.")
                           .arg(filter ? QStringLiteral("Only ACLs on this kind of resource") : QStringLiteral("The kind of resource (required)"),
                                kafka::resourceTypeNames().join(QStringLiteral(", "))),
                       QStringLiteral("TYPE")),
          resource(QStringLiteral("resource"),
                   filter ? QStringLiteral("Only ACLs on this resource name.")
                          : QStringLiteral("The resource name (the cluster's: kafka-cluster; *: all). Required."),
                   QStringLiteral("NAME")),
          pattern(QStringLiteral("pattern"),
                  QStringLiteral("How the name matches: %1 (default: %2).")
                      .arg(kafka::patternTypeNames().join(QStringLiteral(", ")),
                           filter ? QStringLiteral("Any; Match also finds the prefixed and * ACLs that apply to a name")
                                  : QStringLiteral("Literal")),
                  QStringLiteral("PATTERN")),
          operation(QStringLiteral("operation"),
                    QStringLiteral("%1: %2.")
                        .arg(filter ? QStringLiteral("Only ACLs for this operation") : QStringLiteral("The operation (required)"),
                             kafka::operationNames().join(QStringLiteral(", "))),
                    QStringLiteral("OPERATION")),
          permission(QStringLiteral("permission"),
                     QStringLiteral("%1 (default: %2).")
                         .arg(kafka::permissionNames().join(QStringLiteral(", ")),
                              filter ? QStringLiteral("Any") : QStringLiteral("Allow")),
                     QStringLiteral("PERMISSION"))
    {
    }

    QList<QCommandLineOption> all() const { return {principal, host, resourceType, resource, pattern, operation, permission}; }

    // The binding or filter; unset options are ANY (a filter) or the defaults.
    kafka::Result<kafka::AclBinding> read(const SubcommandParser &parser, bool filter) const
    {
        kafka::AclBinding acl;
        acl.principal = parser.value(principal);
        acl.host = parser.value(host);
        acl.resourceName = parser.value(resource);
        if (!filter) {
            acl.patternType = RD_KAFKA_RESOURCE_PATTERN_LITERAL;
            acl.permission = RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW;
        }
        const auto bad = [](const QCommandLineOption &option, const QString &value, const QStringList &names) {
            return kafka::Error::invalid(QStringLiteral("--%1 '%2' is none of %3")
                                             .arg(option.names().first(), value, names.join(QStringLiteral(", "))));
        };
        if (parser.isSet(resourceType)) {
            acl.resourceType = kafka::resourceTypeFromName(parser.value(resourceType));
            if (acl.resourceType == RD_KAFKA_RESOURCE_UNKNOWN)
                return bad(resourceType, parser.value(resourceType), kafka::resourceTypeNames());
        }
        if (parser.isSet(pattern)) {
            acl.patternType = kafka::patternTypeFromName(parser.value(pattern));
            if (acl.patternType == RD_KAFKA_RESOURCE_PATTERN_UNKNOWN)
                return bad(pattern, parser.value(pattern), kafka::patternTypeNames());
        }
        if (parser.isSet(operation)) {
            acl.operation = kafka::operationFromName(parser.value(operation));
            if (acl.operation == RD_KAFKA_ACL_OPERATION_UNKNOWN)
                return bad(operation, parser.value(operation), kafka::operationNames());
        }
        if (parser.isSet(permission)) {
            acl.permission = kafka::permissionFromName(parser.value(permission));
            if (acl.permission == RD_KAFKA_ACL_PERMISSION_TYPE_UNKNOWN)
                return bad(permission, parser.value(permission), kafka::permissionNames());
        }
        if (!filter) {
            for (const QCommandLineOption *required : {&principal, &resourceType, &resource, &operation})
                if (!parser.isSet(*required))
                    return kafka::Error::invalid(QStringLiteral("--%1 is required").arg(required->names().first()));
        }
        return acl;
    }

    QCommandLineOption principal, host, resourceType, resource, pattern, operation, permission;
};

// Parses an action's command line: the client and the ACL or filter, or
// the exit code.
struct Parsed {
    std::unique_ptr<kafka::ClusterClient> client;
    kafka::AclBinding acl;
    std::optional<int> exitCode;
};

Parsed parse(SubcommandParser &parser, const ClientOptions &admin, const AclOptions &options, bool filter,
             const QStringList &arguments, ClientOptions::Access access = ClientOptions::Access::Read)
{
    auto started = startAdmin(parser, admin, arguments, access);
    if (started.exitCode)
        return {nullptr, {}, started.exitCode};
    auto acl = options.read(parser, filter);
    if (!acl.ok())
        return {nullptr, {}, parser.usageError(acl.error().message)};
    return {std::move(started.client), acl.value(), std::nullopt};
}

int runList(const QStringList &arguments)
{
    SubcommandParser parser(QStringLiteral("acls list"),
                            QStringLiteral("Lists the cluster's ACLs, or those the options select, one per line."));
    const ClientOptions admin{QString()};
    const AclOptions acl(true);
    parser.addOptions(QList<QCommandLineOption>{admin.brokers} + acl.all() + QList<QCommandLineOption>{admin.property});
    auto parsed = parse(parser, admin, acl, true, arguments);
    if (parsed.exitCode)
        return *parsed.exitCode;
    const auto acls = kafka::AclAdmin(*parsed.client).list(parsed.acl);
    if (!acls.ok())
        return fail(QStringLiteral("list"), acls.error().message);
    printAcls(acls.value());
    return 0;
}

int runCreate(const QStringList &arguments)
{
    SubcommandParser parser(QStringLiteral("acls create"), QStringLiteral("Creates one ACL."));
    const ClientOptions admin{QString()};
    const AclOptions acl(false);
    parser.addOptions(QList<QCommandLineOption>{admin.brokers} + acl.all() + QList<QCommandLineOption>{admin.property});
    auto parsed = parse(parser, admin, acl, false, arguments, ClientOptions::Access::Write);
    if (parsed.exitCode)
        return *parsed.exitCode;
    if (auto err = kafka::AclAdmin(*parsed.client).create(parsed.acl))
        return err.code == RD_KAFKA_RESP_ERR__INVALID_ARG ? parser.usageError(err.message) : fail(QStringLiteral("create"), err.message);
    std::fprintf(stderr, "Created the ACL.\n");
    return 0;
}

int runDelete(const QStringList &arguments)
{
    SubcommandParser parser(QStringLiteral("acls delete"),
                            QStringLiteral("Deletes the ACLs the options select (at least one is needed), and lists "
                                           "them. Without --yes, lists what would be deleted and deletes nothing."));
    const ClientOptions admin{QString()};
    const AclOptions acl(true);
    const QCommandLineOption yes(QStringLiteral("yes"), QStringLiteral("Confirm the deletion (required)."));
    parser.addOptions(QList<QCommandLineOption>{admin.brokers} + acl.all() + QList<QCommandLineOption>{yes, admin.property});
    auto parsed = parse(parser, admin, acl, true, arguments, ClientOptions::Access::Write);
    if (parsed.exitCode)
        return *parsed.exitCode;
    const QList<QCommandLineOption> selecting = acl.all();
    if (std::none_of(selecting.cbegin(), selecting.cend(), [&](const QCommandLineOption &o) { return parser.isSet(o); }))
        return parser.usageError(QStringLiteral("say which ACLs to delete (--principal, --resource, ...); to delete every "
                                                "ACL, say --resource-type any"));
    const kafka::AclAdmin acls(*parsed.client);
    if (!parser.isSet(yes)) {
        const auto matching = acls.list(parsed.acl);
        if (!matching.ok())
            return fail(QStringLiteral("delete"), matching.error().message);
        printAcls(matching.value());
        return parser.usageError(QStringLiteral("%1 ACL(s) match and would be deleted (listed on stdout): add --yes to "
                                                "delete them")
                                     .arg(matching.value().size()));
    }
    const auto deleted = acls.remove(parsed.acl);
    if (!deleted.ok())
        return fail(QStringLiteral("delete"), deleted.error().message);
    printAcls(deleted.value());
    std::fprintf(stderr, "Deleted %lld ACL(s).\n", static_cast<long long>(deleted.value().size()));
    return 0;
}

} // namespace

int runAcls(const QStringList &arguments)
{
    const auto [action, rest] = takeAction(arguments);
    if (action == QLatin1String("list"))
        return runList(rest);
    if (action == QLatin1String("create"))
        return runCreate(rest);
    if (action == QLatin1String("delete"))
        return runDelete(rest);
    return actionUsage(QStringLiteral("acls"), action,
                       {QStringLiteral("list"), QStringLiteral("create"), QStringLiteral("delete")},
                       QStringLiteral("ACLs on a real cluster with an authorizer (the sandbox has none)."));
}

} // namespace cli
