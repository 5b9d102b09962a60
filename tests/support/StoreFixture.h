// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "store/Database.h"

#include <QMetaType>
#include <QTemporaryDir>

#include <memory>

namespace steward::test
{

// A fresh, empty site database for one test, on either engine: a SQLite file in a temporary
// directory, or a new database on this test process's throwaway PostgreSQL server. Store tests
// run every function once per engine:
//
//     void TestX::initTestCase_data() { StoreFixture::addEngines(); }
//     void TestX::init() { QFETCH_GLOBAL(server::Dialect, engine); QVERIFY_RESULT(m_fixture.create(engine)); }
class StoreFixture
{
public:
    // The "engine" column of initTestCase_data(), one row per engine.
    static void addEngines();

    // A new empty database of this dialect, migrated; replaces the one before.
    Status create(server::Dialect dialect);
    // Closes the database, keeps its data (to test reopening).
    void close();
    // Opens the same database again, as a restarted server would.
    Status reopen();

    server::Database &database() const
    {
        return *m_database;
    }
    const server::DatabaseUrl &url() const
    {
        return m_url;
    }
    // A place for files of the test, on either engine.
    QString filePath(const QString &name) const;

    // Counts rows through a connection of its own, as an outside observer would; -1 on error.
    int rowCount(const QString &table) const;
    // Runs one statement through a connection of its own (to tamper with data as an attacker
    // with database access would). Returns the error text, empty on success.
    QString execute(const QString &statement) const;

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    server::DatabaseUrl m_url;
    std::unique_ptr<server::Database> m_database;
};

} // namespace steward::test

Q_DECLARE_METATYPE(steward::server::Dialect)

// Fails the test with the error's message when a Status or Result is not ok.
#define QVERIFY_RESULT(expression)                                                                                     \
    do {                                                                                                               \
        const auto &result_ = (expression);                                                                            \
        QVERIFY2(result_.ok(),                                                                                         \
                 qPrintable(result_.ok() ? QString()                                                                   \
                                         : result_.error().code + QStringLiteral(": ") + result_.error().message));    \
    } while (false)
