#include "profileaccess.h"

#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace cli {

namespace {

constexpr qsizetype MaxSecretBytes = 64 * 1024;

kafka::Error refusal(const QString &message)
{
    return {RD_KAFKA_RESP_ERR__FAIL, message};
}

QString firstLine(QByteArray bytes)
{
    const qsizetype end = bytes.indexOf('\n');
    if (end >= 0)
        bytes.truncate(end);
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    return QString::fromUtf8(bytes);
}

} // namespace

kafka::Result<QString> readSecretFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return refusal(QStringLiteral("Cannot read the secret file %1: %2").arg(path, file.errorString()));
    return firstLine(file.read(MaxSecretBytes));
}

kafka::Result<std::optional<QString>> readPasswordOption(const SubcommandParser &parser,
                                                         const QCommandLineOption &fromStdin,
                                                         const QCommandLineOption &fromFile)
{
    if (parser.isSet(fromStdin) && parser.isSet(fromFile))
        return kafka::Error::invalid(QStringLiteral("give either --password-stdin or --password-file, not both"));
    if (parser.isSet(fromFile)) {
        auto secret = readSecretFile(parser.value(fromFile));
        if (!secret.ok())
            return secret.error();
        return std::optional<QString>(secret.value());
    }
    if (!parser.isSet(fromStdin))
        return std::optional<QString>();
    // Byte by byte: whatever follows the first line is the command's input.
    QByteArray bytes;
    for (;;) {
        char c = 0;
        const ssize_t n = ::read(STDIN_FILENO, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return refusal(QStringLiteral("Cannot read the password from standard input: %1")
                               .arg(QString::fromLocal8Bit(std::strerror(errno))));
        if (n == 0 || c == '\n')
            break;
        if (bytes.size() >= MaxSecretBytes)
            return kafka::Error::invalid(QStringLiteral("the password on standard input is longer than 64 KiB"));
        bytes.append(c);
    }
    return std::optional<QString>(firstLine(bytes));
}

profiles::SecretField passwordField(const profiles::Profile &profile)
{
    if (profile.needs(profiles::SecretField::ClientSecret))
        return profiles::SecretField::ClientSecret;
    if (!profile.security.usesSasl() && profile.needs(profiles::SecretField::KeyPassword))
        return profiles::SecretField::KeyPassword;
    return profiles::SecretField::Password;
}

kafka::Result<profiles::Profile> profileWithSecrets(const QString &name, const std::optional<QString> &password)
{
    const profiles::ProfileStore store;
    auto profile = store.find(name);
    if (!profile)
        return kafka::Error{RD_KAFKA_RESP_ERR__NOENT,
                            QStringLiteral("There is no profile named '%1' ('kafkadesk profiles list' shows them).").arg(name)};
    if (password)
        profile->setSecret(passwordField(*profile), *password);
    profiles::SecretStore secrets;
    const auto filled = waitForKeychain(secrets.fill(*profile));
    if (!filled)
        return refusal(QStringLiteral("The keychain did not answer within %1 s.").arg(KeychainTimeout.count()));
    if (filled->error)
        return refusal(filled->error.message);
    profiles::Profile out = filled->profile;
    if (auto err = out.validateForConnecting()) {
        QString message = QStringLiteral("Profile '%1': %2").arg(name, err.message);
        for (const QString &note : filled->notes)
            message += u' ' + note;
        return refusal(message + QStringLiteral(" Give it with --password-stdin or --password-file, or store it with "
                                                "'kafkadesk profiles edit %1 --password-stdin'.")
                                     .arg(name));
    }
    return out;
}

kafka::Result<kafka::SchemaRegistrySettings> profileRegistry(const QString &name, bool withPassword)
{
    const auto profile = profiles::ProfileStore().find(name);
    if (!profile)
        return kafka::Error{RD_KAFKA_RESP_ERR__NOENT,
                            QStringLiteral("There is no profile named '%1' ('kafkadesk profiles list' shows them).").arg(name)};
    if (!withPassword || !profile->needs(profiles::SecretField::RegistryPassword))
        return profile->schemaRegistry();
    profiles::SecretStore secrets;
    const auto filled = waitForKeychain(secrets.fill(*profile, {profiles::SecretField::RegistryPassword}));
    if (!filled)
        return refusal(QStringLiteral("The keychain did not answer within %1 s.").arg(KeychainTimeout.count()));
    if (filled->error)
        return refusal(filled->error.message);
    if (filled->profile.schemaRegistryPassword.isEmpty())
        return refusal(filled->notes.join(u' ')
                       + QStringLiteral(" Give it with --registry-password-file, or store it with 'kafkadesk profiles "
                                        "edit %1 --registry-password-file FILE'.")
                             .arg(name));
    return filled->profile.schemaRegistry();
}

kafka::Result<kafka::ClientConfig> profileConfig(const QString &name, const std::optional<QString> &password,
                                                 const QString &command, bool writes)
{
    const profiles::ProfileStore store;
    const auto stored = store.find(name);
    if (!stored)
        return kafka::Error{RD_KAFKA_RESP_ERR__NOENT,
                            QStringLiteral("There is no profile named '%1' ('kafkadesk profiles list' shows them).").arg(name)};
    if (stored->sandbox)
        return refusal(QStringLiteral("Profile '%1' is the built-in sandbox, which lives inside the window: start one "
                                      "with 'kafkadesk sandbox' and give its servers with -b.")
                           .arg(name));
    if (writes && stored->readOnly)
        return kafka::Error{RD_KAFKA_RESP_ERR__STATE,
                            QStringLiteral("Profile %1 is read-only: %2 changes the cluster, and is refused. Nothing "
                                           "was sent.")
                                .arg(name, command)};
    auto profile = profileWithSecrets(name, password);
    if (!profile.ok())
        return profile.error();
    return profile.value().clientConfig();
}

} // namespace cli
