#include "secretstore.h"

#include <qt6keychain/keychain.h>

#include <QFutureWatcher>
#include <QPromise>

#include <memory>

namespace profiles {

namespace {

QFuture<SecretsOutcome> ready(SecretsOutcome outcome)
{
    QPromise<SecretsOutcome> promise;
    promise.start();
    promise.addResult(std::move(outcome));
    promise.finish();
    return promise.future();
}

// No keychain service answered: nothing to refuse, nowhere to store.
bool isAbsent(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError;
}

} // namespace

SecretStore::SecretStore(const QString &service, QObject *parent) : QObject(parent), m_service(service) {}

QString SecretStore::keyOf(const QString &profile, SecretField field)
{
    return profile + u'/' + secretFieldName(field);
}

// The first error, and whether any answer went to memory only.
void SecretStore::takeAnswers(SecretsOutcome &outcome, const Answers &answers)
{
    for (const Answer &answer : answers) {
        outcome.sessionOnly = outcome.sessionOnly || answer.sessionOnly;
        if (answer.error && !outcome.error)
            outcome.error = answer.error;
    }
}

QString SecretStore::sessionNote(const QString &what) const
{
    return QStringLiteral("No keychain answered (%1): %2 is kept for this session only.").arg(m_keychainProblem, what);
}

SecretStore::Answer SecretStore::fromSession(const Operation &operation)
{
    Answer answer;
    answer.sessionOnly = true;
    switch (operation.op) {
    case Op::Read: {
        const auto it = m_session.constFind(operation.key);
        answer.found = it != m_session.cend();
        if (answer.found)
            answer.value = *it;
        break;
    }
    case Op::Write:
        if (!m_session.contains(operation.key) && m_session.size() >= MaxSessionSecrets)
            answer.error = kafka::Error::invalid(QStringLiteral("Too many secrets kept for this session."));
        else
            m_session.insert(operation.key, operation.value);
        break;
    case Op::Delete:
        m_session.remove(operation.key);
        break;
    }
    return answer;
}

void SecretStore::runOne(const Operation &operation, std::function<void(Answer)> done)
{
    // A secret given in this run without a keychain is the newest there is.
    if (!m_keychainProblem.isEmpty() || (operation.op == Op::Read && m_session.contains(operation.key))) {
        done(fromSession(operation));
        return;
    }
    QKeychain::Job *job = nullptr;
    switch (operation.op) {
    case Op::Read:
        job = new QKeychain::ReadPasswordJob(m_service, this);
        break;
    case Op::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service, this);
        write->setTextData(operation.value);
        job = write;
        break;
    }
    case Op::Delete:
        job = new QKeychain::DeletePasswordJob(m_service, this);
        break;
    }
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain-text file
    job->setKey(operation.key);
    connect(job, &QKeychain::Job::finished, this, [this, operation, done = std::move(done)](QKeychain::Job *finished) {
        const QKeychain::Error error = finished->error();
        if (isAbsent(error)) {
            if (m_keychainProblem.isEmpty())
                m_keychainProblem = finished->errorString().isEmpty() ? QStringLiteral("no keychain service")
                                                                      : finished->errorString();
            done(fromSession(operation));
            return;
        }
        Answer answer;
        if (error == QKeychain::NoError) {
            if (operation.op == Op::Read) {
                answer.found = true;
                answer.value = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
            } else {
                m_session.remove(operation.key);
            }
        } else if (error != QKeychain::EntryNotFound) {
            answer.error = kafka::Error::invalid(QStringLiteral("The keychain refused %1 of %2: %3")
                                                     .arg(operation.op == Op::Read    ? QStringLiteral("reading")
                                                          : operation.op == Op::Write ? QStringLiteral("storing")
                                                                                      : QStringLiteral("removing"),
                                                          operation.key, finished->errorString()));
        }
        done(answer);
    });
    job->start();
}

void SecretStore::runAll(QList<Operation> operations, std::function<void(Answers)> done)
{
    struct State {
        QList<Operation> operations;
        Answers answers;
        std::function<void(Answers)> done;
        std::function<void()> next;
    };
    auto state = std::make_shared<State>(State{std::move(operations), {}, std::move(done), {}});
    // One at a time, in order. Each job's handler holds the state; `next`
    // only looks at it.
    state->next = [this, weak = std::weak_ptr<State>(state)] {
        auto s = weak.lock();
        if (s->answers.size() == s->operations.size()) {
            auto finish = std::move(s->done);
            Answers answers = std::move(s->answers);
            finish(std::move(answers));
            return;
        }
        runOne(s->operations.at(s->answers.size()), [s](Answer answer) {
            s->answers.append(std::move(answer));
            s->next();
        });
    };
    state->next();
}

