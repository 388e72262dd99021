#pragma once

#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

// The window's connection profiles and their secrets, one of each per
// process (GUI thread). The profiles are read from the settings once and
// written through SettingsWriter, so the GUI thread never waits on the
// disk; the secrets go through QtKeychain's asynchronous jobs, and where no
// keychain answers they live in this SecretStore's memory for the rest of
// the run, so that the user gives each one once per run.
namespace AppProfiles {

profiles::ProfileStore &store();
profiles::SecretStore &secrets();
// Reads the profiles from the settings again, after the queued writes: for
// a settings file changed behind the app's back (tests clear it).
void reload();

} // namespace AppProfiles
