#include "subcommandparser.h"

#include "profileaccess.h"
#include "signalcatcher.h"

#include <QElapsedTimer>
#include <QStringDecoder>

#include <cstdio>

namespace cli {

namespace {

// Arguments travel as Latin-1 characters standing for bytes (argumentsAsBytes).
QByteArray toBytes(const QString &argument)
{
    return argument.toLatin1();
}

bool isUtf8(const QString &argument)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    [[maybe_unused]] const QString decoded = decoder(toBytes(argument));
    return !decoder.hasError();
}

QString fromBytes(const QString &argument)
{
    return QString::fromUtf8(toBytes(argument));
}

} // namespace

kafka::Error waitUntilReachable(const std::function<kafka::Error(std::chrono::milliseconds slice)> &check,
                                std::chrono::milliseconds timeout)
{
    constexpr std::chrono::milliseconds Slice{500};
    QElapsedTimer elapsed;
    elapsed.start();
    for (;;) {
        kafka::Error err = check(Slice);
        // A TLS or SASL failure is a setting to change, not a wait.
        const bool lasting = err.code == RD_KAFKA_RESP_ERR__SSL || err.code == RD_KAFKA_RESP_ERR__AUTHENTICATION;
        if (!err || lasting || SignalCatcher::count() > 0 || elapsed.hasExpired(timeout.count()))
            return err;
    }
}

QStringList argumentsAsBytes(int argc, char **argv)
{
    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLatin1(argv[i]));
    return arguments;
}

SubcommandParser::SubcommandParser(const QString &name, const QString &description)
    : m_command(name.isEmpty() ? QStringLiteral("kafkadesk") : QStringLiteral("kafkadesk ") + name),
      m_helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help and exit."))
{
    m_parser.setApplicationDescription(description);
    // Not addHelpOption(): its --help-all would list Qt's options, which no
    // subcommand takes, and parse() would not act on it.
    m_parser.addOption(m_helpOption);
}

void SubcommandParser::takeAsBytes(const QList<QCommandLineOption> &options)
{
    for (const QCommandLineOption &option : options)
        m_byteOptionNames += option.names();
}

std::optional<int> SubcommandParser::parse(const QStringList &arguments)
{
    if (!m_parser.parse(QStringList{m_command} + arguments))
        return usageError(fromBytes(m_parser.errorText()));
    if (const auto where = findNonUtf8Text())
        return usageError(QStringLiteral("%1 is not valid UTF-8 text").arg(*where));
    if (m_parser.isSet(m_helpOption)) {
        std::fputs(qPrintable(help()), stdout);
        return 0;
    }
    if (!m_parser.positionalArguments().isEmpty()) {
        const QString argument = fromBytes(m_parser.positionalArguments().first());
        // Without a subcommand, a word is a subcommand mistyped or not (yet) there.
        return usageError(m_command.contains(QLatin1Char(' '))
                              ? QStringLiteral("unexpected argument '%1'").arg(argument)
                              : QStringLiteral("unknown command '%1'").arg(argument));
    }
    return std::nullopt;
}

QString SubcommandParser::value(const QCommandLineOption &option) const
{
    return fromBytes(m_parser.value(option));
}

QStringList SubcommandParser::values(const QCommandLineOption &option) const
{
    QStringList texts = m_parser.values(option);
    for (QString &text : texts)
        text = fromBytes(text);
    return texts;
}

QByteArray SubcommandParser::bytes(const QCommandLineOption &option) const
{
    return toBytes(m_parser.value(option));
}

QList<QByteArray> SubcommandParser::byteValues(const QCommandLineOption &option) const
{
    QList<QByteArray> values;
    for (const QString &value : m_parser.values(option))
        values.append(toBytes(value));
    return values;
}

