#include "configadmin.h"

#include "adminrequest.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QSet>
#include <QThread>

#include <algorithm>

namespace kafka {

namespace {

using Timeout = ClusterClient::Timeout;

ConfigEntry::Source toSource(rd_kafka_ConfigSource_t source)
{
    switch (source) {
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG:
        return ConfigEntry::Source::DynamicTopic;
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_BROKER_CONFIG:
        return ConfigEntry::Source::DynamicBroker;
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG:
        return ConfigEntry::Source::DynamicDefaultBroker;
    case RD_KAFKA_CONFIG_SOURCE_STATIC_BROKER_CONFIG:
        return ConfigEntry::Source::StaticBroker;
    case RD_KAFKA_CONFIG_SOURCE_DEFAULT_CONFIG:
        return ConfigEntry::Source::Default;
    default:
        return ConfigEntry::Source::Unknown;
    }
}

std::optional<QString> valueOf(const rd_kafka_ConfigEntry_t *entry)
{
    const char *value = rd_kafka_ConfigEntry_value(entry);
    return value ? std::optional<QString>(QString::fromUtf8(value)) : std::nullopt;
}

ConfigEntry toEntry(const rd_kafka_ConfigEntry_t *e)
{
    ConfigEntry entry;
    entry.name = QString::fromUtf8(rd_kafka_ConfigEntry_name(e));
    entry.value = valueOf(e);
    entry.source = toSource(rd_kafka_ConfigEntry_source(e));
    entry.readOnly = rd_kafka_ConfigEntry_is_read_only(e);
    entry.sensitive = rd_kafka_ConfigEntry_is_sensitive(e);
    entry.isDefault = rd_kafka_ConfigEntry_is_default(e);
    // The synonyms, highest precedence first, start with the entry's own
    // source; the next one is what removing the override falls back to.
    size_t count = 0;
    const rd_kafka_ConfigEntry_t **synonyms = rd_kafka_ConfigEntry_synonyms(e, &count);
    for (size_t i = 0; i < count; ++i) {
        const ConfigEntry::Source source = toSource(rd_kafka_ConfigEntry_source(synonyms[i]));
        if (source == entry.source)
            continue;
        const std::optional<QString> value = valueOf(synonyms[i]);
        entry.fallback = QStringLiteral("%1 (%2, %3)")
                             .arg(value ? *value : QStringLiteral("not shown"),
                                  QString::fromUtf8(rd_kafka_ConfigEntry_name(synonyms[i])),
                                  ConfigEntry::sourceName(source));
        break;
    }
    return entry;
}

rd_kafka_ResourceType_t resourceType(const ConfigResource &resource)
{
    return resource.kind == ConfigResource::Kind::Topic ? RD_KAFKA_RESOURCE_TOPIC : RD_KAFKA_RESOURCE_BROKER;
}

// The resource's result of a DescribeConfigs/AlterConfigs answer, or why not.
Result<const rd_kafka_ConfigResource_t *> resourceResult(const rd_kafka_ConfigResource_t **results, size_t count,
                                                         const ConfigResource &resource, const QString &what)
{
    for (size_t i = 0; i < count; ++i) {
        const rd_kafka_resp_err_t err = rd_kafka_ConfigResource_error(results[i]);
        if (err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
            return Error{err, QStringLiteral("Cannot %1: %2 does not exist.").arg(what, resource.describe())};
        if (err)
            return adminItemError(err, rd_kafka_ConfigResource_error_string(results[i]), what);
        return results[i];
    }
    return Error{RD_KAFKA_RESP_ERR__BAD_MSG, QStringLiteral("Cannot %1: the cluster's answer names no %2.")
                                                 .arg(what, resource.describe())};
}

} // namespace

QString ConfigResource::describe() const
{
    return kind == Kind::Topic ? QStringLiteral("topic '%1'").arg(name) : QStringLiteral("broker %1").arg(name);
}

bool ConfigEntry::isOverrideOf(ConfigResource::Kind kind) const
{
    return source == (kind == ConfigResource::Kind::Topic ? Source::DynamicTopic : Source::DynamicBroker);
}

QString ConfigEntry::displayValue() const
{
    if (sensitive)
        return QStringLiteral("(sensitive, not shown)");
    return value ? *value : QStringLiteral("(not set)");
}

QString ConfigEntry::sourceName(Source source)
{
    switch (source) {
    case Source::DynamicTopic:
        return QStringLiteral("topic override");
    case Source::DynamicBroker:
        return QStringLiteral("broker override");
    case Source::DynamicDefaultBroker:
        return QStringLiteral("cluster-wide broker override");
    case Source::StaticBroker:
        return QStringLiteral("static broker config");
    case Source::Default:
        return QStringLiteral("default");
    case Source::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString describeDiff(const ConfigDiff &diff)
{
    const auto side = [&](const std::optional<QString> &value, bool hidden) {
        if (hidden || (value && diff.sensitive))
            return QStringLiteral("(sensitive value)");
        return value ? *value : QStringLiteral("(default)");
    };
    return QStringLiteral("%1 -> %2").arg(side(diff.before, diff.beforeHidden), side(diff.after, false));
}

Result<std::pair<QString, QString>> parseConfigAssignment(const QString &text)
{
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return Error::invalid(QStringLiteral("'%1' is not NAME=VALUE.").arg(text));
    return std::pair<QString, QString>(text.left(eq).trimmed(), text.mid(eq + 1));
}

Result<QList<std::pair<QString, QString>>> parseConfigLines(const QString &text)
{
    QList<std::pair<QString, QString>> configs;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        auto assignment = parseConfigAssignment(line);
        if (!assignment.ok())
            return Error::invalid(QStringLiteral("Line %1: %2").arg(i + 1).arg(assignment.error().message));
        configs.append(assignment.value());
    }
    return configs;
}

Result<QList<ConfigEntry>> describeConfigs(const ClusterClient &client, const ConfigResource &resource, Timeout timeout)
{
    const QString what = QStringLiteral("read the configs of %1").arg(resource.describe());
    if (auto err = refuseOnSandbox(client, "DescribeConfigs", what, timeout))
        return err;
    ConfigResourcePtr request(rd_kafka_ConfigResource_new(resourceType(resource), resource.name.toUtf8().constData()));
    AdminOptionsPtr options = adminOptions(client, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, timeout);
    QueuePtr queue(rd_kafka_queue_new(client.handle()));
    rd_kafka_ConfigResource_t *requests[] = {request.get()};
    rd_kafka_DescribeConfigs(client.handle(), requests, 1, options.get(), queue.get());
    auto event = client.awaitAdmin(queue.get(), timeout, what);
    if (!event.ok())
        return event.error();
    size_t count = 0;
    const rd_kafka_ConfigResource_t **results =
        rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(event.value().get()), &count);
    auto found = resourceResult(results, count, resource, what);
    if (!found.ok())
        return found.error();
    size_t entryCount = 0;
    const rd_kafka_ConfigEntry_t **entries = rd_kafka_ConfigResource_configs(found.value(), &entryCount);
    QList<ConfigEntry> configs;
    configs.reserve(qsizetype(entryCount));
    for (size_t i = 0; i < entryCount; ++i)
        configs.append(toEntry(entries[i]));
    std::sort(configs.begin(), configs.end(), [](const ConfigEntry &a, const ConfigEntry &b) { return a.name < b.name; });
    return configs;
}

Result<ConfigPlan> planConfigChange(const ConfigResource &resource, const QList<ConfigEntry> &current,
                                    const QList<ConfigChange> &changes)
{
    QHash<QString, const ConfigEntry *> byName;
    for (const ConfigEntry &entry : current)
        byName.insert(entry.name, &entry);
    const QString refused = QStringLiteral("Cannot change the configs of %1: ").arg(resource.describe());

    QSet<QString> changed;
    for (const ConfigChange &change : changes) {
        if (change.name.trimmed().isEmpty())
            return Error::invalid(refused + QStringLiteral("a config needs a name."));
        if (changed.contains(change.name))
            return Error::invalid(refused + QStringLiteral("'%1' is changed twice.").arg(change.name));
        changed.insert(change.name);
        const ConfigEntry *entry = byName.value(change.name);
        // A topic's configs are a fixed set, all listed; a broker also takes
        // names it does not list (listener.name.*.), so those go to Kafka.
        if (!entry && resource.kind == ConfigResource::Kind::Topic)
            return Error::invalid(refused + QStringLiteral("there is no topic config named '%1'.").arg(change.name));
        if (entry && entry->readOnly && !entry->isOverrideOf(resource.kind))
            return Error::invalid(refused + QStringLiteral("'%1' is read-only (%2); it cannot be changed while the "
                                                           "broker runs.")
                                                .arg(change.name, ConfigEntry::sourceName(entry->source)));
    }

    ConfigPlan plan;
    for (const ConfigEntry &entry : current) {
        if (!entry.isOverrideOf(resource.kind) || changed.contains(entry.name))
            continue;
        if (!entry.value)
            return Error::invalid(
                refused + QStringLiteral("its override of '%1' is %2, so it cannot be read back, and librdkafka 2.0.2 "
                                         "can only replace all overrides at once: applying this would delete it. "
                                         "Set or remove '%1' in the same change, or change these configs with an "
                                         "incremental tool (kafka-configs.sh).")
                              .arg(entry.name, entry.sensitive ? QStringLiteral("sensitive (the broker never sends "
                                                                                "its value)")
                                                               : QStringLiteral("not sent by the broker")));
        plan.overrides.append({entry.name, *entry.value});
    }
    for (const ConfigChange &change : changes) {
        const ConfigEntry *entry = byName.value(change.name);
        ConfigDiff diff{change.name, std::nullopt, change.value};
        diff.sensitive = entry && entry->sensitive;
        if (entry && entry->isOverrideOf(resource.kind)) {
            diff.before = entry->value;
            diff.beforeHidden = !entry->value;
        }
        if (change.value)
            plan.overrides.append({change.name, *change.value});
        if (diff.before != diff.after || diff.beforeHidden)
            plan.diff.append(diff);
    }
    return plan;
}

Error applyConfigPlan(const ClusterClient &client, const ConfigResource &resource, const ConfigPlan &plan,
                      Timeout timeout)
{
    const QString what = QStringLiteral("change the configs of %1").arg(resource.describe());
    const QDeadlineTimer deadline(timeout);
    if (auto err = refuseOnSandbox(client, "AlterConfigs", what, timeout))
        return err;
    ConfigResourcePtr request(rd_kafka_ConfigResource_new(resourceType(resource), resource.name.toUtf8().constData()));
    for (const auto &[name, value] : plan.overrides)
        if (rd_kafka_ConfigResource_set_config(request.get(), name.toUtf8().constData(), value.toUtf8().constData()))
            return Error::invalid(QStringLiteral("Cannot %1: '%2' is not a config name.").arg(what, name));
    const Timeout left = ClusterClient::timeLeft(deadline);
    AdminOptionsPtr options = adminOptions(client, RD_KAFKA_ADMIN_OP_ALTERCONFIGS, left);
    QueuePtr queue(rd_kafka_queue_new(client.handle()));
    rd_kafka_ConfigResource_t *requests[] = {request.get()};
    rd_kafka_AlterConfigs(client.handle(), requests, 1, options.get(), queue.get());
    auto event = client.awaitAdmin(queue.get(), left, what);
    if (!event.ok())
        return event.error();
    size_t count = 0;
    const rd_kafka_ConfigResource_t **results =
        rd_kafka_AlterConfigs_result_resources(rd_kafka_event_AlterConfigs_result(event.value().get()), &count);
    auto found = resourceResult(results, count, resource, what);
    if (!found.ok())
        return found.error();

    // The controller has it; the broker a DescribeConfigs goes to may learn
    // of it a moment later. Until it shows the overrides sent, a re-read
    // would show the old ones: wait (bounded) until 3 answers in a row show
    // them (librdkafka picks the broker; see waitUntilMetadataAgrees in
    // topicadmin.cpp).
    QHash<QString, QString> sent;
    for (const auto &[name, value] : plan.overrides)
        sent.insert(name, value);
    int inARow = 0;
    while (!deadline.hasExpired() && inARow < 3) {
        auto now = describeConfigs(client, resource, ClusterClient::timeLeft(deadline));
        if (now.ok()) {
            QHash<QString, QString> shown;
            bool hidden = false;
            for (const ConfigEntry &entry : now.value())
                if (entry.isOverrideOf(resource.kind)) {
                    shown.insert(entry.name, entry.value.value_or(QString()));
                    hidden = hidden || !entry.value;
                }
            const auto names = [](const QHash<QString, QString> &h) { return QSet<QString>(h.keyBegin(), h.keyEnd()); };
            inARow = (hidden ? names(shown) == names(sent) : shown == sent) ? inARow + 1 : 0;
        } else {
            inARow = 0;
        }
        if (inARow < 3)
            QThread::msleep(50);
    }
    return {};
}

} // namespace kafka
