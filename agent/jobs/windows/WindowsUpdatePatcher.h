// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PatchJob.h"

#include <QStringList>

#include <chrono>

namespace steward::agent
{
class CommandRunner;
struct CommandResult;
}

namespace steward::agent::jobs
{

// Patching on Windows through the Windows Update Agent COM API (Microsoft.Update.Session),
// driven by PowerShell scripts as the Windows Update collector does (docs/patching.md). Items
// are named by UpdateID, titled by the update's title; `target` holds its KB articles.
// Only tested on recorded output: the agent is not built or run on Windows yet.
class WindowsUpdatePatcher : public Patcher
{
public:
    struct Timeouts {
        std::chrono::milliseconds search = std::chrono::minutes(15);
        // Download and installation; the job's runtime cap usually ends it first.
        std::chrono::milliseconds install = std::chrono::hours(4);
    };

    // `runner` must outlive the patcher.
    explicit WindowsUpdatePatcher(CommandRunner &runner);
    WindowsUpdatePatcher(CommandRunner &runner, Timeouts timeouts);

    Result<PatchPlan> plan(const PatchRequest &request) override;
    PatchOutcome run(const PatchPlan &plan) override;
    PatchOutcome verify(const PatchPlan &plan) override;

    // One update the search offers.
    struct Offer {
        QString updateId;
        QString title;
        QStringList kbs; // "KB5034441"
        bool security = false; // classification Security Updates, or an MSRC severity
    };
    struct Search {
        QList<Offer> updates;
        bool rebootRequired = false;
    };
    // One update the install script reports on.
    struct Installed {
        QString updateId;
        QString title;
        QString kb;
        QString stage; // "install", or "download" when it never got that far
        int resultCode = -1; // OperationResultCode: 0 not started … 2 succeeded, 3 with errors, 4 failed, 5 aborted
        qint64 hresult = 0;
        bool rebootRequired = false;
    };
    struct Installation {
        QList<Installed> updates;
        bool rebootRequired = false;
    };

    // What searchScript() prints: {ResultCode, RebootRequired, Updates: [{UpdateID, Title,
    // KBArticleIDs, MsrcSeverity, CategoryIDs}]}. A search that did not fully succeed
    // (ResultCode other than 2) is an error, as in the collector.
    static Result<Search> parseSearch(const QByteArray &json);
    // What installScript() prints: {ResultCode, RebootRequired, Updates: [{UpdateID, Title, KB,
    // Stage, ResultCode, HResult, RebootRequired}]}.
    static Result<Installation> parseInstallation(const QByteArray &json);
    // The plan's items with the installation's results.
    static PatchOutcome outcomeOf(const PatchPlan &plan, const Installation &installation);

    // Statements end with ';' and contain no double quotes or comments: they are joined into
    // one line for -Command (see the collectors' PowerShell helper).
    static QString searchScript();
    // Installs the updates with these ids, each checked to be a GUID (it is put in the script).
    static QString installScript(const QStringList &updateIds);
    // `-NoProfile -NonInteractive -ExecutionPolicy Bypass -Command <script on one line>`.
    static QStringList powerShellArguments(const QString &script);
    static bool isUpdateId(const QString &text);

private:
    CommandResult runScript(const QString &script, std::chrono::milliseconds timeout);

    CommandRunner &m_runner;
    Timeouts m_timeouts;
};

} // namespace steward::agent::jobs
