// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditView.h"

#include "AuditRecord.h"
#include "AuditTableModel.h"
#include "Clock.h"
#include "FormDialog.h"
#include "RequestTracker.h"
#include "StatusIcon.h"
#include "ViewTable.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QVBoxLayout>

namespace steward::app
{

namespace
{
const QString kHeaderKey = QStringLiteral("header");
// The most entries one request may ask for (the server's limit).
constexpr int maxLimit = 10000;

bool hasFilters(const AuditQuery &query)
{
    return !query.actor.isEmpty() || !query.action.isEmpty() || !query.target.isEmpty() || !query.outcome.isEmpty()
        || query.from.isValid() || query.to.isValid();
}
} // namespace

AuditView::AuditView(const ViewContext &context, QWidget *parent)
    : ConsoleView(parent)
    , m_context(context)
    , m_requests(new RequestTracker(this))
    , m_model(new AuditTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new ViewTable(QStringLiteral("auditLog"), this))
    , m_actor(new QLineEdit(this))
    , m_action(new QComboBox(this))
    , m_target(new QLineEdit(this))
    , m_outcome(new QComboBox(this))
    , m_fromEnabled(new QCheckBox(tr("&From:"), this))
    , m_from(new QDateTimeEdit(this))
    , m_toEnabled(new QCheckBox(tr("&To:"), this))
    , m_to(new QDateTimeEdit(this))
    , m_apply(new QPushButton(tr("&Apply filters"), this))
    , m_count(new QLabel(this))
    , m_verifyIcon(new QLabel(this))
    , m_verifyResult(new QLabel(this))
    , m_verify(new QPushButton(tr("&Verify chain"), this))
    , m_loadOlder(new QPushButton(tr("Load &older"), this))
{
    setObjectName(QStringLiteral("auditView"));
    connect(m_requests, &RequestTracker::busy, this, &ConsoleView::busy);
    connect(m_requests, &RequestTracker::idle, this, &ConsoleView::idle);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(AuditTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table->setModel(m_proxy);
    m_table->setDefaultSort(AuditTableModel::Time, Qt::DescendingOrder);

    m_count->setObjectName(QStringLiteral("entryCount"));
    m_verifyIcon->setObjectName(QStringLiteral("verifyIcon"));
    m_verifyResult->setObjectName(QStringLiteral("verifyResult"));
    m_verifyResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verify->setObjectName(QStringLiteral("verifyChain"));
    m_verify->setToolTip(
        tr("Have the server check every entry's hash and its link to the one before: any entry "
           "changed or removed since it was written shows as a break."));
    m_loadOlder->setObjectName(QStringLiteral("loadOlder"));
    m_loadOlder->setToolTip(tr("Add the next %n older entries that match the filters.", nullptr, pageSize));
    connect(m_verify, &QPushButton::clicked, this, &AuditView::verifyChain);
    connect(m_loadOlder, &QPushButton::clicked, this, &AuditView::loadOlder);

    auto *bottom = new QHBoxLayout;
    bottom->setContentsMargins(4, 0, 4, 4);
    bottom->addWidget(m_count);
    bottom->addStretch(1);
    bottom->addWidget(m_verifyIcon);
    bottom->addWidget(m_verifyResult);
    bottom->addWidget(m_verify);
    bottom->addWidget(m_loadOlder);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(createFilterBar());
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);

    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &AuditView::updateCountAndEmptyState);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &AuditView::updateCountAndEmptyState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &AuditView::updateCountAndEmptyState);
    updateCountAndEmptyState();
    updateButtons();
}

