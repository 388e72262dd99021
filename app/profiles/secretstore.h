#pragma once

#include "profile.h"

#include "kafka/error.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace profiles {

// What a SecretStore operation did: for fill(), the profile with the
// secrets found; notes to show the user (a secret kept for this session
// only, a secret the keychain does not hold); or the keychain's refusal.
struct SecretsOutcome {
    Profile profile;
    QStringList notes;
    kafka::Error error;
    bool sessionOnly = false; // no keychain answered: secrets live in memory, for this run
};

// The profiles' secrets (password, client secret, key password) in the OS
// keychain through QtKeychain, under the key "PROFILE/FIELD" of the service
// `service`; nowhere else, and never in a file. QtKeychain's jobs are
// asynchronous: every operation returns a future (whenReady() delivers it
// on the GUI thread, the command line runs an event loop until it is done),
// and nothing here waits.
//
// Where no keychain service answers (no Secret Service or KWallet on the
// session bus, no session bus at all), a secret given is kept in memory for
// this run only, and the outcome says so; after the first such answer the
// keychain is not asked again in this run.
//
// Lives on, and is used from, one thread with an event loop.
class SecretStore : public QObject {
    Q_OBJECT
public:
    static constexpr int MaxSessionSecrets = 3 * 500; // every field of ProfileStore::MaxProfiles

    explicit SecretStore(const QString &service = QStringLiteral("KafkaDesk"), QObject *parent = nullptr);

    // The keychain's key of a profile's secret.
    static QString keyOf(const QString &profile, SecretField field);

    // A copy of `profile` with the secrets its form needs (Profile::needs)
    // read from the keychain; those it already holds are kept, those not
    // found stay empty and are named in the notes. `only`: just these
    // fields (empty: all).
    QFuture<SecretsOutcome> fill(const Profile &profile, const QList<SecretField> &only = {});
    // Stores each secret `profile` holds (the empty ones are left as they
    // are); the outcome's profile is `profile`.
    QFuture<SecretsOutcome> store(const Profile &profile);
    // Removes every secret of the profile `name`.
    QFuture<SecretsOutcome> remove(const QString &name);
    // Copies every secret of profile `from` to profile `to` (duplicate), or
    // moves them (rename).
    QFuture<SecretsOutcome> copy(const QString &from, const QString &to);
    QFuture<SecretsOutcome> move(const QString &from, const QString &to);

    // Empty while a keychain answers (or none was asked yet); else why not.
    QString keychainProblem() const { return m_keychainProblem; }

private:
    enum class Op { Read, Write, Delete };
    struct Operation {
        Op op;
        QString key;
        QString value; // Write
    };
    struct Answer {
        QString value;  // Read: empty when not found
        bool found = false;
        bool sessionOnly = false;
        kafka::Error error;
    };
    using Answers = QList<Answer>;
    // Folds writes' or deletes' answers into `outcome`.
    static void takeAnswers(SecretsOutcome &outcome, const Answers &answers);

    void runAll(QList<Operation> operations, std::function<void(Answers)> done);
    void runOne(const Operation &operation, std::function<void(Answer)> done);
    Answer fromSession(const Operation &operation);
    QString sessionNote(const QString &what) const;

    QString m_service;
    QString m_keychainProblem;
    QHash<QString, QString> m_session;
};

} // namespace profiles
