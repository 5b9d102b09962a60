// SPDX-License-Identifier: GPL-3.0-or-later
#include "AntivirusProductCollector.h"

#include "AntivirusProduct.h"
#include "CollectContext.h"

#include <QCborArray>
#include <QCborMap>
#include <QDir>

namespace steward::agent
{

QString AntivirusProductCollector::name() const
{
    return QStringLiteral("antivirus");
}

Result<QCborValue> AntivirusProductCollector::collect(const CollectContext &context)
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

QStringList AntivirusProductCollector::processNames(const CollectContext &context)
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

} // namespace steward::agent