std::optional<QString> SubcommandParser::findNonUtf8Text() const
{
    for (const QString &name : m_parser.optionNames()) {
        if (m_byteOptionNames.contains(name))
            continue;
        for (const QString &value : m_parser.values(name))
            if (!isUtf8(value))
                return (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
    }
    for (const QString &argument : m_parser.positionalArguments())
        if (!isUtf8(argument))
            return QStringLiteral("an argument");
    return std::nullopt;
}

int SubcommandParser::usageError(const QString &message) const
{
    std::fprintf(stderr, "%s: %s\n\n%s", qPrintable(m_command), qPrintable(message), qPrintable(help()));
    return 2;
}

kafka::Result<bool> isJsonFormat(const SubcommandParser &parser, const QCommandLineOption &format)
{
    const QString name = parser.isSet(format) ? parser.value(format) : QStringLiteral("text");
    if (name != QLatin1String("text") && name != QLatin1String("json"))
        return kafka::Error::invalid(QStringLiteral("--format is text or json, not '%1'").arg(name));
    return name == QLatin1String("json");
}

int SubcommandParser::failure(const QString &message) const
{
    std::fprintf(stderr, "%s: %s\n", qPrintable(m_command), qPrintable(message));
    return 1;
}

QString SubcommandParser::help() const
{
    // QCommandLineParser names the executable; users type the subcommand too.
    const QString text = m_parser.helpText();
    return QStringLiteral("Usage: ") + m_command + text.mid(text.indexOf(QLatin1String(" [options]")));
}

ClientOptions::ClientOptions(const QString &topicDescription)
    : brokers(QStringList{QStringLiteral("b"), QStringLiteral("brokers")},
              QStringLiteral("Bootstrap servers, host:port[,...]."), QStringLiteral("SERVERS")),
      topic(QStringList{QStringLiteral("t"), QStringLiteral("topic")}, topicDescription, QStringLiteral("TOPIC")),
      property(QStringLiteral("X"), QStringLiteral("librdkafka client property; repeatable."),
               QStringLiteral("PROPERTY=VALUE")),
      profile(QStringLiteral("profile"),
              QStringLiteral("Connect as connection profile NAME says ('kafkadesk profiles list'); -b and -X "
                             "replace and add to it."),
              QStringLiteral("NAME")),
      passwordStdin(QStringLiteral("password-stdin"),
                    QStringLiteral("Read the password (or OIDC client secret) from the first line of standard input, "
                                   "for this command only.")),
      passwordFile(QStringLiteral("password-file"),
                   QStringLiteral("Read the password (or OIDC client secret) from FILE's first line, for this command "
                                  "only."),
                   QStringLiteral("FILE"))
{
}

kafka::Result<kafka::ClientConfig> ClientOptions::config(const SubcommandParser &parser, kafka::Properties defaults,
                                                         Access access) const
{
    if (!parser.isSet(topic))
        return kafka::Error::invalid(QStringLiteral("-t TOPIC is required"));
    return clusterConfig(parser, std::move(defaults), access);
}

kafka::Result<kafka::ClientConfig> ClientOptions::clusterConfig(const SubcommandParser &parser,
                                                                kafka::Properties defaults, Access access) const
{
    auto password = readPasswordOption(parser, passwordStdin, passwordFile);
    if (!password.ok())
        return password.error();
    auto properties = kafka::parseProperties(parser.values(property).join(QLatin1Char('\n')));
    if (!properties.ok())
        return properties.error();

    kafka::ClientConfig config;
    if (parser.isSet(profile)) {
        auto resolved = profileConfig(parser.value(profile), password.value(), parser.command(),
                                      access == Access::Write);
        if (!resolved.ok())
            return resolved.error();
        config = resolved.value();
        config.properties = defaults + config.properties;
        if (parser.isSet(brokers))
            config.bootstrapServers = parser.value(brokers).trimmed();
    } else {
        if (!parser.isSet(brokers))
            return kafka::Error::invalid(QStringLiteral("-b SERVERS is required (or --profile NAME)"));
        config = {parser.value(brokers).trimmed(), std::move(defaults)};
        if (password.value())
            config.properties.append({QStringLiteral("sasl.password"), *password.value()});
    }
    if (auto err = kafka::validateBootstrapServers(config.bootstrapServers))
        return err;
    config.properties += properties.value();
    if (auto err = config.validate())
        return err;
    return config;
}

int ClientOptions::exitFor(const SubcommandParser &parser, const kafka::Error &error)
{
    return error.code == RD_KAFKA_RESP_ERR__INVALID_ARG ? parser.usageError(error.message)
                                                        : parser.failure(error.message);
}

} // namespace cli
