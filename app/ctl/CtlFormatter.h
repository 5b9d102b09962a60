// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

class QJsonArray;
class QJsonObject;
class QUrl;

namespace steward::app
{

// Human-readable text for stewardctl (English, stable for people, not for
// scripts: those use --json). Every string that came from the server, and so
// possibly from an agent, is stripped of control characters before it reaches
// a terminal.
class CtlFormatter
{
public:
    explicit CtlFormatter(QDateTime now);

    QString devices(const QJsonArray &devices) const;
    QString device(const QJsonObject &device) const;
    QString enrollmentToken(const QJsonObject &token, const QUrl &server) const;
    QString revoked(const QJsonObject &answer) const;
    // After device delete: `answer` is {id, deleted}.
    QString deleted(const QJsonObject &answer) const;
    // The org-unit tree, each unit indented under the one above it, with its devices and
    // compliant devices counting the units below it.
    QString orgUnits(const QJsonArray &units) const;
    // GET /api/v1/search's answer: each device with what matched ("ip 10.20.30.40").
    QString searchHits(const QJsonArray &hits) const;
    QString groups(const QJsonArray &groups) const;
    // A group, or what a query selects: its query and its devices now.
    QString group(const QJsonObject &group) const;
    QString groupDeleted(const QJsonObject &answer) const;
    QString retired(const QJsonObject &answer) const;
    QString sheetWritten(const QJsonObject &answer) const;
    // An org unit's effective compliance policy: each rule, its value and where it comes from.
    QString policy(const QJsonObject &policy) const;
    // The devices a job is about to be signed for (job create --group/--ou, --dry-run).
    QString jobTargets(const QJsonObject &targets) const;
    QString orgUnitCreated(const QJsonObject &unit) const;
    // After ou delete: `answer` is {path, deleted}.
    QString orgUnitDeleted(const QJsonObject &answer) const;
    QString deviceMoved(const QJsonObject &answer) const;
    QString audit(const QJsonArray &entries) const;
    QString auditVerification(const QJsonObject &verification) const;
    QString users(const QJsonArray &users) const;
    // After user create (created) or user disable/enable.
    QString userChanged(const QJsonObject &user, bool created) const;
    // After user password (own = false) or password (own = true).
    QString passwordSet(const QString &user, bool own) const;
    // The only output that ever shows an API token.
    QString apiTokenCreated(const QJsonObject &token) const;
    QString apiTokens(const QJsonArray &tokens) const;
    QString apiTokenRevoked(const QJsonObject &answer) const;

    // Signed jobs. `operators` is GET /api/v1/signing/operators's answer; `operatorAdded` that of
    // the PUT with {added: {name, fingerprint, kinds, notAfter, keyFile}} from stewardctl.
    QString operators(const QJsonObject &list) const;
    QString operatorAdded(const QJsonObject &answer) const;
    QString jobs(const QJsonArray &jobs) const;
    // GET /api/v1/jobs/{id}'s answer; each device may carry stewardctl's receiptCheck ("verified",
    // "invalid", "none", "not-checked").
    QString job(const QJsonObject &job) const;
    QString jobCreated(const QJsonObject &job) const;
    QString jobCancelled(const QJsonObject &job) const;
    QString jobRollout(const QJsonObject &job) const; // paused or resumed
    // After job wait: every device has finished.
    QString jobFinished(const QJsonObject &job) const;

    // "2 succeeded, 1 failed, 3 queued": a job's devices by state, finished states first; from its
    // devices when the answer lists them, else from its counts.
    static QString stateCounts(const QJsonObject &job);
    // succeeded, failed, not-applicable, rejected, timed-out, cancelled, expired.
    static bool isFinalDeviceState(const QString &state);

    // "just now", "12 min ago", "3 h ago", "4 d ago"; "never" for an invalid time.
    QString ago(const QDateTime &time) const;
    static QString timestamp(const QDateTime &time);
    static QString clean(const QString &text);
    static QString table(const QStringList &header, const QList<QStringList> &rows);

    static constexpr quint16 agentPort = 8730;

private:
    QDateTime m_now;
};

} // namespace steward::app
