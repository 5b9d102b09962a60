// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AptScanKey.h"

namespace steward::agent
{

// Everything the answer of `apt-get dist-upgrade` depends on, for
// steward-apt-scan --reuse: this program and libapt-pkg, the complete
// configuration, and the files APT and dpkg read (README.md, "Reusing the
// previous scan"). Lives in the helper, with libapt-pkg.
class AptInputs
{
public:
    // Call after the configuration and the system are initialised, exactly
    // as for the scan, and before the cache is built.
    static AptScanKey scanKey();
};

} // namespace steward::agent
