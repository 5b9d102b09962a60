// SPDX-License-Identifier: GPL-3.0-or-later
#include "UserTableModel.h"

#include "ApiTime.h"
#include "RelativeTime.h"
#include "StatusIcon.h"

#include <QBrush>
#include <QColor>
#include <QJsonArray>
#include <QJsonObject>

namespace steward::app
{

UserAccount UserAccount::fromJson(const QJsonObject &object)
{
    UserAccount user;
    user.name = object.value(QStringLiteral("name")).toString();
    user.role = object.value(QStringLiteral("role")).toString();
    user.disabled = object.value(QStringLiteral("disabled")).toBool();
    user.createdAt = ApiTime::parse(object.value(QStringLiteral("createdAt")));
    user.passwordChangedAt = ApiTime::parse(object.value(QStringLiteral("passwordChangedAt")));
    return user;
}

QList<UserAccount> UserAccount::listFromJson(const QJsonArray &array)
{
    QList<UserAccount> users;
    users.reserve(array.size());
    for (const QJsonValue &value : array) {
        const UserAccount user = fromJson(value.toObject());
        if (!user.name.isEmpty()) {
            users.append(user);
        }
    }
    return users;
}

UserTableModel::UserTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void UserTableModel::setUsers(const QList<UserAccount> &users)
{
    beginResetModel();
    m_users = users;
    endResetModel();
}

bool UserTableModel::updateUser(const UserAccount &user)
{
    const int row = rowOfUser(user.name);
    if (row < 0) {
        return false;
    }
    m_users[row] = user;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

const QList<UserAccount> &UserTableModel::users() const
{
    return m_users;
}

int UserTableModel::rowOfUser(const QString &name) const
{
    for (qsizetype row = 0; row < m_users.size(); ++row) {
        if (m_users.at(row).name == name) {
            return int(row);
        }
    }
    return -1;
}

QString UserTableModel::describeRole(const QString &role)
{
    if (role == QLatin1String("admin")) {
        return tr("Administrator");
    }
    if (role == QLatin1String("helpdesk")) {
        return tr("Help desk");
    }
    return role;
}

QStringList UserTableModel::knownRoles()
{
    return {QStringLiteral("helpdesk"), QStringLiteral("admin")};
}

int UserTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

int UserTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UserTableModel::display(const UserAccount &user, int column) const
{
    switch (column) {
    case Name:
        return user.name;
    case AccessRole:
        return describeRole(user.role);
    case State:
        return user.disabled ? tr("Disabled") : tr("Enabled");
    case Created:
        return RelativeTime::absolute(user.createdAt);
    case PasswordChanged:
        return user.passwordChangedAt.isValid() ? RelativeTime::absolute(user.passwordChangedAt) : tr("never");
    }
    return {};
}

QVariant UserTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const UserAccount &user = m_users.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(user, index.column());
    case Qt::DecorationRole:
        if (index.column() == State) {
            return StatusIcon::icon(user.disabled ? StatusIcon::Kind::Revoked : StatusIcon::Kind::Good);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == State) {
            return user.disabled ? tr("%1 cannot log in; their sessions and API tokens do not work.").arg(user.name)
                                 : tr("%1 may log in.").arg(user.name);
        }
        if (index.column() == AccessRole) {
            return user.role;
        }
        return {};
    case Qt::ForegroundRole:
        if (user.disabled) {
            return QBrush(QColor(0x75, 0x75, 0x75));
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case State:
            return user.disabled;
        case Created:
            return user.createdAt;
        case PasswordChanged:
            return user.passwordChangedAt;
        default:
            return display(user, index.column());
        }
    case NameRole:
        return user.name;
    case DisabledRole:
        return user.disabled;
    default:
        return {};
    }
}

QVariant UserTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Name:
        return tr("Name");
    case AccessRole:
        return tr("Role");
    case State:
        return tr("State");
    case Created:
        return tr("Created");
    case PasswordChanged:
        return tr("Password changed");
    default:
        return {};
    }
}

} // namespace steward::app
