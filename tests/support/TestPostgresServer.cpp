// SPDX-License-Identifier: GPL-3.0-or-later
#include "PostgresServer.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <unistd.h>

using namespace steward;
using steward::test::PostgresServer;

namespace
{
// One QPSQL connection to a database URL of Steward's form, removed again when it goes out of
// scope (QSqlDatabase warns about connections still registered at exit).
class Connection
{
public:
    explicit Connection(const QString &url)
        : m_name(QStringLiteral("test-connection-%1").arg(++s_count))
    {
        const QUrl parsed(url);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
        db.setHostName(QUrlQuery(parsed).queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded));
        db.setUserName(parsed.userName());
        db.setDatabaseName(parsed.path().mid(1));
        db.setConnectOptions(QStringLiteral("connect_timeout=5"));
        m_open = db.open();
        m_error = db.lastError().text();
    }
    ~Connection()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    bool isOpen() const
    {
        return m_open;
    }
    QString error() const
    {
        return m_error;
    }
    // The first column of the first row of `sql`, or an invalid QVariant.
    QVariant scalar(const QString &sql) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(sql) || !query.next()) {
            qWarning() << sql << query.lastError().text();
            return {};
        }
        return query.value(0);
    }
    bool exec(const QString &sql) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(sql)) {
            qWarning() << sql << query.lastError().text();
            return false;
        }
        return true;
    }

private:
    static inline int s_count = 0;
    QString m_name;
    bool m_open = false;
    QString m_error;
};
} // namespace

class TestPostgresServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_server = PostgresServer::shared(&error);
        QVERIFY2(m_server, qPrintable(error));
        QVERIFY(m_server->isRunning());
        QCOMPARE(PostgresServer::shared(), m_server);
    }

    void createdDatabaseAnswers()
    {
        const Result<QString> url = m_server->createDatabase(QStringLiteral("support_answers"));
        QVERIFY2(url, url ? "" : qPrintable(url.error().message));
        QCOMPARE(url.value(),
                 QStringLiteral("postgresql://steward@/support_answers?host=") + m_server->socketDirectory());

        Connection connection(url.value());
        QVERIFY2(connection.isOpen(), qPrintable(connection.error()));
        QCOMPARE(connection.scalar(QStringLiteral("SELECT 1")).toInt(), 1);
        QCOMPARE(connection.scalar(QStringLiteral("SELECT current_user")).toString(), m_server->superuser());
        QCOMPARE(connection.scalar(QStringLiteral("SELECT current_database()")).toString(),
                 QStringLiteral("support_answers"));
        QCOMPARE(connection.scalar(QStringLiteral("SHOW server_encoding")).toString(), QStringLiteral("UTF8"));
        // Unix socket only: no TCP listener.
        QCOMPARE(connection.scalar(QStringLiteral("SHOW listen_addresses")).toString(), QString());
    }

    void refusesBadAndDuplicateNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString();
        QTest::newRow("upper case") << QStringLiteral("Support");
        QTest::newRow("quote") << QStringLiteral("a\"; DROP DATABASE postgres; --");
        QTest::newRow("dash") << QStringLiteral("support-db");
        QTest::newRow("too long") << QString(64, QLatin1Char('a'));
        QTest::newRow("exists") << QStringLiteral("support_answers");
    }
    void refusesBadAndDuplicateNames()
    {
        QFETCH(QString, name);
        const Result<QString> url = m_server->createDatabase(name);
        QVERIFY(!url);
        QVERIFY(url.error().code.startsWith(QLatin1String("postgres.")));
        QVERIFY(!url.error().message.isEmpty());
    }

    void runsUnprivilegedAsRoot()
    {
        if (::geteuid() != 0) {
            QSKIP("only meaningful when the tests run as root");
        }
        // The socket and its lock file are created by the postmaster: they show whom it runs as.
        const QFileInfoList socketFiles =
            QDir(m_server->socketDirectory())
                .entryInfoList({QStringLiteral(".s.PGSQL.*")}, QDir::Files | QDir::System | QDir::Hidden);
        QVERIFY(!socketFiles.isEmpty());
        for (const QFileInfo &file : socketFiles) {
            QVERIFY2(file.ownerId() != 0, qPrintable(file.filePath()));
        }
    }

    void dataSurvivesStopAndStart()
    {
        const Result<QString> url = m_server->createDatabase(QStringLiteral("support_restart"));
        QVERIFY2(url, url ? "" : qPrintable(url.error().message));
        {
            Connection connection(url.value());
            QVERIFY2(connection.isOpen(), qPrintable(connection.error()));
            QVERIFY(connection.exec(QStringLiteral("CREATE TABLE kept (value integer)")));
            QVERIFY(connection.exec(QStringLiteral("INSERT INTO kept VALUES (42)")));
        }

        const Status stopped = m_server->stop();
        QVERIFY2(stopped, stopped ? "" : qPrintable(stopped.error().message));
        QVERIFY(!m_server->isRunning());
        {
            Connection connection(url.value());
            QVERIFY(!connection.isOpen());
            QVERIFY(!connection.error().isEmpty());
        }

        const Status started = m_server->start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        QVERIFY(m_server->isRunning());
        {
            Connection connection(url.value());
            QVERIFY2(connection.isOpen(), qPrintable(connection.error()));
            QCOMPARE(connection.scalar(QStringLiteral("SELECT value FROM kept")).toInt(), 42);
        }
    }

    void sharedRestartsAStoppedServer()
    {
        QVERIFY(m_server->stop());
        QString error;
        QCOMPARE(PostgresServer::shared(&error), m_server);
        QVERIFY2(m_server->isRunning(), qPrintable(error));
    }

private:
    PostgresServer *m_server = nullptr;
};

QTEST_GUILESS_MAIN(TestPostgresServer)
#include "TestPostgresServer.moc"
