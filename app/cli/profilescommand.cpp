#include "profilescommand.h"

#include "adminclient.h"
#include "profileaccess.h"
#include "subcommandparser.h"

#include "kafka/connectioncheck.h"
#include "profiles/profileimport.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QFile>

#include <cstdio>

namespace cli {

namespace {

const QString Command = QStringLiteral("profiles");
constexpr qsizetype MaxImportBytes = 1024 * 1024;

void print(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
}

void note(const QString &line)
{
    std::fprintf(stderr, "kafkadesk profiles: %s\n", qPrintable(line));
}

// Arguments come as bytes (argumentsAsBytes); a profile's name is text.
QString text(const QString &argument)
{
    return QString::fromUtf8(argument.toLatin1());
}

// Takes the leading NAME arguments of `profiles ACTION NAME... [options]`.
std::optional<QStringList> takeNames(QStringList *arguments, int count)
{
    QStringList names;
    while (names.size() < count && !arguments->isEmpty() && !arguments->first().startsWith(u'-'))
        names.append(text(arguments->takeFirst()));
    if (names.size() < count)
        return std::nullopt;
    return names;
}

// Parses `profiles ACTION NAME... [options]`: its `count` names, or nothing
// with *exit set (help shown, or a usage error saying `missing`).
std::optional<QStringList> parseNamed(SubcommandParser &parser, const QStringList &arguments, int count,
                                      const QString &missing, int *exit)
{
    QStringList rest = arguments;
    const auto names = takeNames(&rest, count);
    if (const auto code = parser.parse(rest)) {
        *exit = *code;
        return std::nullopt;
    }
    if (!names)
        *exit = parser.usageError(missing);
    return names;
}

int noSuchProfile(const SubcommandParser &parser, const QString &name)
{
    return parser.failure(QStringLiteral("There is no profile named '%1'.").arg(name));
}

// Stores `profile`'s secrets in the keychain; says where they went.
int storeSecrets(const SubcommandParser &parser, const profiles::Profile &profile)
{
    profiles::SecretStore secrets;
    const auto stored = waitForKeychain(secrets.store(profile));
    if (!stored)
        return parser.failure(QStringLiteral("The keychain did not answer within %1 s: the profile is saved without "
                                             "its secrets; give them with --password-stdin or --password-file.")
                                  .arg(KeychainTimeout.count()));
    if (stored->error)
        return parser.failure(stored->error.message);
    for (const QString &line : stored->notes)
        note(line + QStringLiteral(" The profile is saved without it: give it to each command with --password-stdin "
                                   "or --password-file."));
    return 0;
}

// The options of add and edit: the profile's form, field by field.
struct FormOptions {
    QCommandLineOption bootstrap{QStringLiteral("bootstrap"), QStringLiteral("Bootstrap servers, host:port[,...]."),
                                 QStringLiteral("LIST")};
    QCommandLineOption sandbox{QStringLiteral("sandbox"),
                               QStringLiteral("The built-in sandbox with N brokers (for the window), instead of "
                                              "--bootstrap."),
                               QStringLiteral("N")};
    QCommandLineOption protocol{QStringLiteral("security-protocol"),
                                QStringLiteral("PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL."), QStringLiteral("PROTOCOL")};
    QCommandLineOption mechanism{QStringLiteral("sasl-mechanism"),
                                 QStringLiteral("PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER."),
                                 QStringLiteral("MECHANISM")};
    QCommandLineOption username{QStringLiteral("username"),
                                QStringLiteral("SASL user (OAUTHBEARER without a token endpoint: the unsecured token's "
                                               "principal)."),
                                QStringLiteral("USER")};
    QCommandLineOption passwordStdin{QStringLiteral("password-stdin"),
                                     QStringLiteral("Read the password (or OIDC client secret) from standard input's "
                                                    "first line; kept in the keychain.")};
    QCommandLineOption passwordFile{QStringLiteral("password-file"),
                                    QStringLiteral("Read the password (or OIDC client secret) from FILE's first line; "
                                                   "kept in the keychain."),
                                    QStringLiteral("FILE")};
    QCommandLineOption tokenEndpoint{QStringLiteral("token-endpoint"),
                                     QStringLiteral("OAUTHBEARER: the OIDC token endpoint URL."), QStringLiteral("URL")};
    QCommandLineOption clientId{QStringLiteral("client-id"), QStringLiteral("OAUTHBEARER: the OIDC client id."),
                                QStringLiteral("ID")};
    QCommandLineOption scope{QStringLiteral("scope"), QStringLiteral("OAUTHBEARER: the OIDC scope."),
                             QStringLiteral("SCOPE")};
    QCommandLineOption ca{QStringLiteral("ca"), QStringLiteral("CA certificate(s), PEM, to verify the brokers with."),
                          QStringLiteral("FILE")};
    QCommandLineOption cert{QStringLiteral("cert"),
                            QStringLiteral("Client certificate: PEM (with --key), or a PKCS#12 keystore (.p12, .pfx)."),
                            QStringLiteral("FILE")};
    QCommandLineOption key{QStringLiteral("key"), QStringLiteral("The client certificate's PEM key."),
                           QStringLiteral("FILE")};
    QCommandLineOption keyPasswordFile{QStringLiteral("key-password-file"),
                                       QStringLiteral("The key's (or keystore's) password from FILE's first line; kept "
                                                      "in the keychain."),
                                       QStringLiteral("FILE")};
    QCommandLineOption noVerify{QStringLiteral("no-verify"),
                                QStringLiteral("Do not verify the server's certificate and host name (unsafe).")};
    QCommandLineOption verify{QStringLiteral("verify"),
                              QStringLiteral("Verify the server's certificate and host name (the default).")};
    QCommandLineOption readOnly{QStringLiteral("read-only"),
                                QStringLiteral("Refuse every change to the cluster through this profile.")};
    QCommandLineOption readWrite{QStringLiteral("read-write"),
                                 QStringLiteral("Allow changes through this profile again (edit).")};
    QCommandLineOption property{QStringLiteral("X"),
                                QStringLiteral("Extra librdkafka property; repeatable (edit: replaces the same key, an "
                                               "empty value removes it)."),
                                QStringLiteral("PROPERTY=VALUE")};
    QCommandLineOption schemaRegistry{QStringLiteral("schema-registry"), QStringLiteral("Schema Registry URL."),
                                      QStringLiteral("URL")};
    QCommandLineOption registryUser{QStringLiteral("registry-user"),
                                    QStringLiteral("The Schema Registry's user (HTTP basic auth)."),
                                    QStringLiteral("USER")};
    QCommandLineOption registryPasswordFile{QStringLiteral("registry-password-file"),
                                            QStringLiteral("The Schema Registry's password from FILE's first line; "
                                                           "kept in the keychain."),
                                            QStringLiteral("FILE")};

