#pragma once

#include "profile.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <functional>
#include <optional>

namespace profiles {

// The connection profiles, in QSettings under "profiles/NAME/FIELD", without
// their secrets (those are for SecretStore). Read from the settings once;
// after that the profiles are kept in memory and each change is handed to
// the writer, so that the window can write through SettingsWriter and never
// wait on the disk, while the command line writes at once.
class ProfileStore {
public:
    // Bounded: a list a person manages by hand.
    static constexpr int MaxProfiles = 500;

    // Sets each key to its value (an invalid QVariant removes the key, and
    // the group of that name) in the order of the map's keys.
    using Writer = std::function<void(const QVariantMap &changes)>;

    // The application's settings (QSettings()), or the INI file
    // `settingsFile` when given (tests). Without a writer, changes are
    // written to the same place at once.
    explicit ProfileStore(const QString &settingsFile = QString(), Writer writer = {});

    QStringList names() const { return m_profiles.keys(); } // sorted
    bool contains(const QString &name) const { return m_profiles.contains(name); }
    // The profile without its secrets.
    std::optional<Profile> find(const QString &name) const;

    // Stores `profile` (validated; its secrets left out), replacing one of
    // the same name.
    kafka::Error save(const Profile &profile);
    kafka::Error add(const Profile &profile); // refuses an existing name
    kafka::Error remove(const QString &name);
    kafka::Error rename(const QString &from, const QString &to);

private:
    void write(const QString &name, const std::optional<Profile> &profile);

    QString m_settingsFile;
    Writer m_writer;
    QMap<QString, Profile> m_profiles;
};

} // namespace profiles
