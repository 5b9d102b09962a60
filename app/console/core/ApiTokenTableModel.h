// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QString>

class QJsonArray;
class QJsonObject;

namespace steward
{
class Clock;
}

namespace steward::app
{

// A personal API token as GET /api/v1/api-tokens lists it: never its secret.
struct ApiTokenInfo {
    QString id;
    QString owner;
    QString name;
    QString role;
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime lastUsedAt; // invalid: never used
    QDateTime revokedAt; // invalid: not revoked

    bool isRevoked() const;
    bool isExpired(const QDateTime &now) const;

    static ApiTokenInfo fromJson(const QJsonObject &object);
    static QList<ApiTokenInfo> listFromJson(const QJsonArray &array);
};

// The People view's API tokens: everyone's for an administrator, newest first as the server
// sends them. A token is active, expired or revoked; only an active one lets a script in.
class ApiTokenTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Owner, AccessRole, Created, Expires, LastUsed, Status, ColumnCount };
    Q_ENUM(Column)
    enum Role { SortRole = Qt::UserRole + 1, IdRole, OwnerRole, RevokedRole };
    Q_ENUM(Role)

    // "Last used 3 h ago" and "expired" are judged against `clock`.
    explicit ApiTokenTableModel(const Clock &clock, QObject *parent = nullptr);

    void setTokens(const QList<ApiTokenInfo> &tokens);
    const QList<ApiTokenInfo> &tokens() const;
    int rowOfToken(const QString &id) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const ApiTokenInfo &token, int column) const;
    QString status(const ApiTokenInfo &token) const;

    QList<ApiTokenInfo> m_tokens;
    const Clock &m_clock;
};

} // namespace steward::app
