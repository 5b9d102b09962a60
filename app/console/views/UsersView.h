// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ConsoleView.h"

#include <QPointer>

class QAction;
class QCheckBox;
class QSortFilterProxyModel;
class QSplitter;

namespace steward::app
{

class ApiTokenTableModel;
class RequestTracker;
class UserTableModel;
class ViewTable;

// People (administrators only): who may use the console and stewardctl, and the personal API
// tokens scripts use. Creates users, disables and enables them, resets their passwords;
// creates API tokens (the secret is shown once) and revokes them. Every change is confirmed
// or made in a dialog, and the server's refusals are shown, in the dialog or as message().
class UsersView : public ConsoleView
{
    Q_OBJECT

public:
    explicit UsersView(const ViewContext &context, QWidget *parent = nullptr);

    QString viewId() const override;
    QString title() const override;
    QIcon icon() const override;
    QString searchPlaceholder() const override;
    void setSearchText(const QString &text) override;
    void refresh() override;
    void cancel() override;
    void saveState(QSettings &settings) const override;
    void restoreState(QSettings &settings) override;
    void resetState() override;

    UserTableModel *userModel() const;
    ApiTokenTableModel *tokenModel() const;
    ViewTable *userTable() const;
    ViewTable *tokenTable() const;
    // Empty when no row is selected.
    QString selectedUser() const;
    QString selectedTokenId() const;
    void selectUser(const QString &name);
    void selectToken(const QString &id);

public Q_SLOTS:
    void newUser();
    void disableSelectedUser();
    void enableSelectedUser();
    void resetSelectedPassword();
    void newApiToken();
    void revokeSelectedToken();

private:
    QWidget *createTokenPane();
    // Reads both lists again, abandoning a load under way.
    void reload();
    QAction *createAction(const QString &objectName, const QString &text, const QString &iconName);
    void setSelectedUserDisabled(bool disabled);
    void updateActions();
    void updateTokenFilter();
    void updateEmptyMessages();
    QModelIndex selectedRow(const ViewTable *table) const;

    ViewContext m_context;
    RequestTracker *m_requests;
    UserTableModel *m_users;
    QSortFilterProxyModel *m_userProxy;
    ApiTokenTableModel *m_tokens;
    QSortFilterProxyModel *m_tokenProxy;
    QSplitter *m_splitter;
    ViewTable *m_userTable;
    ViewTable *m_tokenTable;
    QCheckBox *m_onlySelectedUser;
    QAction *m_newUser;
    QAction *m_disable;
    QAction *m_enable;
    QAction *m_resetPassword;
    QAction *m_newToken;
    QAction *m_revokeToken;
    QPointer<QObject> m_load; // the list requests in flight, if any
    bool m_loadedOnce = false;
    QString m_search;
    QString m_selectAfterLoad;
    QByteArray m_defaultSplitter;
};

} // namespace steward::app
