// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiTokenTableModel.h"
#include "ManualClock.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QIcon>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using steward::app::ApiTokenInfo;
using steward::app::ApiTokenTableModel;

namespace
{
QList<ApiTokenInfo> sampleTokens()
{
    return ApiTokenInfo::listFromJson(QJsonDocument::fromJson(QByteArray(R"json([
        {"id": "00000000000000a1", "user": "admin", "name": "nightly export", "role": "helpdesk",
         "createdAt": "2024-04-01T00:00:00Z", "expiresAt": "2024-06-30T00:00:00Z",
         "lastUsedAt": "2024-05-01T09:00:00Z", "revokedAt": null},
        {"id": "00000000000000a2", "user": "helper", "name": "old script", "role": "helpdesk",
         "createdAt": "2024-01-01T00:00:00Z", "expiresAt": "2024-03-31T00:00:00Z",
         "lastUsedAt": null, "revokedAt": null},
        {"id": "00000000000000a3", "user": "admin", "name": "leaked", "role": "admin",
         "createdAt": "2024-04-10T00:00:00Z", "expiresAt": "2024-07-10T00:00:00Z",
         "lastUsedAt": "2024-04-11T00:00:00Z", "revokedAt": "2024-04-12T08:00:00Z"},
        {"user": "admin", "name": "no id"}
    ])json"))
                                          .array());
}
} // namespace

class TestApiTokenTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void decodes();
    void cells();
    void statusActiveExpiredRevoked();
    void sortAndDataRoles();

private:
    steward::test::ManualClock m_clock{QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<ApiTokenTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestApiTokenTableModel::init()
{
    m_clock.set(QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC));
    m_model = std::make_unique<ApiTokenTableModel>(m_clock);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setTokens(sampleTokens());
}

void TestApiTokenTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestApiTokenTableModel::decodes()
{
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->columnCount(), int(ApiTokenTableModel::ColumnCount));
    QCOMPARE(m_model->rowOfToken(QStringLiteral("00000000000000a2")), 1);
    QCOMPARE(m_model->rowOfToken(QStringLiteral("nope")), -1);
    const ApiTokenInfo &leaked = m_model->tokens().at(2);
    QCOMPARE(leaked.owner, QStringLiteral("admin"));
    QVERIFY(leaked.isRevoked());
    QVERIFY(!leaked.isExpired(m_clock.now()));
    QVERIFY(m_model->tokens().at(1).isExpired(m_clock.now()));
}

void TestApiTokenTableModel::cells()
{
    const auto text = [this](int row, int column) {
        return m_model->index(row, column).data().toString();
    };
    QCOMPARE(text(0, ApiTokenTableModel::Name), QStringLiteral("nightly export"));
    QCOMPARE(text(0, ApiTokenTableModel::Owner), QStringLiteral("admin"));
    QCOMPARE(text(0, ApiTokenTableModel::AccessRole), QStringLiteral("Help desk"));
    QCOMPARE(text(0, ApiTokenTableModel::LastUsed), QStringLiteral("3 h ago"));
    QCOMPARE(text(1, ApiTokenTableModel::LastUsed), QStringLiteral("never"));
    QVERIFY(!text(0, ApiTokenTableModel::Expires).isEmpty());
    QVERIFY(m_model->index(0, ApiTokenTableModel::Name)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("00000000000000a1")));
    QCOMPARE(m_model->headerData(ApiTokenTableModel::LastUsed, Qt::Horizontal).toString(), QStringLiteral("Last used"));

    m_clock.advance(3 * 24 * 3600);
    QCOMPARE(text(0, ApiTokenTableModel::LastUsed), QStringLiteral("3 d ago"));
}

void TestApiTokenTableModel::statusActiveExpiredRevoked()
{
    const auto status = [this](int row) {
        return m_model->index(row, ApiTokenTableModel::Status);
    };
    QCOMPARE(status(0).data().toString(), QStringLiteral("Active"));
    QCOMPARE(status(1).data().toString(), QStringLiteral("Expired"));
    QCOMPARE(status(2).data().toString(), QStringLiteral("Revoked"));
    for (int row = 0; row < 3; ++row) {
        QVERIFY(!status(row).data(Qt::DecorationRole).value<QIcon>().isNull());
    }
    QVERIFY(status(2).data(Qt::ToolTipRole).toString().startsWith(QLatin1String("Revoked ")));
    // Only active tokens are in the normal colour.
    QVERIFY(!status(0).data(Qt::ForegroundRole).isValid());
    QVERIFY(status(1).data(Qt::ForegroundRole).canConvert<QBrush>());
    QVERIFY(status(2).data(Qt::ForegroundRole).canConvert<QBrush>());

    m_clock.set(QDateTime(QDate(2024, 7, 1), QTime(0, 0), Qt::UTC));
    QCOMPARE(status(0).data().toString(), QStringLiteral("Expired"));
}

void TestApiTokenTableModel::sortAndDataRoles()
{
    QCOMPARE(m_model->index(0, ApiTokenTableModel::Created).data(ApiTokenTableModel::SortRole).toDateTime(),
             QDateTime(QDate(2024, 4, 1), QTime(0, 0), Qt::UTC));
    QVERIFY(!m_model->index(1, ApiTokenTableModel::LastUsed).data(ApiTokenTableModel::SortRole).toDateTime().isValid());
    QCOMPARE(m_model->index(2, 0).data(ApiTokenTableModel::IdRole).toString(), QStringLiteral("00000000000000a3"));
    QCOMPARE(m_model->index(1, 0).data(ApiTokenTableModel::OwnerRole).toString(), QStringLiteral("helper"));
    QCOMPARE(m_model->index(2, 0).data(ApiTokenTableModel::RevokedRole).toBool(), true);
    QCOMPARE(m_model->index(0, 0).data(ApiTokenTableModel::RevokedRole).toBool(), false);

    m_model->setTokens({});
    QCOMPARE(m_model->rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestApiTokenTableModel)

#include "TestApiTokenTableModel.moc"