QWidget *AuditView::createFilterBar()
{
    auto *bar = new QWidget(this);
    bar->setObjectName(QStringLiteral("auditFilters"));

    m_actor->setObjectName(QStringLiteral("actorFilter"));
    m_actor->setPlaceholderText(tr("Anyone"));
    m_actor->setClearButtonEnabled(true);
    m_target->setObjectName(QStringLiteral("targetFilter"));
    m_target->setPlaceholderText(tr("Anything"));
    m_target->setClearButtonEnabled(true);

    // Known actions by name, groups as "device.*"; any other code or pattern may be typed.
    m_action->setObjectName(QStringLiteral("actionFilter"));
    m_action->setEditable(true);
    m_action->setInsertPolicy(QComboBox::NoInsert);
    m_action->addItem(tr("Any action"), QString());
    QStringList groups;
    for (const QString &code : AuditTableModel::knownActions()) {
        const QString group = code.section(QLatin1Char('.'), 0, 0) + QStringLiteral(".*");
        if (code.contains(QLatin1Char('.')) && !groups.contains(group)) {
            groups << group;
        }
    }
    for (const QString &group : std::as_const(groups)) {
        m_action->addItem(group, group);
    }
    for (const QString &code : AuditTableModel::knownActions()) {
        m_action->addItem(AuditTableModel::describeAction(code), code);
    }
    m_action->setToolTip(
        tr("An action from the list, or its code; a code ending in * matches every action it "
           "begins (device.*)."));

    m_outcome->setObjectName(QStringLiteral("outcomeFilter"));
    m_outcome->addItem(tr("Any outcome"), QString());
    for (const char *outcome : {"ok", "denied", "broken"}) {
        m_outcome->addItem(AuditTableModel::describeOutcome(QLatin1String(outcome)), QLatin1String(outcome));
    }

    const QDateTime now = m_context.clock.now().toLocalTime();
    for (const auto &[enabled, edit, name, initial] :
         {std::tuple{m_fromEnabled, m_from, "from", now.addDays(-7)}, std::tuple{m_toEnabled, m_to, "to", now}}) {
        enabled->setObjectName(QLatin1String(name) + QStringLiteral("Enabled"));
        edit->setObjectName(QLatin1String(name) + QStringLiteral("Time"));
        edit->setCalendarPopup(true);
        edit->setDateTime(initial);
        edit->setEnabled(false);
        connect(enabled, &QCheckBox::toggled, edit, &QWidget::setEnabled);
    }

    m_apply->setObjectName(QStringLiteral("applyFilters"));
    m_apply->setDefault(true);
    auto *clear = new QPushButton(tr("&Clear filters"), bar);
    clear->setObjectName(QStringLiteral("clearFilters"));
    connect(m_apply, &QPushButton::clicked, this, &AuditView::applyFilters);
    connect(clear, &QPushButton::clicked, this, &AuditView::clearFilters);
    connect(m_actor, &QLineEdit::returnPressed, this, &AuditView::applyFilters);
    connect(m_target, &QLineEdit::returnPressed, this, &AuditView::applyFilters);
    connect(m_action->lineEdit(), &QLineEdit::returnPressed, this, &AuditView::applyFilters);

    const auto label = [bar](const QString &text, QWidget *buddy) {
        auto *result = new QLabel(text, bar);
        result->setBuddy(buddy);
        return result;
    };
    auto *grid = new QGridLayout(bar);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->addWidget(label(tr("&Who:"), m_actor), 0, 0);
    grid->addWidget(m_actor, 0, 1);
    grid->addWidget(label(tr("A&ction:"), m_action), 0, 2);
    grid->addWidget(m_action, 0, 3);
    grid->addWidget(label(tr("Tar&get:"), m_target), 0, 4);
    grid->addWidget(m_target, 0, 5);
    grid->addWidget(label(tr("O&utcome:"), m_outcome), 1, 0);
    grid->addWidget(m_outcome, 1, 1);
    grid->addWidget(m_fromEnabled, 1, 2);
    grid->addWidget(m_from, 1, 3);
    grid->addWidget(m_toEnabled, 1, 4);
    grid->addWidget(m_to, 1, 5);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(clear);
    buttons->addWidget(m_apply);
    grid->addLayout(buttons, 1, 6);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    grid->setColumnStretch(5, 1);
    return bar;
}

QString AuditView::viewId() const
{
    return QStringLiteral("audit");
}

QString AuditView::title() const
{
    return tr("Audit log");
}

QIcon AuditView::icon() const
{
    return QIcon::fromTheme(QStringLiteral("view-history"), style()->standardIcon(QStyle::SP_FileDialogDetailedView));
}