    QList<QCommandLineOption> all() const
    {
        return {bootstrap, sandbox,   protocol, mechanism, username, passwordStdin, passwordFile,
                tokenEndpoint, clientId, scope, ca, cert, key, keyPasswordFile, noVerify, verify, readOnly,
                readWrite, property, schemaRegistry, registryUser, registryPasswordFile};
    }

    // Applies the options given to `profile`; what is wrong, as a usage error.
    kafka::Error apply(const SubcommandParser &parser, profiles::Profile *profile) const
    {
        const auto set = [&](const QCommandLineOption &option, QString *field) {
            if (parser.isSet(option))
                *field = parser.value(option);
        };
        if (parser.isSet(bootstrap) && parser.isSet(sandbox))
            return kafka::Error::invalid(QStringLiteral("give either --bootstrap or --sandbox"));
        if (parser.isSet(bootstrap)) {
            profile->sandbox = false;
            profile->bootstrapServers = parser.value(bootstrap).trimmed();
        }
        if (parser.isSet(sandbox)) {
            bool ok = false;
            profile->sandbox = true;
            profile->sandboxBrokers = parser.value(sandbox).toInt(&ok);
            if (!ok)
                return kafka::Error::invalid(QStringLiteral("--sandbox takes a broker count"));
        }
        kafka::SecuritySettings &s = profile->security;
        if (parser.isSet(protocol)) {
            auto parsed = kafka::SecuritySettings::parseProtocol(parser.value(protocol));
            if (!parsed.ok())
                return parsed.error();
            s.protocol = parsed.value();
        }
        if (parser.isSet(mechanism)) {
            auto parsed = kafka::SecuritySettings::parseMechanism(parser.value(mechanism));
            if (!parsed.ok())
                return parsed.error();
            s.mechanism = parsed.value();
            // SASL named without a protocol: over TLS.
            if (!parser.isSet(protocol) && !s.usesSasl())
                s.protocol = kafka::SecuritySettings::Protocol::SaslSsl;
        }
        set(username, &s.username);
        set(tokenEndpoint, &s.tokenEndpoint);
        set(clientId, &s.clientId);
        set(scope, &s.scope);
        set(ca, &s.caFile);
        set(cert, &s.certificateFile);
        set(key, &s.keyFile);
        set(schemaRegistry, &profile->schemaRegistryUrl);
        set(registryUser, &profile->schemaRegistryUser);
        if (parser.isSet(noVerify) && parser.isSet(verify))
            return kafka::Error::invalid(QStringLiteral("give either --verify or --no-verify"));
        if (parser.isSet(noVerify))
            s.verifyServer = false;
        if (parser.isSet(verify))
            s.verifyServer = true;
        if (parser.isSet(readOnly) && parser.isSet(readWrite))
            return kafka::Error::invalid(QStringLiteral("give either --read-only or --read-write"));
        if (parser.isSet(readOnly))
            profile->readOnly = true;
        if (parser.isSet(readWrite))
            profile->readOnly = false;
        for (const QString &assignment : parser.values(property)) {
            const qsizetype eq = assignment.indexOf(u'=');
            if (eq <= 0)
                return kafka::Error::invalid(QStringLiteral("-X takes PROPERTY=VALUE, not '%1'").arg(assignment));
            const QString name = assignment.left(eq);
            const QString value = assignment.mid(eq + 1);
            profile->extraProperties.removeIf([&name](const kafka::Property &p) { return p.first == name; });
            if (!value.isEmpty())
                profile->extraProperties.append({name, value});
        }
        return {};
    }

