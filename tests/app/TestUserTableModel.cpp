// SPDX-License-Identifier: GPL-3.0-or-later
#include "UserTableModel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QIcon>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using steward::app::UserAccount;
using steward::app::UserTableModel;

namespace
{
QList<UserAccount> sampleUsers()
{
    return UserAccount::listFromJson(QJsonDocument::fromJson(QByteArray(R"json([
        {"name": "admin", "role": "admin", "disabled": false, "createdAt": "2024-01-15T08:00:00Z",
         "passwordChangedAt": null},
        {"name": "helper", "role": "helpdesk", "disabled": true, "createdAt": "2024-02-01T09:30:00Z",
         "passwordChangedAt": "2024-04-01T10:00:00Z"},
        {"name": "robot", "role": "auditor", "disabled": false, "createdAt": null, "passwordChangedAt": null},
        {"role": "admin"},
        "not a user"
    ])json"))
                                         .array());
}
} // namespace

class TestUserTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void decodesAndSkipsRowsWithoutName();
    void cells();
    void stateHasTextIconAndTooltip();
    void sortValues();
    void updateUserInPlace();
    void roles();

private:
    std::unique_ptr<UserTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestUserTableModel::init()
{
    m_model = std::make_unique<UserTableModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setUsers(sampleUsers());
}

void TestUserTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestUserTableModel::decodesAndSkipsRowsWithoutName()
{
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->columnCount(), int(UserTableModel::ColumnCount));
    QCOMPARE(m_model->rowOfUser(QStringLiteral("helper")), 1);
    QCOMPARE(m_model->rowOfUser(QStringLiteral("nobody")), -1);
    const UserAccount &helper = m_model->users().at(1);
    QVERIFY(helper.disabled);
    QCOMPARE(helper.passwordChangedAt, QDateTime(QDate(2024, 4, 1), QTime(10, 0), Qt::UTC));
}

void TestUserTableModel::cells()
{
    const auto text = [this](int row, int column) {
        return m_model->index(row, column).data().toString();
    };
    QCOMPARE(text(0, UserTableModel::Name), QStringLiteral("admin"));
    QCOMPARE(text(0, UserTableModel::AccessRole), QStringLiteral("Administrator"));
    QCOMPARE(text(1, UserTableModel::AccessRole), QStringLiteral("Help desk"));
    QCOMPARE(text(2, UserTableModel::AccessRole), QStringLiteral("auditor")); // unknown: the code
    QCOMPARE(text(0, UserTableModel::PasswordChanged), QStringLiteral("never"));
    QCOMPARE(text(2, UserTableModel::Created), QStringLiteral("unknown"));
    QVERIFY(!text(1, UserTableModel::PasswordChanged).isEmpty());
    QCOMPARE(m_model->headerData(UserTableModel::PasswordChanged, Qt::Horizontal).toString(),
             QStringLiteral("Password changed"));
}

void TestUserTableModel::stateHasTextIconAndTooltip()
{
    const QModelIndex enabled = m_model->index(0, UserTableModel::State);
    const QModelIndex disabled = m_model->index(1, UserTableModel::State);
    QCOMPARE(enabled.data().toString(), QStringLiteral("Enabled"));
    QCOMPARE(disabled.data().toString(), QStringLiteral("Disabled"));
    // Never told by colour alone: a word, and an icon of its own shape.
    QVERIFY(!enabled.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(!disabled.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(disabled.data(Qt::ToolTipRole).toString().contains(QLatin1String("cannot log in")));
    QVERIFY(disabled.data(Qt::ForegroundRole).canConvert<QBrush>());
    QVERIFY(!enabled.data(Qt::ForegroundRole).isValid());
}

void TestUserTableModel::sortValues()
{
    QCOMPARE(m_model->index(1, UserTableModel::State).data(UserTableModel::SortRole).toBool(), true);
    QCOMPARE(m_model->index(0, UserTableModel::Created).data(UserTableModel::SortRole).toDateTime(),
             QDateTime(QDate(2024, 1, 15), QTime(8, 0), Qt::UTC));
    QCOMPARE(m_model->index(1, UserTableModel::Name).data(UserTableModel::NameRole).toString(),
             QStringLiteral("helper"));
    QCOMPARE(m_model->index(1, UserTableModel::Name).data(UserTableModel::DisabledRole).toBool(), true);
}

void TestUserTableModel::updateUserInPlace()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    UserAccount helper = m_model->users().at(1);
    helper.disabled = false;
    QVERIFY(m_model->updateUser(helper));
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.constFirst().at(0).toModelIndex().row(), 1);
    QCOMPARE(m_model->index(1, UserTableModel::State).data().toString(), QStringLiteral("Enabled"));

    UserAccount stranger;
    stranger.name = QStringLiteral("stranger");
    QVERIFY(!m_model->updateUser(stranger));
    QCOMPARE(m_model->rowCount(), 3);

    m_model->setUsers({});
    QCOMPARE(m_model->rowCount(), 0);
}

void TestUserTableModel::roles()
{
    QCOMPARE(UserTableModel::knownRoles(), QStringList({QStringLiteral("helpdesk"), QStringLiteral("admin")}));
    QCOMPARE(UserTableModel::describeRole(QStringLiteral("admin")), QStringLiteral("Administrator"));
    QCOMPARE(UserTableModel::describeRole(QStringLiteral("x")), QStringLiteral("x"));
}

QTEST_GUILESS_MAIN(TestUserTableModel)

#include "TestUserTableModel.moc"