QString AuditView::searchPlaceholder() const
{
    return tr("Search the entries shown");
}

void AuditView::setSearchText(const QString &text)
{
    m_search = text.trimmed();
    m_proxy->setFilterFixedString(m_search);
    updateCountAndEmptyState();
}

void AuditView::refresh()
{
    if (m_requests->isRunning(m_load)) {
        return; // the running request brings fresh entries
    }
    AuditQuery query = m_applied;
    query.limit = qBound(pageSize, m_model->rowCount(), maxLimit);
    load(query, false);
}

void AuditView::cancel()
{
    m_requests->cancelAll();
    updateButtons();
}

void AuditView::saveState(QSettings &settings) const
{
    settings.setValue(kHeaderKey, m_table->saveHeader());
}

void AuditView::restoreState(QSettings &settings)
{
    m_table->restoreHeader(settings.value(kHeaderKey).toByteArray());
}

void AuditView::resetState()
{
    m_table->resetHeader();
}

AuditTableModel *AuditView::model() const
{
    return m_model;
}

ViewTable *AuditView::table() const
{
    return m_table;
}

QString AuditView::actionFilter() const
{
    const QString text = m_action->currentText().trimmed();
    const int index = m_action->findText(text, Qt::MatchFixedString | Qt::MatchCaseSensitive);
    return index >= 0 ? m_action->itemData(index).toString() : text;
}

AuditQuery AuditView::filters() const
{
    AuditQuery query;
    query.actor = m_actor->text().trimmed();
    query.action = actionFilter();
    query.target = m_target->text().trimmed();
    query.outcome = m_outcome->currentData().toString();
    if (m_fromEnabled->isChecked()) {
        query.from = m_from->dateTime();
        query.from.setTime(QTime(query.from.time().hour(), query.from.time().minute()));
    }
    if (m_toEnabled->isChecked()) {
        // The minute shown is included whole.
        query.to = m_to->dateTime();
        query.to.setTime(QTime(query.to.time().hour(), query.to.time().minute(), 59, 999));
    }
    query.limit = pageSize;
    return query;
}

AuditQuery AuditView::appliedFilters() const
{
    return m_applied;
}

QString AuditView::countText() const
{
    return m_count->text();
}

QString AuditView::verificationText() const
{
    return m_verifyResult->text();
}

void AuditView::applyFilters()
{
    const AuditQuery query = filters();
    if (query.from.isValid() && query.to.isValid() && query.from > query.to) {
        Q_EMIT message(tr("“From” is later than “To”: no entry can match."));
        return;
    }
    load(query, false);
}

void AuditView::clearFilters()
{
    m_actor->clear();
    m_action->setCurrentIndex(0);
    m_target->clear();
    m_outcome->setCurrentIndex(0);
    m_fromEnabled->setChecked(false);
    m_toEnabled->setChecked(false);
    applyFilters();
}

void AuditView::loadOlder()
{
    if (m_requests->isRunning(m_load) || !m_hasOlder || m_model->rowCount() == 0) {
        return;
    }
    AuditQuery query = m_applied;
    query.before = m_model->oldestId();
    query.limit = pageSize;
    load(query, true);
}

void AuditView::load(const AuditQuery &query, bool append)
{
    // A new question replaces the one still waiting for its answer.
    QObject *previous = m_load;
    QObject *load = m_requests->start(append ? tr("Loading older audit entries…") : tr("Loading the audit log…"));
    m_requests->abandon(previous);
    m_load = load;
    updateButtons();
    m_context.client->audit(query, load, [this, load, query, append](const Result<QJsonValue> &result) {
        m_requests->finish(load);
        if (!result) {
            updateButtons();
            Q_EMIT loadFailed(FormDialog::describeError(result.error()));
            return;
        }
        const QList<AuditRecord> records = AuditRecord::listFromJson(result.value().toArray());
        // A short page is the last one.
        m_hasOlder = records.size() >= query.limit;
        if (append) {
            m_model->appendRecords(records);
        } else {
            const QModelIndexList selected = m_table->selectionModel()->selectedRows();
            const qint64 selectedId =
                selected.isEmpty() ? 0 : selected.constFirst().data(AuditTableModel::IdRole).toLongLong();
            m_applied = query;
            m_applied.before = 0;
            m_applied.limit = pageSize;
            m_model->setRecords(records);
            selectEntry(selectedId);
        }
        m_loadedOnce = true;
        m_table->fitColumns();
        updateCountAndEmptyState();
        updateButtons();
        Q_EMIT loaded(m_context.clock.now());
    });
}

