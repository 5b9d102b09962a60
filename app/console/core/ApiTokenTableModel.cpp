// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiTokenTableModel.h"

#include "ApiTime.h"
#include "Clock.h"
#include "RelativeTime.h"
#include "StatusIcon.h"
#include "UserTableModel.h"

#include <QBrush>
#include <QColor>
#include <QJsonArray>
#include <QJsonObject>

namespace steward::app
{

bool ApiTokenInfo::isRevoked() const
{
    return revokedAt.isValid();
}

bool ApiTokenInfo::isExpired(const QDateTime &now) const
{
    return expiresAt.isValid() && expiresAt <= now;
}

ApiTokenInfo ApiTokenInfo::fromJson(const QJsonObject &object)
{
    const auto time = [&object](const char *key) {
        return ApiTime::parse(object.value(QLatin1String(key)));
    };
    ApiTokenInfo token;
    token.id = object.value(QStringLiteral("id")).toString();
    token.owner = object.value(QStringLiteral("user")).toString();
    token.name = object.value(QStringLiteral("name")).toString();
    token.role = object.value(QStringLiteral("role")).toString();
    token.createdAt = time("createdAt");
    token.expiresAt = time("expiresAt");
    token.lastUsedAt = time("lastUsedAt");
    token.revokedAt = time("revokedAt");
    return token;
}

QList<ApiTokenInfo> ApiTokenInfo::listFromJson(const QJsonArray &array)
{
    QList<ApiTokenInfo> tokens;
    tokens.reserve(array.size());
    for (const QJsonValue &value : array) {
        const ApiTokenInfo token = fromJson(value.toObject());
        if (!token.id.isEmpty()) {
            tokens.append(token);
        }
    }
    return tokens;
}

ApiTokenTableModel::ApiTokenTableModel(const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{
}

void ApiTokenTableModel::setTokens(const QList<ApiTokenInfo> &tokens)
{
    beginResetModel();
    m_tokens = tokens;
    endResetModel();
}

const QList<ApiTokenInfo> &ApiTokenTableModel::tokens() const
{
    return m_tokens;
}

int ApiTokenTableModel::rowOfToken(const QString &id) const
{
    for (qsizetype row = 0; row < m_tokens.size(); ++row) {
        if (m_tokens.at(row).id == id) {
            return int(row);
        }
    }
    return -1;
}

int ApiTokenTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tokens.size());
}

int ApiTokenTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ApiTokenTableModel::status(const ApiTokenInfo &token) const
{
    if (token.isRevoked()) {
        return tr("Revoked");
    }
    if (token.isExpired(m_clock.now())) {
        return tr("Expired");
    }
    return tr("Active");
}

QVariant ApiTokenTableModel::display(const ApiTokenInfo &token, int column) const
{
    switch (column) {
    case Name:
        return token.name;
    case Owner:
        return token.owner;
    case AccessRole:
        return UserTableModel::describeRole(token.role);
    case Created:
        return RelativeTime::absolute(token.createdAt);
    case Expires:
        return RelativeTime::absolute(token.expiresAt);
    case LastUsed:
        return RelativeTime::ago(token.lastUsedAt, m_clock.now());
    case Status:
        return status(token);
    }
    return {};
}

QVariant ApiTokenTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const ApiTokenInfo &token = m_tokens.at(index.row());
    const bool active = !token.isRevoked() && !token.isExpired(m_clock.now());
    switch (role) {
    case Qt::DisplayRole:
        return display(token, index.column());
    case Qt::DecorationRole:
        if (index.column() == Status) {
            return StatusIcon::icon(token.isRevoked() ? StatusIcon::Kind::Revoked
                                        : active      ? StatusIcon::Kind::Good
                                                      : StatusIcon::Kind::Stale);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Status:
            if (token.isRevoked()) {
                return tr("Revoked %1").arg(RelativeTime::absolute(token.revokedAt));
            }
            return active ? tr("Scripts may use this token.") : tr("This token is past its expiry and is refused.");
        case LastUsed:
            return token.lastUsedAt.isValid() ? QVariant(RelativeTime::absolute(token.lastUsedAt)) : QVariant();
        case AccessRole:
            return token.role;
        case Name:
            return tr("Token ID %1").arg(token.id);
        default:
            return {};
        }
    case Qt::ForegroundRole:
        if (!active) {
            return QBrush(QColor(0x75, 0x75, 0x75));
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case Created:
            return token.createdAt;
        case Expires:
            return token.expiresAt;
        case LastUsed:
            return token.lastUsedAt;
        default:
            return display(token, index.column());
        }
    case IdRole:
        return token.id;
    case OwnerRole:
        return token.owner;
    case RevokedRole:
        return token.isRevoked();
    default:
        return {};
    }
}

QVariant ApiTokenTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Name:
        return tr("Name");
    case Owner:
        return tr("Owner");
    case AccessRole:
        return tr("Role");
    case Created:
        return tr("Created");
    case Expires:
        return tr("Expires");
    case LastUsed:
        return tr("Last used");
    case Status:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace steward::app