    // The secrets given on the command line, into `profile`.
    kafka::Error readSecrets(const SubcommandParser &parser, profiles::Profile *profile) const
    {
        auto password = readPasswordOption(parser, passwordStdin, passwordFile);
        if (!password.ok())
            return password.error();
        if (password.value())
            profile->setSecret(passwordField(*profile), *password.value());
        if (parser.isSet(keyPasswordFile)) {
            auto keyPassword = readSecretFile(parser.value(keyPasswordFile));
            if (!keyPassword.ok())
                return keyPassword.error();
            profile->security.keyPassword = keyPassword.value();
        }
        if (parser.isSet(registryPasswordFile)) {
            auto registryPassword = readSecretFile(parser.value(registryPasswordFile));
            if (!registryPassword.ok())
                return registryPassword.error();
            profile->schemaRegistryPassword = registryPassword.value();
        }
        return {};
    }
};

QString securitySummary(const profiles::Profile &p)
{
    if (p.sandbox)
        return QStringLiteral("-");
    const kafka::SecuritySettings &s = p.security;
    QStringList parts{kafka::SecuritySettings::protocolName(s.protocol)};
    if (s.usesSasl()) {
        parts.append(kafka::SecuritySettings::mechanismName(s.mechanism));
        if (s.usesOidc())
            parts.append(QStringLiteral("client ") + s.clientId);
        else if (!s.username.isEmpty())
            parts.append(QStringLiteral("user ") + s.username);
    }
    if (s.usesTls() && !s.verifyServer)
        parts.append(QStringLiteral("NOT-VERIFIED"));
    return parts.join(u' ');
}

int list(const QStringList &arguments)
{
    SubcommandParser parser(QStringLiteral("profiles list"),
                            QStringLiteral("Lists the profiles, one per line, tab-separated: name, bootstrap servers "
                                           "(or sandbox:N), security, read-only or read-write."));
    if (const auto exit = parser.parse(arguments))
        return *exit;
    const profiles::ProfileStore store;
    for (const QString &name : store.names()) {
        const profiles::Profile p = *store.find(name);
        print(QStringLiteral("%1\t%2\t%3\t%4")
                  .arg(name, p.sandbox ? QStringLiteral("sandbox:%1").arg(p.sandboxBrokers) : p.bootstrapServers,
                       securitySummary(p), p.readOnly ? QStringLiteral("read-only") : QStringLiteral("read-write")));
    }
    return 0;
}

int addOrEdit(const QStringList &arguments, bool add)
{
    SubcommandParser parser(
        add ? QStringLiteral("profiles add") : QStringLiteral("profiles edit"),
        add ? QStringLiteral("Adds profile NAME: 'kafkadesk profiles add NAME --bootstrap LIST [options]'. Its secrets "
                             "go to the OS keychain, never to a file.")
            : QStringLiteral("Changes what the options say in profile NAME: 'kafkadesk profiles edit NAME [options]'."));
    const FormOptions form;
    parser.addOptions(form.all());
    int exit = 0;
    const auto names = parseNamed(parser, arguments, 1, QStringLiteral("name the profile"), &exit);
    if (!names)
        return exit;
    const QString name = names->first();
    profiles::ProfileStore store;
    profiles::Profile profile;
    if (add) {
        if (store.contains(name))
            return parser.failure(QStringLiteral("A profile named '%1' exists already: change it with 'kafkadesk "
                                                 "profiles edit'.")
                                      .arg(name));
        if (!parser.isSet(form.bootstrap) && !parser.isSet(form.sandbox))
            return parser.usageError(QStringLiteral("--bootstrap LIST (or --sandbox N) is required"));
        profile.name = name;
    } else {
        const auto found = store.find(name);
        if (!found)
            return noSuchProfile(parser, name);
        profile = *found;
    }
    if (auto err = form.apply(parser, &profile))
        return parser.usageError(err.message);
    if (auto err = form.readSecrets(parser, &profile))
        return ClientOptions::exitFor(parser, err);
    if (auto err = profile.validate())
        return parser.usageError(err.message);
    for (const QString &warning : profile.security.warnings())
        note(warning);
    if (auto err = store.save(profile))
        return parser.failure(err.message);
    return storeSecrets(parser, profile);
}

int remove(const QStringList &arguments)
{
    SubcommandParser parser(QStringLiteral("profiles remove"),
                            QStringLiteral("Removes profile NAME and its secrets from the keychain."));
    int exit = 0;
    const auto names = parseNamed(parser, arguments, 1, QStringLiteral("name the profile"), &exit);
    if (!names)
        return exit;
    profiles::ProfileStore store;
    if (auto err = store.remove(names->first()))
        return parser.failure(err.message);
    profiles::SecretStore secrets;
    const auto removed = waitForKeychain(secrets.remove(names->first()));
    if (!removed)
        return parser.failure(QStringLiteral("The keychain did not answer within %1 s: the profile's secrets may be "
                                             "left there.")
                                  .arg(KeychainTimeout.count()));
    if (removed->error)
        return parser.failure(removed->error.message);
    return 0;
}

int rename(const QStringList &arguments)
{
    SubcommandParser parser(QStringLiteral("profiles rename"),
                            QStringLiteral("Renames profile OLD to NEW, its secrets in the keychain too: "
                                           "'kafkadesk profiles rename OLD NEW'."));
    int exit = 0;
    const auto names = parseNamed(parser, arguments, 2, QStringLiteral("name the profile and its new name"), &exit);
    if (!names)
        return exit;
    profiles::ProfileStore store;
    if (!store.contains(names->at(0)))
        return noSuchProfile(parser, names->at(0));
    if (store.contains(names->at(1)))
        return parser.failure(QStringLiteral("A profile named '%1' exists already.").arg(names->at(1)));
    if (auto err = profiles::validateProfileName(names->at(1)))
        return parser.usageError(err.message);
    // The secrets first: a keychain that refuses leaves the profile as it was.
    profiles::SecretStore secrets;
    const auto moved = waitForKeychain(secrets.move(names->at(0), names->at(1)));
    if (!moved)
        return parser.failure(QStringLiteral("The keychain did not answer within %1 s: nothing was renamed.")
                                  .arg(KeychainTimeout.count()));
    if (moved->error)
        return parser.failure(moved->error.message);
    if (auto err = store.rename(names->at(0), names->at(1)))
        return parser.failure(err.message);
    return 0;
}

int test(const QStringList &arguments)
{
    SubcommandParser parser(QStringLiteral("profiles test"),
                            QStringLiteral("Connects as profile NAME says and reports each step (name, TCP, TLS, "
                                           "SASL, cluster); exits 0 only when the cluster answered and authenticated."));
    ClientOptions client{QString()};
    // Resolved as --profile NAME on any other command, which it adds itself.
    QCommandLineOption profile = client.profile;
    profile.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({client.brokers, client.property, client.passwordStdin, client.passwordFile, profile});
    QStringList rest = arguments;
    const auto names = takeNames(&rest, 1);
    if (!names || rest.contains(QStringLiteral("--profile"))) {
        if (const auto exit = parser.parse(rest))
            return *exit;
        return parser.usageError(QStringLiteral("name the profile: 'kafkadesk profiles test NAME'"));
    }
    if (const auto exit = parser.parse(rest << QStringLiteral("--profile") << QString::fromLatin1(names->first().toUtf8())))
        return *exit;
    auto config = client.clusterConfig(parser);
    if (!config.ok())
        return ClientOptions::exitFor(parser, config.error());
    const kafka::ConnectionReport report = kafka::checkConnection(config.value());
    std::fputs(qPrintable(report.text()), stdout);
    return report.ok ? 0 : 1;
}

int import(const QStringList &arguments)
{
    SubcommandParser parser(QStringLiteral("profiles import"),
                            QStringLiteral("Adds profile NAME from a Java client's .properties file or a "
                                           "librdkafka/kcat one: 'kafkadesk profiles import NAME FILE'. Its secrets go "
                                           "to the keychain."));
    const QCommandLineOption readOnly(QStringLiteral("read-only"),
                                      QStringLiteral("Refuse every change to the cluster through this profile."));
    parser.addOptions({readOnly});
    int exit = 0;
    const auto names = parseNamed(parser, arguments, 2, QStringLiteral("name the profile and the file"), &exit);
    if (!names)
        return exit;
    profiles::ProfileStore store;
    if (store.contains(names->at(0)))
        return parser.failure(QStringLiteral("A profile named '%1' exists already.").arg(names->at(0)));
    QFile file(names->at(1));
    if (!file.open(QIODevice::ReadOnly))
        return parser.failure(QStringLiteral("Cannot read %1: %2").arg(names->at(1), file.errorString()));
    const QByteArray bytes = file.read(MaxImportBytes + 1);
    QStringList notes;
    auto profile = profiles::importProfile(names->at(0), bytes, &notes);
    if (!profile.ok())
        return parser.failure(profile.error().message);
    for (const QString &line : notes)
        note(line);
    profiles::Profile imported = profile.value();
    imported.readOnly = parser.isSet(readOnly);
    for (const QString &warning : imported.security.warnings())
        note(warning);
    if (auto err = store.add(imported))
        return parser.failure(err.message);
    return storeSecrets(parser, imported);
}

int exportProfile(const QStringList &arguments)
{
    SubcommandParser parser(QStringLiteral("profiles export"),
                            QStringLiteral("Prints profile NAME as a librdkafka properties file (kcat -F FILE reads "
                                           "it), without its secrets."));
    int exit = 0;
    const auto names = parseNamed(parser, arguments, 1, QStringLiteral("name the profile"), &exit);
    if (!names)
        return exit;
    const profiles::ProfileStore store;
    const auto profile = store.find(names->first());
    if (!profile)
        return noSuchProfile(parser, names->first());
    if (profile->sandbox)
        return parser.failure(QStringLiteral("Profile '%1' is the built-in sandbox, which has no properties to "
                                             "export.")
                                  .arg(names->first()));
    std::fputs(qPrintable(profiles::exportProfile(*profile)), stdout);
    return 0;
}

} // namespace

int runProfiles(const QStringList &arguments)
{
    const auto [action, rest] = takeAction(arguments);
    if (action == QLatin1String("list"))
        return list(rest);
    if (action == QLatin1String("add"))
        return addOrEdit(rest, true);
    if (action == QLatin1String("edit"))
        return addOrEdit(rest, false);
    if (action == QLatin1String("remove"))
        return remove(rest);
    if (action == QLatin1String("rename"))
        return rename(rest);
    if (action == QLatin1String("test"))
        return test(rest);
    if (action == QLatin1String("import"))
        return import(rest);
    if (action == QLatin1String("export"))
        return exportProfile(rest);
    return actionUsage(Command, action,
                       {QStringLiteral("list"), QStringLiteral("add"), QStringLiteral("edit"), QStringLiteral("remove"),
                        QStringLiteral("rename"), QStringLiteral("test"), QStringLiteral("import"),
                        QStringLiteral("export")},
                       QStringLiteral("Connection profiles: the window's and --profile NAME's; their secrets live in "
                                      "the OS keychain."));
}

} // namespace cli
