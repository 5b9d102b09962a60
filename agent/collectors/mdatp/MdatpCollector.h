// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clamav/AntivirusProductCollector.h"

#include <chrono>

namespace steward::agent
{

// Microsoft Defender for Endpoint on Linux, from `mdatp health --output json`
// (the command-line client asks the running wdavdaemon). Installed means
// <root>/usr/bin/mdatp exists; when the daemon is not running the product is
// reported as stopped rather than as an error, since that is the answer.
class MdatpCollector : public AntivirusProductCollector
{
public:
    explicit MdatpCollector(std::chrono::milliseconds timeout = std::chrono::seconds(30));

    QString productKey() const override;
    Result<QList<AntivirusProduct>> collectProducts(const CollectContext &context) const override;

    // One product from the health JSON. Newer clients wrap some values as
    // {"value": …, "scope": …}; both forms are read. A missing field is null
    // (strings, times) or false (booleans); output that is not a JSON object
    // is "mdatp.unparseable".
    static Result<AntivirusProduct> parseHealth(const QByteArray &json);

private:
    std::chrono::milliseconds m_timeout;
};

} // namespace steward::agent
