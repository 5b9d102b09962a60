// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClamavCollector.h"

#include "AntivirusProduct.h"
#include "ClamavCollectorLogging.h"
#include "CollectContext.h"

#include <QCborArray>
#include <QCborMap>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLocale>

#include <algorithm>
#include <array>

namespace steward::agent
{

namespace
{
constexpr qint64 s_headerSize = 512;
const QLatin1String s_headerMagic("ClamAV-VDB:");

// freshclam keeps one of .cvd (signed container) or .cld (locally patched
// copy) per database; both carry the same header.
const std::array<QLatin1String, 3> s_databaseNames{QLatin1String("main"),
                                                   QLatin1String("daily"),
                                                   QLatin1String("bytecode")};
const std::array<QLatin1String, 2> s_databaseSuffixes{QLatin1String(".cvd"), QLatin1String(".cld")};

Result<QByteArray> readHeader(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(QStringLiteral("clamav.database-unreadable"),
                         path + QStringLiteral(": ") + file.errorString());
    }
    return file.read(s_headerSize);
}

std::optional<int> parseOffsetSeconds(QStringView zone)
{
    // "+hhmm" / "-hhmm"
    if (zone.size() != 5 || (zone[0] != u'+' && zone[0] != u'-')) {
        return std::nullopt;
    }
    bool okHours = false;
    bool okMinutes = false;
    const int hours = zone.mid(1, 2).toInt(&okHours);
    const int minutes = zone.mid(3, 2).toInt(&okMinutes);
    if (!okHours || !okMinutes || hours > 14 || minutes > 59) {
        return std::nullopt;
    }
    const int seconds = hours * 3600 + minutes * 60;
    return zone[0] == u'-' ? -seconds : seconds;
}
} // namespace

QString ClamavCollector::name() const
{
    return QStringLiteral("antivirus");
}

std::optional<qint64> ClamavCollector::parseHeaderTime(QStringView text)
{
    const QList<QStringView> parts = text.trimmed().split(u' ', Qt::SkipEmptyParts);
    if (parts.size() != 5) {
        return std::nullopt;
    }
    const QString dateText =
        parts[0].toString() + QLatin1Char(' ') + parts[1].toString() + QLatin1Char(' ') + parts[2].toString();
    const QDate date = QLocale::c().toDate(dateText, QStringLiteral("d MMM yyyy"));
    const QTime time = QLocale::c().toTime(parts[3].toString(), QStringLiteral("HH-mm"));
    const std::optional<int> offset = parseOffsetSeconds(parts[4]);
    if (!date.isValid() || !time.isValid() || !offset) {
        return std::nullopt;
    }
    return QDateTime(date, time, Qt::UTC).toSecsSinceEpoch() - *offset;
}

Result<AntivirusDatabase> ClamavCollector::parseDatabaseHeader(const QByteArray &header, const QString &databaseName)
{
    const auto invalid = [&databaseName](const QString &why) {
        return makeError(QStringLiteral("clamav.database-invalid"), databaseName + QStringLiteral(": ") + why);
    };
    if (!header.startsWith(QByteArrayView(s_headerMagic.data(), s_headerMagic.size()))) {
        return invalid(QStringLiteral("not a ClamAV database header"));
    }
    // The header is space-padded to 512 bytes; the body that follows is
    // binary and must not leak into the last field.
    const QString text = QString::fromLatin1(header.left(s_headerSize)).trimmed();
    const QList<QStringView> fields = QStringView(text).split(u':');
    if (fields.size() < 5) {
        return invalid(QStringLiteral("truncated header"));
    }

    AntivirusDatabase database;
    database.name = databaseName;
    bool ok = false;
    database.version = fields[2].trimmed().toLongLong(&ok);
    if (!ok || database.version <= 0) {
        return invalid(QStringLiteral("bad version field"));
    }

    // Newer sigtools append the build time as epoch seconds; it is exact,
    // whereas the human-readable field depends on sigtool's locale.
    std::optional<qint64> buildTime;
    if (fields.size() >= 9) {
        const qint64 epoch = fields[8].trimmed().toLongLong(&ok);
        if (ok && epoch > 0) {
            buildTime = epoch;
        }
    }
    if (!buildTime) {
        buildTime = parseHeaderTime(fields[1]);
    }
    if (!buildTime) {
        return invalid(QStringLiteral("bad build time"));
    }
    database.buildTime = *buildTime;
    return database;
}

