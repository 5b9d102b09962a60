// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChildCollection.h"

#include "Clock.h"
#include "ProcessCommandRunner.h"
#include "Spool.h"
#include "StewardAgentLogging.h"

#include <QCborMap>

#include <csignal>

#include <sys/prctl.h>
#include <unistd.h>

namespace steward::agent
{

ChildCollection::ChildCollection(Spool &spool, const Clock &clock, Options options, QObject *parent)
    : Collection(parent)
    , m_spool(spool)
    , m_clock(clock)
    , m_options(std::move(options))
{
    m_process.setProgram(m_options.program);
    // The child logs like the agent, to the same journal; its output is the spool.
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.setStandardOutputFile(QProcess::nullDevice());
    m_process.setStandardInputFile(QProcess::nullDevice());
    const pid_t agent = ::getpid();
    m_process.setChildProcessModifier([agent] {
        // A collection belongs to its agent: a killed agent must not leave it writing the spool.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != agent) {
            ::_exit(127);
        }
        [[maybe_unused]] const int niceness = ::nice(ProcessCommandRunner::kNiceIncrement);
    });
    connect(&m_process, &QProcess::finished, this, &ChildCollection::onExited);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            fail(QStringLiteral("cannot start %1: %2").arg(m_options.program, m_process.errorString()));
        }
    });
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        qCWarning(lcAgent).noquote() << "collection still running after" << m_options.timeout.count() / 1000.0
                                     << "s; killing it";
        m_process.kill(); // onExited reports it
    });
}

ChildCollection::~ChildCollection()
{
    disconnect(&m_process, nullptr, this, nullptr);
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

QStringList ChildCollection::collectArguments(const QStringList &sections, bool full)
{
    QStringList arguments{QStringLiteral("collect"), QStringLiteral("--spool")};
    if (!sections.isEmpty()) {
        arguments << QStringLiteral("--sections") << sections.join(u',');
    }
    if (full) {
        arguments << QStringLiteral("--full");
    }
    return arguments;
}

void ChildCollection::start(const QStringList &sections, bool full)
{
    m_sections = sections;
    m_full = full;
    m_process.setArguments(m_options.arguments + collectArguments(sections, full));
    m_deadline.start(m_options.timeout);
    m_process.start();
}

void ChildCollection::onExited(int exitCode, QProcess::ExitStatus status)
{
    m_deadline.stop();
    if (status == QProcess::NormalExit && exitCode == 0) {
        Q_EMIT finished(true, QString());
        return;
    }
    fail(status == QProcess::CrashExit
             ? QStringLiteral("the collection process died (%1)").arg(m_process.errorString())
             : QStringLiteral("the collection process failed with exit code %1").arg(exitCode));
}

void ChildCollection::fail(const QString &message)
{
    m_deadline.stop();
    // As when one collector fails: the sections it should have refreshed are reported failed rather
    // than left looking current. Before any report there is nothing to correct.
    QStringList sections = m_sections;
    if (sections.isEmpty()) {
        sections = m_spool.currentSectionNames();
        sections.removeAll(QStringLiteral("errors"));
        sections.removeAll(QStringLiteral("agent"));
    }
    if (!sections.isEmpty()) {
        const QCborMap error{{QStringLiteral("code"), QStringLiteral("agent.collection-failed")},
                             {QStringLiteral("message"), message}};
        QCborMap errors;
        for (const QString &section : std::as_const(sections)) {
            errors.insert(section, error);
        }
        const Result<qint64> spooled = m_spool.enqueueCollected(QCborMap{{QStringLiteral("errors"), errors}},
                                                                sections,
                                                                m_clock.now().toSecsSinceEpoch(),
                                                                m_full);
        if (!spooled) {
            qCWarning(lcAgent).noquote() << "could not spool the failed collection:" << spooled.error().message;
        }
    }
    Q_EMIT finished(false, message);
}

} // namespace steward::agent
