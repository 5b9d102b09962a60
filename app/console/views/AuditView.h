// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApiClient.h"
#include "ConsoleView.h"

#include <QPointer>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;

namespace steward::app
{

class AuditTableModel;
class RequestTracker;
class ViewTable;

// The audit log (administrators only), newest first: who did what to what, when, and whether
// the server let them. The filter bar (who, action, target, outcome, from, to) asks the server;
// pages of older entries are added on request; the search field narrows the entries loaded.
// "Verify chain" has the server check the log's hash chain.
class AuditView : public ConsoleView
{
    Q_OBJECT

public:
    static constexpr int pageSize = 100;

    explicit AuditView(const ViewContext &context, QWidget *parent = nullptr);

    QString viewId() const override;
    QString title() const override;
    QIcon icon() const override;
    QString searchPlaceholder() const override;
    void setSearchText(const QString &text) override;
    // Reloads the entries of the filters applied, as many as are shown (so that pages loaded
    // stay loaded).
    void refresh() override;
    void cancel() override;
    void saveState(QSettings &settings) const override;
    void restoreState(QSettings &settings) override;
    void resetState() override;

    AuditTableModel *model() const;
    ViewTable *table() const;
    // What the filter bar says now (applied or not), for the first page.
    AuditQuery filters() const;
    // The filters of the entries shown.
    AuditQuery appliedFilters() const;
    // "100 entries shown".
    QString countText() const;
    // The result of the last chain verification, empty before one.
    QString verificationText() const;

public Q_SLOTS:
    // Asks the server for the newest entries matching the filter bar.
    void applyFilters();
    // Empties the filter bar and shows the newest entries of all.
    void clearFilters();
    // Adds the next page of older entries.
    void loadOlder();
    void verifyChain();

private:
    QWidget *createFilterBar();
    void load(const AuditQuery &query, bool append);
    QString actionFilter() const;
    void updateCountAndEmptyState();
    void updateButtons();
    bool selectEntry(qint64 id);

    ViewContext m_context;
    RequestTracker *m_requests;
    AuditTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    ViewTable *m_table;
    QLineEdit *m_actor;
    QComboBox *m_action;
    QLineEdit *m_target;
    QComboBox *m_outcome;
    QCheckBox *m_fromEnabled;
    QDateTimeEdit *m_from;
    QCheckBox *m_toEnabled;
    QDateTimeEdit *m_to;
    QPushButton *m_apply;
    QLabel *m_count;
    QLabel *m_verifyIcon;
    QLabel *m_verifyResult;
    QPushButton *m_verify;
    QPushButton *m_loadOlder;
    AuditQuery m_applied;
    QString m_search;
    QPointer<QObject> m_load; // the entries request in flight, if any
    QPointer<QObject> m_verification;
    bool m_loadedOnce = false;
    bool m_hasOlder = false;
};

} // namespace steward::app
