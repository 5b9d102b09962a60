// SPDX-License-Identifier: GPL-3.0-or-later
#include "AntivirusCollector.h"

#include "AntivirusProduct.h"
#include "AntivirusProductCollector.h"
#include "ClamavCollector.h"
#include "CollectContext.h"
#include "mdatp/MdatpCollector.h"
#include "windows/defender/WindowsDefenderCollector.h"
#include "windows/securitycenter/SecurityCenterCollector.h"

#include <QCborArray>
#include <QCborMap>

namespace steward::agent
{

AntivirusCollector::AntivirusCollector()
    : AntivirusCollector(defaultProductCollectors())
{
}

AntivirusCollector::AntivirusCollector(std::vector<std::unique_ptr<AntivirusProductCollector>> products)
    : m_products(std::move(products))
{
}

AntivirusCollector::~AntivirusCollector() = default;

std::vector<std::unique_ptr<AntivirusProductCollector>> AntivirusCollector::defaultProductCollectors()
{
    std::vector<std::unique_ptr<AntivirusProductCollector>> products;
#ifdef Q_OS_WIN
    products.push_back(std::make_unique<WindowsDefenderCollector>());
    products.push_back(std::make_unique<SecurityCenterCollector>());
#else
    products.push_back(std::make_unique<ClamavCollector>());
    products.push_back(std::make_unique<MdatpCollector>());
#endif
    return products;
}

QString AntivirusCollector::name() const
{
    return QStringLiteral("antivirus");
}

Result<QCborValue> AntivirusCollector::collect(const CollectContext &context)
{
    QCborArray array;
    std::optional<Error> firstError;
    QStringList messages;
    // Every collector runs even after a failure, so that the error names all
    // broken products at once.
    for (const auto &collector : m_products) {
        const Result<QList<AntivirusProduct>> products = collector->collectProducts(context);
        if (!products) {
            if (!firstError) {
                firstError = products.error();
            }
            messages.append(collector->productKey() + QStringLiteral(": ") + products.error().message);
            continue;
        }
        for (const AntivirusProduct &product : products.value()) {
            array.append(product.toCbor());
        }
    }
    if (firstError) {
        return makeError(firstError->code, messages.join(QStringLiteral("; ")));
    }
    return QCborValue(QCborMap{{QStringLiteral("products"), array}});
}

} // namespace steward::agent
