// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsersView.h"

#include "ApiClient.h"
#include "ApiTokenDialogs.h"
#include "ApiTokenTableModel.h"
#include "Clock.h"
#include "FormDialog.h"
#include "RequestTracker.h"
#include "UserDialogs.h"
#include "UserTableModel.h"
#include "ViewTable.h"

#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QRegularExpression>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QToolBar>
#include <QVBoxLayout>

#include <memory>
#include <optional>

namespace steward::app
{

namespace
{
const QString kUsersHeaderKey = QStringLiteral("usersHeader");
const QString kTokensHeaderKey = QStringLiteral("tokensHeader");
const QString kSplitterKey = QStringLiteral("splitter");
const QString kOnlySelectedKey = QStringLiteral("onlySelectedUsersTokens");

// Both lists arrive separately; the load is over when both have answered.
struct PeopleLoad {
    std::optional<Result<QJsonValue>> users;
    std::optional<Result<QJsonValue>> tokens;
};
} // namespace

UsersView::UsersView(const ViewContext &context, QWidget *parent)
    : ConsoleView(parent)
    , m_context(context)
    , m_requests(new RequestTracker(this))
    , m_users(new UserTableModel(this))
    , m_userProxy(new QSortFilterProxyModel(this))
    , m_tokens(new ApiTokenTableModel(context.clock, this))
    , m_tokenProxy(new QSortFilterProxyModel(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_userTable(new ViewTable(QStringLiteral("users"), m_splitter))
    , m_tokenTable(new ViewTable(QStringLiteral("apiTokens")))
    , m_onlySelectedUser(new QCheckBox(tr("Only the selected user's tokens")))
{
    setObjectName(QStringLiteral("usersView"));
    connect(m_requests, &RequestTracker::busy, this, &ConsoleView::busy);
    connect(m_requests, &RequestTracker::idle, this, &ConsoleView::idle);

    m_userProxy->setSourceModel(m_users);
    m_userProxy->setSortRole(UserTableModel::SortRole);
    m_userProxy->setFilterRole(UserTableModel::NameRole);
    m_userProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_userTable->setModel(m_userProxy);
    m_userTable->setDefaultSort(UserTableModel::Name, Qt::AscendingOrder);

    m_tokenProxy->setSourceModel(m_tokens);
    m_tokenProxy->setSortRole(ApiTokenTableModel::SortRole);
    m_tokenProxy->setFilterRole(ApiTokenTableModel::OwnerRole);
    m_tokenTable->setModel(m_tokenProxy);
    m_tokenTable->setDefaultSort(ApiTokenTableModel::Created, Qt::DescendingOrder);

    m_newUser = createAction(QStringLiteral("newUser"), tr("&New user…"), QStringLiteral("list-add-user"));
    m_newUser->setShortcut(QKeySequence::New);
    m_newUser->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_disable = createAction(QStringLiteral("disableUser"), tr("&Disable user…"), QStringLiteral("im-kick-user"));
    m_disable->setShortcut(QKeySequence::Delete);
    m_disable->setShortcutContext(Qt::WidgetShortcut);
    m_enable = createAction(QStringLiteral("enableUser"), tr("&Enable user…"), QStringLiteral("im-user"));
    m_resetPassword =
        createAction(QStringLiteral("resetPassword"), tr("&Reset password…"), QStringLiteral("dialog-password"));
    m_newToken = createAction(QStringLiteral("newApiToken"), tr("New &API token…"), QStringLiteral("view-certificate"));
    m_revokeToken =
        createAction(QStringLiteral("revokeApiToken"), tr("Re&voke API token…"), QStringLiteral("edit-delete"));
    m_revokeToken->setShortcut(QKeySequence::Delete);
    m_revokeToken->setShortcutContext(Qt::WidgetShortcut);
    connect(m_newUser, &QAction::triggered, this, &UsersView::newUser);
    connect(m_disable, &QAction::triggered, this, &UsersView::disableSelectedUser);
    connect(m_enable, &QAction::triggered, this, &UsersView::enableSelectedUser);
    connect(m_resetPassword, &QAction::triggered, this, &UsersView::resetSelectedPassword);
    connect(m_newToken, &QAction::triggered, this, &UsersView::newApiToken);
    connect(m_revokeToken, &QAction::triggered, this, &UsersView::revokeSelectedToken);

    auto *toolBar = new QToolBar(tr("People"), this);
    toolBar->setObjectName(QStringLiteral("usersToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addActions({m_newUser, m_disable, m_enable, m_resetPassword});
    toolBar->addSeparator();
    toolBar->addActions({m_newToken, m_revokeToken});
    // Shortcuts such as Ctrl+N work wherever the focus is in this view.
    QWidget::addActions({m_newUser, m_newToken});

    auto *separator = new QAction(this);
    separator->setSeparator(true);
    m_userTable->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_userTable->addActions({m_newUser, m_disable, m_enable, m_resetPassword, separator, m_newToken});
    m_tokenTable->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tokenTable->addActions({m_newToken, m_revokeToken});

    m_splitter->setObjectName(QStringLiteral("usersSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_userTable);
    m_splitter->addWidget(createTokenPane());
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_defaultSplitter = m_splitter->saveState();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolBar);
    layout->addWidget(m_splitter, 1);

    connect(m_userTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateTokenFilter();
        updateActions();
    });
    connect(m_tokenTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &UsersView::updateActions);
    connect(m_onlySelectedUser, &QCheckBox::toggled, this, &UsersView::updateTokenFilter);
    for (QSortFilterProxyModel *model : {m_userProxy, m_tokenProxy}) {
        connect(model, &QAbstractItemModel::modelReset, this, &UsersView::updateActions);
        connect(model, &QAbstractItemModel::dataChanged, this, &UsersView::updateActions);
        connect(model, &QAbstractItemModel::layoutChanged, this, &UsersView::updateActions);
    }
    updateActions();
}

QWidget *UsersView::createTokenPane()
{
    auto *pane = new QWidget(m_splitter);
    auto *heading = new QLabel(tr("API tokens"), pane);
    heading->setObjectName(QStringLiteral("tokensHeading"));
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    m_onlySelectedUser->setParent(pane);
    m_onlySelectedUser->setObjectName(QStringLiteral("tokensOfSelectedUser"));
    m_onlySelectedUser->setToolTip(tr("Show only the API tokens of the user selected above, or everyone's."));
    m_tokenTable->setParent(pane);

    auto *top = new QHBoxLayout;
    top->addWidget(heading);
    top->addStretch(1);
    top->addWidget(m_onlySelectedUser);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_tokenTable, 1);
    return pane;
}

QAction *UsersView::createAction(const QString &objectName, const QString &text, const QString &iconName)
{
    auto *action = new QAction(QIcon::fromTheme(iconName), text, this);
    action->setObjectName(objectName);
    return action;
}

QString UsersView::viewId() const
{
    return QStringLiteral("users");
}

QString UsersView::title() const
{
    return tr("People");
}

QIcon UsersView::icon() const
{
    return QIcon::fromTheme(QStringLiteral("system-users"), style()->standardIcon(QStyle::SP_DirHomeIcon));
}

QString UsersView::searchPlaceholder() const
{
    return tr("Find people by name");
}

void UsersView::setSearchText(const QString &text)
{
    m_search = text.trimmed();
    m_userProxy->setFilterFixedString(m_search);
    updateEmptyMessages();
    updateTokenFilter();
    updateActions();
}

void UsersView::refresh()
{
    if (m_requests->isRunning(m_load)) {
        return; // the running load brings fresh lists
    }
    reload();
}

void UsersView::reload()
{
    // After a change, the lists must be read again even if a load is under way: it may have
    // been answered before the change.
    QObject *previous = m_load;
    QObject *load = m_requests->start(tr("Loading people and API tokens…"));
    m_requests->abandon(previous);
    m_load = load;
    auto state = std::make_shared<PeopleLoad>();
    const auto done = [this, load, state] {
        if (!state->users || !state->tokens) {
            return;
        }
        m_requests->finish(load);
        const QString user = m_selectAfterLoad.isEmpty() ? selectedUser() : std::exchange(m_selectAfterLoad, {});
        const QString token = selectedTokenId();
        if (*state->users) {
            m_users->setUsers(UserAccount::listFromJson(state->users->value().toArray()));
        }
        if (*state->tokens) {
            m_tokens->setTokens(ApiTokenInfo::listFromJson(state->tokens->value().toArray()));
        }
        if (*state->users || *state->tokens) {
            m_loadedOnce = true;
            selectUser(user);
            selectToken(token);
            m_userTable->fitColumns();
            m_tokenTable->fitColumns();
            updateEmptyMessages();
        }
        for (const auto &result : {*state->users, *state->tokens}) {
            if (!result) {
                Q_EMIT loadFailed(FormDialog::describeError(result.error()));
                return;
            }
        }
        Q_EMIT loaded(m_context.clock.now());
    };
    m_context.client->users(load, [state, done](const Result<QJsonValue> &result) {
        state->users = result;
        done();
    });
    m_context.client->apiTokens(load, [state, done](const Result<QJsonValue> &result) {
        state->tokens = result;
        done();
    });
}

void UsersView::cancel()
{
    m_requests->cancelAll();
}

void UsersView::saveState(QSettings &settings) const
{
    settings.setValue(kUsersHeaderKey, m_userTable->saveHeader());
    settings.setValue(kTokensHeaderKey, m_tokenTable->saveHeader());
    settings.setValue(kSplitterKey, m_splitter->saveState());
    settings.setValue(kOnlySelectedKey, m_onlySelectedUser->isChecked());
}

void UsersView::restoreState(QSettings &settings)
{
    m_userTable->restoreHeader(settings.value(kUsersHeaderKey).toByteArray());
    m_tokenTable->restoreHeader(settings.value(kTokensHeaderKey).toByteArray());
    m_splitter->restoreState(settings.value(kSplitterKey).toByteArray());
    m_onlySelectedUser->setChecked(settings.value(kOnlySelectedKey, false).toBool());
}

void UsersView::resetState()
{
    m_userTable->resetHeader();
    m_tokenTable->resetHeader();
    m_splitter->restoreState(m_defaultSplitter);
    m_onlySelectedUser->setChecked(false);
}

UserTableModel *UsersView::userModel() const
{
    return m_users;
}

ApiTokenTableModel *UsersView::tokenModel() const
{
    return m_tokens;
}

ViewTable *UsersView::userTable() const
{
    return m_userTable;
}

ViewTable *UsersView::tokenTable() const
{
    return m_tokenTable;
}

QModelIndex UsersView::selectedRow(const ViewTable *table) const
{
    const QModelIndexList rows = table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QModelIndex() : rows.constFirst();
}

QString UsersView::selectedUser() const
{
    return selectedRow(m_userTable).data(UserTableModel::NameRole).toString();
}

QString UsersView::selectedTokenId() const
{
    return selectedRow(m_tokenTable).data(ApiTokenTableModel::IdRole).toString();
}

void UsersView::selectUser(const QString &name)
{
    const QModelIndex index = m_userProxy->mapFromSource(m_users->index(m_users->rowOfUser(name), 0));
    if (index.isValid()) {
        m_userTable->setCurrentIndex(index);
        m_userTable->scrollTo(index);
    }
}

void UsersView::selectToken(const QString &id)
{
    const QModelIndex index = m_tokenProxy->mapFromSource(m_tokens->index(m_tokens->rowOfToken(id), 0));
    if (index.isValid()) {
        m_tokenTable->setCurrentIndex(index);
        m_tokenTable->scrollTo(index);
    }
}

void UsersView::newUser()
{
    auto *dialog = new NewUserDialog(m_context.client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &FormDialog::succeeded, this, [this, dialog](const QJsonValue &answer) {
        const QString name = answer.toObject().value(QStringLiteral("name")).toString(dialog->name());
        Q_EMIT message(tr("User %1 created.").arg(name));
        m_selectAfterLoad = name;
        reload();
    });
    dialog->open();
}

void UsersView::disableSelectedUser()
{
    setSelectedUserDisabled(true);
}

void UsersView::enableSelectedUser()
{
    setSelectedUserDisabled(false);
}

void UsersView::setSelectedUserDisabled(bool disable)
{
    const QString name = selectedUser();
    if (name.isEmpty()) {
        return;
    }
    const QString question = disable ? tr("Disable %1?").arg(name) : tr("Enable %1?").arg(name);
    const QString explanation = disable
        ? tr("%1 can no longer log in. Their login sessions end at once and their API tokens stop working. "
             "Nothing is deleted: you can enable them again.")
              .arg(name)
        : tr("%1 can log in again, and their API tokens that are neither revoked nor expired work again. "
             "Sessions ended by disabling stay ended.")
              .arg(name);
    askToConfirm(this,
                 disable ? tr("Disable user") : tr("Enable user"),
                 question,
                 explanation,
                 disable ? tr("&Disable") : tr("&Enable"),
                 [this, name, disable] {
                     QObject *context =
                         m_requests->start(disable ? tr("Disabling %1…").arg(name) : tr("Enabling %1…").arg(name));
                     m_context.client->setUserDisabled(
                         name,
                         disable,
                         context,
                         [this, context, name, disable](const Result<QJsonValue> &result) {
                             m_requests->finish(context);
                             if (!result) {
                                 const QString why = FormDialog::describeError(result.error());
                                 Q_EMIT message(disable ? tr("Could not disable %1: %2").arg(name, why)
                                                        : tr("Could not enable %1: %2").arg(name, why));
                                 return;
                             }
                             m_users->updateUser(UserAccount::fromJson(result.value().toObject()));
                             Q_EMIT message(
                                 disable
                                     ? tr("%1 is disabled: their sessions and API tokens stopped working.").arg(name)
                                     : tr("%1 is enabled again.").arg(name));
                         });
                 });
}

void UsersView::resetSelectedPassword()
{
    const QString name = selectedUser();
    if (name.isEmpty()) {
        return;
    }
    auto *dialog = new ResetPasswordDialog(m_context.client, name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &FormDialog::succeeded, this, [this, name] {
        Q_EMIT message(tr("Password of %1 reset; their sessions have ended.").arg(name));
        reload();
    });
    dialog->open();
}

void UsersView::newApiToken()
{
    auto *dialog = new NewApiTokenDialog(m_context.client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &FormDialog::succeeded, this, [this](const QJsonValue &answer) {
        const QJsonObject created = answer.toObject();
        const ApiTokenInfo token = ApiTokenInfo::fromJson(created);
        auto *secret = new ApiTokenSecretDialog(token, created.value(QStringLiteral("token")).toString(), this);
        secret->setAttribute(Qt::WA_DeleteOnClose);
        secret->open();
        Q_EMIT message(tr("API token “%1” created.").arg(token.name));
        reload();
    });
    dialog->open();
}

void UsersView::revokeSelectedToken()
{
    const QModelIndex row = selectedRow(m_tokenTable);
    const QString id = row.data(ApiTokenTableModel::IdRole).toString();
    if (id.isEmpty() || row.data(ApiTokenTableModel::RevokedRole).toBool()) {
        return;
    }
    const QString name = row.siblingAtColumn(ApiTokenTableModel::Name).data().toString();
    const QString owner = row.data(ApiTokenTableModel::OwnerRole).toString();
    askToConfirm(
        this,
        tr("Revoke API token"),
        tr("Revoke the API token “%1” of %2?").arg(name, owner),
        tr("Scripts that use it are refused from now on. This cannot be undone: they need a new token."),
        tr("Re&voke"),
        [this, id, name] {
            QObject *context = m_requests->start(tr("Revoking the API token “%1”…").arg(name));
            m_context.client->revokeApiToken(id, context, [this, context, name](const Result<QJsonValue> &result) {
                m_requests->finish(context);
                if (!result) {
                    Q_EMIT message(tr("Could not revoke the API token “%1”: %2")
                                       .arg(name, FormDialog::describeError(result.error())));
                    return;
                }
                Q_EMIT message(tr("API token “%1” revoked.").arg(name));
                reload();
            });
        });
}

void UsersView::updateActions()
{
    const QModelIndex user = selectedRow(m_userTable);
    const bool selected = user.isValid();
    const bool disabled = user.data(UserTableModel::DisabledRole).toBool();
    const bool self = selected && user.data(UserTableModel::NameRole).toString() == m_context.client->user();
    m_disable->setVisible(!disabled);
    m_disable->setEnabled(selected && !disabled && !self);
    m_disable->setToolTip(self ? tr("You cannot disable yourself.")
                               : tr("Disable the selected user: their sessions and API tokens stop working."));
    m_enable->setVisible(disabled);
    m_enable->setEnabled(selected && disabled);
    m_resetPassword->setEnabled(selected);

    const QModelIndex token = selectedRow(m_tokenTable);
    m_revokeToken->setEnabled(token.isValid() && !token.data(ApiTokenTableModel::RevokedRole).toBool());
}

void UsersView::updateTokenFilter()
{
    const QString user = selectedUser();
    if (m_onlySelectedUser->isChecked() && !user.isEmpty()) {
        m_tokenProxy->setFilterRegularExpression(
            QRegularExpression(QRegularExpression::anchoredPattern(QRegularExpression::escape(user))));
    } else {
        m_tokenProxy->setFilterRegularExpression(QRegularExpression());
    }
    updateEmptyMessages();
}

void UsersView::updateEmptyMessages()
{
    if (!m_loadedOnce) {
        return;
    }
    if (m_users->rowCount() == 0) {
        m_userTable->setEmptyMessage(tr("No users"));
    } else {
        m_userTable->setEmptyMessage(tr("No user's name contains “%1”.").arg(m_search));
    }
    const QString user = selectedUser();
    if (m_onlySelectedUser->isChecked() && !user.isEmpty()) {
        m_tokenTable->setEmptyMessage(tr("%1 has no API tokens.").arg(user));
    } else {
        m_tokenTable->setEmptyMessage(
            tr("No API tokens. A script or stewardctl can use a personal API token instead "
               "of a password: create one with New API token…"));
    }
}

} // namespace steward::app
