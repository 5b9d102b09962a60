// SPDX-License-Identifier: GPL-3.0-or-later
#include "OperatorKeyFile.h"

#include "Files.h"

namespace steward::app::deployment
{

Result<jobs::SigningKey> readKey(const QString &path, const QByteArray &passphrase)
{
    const Result<QByteArray> pem = files::read(path, kMaxKeyFileBytes);
    if (!pem) {
        return makeError(QStringLiteral("key.file"),
                         QStringLiteral("cannot read the key file %1: %2").arg(path, pem.error().message));
    }
    Result<jobs::SigningKey> key = jobs::readPrivateKeyFile(pem.value(), passphrase);
    if (!key) {
        const Error &error = key.error();
        if (error.code == QLatin1String("key.passphrase")) {
            return makeError(error.code,
                             passphrase.isEmpty()
                                 ? QStringLiteral("the key file %1 is encrypted: its passphrase is needed").arg(path)
                                 : QStringLiteral("wrong passphrase for the key file %1").arg(path));
        }
        return makeError(error.code, QStringLiteral("%1 is not a stewardctl key file (%2)").arg(path, error.message));
    }
    return key;
}

} // namespace steward::app::deployment
