// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QString>

class QJsonArray;
class QJsonObject;

namespace steward::app
{

// One person who may log in to the admin API, as GET /api/v1/users lists them.
struct UserAccount {
    QString name;
    QString role;
    bool disabled = false;
    QDateTime createdAt; // invalid when unknown
    QDateTime passwordChangedAt; // invalid when never changed

    static UserAccount fromJson(const QJsonObject &object);
    static QList<UserAccount> listFromJson(const QJsonArray &array);
};

// The People view's user list: one row per user, in the server's order (by name).
class UserTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, AccessRole, State, Created, PasswordChanged, ColumnCount };
    Q_ENUM(Column)
    enum Role { SortRole = Qt::UserRole + 1, NameRole, DisabledRole };
    Q_ENUM(Role)

    explicit UserTableModel(QObject *parent = nullptr);

    void setUsers(const QList<UserAccount> &users);
    // Replaces the row of the user with the same name (as disable/enable answer it); false when
    // there is none.
    bool updateUser(const UserAccount &user);
    const QList<UserAccount> &users() const;
    int rowOfUser(const QString &name) const;

    // A person's words for a role code ("helpdesk" → "Help desk"); the code itself for one this
    // console does not know.
    static QString describeRole(const QString &role);
    // The roles a user or a token may be given, in the order the console offers them.
    static QStringList knownRoles();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const UserAccount &user, int column) const;

    QList<UserAccount> m_users;
};

} // namespace steward::app
