#pragma once

#include "subcommandparser.h"

#include "kafka/clientconfig.h"
#include "kafka/error.h"
#include "profiles/profile.h"

#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>
#include <QTimer>

#include <chrono>
#include <optional>

namespace cli {

// The command line's way to the connection profiles and their secrets.

// How long a command waits for the keychain (a Secret Service that does not
// answer holds a D-Bus call for 25 s) before it goes on without it.
constexpr std::chrono::seconds KeychainTimeout{30};

// The secret of --password-stdin or --password-file: the first line, without
// its line end (at most 64 KiB). Standard input is read byte by byte, so what
// follows the line is left for the command. Nothing when neither is given.
kafka::Result<std::optional<QString>> readPasswordOption(const SubcommandParser &parser,
                                                         const QCommandLineOption &fromStdin,
                                                         const QCommandLineOption &fromFile);
// A secret file's first line, without its line end (at most 64 KiB).
kafka::Result<QString> readSecretFile(const QString &path);

// The client configuration of profile `name` with its secrets: `password`
// when given (for this command only), else from the keychain. Refused (a
// code other than __INVALID_ARG) when there is no such profile, when it is
// the sandbox, when `writes` and the profile is read-only (before the
// keychain is asked), or when a secret it needs is not known.
kafka::Result<kafka::ClientConfig> profileConfig(const QString &name, const std::optional<QString> &password,
                                                 const QString &command, bool writes);

// The profile `name` with its secrets as profileConfig() reads them.
kafka::Result<profiles::Profile> profileWithSecrets(const QString &name, const std::optional<QString> &password);

// The Schema Registry of profile `name` with its login: the password from
// the keychain when `withPassword` (and no other secret read); an empty URL
// when the profile names none.
kafka::Result<kafka::SchemaRegistrySettings> profileRegistry(const QString &name, bool withPassword);

// Where a command's one password goes in `profile`: the SASL password, the
// OIDC client secret, or (TLS only) the key password.
profiles::SecretField passwordField(const profiles::Profile &profile);

// Runs an event loop until `future` is done (a keychain job finishes on
// this thread's loop), or KeychainTimeout has passed: nothing then.
template <typename T>
std::optional<T> waitForKeychain(const QFuture<T> &future)
{
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<T> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(KeychainTimeout, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec();
    }
    if (!future.isFinished())
        return std::nullopt;
    return future.result();
}

} // namespace cli
