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
