#pragma once

#include "kafka/clientconfig.h"

#include <QCommandLineParser>
#include <QStringList>

#include <optional>

namespace cli {

// What every subcommand's command line shares: --help (the help on stdout,
// exit 0), no positional arguments, and usage errors that end with the help
// (on stderr, exit 2), the usage line naming the subcommand as users type it
// ("kafkadesk produce [options]"). An empty name is the window's own command
// line ("kafkadesk [options]").
class SubcommandParser {
public:
    SubcommandParser(const QString &name, const QString &description);

    void setSingleDashWordOptionMode(QCommandLineParser::SingleDashWordOptionMode mode)
    {
        m_parser.setSingleDashWordOptionMode(mode);
    }
    void addOptions(const QList<QCommandLineOption> &options) { m_parser.addOptions(options); }
    // Nothing when the subcommand goes on; otherwise its exit code, with the
    // help or the usage error already printed.
    std::optional<int> parse(const QStringList &arguments);
    // Prints "kafkadesk NAME: message" and the help on stderr; returns 2.
    int usageError(const QString &message) const;

    bool isSet(const QCommandLineOption &option) const { return m_parser.isSet(option); }
    QString value(const QCommandLineOption &option) const { return m_parser.value(option); }
    QStringList values(const QCommandLineOption &option) const { return m_parser.values(option); }

private:
    QString help() const;

    QString m_command;
    QCommandLineOption m_helpOption;
    QCommandLineParser m_parser;
};

// The options of the subcommands that talk to a cluster: -b SERVERS and
// -t TOPIC (both required) and -X PROPERTY=VALUE (repeatable).
struct ClientOptions {
    explicit ClientOptions(const QString &topicDescription);

    // The client configuration: checked servers, then `defaults`, then the
    // -X properties (later entries win in librdkafka), validated by
    // librdkafka; or what is wrong, in words for a usage error.
    kafka::Result<kafka::ClientConfig> config(const SubcommandParser &parser, kafka::Properties defaults = {}) const;

    QCommandLineOption brokers;
    QCommandLineOption topic;
    QCommandLineOption property;
};

} // namespace cli
