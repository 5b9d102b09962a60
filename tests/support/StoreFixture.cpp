// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreFixture.h"

#include "PostgresServer.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

namespace steward::test
{

void StoreFixture::addEngines()
{
    QTest::addColumn<server::Dialect>("engine");
    QTest::newRow("sqlite") << server::Dialect::Sqlite;
    QTest::newRow("postgresql") << server::Dialect::Postgresql;
}

Status StoreFixture::create(server::Dialect dialect)
{
    m_database.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid()) {
        return makeError(QStringLiteral("test.tempdir"), m_dir->errorString());
    }
    if (dialect == server::Dialect::Sqlite) {
        m_url = server::DatabaseUrl::sqlite(m_dir->filePath(QStringLiteral("steward.db")));
    } else {
        QString error;
        PostgresServer *postgres = PostgresServer::shared(&error);
        if (!postgres) {
            return makeError(QStringLiteral("test.postgresql"), error);
        }
        static QAtomicInt counter;
        const QString name =
            QStringLiteral("steward_%1_%2").arg(QCoreApplication::applicationPid()).arg(counter.fetchAndAddRelaxed(1));
        Result<QString> created = postgres->createDatabase(name);
        if (!created) {
            return created.error();
        }
        Result<server::DatabaseUrl> url = server::DatabaseUrl::parse(created.value(), QString());
        if (!url) {
            return url.error();
        }
        m_url = url.value();
    }
    return reopen();
}

void StoreFixture::close()
{
    m_database.reset();
}

Status StoreFixture::reopen()
{
    m_database.reset();
    Result<std::unique_ptr<server::Database>> opened = server::Database::open(m_url);
    if (!opened) {
        return opened.error();
    }
    m_database = std::move(opened).value();
    return Ok{};
}

QString StoreFixture::filePath(const QString &name) const
{
    return m_dir->filePath(name);
}

namespace
{
// Runs `work` on a connection of its own to the fixture's database.
template<typename Work>
void withObserver(const server::DatabaseUrl &url, Work work)
{
    const QString name = QStringLiteral("observer-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(url.dialect == server::Dialect::Sqlite ? QStringLiteral("QSQLITE")
                                                                                           : QStringLiteral("QPSQL"),
                                                    name);
        if (url.dialect == server::Dialect::Sqlite) {
            db.setDatabaseName(url.path);
        } else {
            db.setHostName(url.host);
            db.setUserName(url.user);
            db.setDatabaseName(url.name);
        }
        if (db.open()) {
            work(db);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}
}

int StoreFixture::rowCount(const QString &table) const
{
    int count = -1;
    withObserver(m_url, [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) && query.next()) {
            count = query.value(0).toInt();
        }
    });
    return count;
}

QString StoreFixture::execute(const QString &statement) const
{
    QString error = QStringLiteral("cannot connect");
    withObserver(m_url, [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        error = query.exec(statement) ? QString() : query.lastError().text();
    });
    return error;
}

} // namespace steward::test