void AuditView::verifyChain()
{
    if (m_requests->isRunning(m_verification)) {
        return;
    }
    QObject *verification = m_requests->start(tr("Verifying the audit log’s hash chain…"));
    m_verification = verification;
    updateButtons();
    m_context.client->verifyAudit(verification, [this, verification](const Result<QJsonValue> &result) {
        m_requests->finish(verification);
        updateButtons();
        if (!result) {
            const QString text = tr("Could not verify the chain: %1").arg(FormDialog::describeError(result.error()));
            m_verifyIcon->setPixmap(StatusIcon::icon(StatusIcon::Kind::Unknown).pixmap(16, 16));
            m_verifyResult->setText(text);
            m_verifyResult->setToolTip(QString());
            Q_EMIT message(text);
            return;
        }
        const QJsonObject answer = result.value().toObject();
        const int rows = answer.value(QStringLiteral("rows")).toInt();
        const int unchained = answer.value(QStringLiteral("unchainedRows")).toInt();
        QString text;
        if (answer.value(QStringLiteral("intact")).toBool()) {
            text = tr("Chain intact: %n entries checked.", nullptr, rows);
            if (unchained > 0) {
                text += QLatin1Char(' ')
                    + tr("%n older entries were written before the chain and cannot be checked.", nullptr, unchained);
            }
            m_verifyIcon->setPixmap(StatusIcon::icon(StatusIcon::Kind::Good).pixmap(16, 16));
            m_verifyResult->setToolTip(tr("Head hash: %1. Note it down to check later that nothing was rewritten.")
                                           .arg(answer.value(QStringLiteral("headHash")).toString()));
        } else {
            const qint64 broken = qint64(answer.value(QStringLiteral("firstBrokenId")).toDouble());
            text =
                tr("Chain broken at entry %1: %2").arg(broken).arg(answer.value(QStringLiteral("problem")).toString());
            m_verifyIcon->setPixmap(StatusIcon::icon(StatusIcon::Kind::Bad).pixmap(16, 16));
            m_verifyResult->setToolTip(tr("Entries up to the break were checked: %n.", nullptr, rows));
            // Show the entry, if it is among those loaded.
            selectEntry(broken);
        }
        m_verifyResult->setText(text);
        Q_EMIT message(text);
    });
}

bool AuditView::selectEntry(qint64 id)
{
    if (id <= 0) {
        return false;
    }
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->records().at(row).id == id) {
            const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
            if (!index.isValid()) {
                return false; // hidden by the search
            }
            m_table->setCurrentIndex(index);
            m_table->scrollTo(index);
            return true;
        }
    }
    return false;
}

void AuditView::updateCountAndEmptyState()
{
    const int loaded = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    if (m_search.isEmpty()) {
        m_count->setText(tr("%n entries shown", nullptr, shown));
    } else {
        m_count->setText(tr("%n of %1 loaded entries shown", nullptr, shown).arg(loaded));
    }
    m_count->setVisible(m_loadedOnce);
    if (!m_loadedOnce) {
        m_table->setEmptyMessage(QString());
    } else if (loaded == 0) {
        m_table->setEmptyMessage(hasFilters(m_applied) ? tr("No audit entries match these filters.")
                                                       : tr("The audit log is empty."));
    } else {
        m_table->setEmptyMessage(tr("No entry shown contains “%1”.").arg(m_search));
    }
}

void AuditView::updateButtons()
{
    const bool loading = m_requests->isRunning(m_load);
    m_loadOlder->setEnabled(!loading && m_hasOlder && m_model->rowCount() > 0);
    m_verify->setEnabled(!m_requests->isRunning(m_verification));
}

} // namespace steward::app