QFuture<SecretsOutcome> SecretStore::fill(const Profile &profile, const QList<SecretField> &only)
{
    QList<Operation> reads;
    QList<SecretField> fields;
    for (SecretField field : AllSecretFields) {
        if ((only.isEmpty() || only.contains(field)) && profile.needs(field) && profile.secret(field).isEmpty()) {
            reads.append({Op::Read, keyOf(profile.name, field), {}});
            fields.append(field);
        }
    }
    if (reads.isEmpty())
        return ready({profile, {}, {}, false});
    auto promise = std::make_shared<QPromise<SecretsOutcome>>();
    promise->start();
    runAll(reads, [this, promise, profile, fields](Answers answers) {
        SecretsOutcome outcome{profile, {}, {}, false};
        for (int i = 0; i < answers.size(); ++i) {
            const Answer &answer = answers.at(i);
            outcome.sessionOnly = outcome.sessionOnly || answer.sessionOnly;
            if (answer.error && !outcome.error)
                outcome.error = answer.error;
            if (answer.found)
                outcome.profile.setSecret(fields.at(i), answer.value);
            else if (fields.at(i) != SecretField::KeyPassword) // optional: an unencrypted key has none
                outcome.notes.append(answer.sessionOnly
                                         ? QStringLiteral("No keychain answered (%1): %2 of profile '%3' is not known in this session.")
                                               .arg(m_keychainProblem, secretFieldDescription(fields.at(i)), profile.name)
                                         : QStringLiteral("The keychain holds no %1 for profile '%2'.")
                                               .arg(secretFieldDescription(fields.at(i)).mid(4), profile.name));
        }
        promise->addResult(std::move(outcome));
        promise->finish();
    });
    return promise->future();
}

QFuture<SecretsOutcome> SecretStore::store(const Profile &profile)
{
    QList<Operation> writes;
    QStringList what;
    for (SecretField field : AllSecretFields) {
        if (!profile.secret(field).isEmpty()) {
            writes.append({Op::Write, keyOf(profile.name, field), profile.secret(field)});
            what.append(secretFieldDescription(field));
        }
    }
    if (writes.isEmpty())
        return ready({profile, {}, {}, false});
    auto promise = std::make_shared<QPromise<SecretsOutcome>>();
    promise->start();
    runAll(writes, [this, promise, profile, what](Answers answers) {
        SecretsOutcome outcome{profile, {}, {}, false};
        takeAnswers(outcome, answers);
        if (outcome.sessionOnly)
            outcome.notes.append(sessionNote(what.join(QStringLiteral(" and "))));
        promise->addResult(std::move(outcome));
        promise->finish();
    });
    return promise->future();
}

QFuture<SecretsOutcome> SecretStore::remove(const QString &name)
{
    QList<Operation> deletes;
    for (SecretField field : AllSecretFields)
        deletes.append({Op::Delete, keyOf(name, field), {}});
    auto promise = std::make_shared<QPromise<SecretsOutcome>>();
    promise->start();
    runAll(deletes, [promise](Answers answers) {
        SecretsOutcome outcome;
        takeAnswers(outcome, answers);
        promise->addResult(std::move(outcome));
        promise->finish();
    });
    return promise->future();
}

QFuture<SecretsOutcome> SecretStore::copy(const QString &from, const QString &to)
{
    auto promise = std::make_shared<QPromise<SecretsOutcome>>();
    promise->start();
    QList<Operation> reads;
    for (SecretField field : AllSecretFields)
        reads.append({Op::Read, keyOf(from, field), {}});
    runAll(reads, [this, promise, from, to](Answers read) {
        SecretsOutcome outcome;
        QList<Operation> writes;
        QStringList what;
        for (int i = 0; i < read.size(); ++i) {
            if (read.at(i).error && !outcome.error)
                outcome.error = read.at(i).error;
            if (read.at(i).found) {
                writes.append({Op::Write, keyOf(to, AllSecretFields[i]), read.at(i).value});
                what.append(secretFieldDescription(AllSecretFields[i]));
            }
        }
        if (outcome.error || writes.isEmpty()) {
            promise->addResult(std::move(outcome));
            promise->finish();
            return;
        }
        runAll(writes, [this, promise, outcome, what](Answers written) mutable {
            takeAnswers(outcome, written);
            if (outcome.sessionOnly)
                outcome.notes.append(sessionNote(what.join(QStringLiteral(" and "))));
            promise->addResult(std::move(outcome));
            promise->finish();
        });
    });
    return promise->future();
}

QFuture<SecretsOutcome> SecretStore::move(const QString &from, const QString &to)
{
    auto promise = std::make_shared<QPromise<SecretsOutcome>>();
    promise->start();
    auto copied = copy(from, to);
    // copy() finishes on this thread, from a keychain job's signal or at once.
    auto *watcher = new QFutureWatcher<SecretsOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, promise, from] {
        SecretsOutcome outcome = watcher->result();
        watcher->deleteLater();
        if (outcome.error) {
            promise->addResult(std::move(outcome));
            promise->finish();
            return;
        }
        auto removed = remove(from);
        auto *second = new QFutureWatcher<SecretsOutcome>(this);
        connect(second, &QFutureWatcherBase::finished, this, [second, promise, outcome]() mutable {
            const SecretsOutcome removal = second->result();
            second->deleteLater();
            if (removal.error)
                outcome.error = removal.error;
            promise->addResult(std::move(outcome));
            promise->finish();
        });
        second->setFuture(removed);
    });
    watcher->setFuture(copied);
    return promise->future();
}

} // namespace profiles
