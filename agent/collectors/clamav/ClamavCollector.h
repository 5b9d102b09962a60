// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AntivirusProductCollector.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <chrono>
#include <optional>

namespace steward::agent
{

struct AntivirusDatabase;
struct AntivirusProduct;

// ClamAV from what is on disk and in /proc, without scanning or talking to
// clamd (may be down, which is exactly what we report): definitions from the
// signed database headers, services and on-access scanning from the process
// table and clamd.conf, freshclam's last success from its log. The only
// program run is `clamd --version` (or `clamscan --version`) for the engine
// version, which reads database headers only.
class ClamavCollector : public AntivirusProductCollector
{
public:
    explicit ClamavCollector(std::chrono::milliseconds timeout = std::chrono::seconds(15));

    QString productKey() const override;
    Result<QList<AntivirusProduct>> collectProducts(const CollectContext &context) const override;

    // The 512-byte header of a .cvd/.cld file:
    // "ClamAV-VDB:<time>:<version>:<signatures>:<level>:<md5>:<dsig>:<builder>:<epoch>".
    static Result<AntivirusDatabase> parseDatabaseHeader(const QByteArray &header, const QString &databaseName);
    // sigtool's "%d %b %Y %H-%M %z", e.g. "14 Nov 2026 08-20 +0000".
    static std::optional<qint64> parseHeaderTime(QStringView text);

    // clamd.conf / freshclam.conf: "Key value" lines, '#' comments; a key
    // may repeat (OnAccessIncludePath). Keys as written, values trimmed.
    static QHash<QString, QStringList> parseConfig(const QByteArray &text);
    // "ClamAV 1.0.3/27097/Fri Nov 17 08:32:00 2023" or "ClamAV 1.0.3" -> "1.0.3".
    static std::optional<QString> parseVersionOutput(const QByteArray &output);
    // The time of the last line of freshclam's log (LogTime yes: "<ctime> -> ")
    // that reports a successful update or an up-to-date database. ctime is
    // the machine's local time.
    static std::optional<qint64> parseFreshclamLog(const QByteArray &log);

private:
    std::chrono::milliseconds m_timeout;
};

} // namespace steward::agent
