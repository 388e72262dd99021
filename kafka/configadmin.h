#pragma once

#include "clusterclient.h"
#include "error.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>
#include <utility>

namespace kafka {

// The configs of a topic or a broker: read with DescribeConfigs, changed
// with AlterConfigs (real clusters; the sandbox refuses both at once).
//
// librdkafka 2.0.2 has only the non-incremental AlterConfigs, which
// replaces the resource's whole set of dynamic overrides: whatever is not
// sent goes back to its default. So a change is planned from what is set
// now (planConfigChange): every other override is sent again as it is, and
// a change is refused when an override cannot be read back (a sensitive
// value, which brokers never send) rather than silently wiping it.

struct ConfigResource {
    enum class Kind { Topic, Broker };
    Kind kind = Kind::Topic;
    QString name; // the topic's name, or the broker's id

    static ConfigResource topic(const QString &name) { return {Kind::Topic, name}; }
    static ConfigResource broker(int id) { return {Kind::Broker, QString::number(id)}; }
    // "topic 'orders'", "broker 2"
    QString describe() const;
};

struct ConfigEntry {
    enum class Source {
        Unknown,
        DynamicTopic,         // set on this topic
        DynamicBroker,        // set on this broker while it runs
        DynamicDefaultBroker, // set for every broker while they run
        StaticBroker,         // the broker's server.properties
        Default,              // Kafka's own default
    };

    QString name;
    std::optional<QString> value; // nullopt: not known (sensitive) or not set
    Source source = Source::Unknown;
    bool readOnly = false;
    bool sensitive = false;
    bool isDefault = false;
    // What the entry falls back to when its override is removed, from the
    // synonyms DescribeConfigs v1 lists ("168 (log.retention.hours, default)");
    // empty when unknown.
    QString fallback;

    // Whether the entry is one of the resource's own dynamic overrides:
    // what AlterConfigs replaces as a whole.
    bool isOverrideOf(ConfigResource::Kind kind) const;
    // For display: the value, "(sensitive, not shown)" or "(not set)".
    QString displayValue() const;
    static QString sourceName(Source source);
    friend bool operator==(const ConfigEntry &, const ConfigEntry &) = default;
};

// DescribeConfigs: every config of the resource, sorted by name.
Result<QList<ConfigEntry>> describeConfigs(const ClusterClient &client, const ConfigResource &resource,
                                           ClusterClient::Timeout timeout = ClusterClient::DefaultTimeout);

// One change the user asks for: set `name` to `value`, or with no value
// remove its override (back to its default).
struct ConfigChange {
    QString name;
    std::optional<QString> value;
};

// One line of a change's before/after: an override's value, or nullopt for
// "no override" (the default applies).
struct ConfigDiff {
    QString name;
    std::optional<QString> before;
    std::optional<QString> after;
    // An override was set before, of a value the broker does not show.
    bool beforeHidden = false;
    // A sensitive config: its values are not shown, even the one typed.
    bool sensitive = false;
    friend bool operator==(const ConfigDiff &, const ConfigDiff &) = default;
};

struct ConfigPlan {
    // Every override the resource is to have: what AlterConfigs sends.
    QList<std::pair<QString, QString>> overrides;
    // What changes, in the order asked; empty: nothing would change.
    QList<ConfigDiff> diff;
};

// From the resource's current entries and the changes, the full set of
// overrides to send and the diff. Refuses, naming the config and why: a
// name given twice; a topic config that does not exist; a read-only
// config (unless it is an override already: Kafka marks some settable
// broker configs, listener.name.*, read-only); and any current override whose value cannot be read back
// (sensitive) that the changes do not set or remove themselves, since
// sending the rest without it would delete it. Pure: no network.
Result<ConfigPlan> planConfigChange(const ConfigResource &resource, const QList<ConfigEntry> &current,
                                    const QList<ConfigChange> &changes);

// AlterConfigs with the plan's overrides: the resource's dynamic configs
// become exactly these.
Error applyConfigPlan(const ClusterClient &client, const ConfigResource &resource, const ConfigPlan &plan,
                      ClusterClient::Timeout timeout = ClusterClient::DefaultTimeout);

// For display: "before -> after" of one diff line.
QString describeDiff(const ConfigDiff &diff);

// Parses NAME=VALUE (the value may contain '=' and be empty).
Result<std::pair<QString, QString>> parseConfigAssignment(const QString &text);
// One NAME=VALUE per line; blank lines are skipped. A bad line is refused
// with its number.
Result<QList<std::pair<QString, QString>>> parseConfigLines(const QString &text);

} // namespace kafka

Q_DECLARE_METATYPE(kafka::ConfigEntry)