QStringList ClamavCollector::processNames(const CollectContext &context)
{
    QStringList names;
    const QDir proc(context.path(QStringLiteral("proc")));
    const QStringList entries = proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool isPid = false;
        entry.toLongLong(&isPid);
        if (!isPid) {
            continue;
        }
        // A process may exit between listing and reading; that is not an error.
        const Result<QByteArray> comm =
            context.readFile(QStringLiteral("proc/") + entry + QStringLiteral("/comm"), 256);
        if (comm) {
            names.append(QString::fromUtf8(comm.value()).trimmed());
        }
    }
    return names;
}

Result<QList<AntivirusProduct>> ClamavCollector::collectProducts(const CollectContext &context) const
{
    QList<AntivirusDatabase> databases;
    std::optional<Error> lastError;
    for (const QLatin1String databaseName : s_databaseNames) {
        std::optional<AntivirusDatabase> best;
        for (const QLatin1String suffix : s_databaseSuffixes) {
            const QString relative = QStringLiteral("var/lib/clamav/") + databaseName + suffix;
            if (!context.isFile(relative)) {
                continue;
            }
            const Result<QByteArray> header = readHeader(context.path(relative));
            Result<AntivirusDatabase> database = header ? parseDatabaseHeader(header.value(), QString(databaseName))
                                                        : Result<AntivirusDatabase>(header.error());
            if (!database) {
                qCWarning(lcCollectorClamav) << "skipping" << relative << database.error().message;
                lastError = database.error();
                continue;
            }
            if (!best || database.value().version > best->version) {
                best = std::move(database).value();
            }
        }
        if (best) {
            databases.append(*best);
        }
    }

    const QStringList processes = processNames(context);
    const bool clamdRunning = processes.contains(QStringLiteral("clamd"));
    const bool onAccessRunning = processes.contains(QStringLiteral("clamonacc"));

    if (databases.isEmpty() && lastError) {
        // Files exist but none is usable: reporting "no antivirus" would hide it.
        return *lastError;
    }
    if (databases.isEmpty() && !clamdRunning) {
        return QList<AntivirusProduct>{};
    }

    AntivirusProduct product;
    product.name = QStringLiteral("ClamAV");
    product.serviceRunning = clamdRunning;
    product.realTimeProtection = onAccessRunning;
    product.databases = databases;
    if (!databases.isEmpty()) {
        // "daily" is what freshclam updates several times a day, so its
        // version is the one people quote; main and bytecode change rarely.
        const auto daily = std::find_if(databases.cbegin(), databases.cend(), [](const AntivirusDatabase &database) {
            return database.name == QLatin1String("daily");
        });
        const auto byVersion = [](const AntivirusDatabase &a, const AntivirusDatabase &b) {
            return a.version < b.version;
        };
        const auto byTime = [](const AntivirusDatabase &a, const AntivirusDatabase &b) {
            return a.buildTime < b.buildTime;
        };
        const AntivirusDatabase &versionSource =
            daily != databases.cend() ? *daily : *std::max_element(databases.cbegin(), databases.cend(), byVersion);
        product.definitionsVersion = QString::number(versionSource.version);
        product.definitionsTime = std::max_element(databases.cbegin(), databases.cend(), byTime)->buildTime;
    }
    return QList<AntivirusProduct>{product};
}

Result<QCborValue> ClamavCollector::collect(const CollectContext &context)
{
    const Result<QList<AntivirusProduct>> products = collectProducts(context);
    if (!products) {
        return products.error();
    }
    QCborArray array;
    for (const AntivirusProduct &product : products.value()) {
        array.append(product.toCbor());
    }
    return QCborValue(QCborMap{{QStringLiteral("products"), array}});
}

} // namespace steward::agent
