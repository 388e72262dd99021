#pragma once

#include "kafka/clientconfig.h"

#include <QCommandLineParser>
#include <QStringList>

#include <chrono>
#include <functional>
#include <optional>

namespace cli {

// What every subcommand's command line shares: --help (the help on stdout,
// exit 0), no positional arguments, and usage errors that end with the help
// (on stderr, exit 2), the usage line naming the subcommand as users type it
// ("kafkadesk produce [options]"). An empty name is the window's own command
// line ("kafkadesk [options]").
//
// Arguments are bytes, as on every Unix command line: parse() takes them as
// argumentsAsBytes() gives them, and an option named in takeAsBytes()
// (a key, a header, a payload) comes back from bytes() exactly as given,
// valid UTF-8 or not. Every other option is text: one that is not valid
// UTF-8 is a usage error, never a silently replaced character.
class SubcommandParser {
public:
    SubcommandParser(const QString &name, const QString &description);

    void setSingleDashWordOptionMode(QCommandLineParser::SingleDashWordOptionMode mode)
    {
        m_parser.setSingleDashWordOptionMode(mode);
    }
    void addOptions(const QList<QCommandLineOption> &options) { m_parser.addOptions(options); }
    // These options' values are bytes (keys, headers, file names), not text.
    void takeAsBytes(const QList<QCommandLineOption> &options);
    // Nothing when the subcommand goes on; otherwise its exit code, with the
    // help or the usage error already printed.
    std::optional<int> parse(const QStringList &arguments);
    // Prints "kafkadesk NAME: message" and the help on stderr; returns 2.
    int usageError(const QString &message) const;
    // Prints "kafkadesk NAME: message" on stderr; returns 1 (a runtime failure).
    int failure(const QString &message) const;
    // "kafkadesk NAME", as users type it.
    QString command() const { return m_command; }

    bool isSet(const QCommandLineOption &option) const { return m_parser.isSet(option); }
    // A text option's value (checked to be UTF-8 by parse()).
    QString value(const QCommandLineOption &option) const;
    QStringList values(const QCommandLineOption &option) const;
    // A byte option's value, exactly as given.
    QByteArray bytes(const QCommandLineOption &option) const;
    QList<QByteArray> byteValues(const QCommandLineOption &option) const;

private:
    QString help() const;

    // The first option or argument that should be text and is not UTF-8.
    std::optional<QString> findNonUtf8Text() const;

    QString m_command;
    QStringList m_byteOptionNames;
    QCommandLineOption m_helpOption;
    QCommandLineParser m_parser;
};

// --format's choice, as produce and consume take it: text (the default) or
// json. Whether it is json, or the usage error's message for anything else.
kafka::Result<bool> isJsonFormat(const SubcommandParser &parser, const QCommandLineOption &format);

// Calls check(slice) until it succeeds, a signal is caught (SignalCatcher)
// or `timeout` has passed, and returns its last answer: a connection that
// takes long is given up at once on SIGINT or SIGTERM.
kafka::Error waitUntilReachable(const std::function<kafka::Error(std::chrono::milliseconds slice)> &check,
                                std::chrono::milliseconds timeout);

// argv as parse() takes it: each byte as the Latin-1 character of the same
// value, so that nothing is decoded (or lost) before the parser knows which
// arguments are text. Option names are ASCII and read the same.
QStringList argumentsAsBytes(int argc, char **argv);

// The options of the subcommands that talk to a cluster: -b SERVERS and
// -t TOPIC (both required) and -X PROPERTY=VALUE (repeatable); and a
// connection profile (--profile NAME, see app/profiles) with its secret
// for this command (--password-stdin, --password-file FILE).
struct ClientOptions {
    // Whether the command changes the cluster: a read-only profile refuses
    // it before anything is read from the keychain or sent.
    enum class Access { Read, Write };

    explicit ClientOptions(const QString &topicDescription);

    // --profile, --password-stdin, --password-file: each broker-facing
    // command adds them (startAdmin does for the administration commands).
    QList<QCommandLineOption> profileOptions() const { return {profile, passwordStdin, passwordFile}; }

    // The client configuration: with --profile, the profile's (its secrets
    // from the keychain, -b replacing its servers), else the checked
    // servers of -b; then `defaults` under the profile's properties, then
    // the -X properties (later entries win in librdkafka), validated by
    // librdkafka; or what is wrong: a usage error (code __INVALID_ARG) or a
    // refusal of the profile's (read-only, unknown, a secret missing; any
    // other code). exitFor() turns either into the exit code.
    kafka::Result<kafka::ClientConfig> config(const SubcommandParser &parser, kafka::Properties defaults = {},
                                              Access access = Access::Read) const;
    // config() without -t required (the administration commands).
    kafka::Result<kafka::ClientConfig> clusterConfig(const SubcommandParser &parser, kafka::Properties defaults = {},
                                                     Access access = Access::Read) const;
    // 2 and the help for a usage error, 1 for a refusal; the message on stderr.
    static int exitFor(const SubcommandParser &parser, const kafka::Error &error);

    QCommandLineOption brokers;
    QCommandLineOption topic;
    QCommandLineOption property;
    QCommandLineOption profile;
    QCommandLineOption passwordStdin;
    QCommandLineOption passwordFile;
};

} // namespace cli
