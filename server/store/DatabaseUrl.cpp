// SPDX-License-Identifier: GPL-3.0-or-later
#include "DatabaseUrl.h"

#include <QDir>
#include <QUrl>
#include <QUrlQuery>

namespace steward::server
{

namespace
{
Error invalid(const QString &why)
{
    return makeError(QStringLiteral("database.url"), QStringLiteral("invalid database URL: %1").arg(why));
}
}

DatabaseUrl DatabaseUrl::sqlite(const QString &path)
{
    DatabaseUrl url;
    url.dialect = Dialect::Sqlite;
    url.path = path;
    return url;
}

Result<DatabaseUrl> DatabaseUrl::parse(const QString &text, const QString &defaultSqlitePath)
{
    if (text.isEmpty() || text == QLatin1String("sqlite")) {
        return sqlite(defaultSqlitePath);
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) {
        return invalid(url.errorString());
    }
    const QString scheme = url.scheme();
    if (scheme == QLatin1String("sqlite")) {
        const QString path = url.path(QUrl::FullyDecoded);
        if (!url.host().isEmpty() || !path.startsWith(QLatin1Char('/')) || path.size() < 2) {
            return invalid(QStringLiteral("a SQLite URL is sqlite:///ABSOLUTE/PATH"));
        }
        return sqlite(QDir::cleanPath(path));
    }
    if (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres")) {
        return invalid(QStringLiteral("unknown scheme \"%1\" (expected sqlite or postgresql)").arg(scheme));
    }
    DatabaseUrl result;
    result.dialect = Dialect::Postgresql;
    result.user = url.userName();
    result.password = url.password();
    result.host = url.host();
    result.port = url.port(-1);
    result.name = url.path(QUrl::FullyDecoded).mid(1);
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("host")) {
            result.host = value;
        } else {
            return invalid(QStringLiteral("unknown parameter \"%1\" (only host is understood)").arg(key));
        }
    }
    if (result.user.isEmpty()) {
        return invalid(QStringLiteral("a PostgreSQL URL names its user: postgresql://USER@HOST/DBNAME"));
    }
    if (result.name.isEmpty() || result.name.contains(QLatin1Char('/'))) {
        return invalid(QStringLiteral("a PostgreSQL URL names one database: postgresql://USER@HOST/DBNAME"));
    }
    if (result.host.isEmpty()) {
        return invalid(QStringLiteral("a PostgreSQL URL names a host or a socket directory (?host=/run/postgresql)"));
    }
    return result;
}

QString DatabaseUrl::toString(bool withPassword) const
{
    if (dialect == Dialect::Sqlite) {
        return QStringLiteral("sqlite://") + QString::fromLatin1(QUrl::toPercentEncoding(path, "/"));
    }
    const auto encode = [](const QString &part) {
        return QString::fromLatin1(QUrl::toPercentEncoding(part));
    };
    QString text = QStringLiteral("postgresql://") + encode(user);
    if (!password.isEmpty()) {
        text += QLatin1Char(':') + (withPassword ? encode(password) : QStringLiteral("***"));
    }
    text += QLatin1Char('@');
    const bool socket = host.startsWith(QLatin1Char('/'));
    if (!socket) {
        text += host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : encode(host);
        if (port > 0) {
            text += QLatin1Char(':') + QString::number(port);
        }
    }
    text += QLatin1Char('/') + encode(name);
    if (socket) {
        text += QStringLiteral("?host=") + QString::fromLatin1(QUrl::toPercentEncoding(host, "/"));
    }
    return text;
}

} // namespace steward::server
