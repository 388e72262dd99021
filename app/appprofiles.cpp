#include "appprofiles.h"

#include "settingswriter.h"

#include <memory>

namespace AppProfiles {

namespace {
std::unique_ptr<profiles::ProfileStore> &instance()
{
    static std::unique_ptr<profiles::ProfileStore> store;
    return store;
}
} // namespace

profiles::ProfileStore &store()
{
    auto &store = instance();
    if (!store)
        store = std::make_unique<profiles::ProfileStore>(QString(), &SettingsWriter::write);
    return *store;
}

profiles::SecretStore &secrets()
{
    // Never destroyed: a keychain job may still finish during the exit.
    static auto *const secrets = new profiles::SecretStore;
    return *secrets;
}

void reload()
{
    SettingsWriter::waitForWrites(5000);
    instance().reset();
}

} // namespace AppProfiles
