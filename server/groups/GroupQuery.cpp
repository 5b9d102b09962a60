// SPDX-License-Identifier: GPL-3.0-or-later
#include "GroupQuery.h"

#include "OrgUnitPath.h"
#include "compliance/PolicyRules.h"
#include "groups/VersionKey.h"

#include <QRegularExpression>

#include <vector>

namespace steward::server::groups
{

namespace
{
constexpr int kMaxDepth = 32; // nested parentheses and `not`s: bounds the parser's recursion

enum class TokenType { Word, String, Operator, Open, Close, End };

struct Token {
    TokenType type = TokenType::End;
    QString text;
    int column = 0; // from 1
};

const QString kOperatorChars = QStringLiteral("=!<>~");
const QString kStopChars = QStringLiteral("()\"'=!<>~");
// The operators, by what they do; "==" is read as "=".
const QStringList kEquality{QStringLiteral("="), QStringLiteral("!=")};
const QStringList kOrder{QStringLiteral("<"), QStringLiteral("<="), QStringLiteral(">"), QStringLiteral(">=")};
const QStringList kMatch{QStringLiteral("~"), QStringLiteral("!~")};

Error syntaxError(int column, const QString &message)
{
    return makeError(QStringLiteral("group.query-syntax"), QStringLiteral("column %1: %2").arg(column).arg(message));
}

QString described(const Token &token)
{
    switch (token.type) {
    case TokenType::End:
        return QStringLiteral("the end of the query");
    case TokenType::String:
        return QStringLiteral("\"%1\"").arg(token.text);
    default:
        return QStringLiteral("'%1'").arg(token.text);
    }
}

Result<QList<Token>> tokenize(const QString &text)
{
    QList<Token> tokens;
    qsizetype i = 0;
    while (true) {
        while (i < text.size() && text.at(i).isSpace()) {
            ++i;
        }
        const int column = int(i) + 1;
        if (i == text.size()) {
            tokens.append(Token{TokenType::End, QString(), column});
            return tokens;
        }
        const QChar c = text.at(i);
        if (c == u'(' || c == u')') {
            tokens.append(Token{c == u'(' ? TokenType::Open : TokenType::Close, QString(c), column});
            ++i;
        } else if (c == u'"' || c == u'\'') {
            QString value;
            ++i;
            bool closed = false;
            while (i < text.size()) {
                const QChar d = text.at(i++);
                if (d == c) {
                    closed = true;
                    break;
                }
                if (d == u'\\' && i < text.size()) {
                    value += text.at(i++);
                } else {
                    value += d;
                }
            }
            if (!closed) {
                return syntaxError(column, QStringLiteral("the quoted value is not closed"));
            }
            tokens.append(Token{TokenType::String, value, column});
        } else if (kOperatorChars.contains(c)) {
            QString op;
            while (i < text.size() && kOperatorChars.contains(text.at(i))) {
                op += text.at(i++);
            }
            if (!kEquality.contains(op) && !kOrder.contains(op) && !kMatch.contains(op) && op != QLatin1String("==")) {
                return syntaxError(column, QStringLiteral("'%1' is not an operator").arg(op));
            }
            tokens.append(Token{TokenType::Operator, op == QLatin1String("==") ? QStringLiteral("=") : op, column});
        } else {
            // A '~' inside a word is part of it, as in the version 3.0.11-1~deb12u1; a glob match
            // is written with a space before it.
            const qsizetype start = i;
            while (i < text.size() && !text.at(i).isSpace()
                   && (!kStopChars.contains(text.at(i)) || (text.at(i) == u'~' && i > start))) {
                ++i;
            }
            tokens.append(Token{TokenType::Word, text.mid(start, i - start), column});
        }
    }
}

// One test of the query, checked and with its value read.
struct Test {
    QString field; // a query field, or "package"
    FieldKind kind = FieldKind::Text;
    QString op; // empty: "package NAME" alone
    QString value; // as compared: lower-cased text, a version key, a canonical path, "true"...
    qint64 seconds = 0; // Age
    QString packageName; // package: lower-cased, may be a glob
};

const QueryField *fieldNamed(const QString &name)
{
    for (const QueryField &field : queryFields()) {
        if (field.name == name) {
            return &field;
        }
    }
    return nullptr;
}

QString kindName(FieldKind kind)
{
    switch (kind) {
    case FieldKind::Text:
        return QStringLiteral("text");
    case FieldKind::Version:
        return QStringLiteral("a version");
    case FieldKind::Number:
        return QStringLiteral("a number");
    case FieldKind::Boolean:
        return QStringLiteral("true or false");
    case FieldKind::OrgUnit:
        return QStringLiteral("an org unit");
    case FieldKind::Age:
        return QStringLiteral("a time ago");
    case FieldKind::Id:
        return QStringLiteral("a device id");
    }
    return QString();
}

QStringList operatorsFor(FieldKind kind)
{
    switch (kind) {
    case FieldKind::Text:
    case FieldKind::Id:
        return kEquality + kMatch;
    case FieldKind::Version:
        return kEquality + kOrder + kMatch;
    case FieldKind::Number:
        return kEquality + kOrder;
    case FieldKind::Boolean:
    case FieldKind::OrgUnit:
        return kEquality;
    case FieldKind::Age:
        return kOrder;
    }
    return {};
}

// Reads the value of `field op value` as the field's kind wants it.
Result<Test> checkedTest(const QueryField &field, const Token &opToken, const Token &valueToken)
{
    Test test{field.name, field.kind, opToken.text, QString(), 0, QString()};
    const QString &raw = valueToken.text;
    const int column = valueToken.column;
    const bool glob = test.op == QLatin1String("~") || test.op == QLatin1String("!~");
    switch (field.kind) {
    case FieldKind::Text:
        test.value = raw.trimmed().toLower();
        break;
    case FieldKind::Id:
        test.value = raw.trimmed();
        break;
    case FieldKind::Version:
        test.value = glob ? raw.trimmed().toLower() : versionKey(raw);
        break;
    case FieldKind::Number: {
        static const QRegularExpression digits(QStringLiteral("\\A\\d{1,15}\\z"));
        if (!digits.match(raw.trimmed()).hasMatch()) {
            return syntaxError(
                column,
                QStringLiteral("%1 takes a whole number, not %2").arg(field.name, described(valueToken)));
        }
        test.value = versionKey(raw.trimmed());
        break;
    }
    case FieldKind::Boolean: {
        const QString word = raw.trimmed().toLower();
        if (word == QLatin1String("true") || word == QLatin1String("yes") || word == QLatin1String("on")) {
            test.value = QStringLiteral("true");
        } else if (word == QLatin1String("false") || word == QLatin1String("no") || word == QLatin1String("off")) {
            test.value = QStringLiteral("false");
        } else {
            return syntaxError(column,
                               QStringLiteral("%1 is true or false, not %2").arg(field.name, described(valueToken)));
        }
        break;
    }
    case FieldKind::OrgUnit: {
        const Result<QString> path = orgunit::canonicalPath(raw);
        if (!path) {
            return syntaxError(column, path.error().message);
        }
        test.value = path.value();
        break;
    }
    case FieldKind::Age: {
        const std::optional<qint64> seconds = durationSeconds(raw.trimmed().toLower());
        if (!seconds) {
            return syntaxError(column,
                               QStringLiteral("%1 takes a time such as 30m, 12h, 7d or 2w, not %2")
                                   .arg(field.name, described(valueToken)));
        }
        test.seconds = *seconds;
        break;
    }
    }
    return test;
}

// The pattern for SQL's LIKE ... ESCAPE '!' that matches what the glob matches.
QString likePattern(const QString &glob)
{
    QString like;
    like.reserve(glob.size() + 4);
    for (const QChar c : glob) {
        if (c == u'*') {
            like += u'%';
        } else if (c == u'?') {
            like += u'_';
        } else if (c == u'%' || c == u'_' || c == u'!') {
            like += u'!';
            like += c;
        } else {
            like += c;
        }
    }
    return like;
}

bool isGlob(const QString &text)
{
    return text.contains(u'*') || text.contains(u'?');
}

QString comparison(const QString &op)
{
    return op == QLatin1String("!=") ? QStringLiteral("=") : op;
}
} // namespace

struct GroupQuery::Node {
    enum class Type { And, Or, Not, Leaf } type = Type::Leaf;
    std::vector<std::shared_ptr<const Node>> children;
    Test test;
};

namespace
{
using NodePtr = std::shared_ptr<const GroupQuery::Node>;
using Node = GroupQuery::Node;

class Parser
{
public:
    explicit Parser(QList<Token> tokens)
        : m_tokens(std::move(tokens))
    {
    }

    Result<NodePtr> query()
    {
        Result<NodePtr> root = either(0);
        if (!root) {
            return root;
        }
        if (peek().type != TokenType::End) {
            return syntaxError(
                peek().column,
                QStringLiteral("expected 'and', 'or' or the end of the query, found %1").arg(described(peek())));
        }
        return root;
    }

private:
    const Token &peek() const
    {
        return m_tokens.at(m_next);
    }
    const Token &take()
    {
        const Token &token = m_tokens.at(m_next);
        if (token.type != TokenType::End) {
            ++m_next;
        }
        return token;
    }
    bool isKeyword(const Token &token, const char *keyword) const
    {
        return token.type == TokenType::Word && token.text.compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0;
    }

    Result<NodePtr> joined(Node::Type type, const char *keyword, int depth)
    {
        Result<NodePtr> first = type == Node::Type::Or ? joined(Node::Type::And, "and", depth) : unary(depth);
        if (!first) {
            return first;
        }
        if (!isKeyword(peek(), keyword)) {
            return first;
        }
        auto node = std::make_shared<Node>();
        node->type = type;
        node->children.push_back(first.value());
        while (isKeyword(peek(), keyword)) {
            take();
            Result<NodePtr> next = type == Node::Type::Or ? joined(Node::Type::And, "and", depth) : unary(depth);
            if (!next) {
                return next;
            }
            node->children.push_back(next.value());
        }
        return NodePtr(node);
    }

    Result<NodePtr> either(int depth)
    {
        return joined(Node::Type::Or, "or", depth);
    }

    Result<NodePtr> unary(int depth)
    {
        if (depth > kMaxDepth) {
            return syntaxError(peek().column, QStringLiteral("nested more than %1 deep").arg(kMaxDepth));
        }
        const Token &token = peek();
        if (isKeyword(token, "not")) {
            take();
            Result<NodePtr> inner = unary(depth + 1);
            if (!inner) {
                return inner;
            }
            auto node = std::make_shared<Node>();
            node->type = Node::Type::Not;
            node->children.push_back(inner.value());
            return NodePtr(node);
        }
        if (token.type == TokenType::Open) {
            take();
            Result<NodePtr> inner = either(depth + 1);
            if (!inner) {
                return inner;
            }
            if (peek().type != TokenType::Close) {
                return syntaxError(peek().column,
                                   QStringLiteral("expected ')' to close the '(' at column %1, found %2")
                                       .arg(token.column)
                                       .arg(described(peek())));
            }
            take();
            return inner;
        }
        return test();
    }

    Result<NodePtr> test()
    {
        const Token fieldToken = take();
        if (fieldToken.type != TokenType::Word || isKeyword(fieldToken, "and") || isKeyword(fieldToken, "or")) {
            return syntaxError(fieldToken.column,
                               QStringLiteral("expected a field, 'not' or '(', found %1").arg(described(fieldToken)));
        }
        auto node = std::make_shared<Node>();
        if (isKeyword(fieldToken, "package")) {
            const Token name = take();
            if ((name.type != TokenType::Word && name.type != TokenType::String) || name.text.trimmed().isEmpty()) {
                return syntaxError(
                    name.column,
                    QStringLiteral("expected a package name after 'package', found %1").arg(described(name)));
            }
            node->test.field = QStringLiteral("package");
            node->test.kind = FieldKind::Version;
            node->test.packageName = name.text.trimmed().toLower();
            if (peek().type == TokenType::Operator) {
                const Token op = take();
                if (op.text == QLatin1String("!=") || op.text == QLatin1String("!~")) {
                    return syntaxError(op.column,
                                       QStringLiteral("'%1' does not apply to a package's version: write "
                                                      "\"not package NAME = VERSION\"")
                                           .arg(op.text));
                }
                const Token value = take();
                if (value.type != TokenType::Word && value.type != TokenType::String) {
                    return syntaxError(
                        value.column,
                        QStringLiteral("expected a version after '%1', found %2").arg(op.text, described(value)));
                }
                Result<Test> checked =
                    checkedTest(QueryField{QStringLiteral("package"), FieldKind::Version}, op, value);
                if (!checked) {
                    return checked.error();
                }
                node->test.op = checked.value().op;
                node->test.value = checked.value().value;
            }
            return NodePtr(node);
        }
        const QString name = fieldToken.text.toLower();
        const QueryField *field = fieldNamed(name);
        if (!field) {
            QStringList names{QStringLiteral("package")};
            for (const QueryField &known : queryFields()) {
                names.append(known.name);
            }
            return makeError(QStringLiteral("group.query-field"),
                             QStringLiteral("column %1: unknown field '%2'; the fields are %3")
                                 .arg(fieldToken.column)
                                 .arg(fieldToken.text.left(64), names.join(QStringLiteral(", "))));
        }
        const Token op = take();
        const QStringList allowed = operatorsFor(field->kind);
        if (op.type != TokenType::Operator) {
            return syntaxError(op.column,
                               QStringLiteral("expected an operator (%1) after '%2', found %3")
                                   .arg(allowed.join(QStringLiteral(" ")), field->name, described(op)));
        }
        if (!allowed.contains(op.text)) {
            return syntaxError(
                op.column,
                QStringLiteral("'%1' does not apply to %2, which is %3 (use %4)")
                    .arg(op.text, field->name, kindName(field->kind), allowed.join(QStringLiteral(" "))));
        }
        const Token value = take();
        if (value.type != TokenType::Word && value.type != TokenType::String) {
            return syntaxError(value.column,
                               QStringLiteral("expected a value after '%1', found %2").arg(op.text, described(value)));
        }
        Result<Test> checked = checkedTest(*field, op, value);
        if (!checked) {
            return checked.error();
        }
        node->test = checked.value();
        return NodePtr(node);
    }

    QList<Token> m_tokens;
    qsizetype m_next = 0;
};

// Appends the SQL of one test.
void appendTest(const Test &test, const QDateTime &now, SqlCondition &out)
{
    const bool negated = test.op == QLatin1String("!=") || test.op == QLatin1String("!~");
    const bool glob = test.op == QLatin1String("~") || test.op == QLatin1String("!~");
    QString sql;
    if (test.field == QLatin1String("package")) {
        sql = QStringLiteral(
            "d.id IN (SELECT ds.device_id FROM device_software ds JOIN software s ON s.id = "
            "ds.software_id WHERE ");
        if (isGlob(test.packageName)) {
            sql += QStringLiteral("s.name_key LIKE ? ESCAPE '!'");
            out.values.append(likePattern(test.packageName));
        } else {
            sql += QStringLiteral("s.name_key = ?");
            out.values.append(test.packageName);
        }
        if (glob) {
            sql += QStringLiteral(" AND lower(s.version) LIKE ? ESCAPE '!'");
            out.values.append(likePattern(test.value));
        } else if (!test.op.isEmpty()) {
            sql += QStringLiteral(" AND s.version_key %1 ?").arg(test.op);
            out.values.append(test.value);
        }
        sql += u')';
        out.sql += sql;
        return;
    }
    if (test.field == QLatin1String("condition")) {
        sql = glob ? QStringLiteral("d.id IN (SELECT device_id FROM device_conditions WHERE code LIKE ? ESCAPE '!')")
                   : QStringLiteral("d.id IN (SELECT device_id FROM device_conditions WHERE code = ?)");
        out.values.append(glob ? QVariant(likePattern(test.value)) : QVariant(test.value));
        out.sql += negated ? QStringLiteral("NOT (%1)").arg(sql) : sql;
        return;
    }
    switch (test.kind) {
    case FieldKind::Text:
    case FieldKind::Version:
    case FieldKind::Number:
    case FieldKind::Boolean: {
        sql = QStringLiteral("d.id IN (SELECT device_id FROM device_facts WHERE field = ? AND ");
        out.values.append(test.field);
        if (glob) {
            sql += QStringLiteral("value LIKE ? ESCAPE '!'");
            out.values.append(likePattern(test.value));
        } else if (test.kind == FieldKind::Version || test.kind == FieldKind::Number) {
            sql += QStringLiteral("sort_key %1 ?").arg(comparison(test.op));
            out.values.append(test.value);
        } else {
            sql += QStringLiteral("value = ?");
            out.values.append(test.value);
        }
        sql += u')';
        break;
    }
    case FieldKind::Id:
        if (glob) {
            sql = QStringLiteral("d.id LIKE ? ESCAPE '!'");
            out.values.append(likePattern(test.value));
        } else {
            sql = QStringLiteral("d.id = ?");
            out.values.append(test.value);
        }
        break;
    case FieldKind::OrgUnit:
        if (orgunit::isRoot(test.value)) {
            sql = QStringLiteral("1 = 1");
        } else {
            sql =
                QStringLiteral("d.org_unit_id IN (SELECT id FROM org_units WHERE path = ? OR path LIKE ? ESCAPE '!')");
            out.values.append(test.value);
            out.values.append(QString(likePattern(test.value) + QStringLiteral("/%")));
        }
        break;
    case FieldKind::Age: {
        const QString column =
            test.field == QLatin1String("enrolled") ? QStringLiteral("d.enrolled_at") : QStringLiteral("d.last_seen");
        const qint64 limit = now.toSecsSinceEpoch() - test.seconds;
        // Older than the age is an earlier time; a device never heard from is older than any age.
        if (test.op.startsWith(u'>')) {
            sql = QStringLiteral("(%1 IS NULL OR %1 %2 ?)")
                      .arg(column, test.op == QLatin1String(">") ? QStringLiteral("<") : QStringLiteral("<="));
        } else {
            sql = QStringLiteral("%1 %2 ?").arg(column,
                                                test.op == QLatin1String("<") ? QStringLiteral(">")
                                                                              : QStringLiteral(">="));
        }
        out.values.append(limit);
        break;
    }
    }
    out.sql += negated ? QStringLiteral("NOT (%1)").arg(sql) : sql;
}

void appendNode(const Node &node, const QDateTime &now, SqlCondition &out)
{
    switch (node.type) {
    case Node::Type::Leaf:
        appendTest(node.test, now, out);
        return;
    case Node::Type::Not:
        out.sql += QStringLiteral("NOT (");
        appendNode(*node.children.front(), now, out);
        out.sql += u')';
        return;
    case Node::Type::And:
    case Node::Type::Or: {
        const QString joiner = node.type == Node::Type::And ? QStringLiteral(" AND ") : QStringLiteral(" OR ");
        out.sql += u'(';
        for (size_t i = 0; i < node.children.size(); ++i) {
            if (i > 0) {
                out.sql += joiner;
            }
            appendNode(*node.children.at(i), now, out);
        }
        out.sql += u')';
        return;
    }
    }
}

void collectOrgUnits(const Node &node, QStringList &paths)
{
    if (node.type == Node::Type::Leaf) {
        if (node.test.kind == FieldKind::OrgUnit && !paths.contains(node.test.value)) {
            paths.append(node.test.value);
        }
        return;
    }
    for (const NodePtr &child : node.children) {
        collectOrgUnits(*child, paths);
    }
}
} // namespace

const QList<QueryField> &queryFields()
{
    static const QList<QueryField> fields{
        {QStringLiteral("hostname"), FieldKind::Text},
        {QStringLiteral("id"), FieldKind::Id},
        {QStringLiteral("ou"), FieldKind::OrgUnit},
        {QStringLiteral("os.name"), FieldKind::Text},
        {QStringLiteral("os.id"), FieldKind::Text},
        {QStringLiteral("os.version"), FieldKind::Version},
        {QStringLiteral("os.arch"), FieldKind::Text},
        {QStringLiteral("os.kernel"), FieldKind::Version},
        {QStringLiteral("hardware.manufacturer"), FieldKind::Text},
        {QStringLiteral("hardware.model"), FieldKind::Text},
        {QStringLiteral("hardware.serial"), FieldKind::Text},
        {QStringLiteral("hardware.virtualization"), FieldKind::Text},
        {QStringLiteral("disk.free-percent"), FieldKind::Number},
        {QStringLiteral("antivirus.product"), FieldKind::Text},
        {QStringLiteral("antivirus.realtime"), FieldKind::Boolean},
        {QStringLiteral("updates.manager"), FieldKind::Text},
        {QStringLiteral("updates.pending"), FieldKind::Number},
        {QStringLiteral("updates.security"), FieldKind::Number},
        {QStringLiteral("reboot.pending"), FieldKind::Boolean},
        {QStringLiteral("agent.version"), FieldKind::Version},
        {QStringLiteral("condition"), FieldKind::Text},
        {QStringLiteral("last-seen"), FieldKind::Age},
        {QStringLiteral("enrolled"), FieldKind::Age},
    };
    return fields;
}

Result<GroupQuery> GroupQuery::parse(const QString &text)
{
    if (text.size() > kMaxQueryLength) {
        return syntaxError(kMaxQueryLength + 1,
                           QStringLiteral("a query is at most %1 characters").arg(kMaxQueryLength));
    }
    if (text.trimmed().isEmpty()) {
        return syntaxError(1, QStringLiteral("the query is empty"));
    }
    Result<QList<Token>> tokens = tokenize(text);
    if (!tokens) {
        return tokens.error();
    }
    Parser parser(std::move(tokens).value());
    Result<NodePtr> root = parser.query();
    if (!root) {
        return root.error();
    }
    GroupQuery query;
    query.m_text = text.trimmed();
    query.m_root = root.value();
    return query;
}

QString GroupQuery::text() const
{
    return m_text;
}

QStringList GroupQuery::orgUnits() const
{
    QStringList paths;
    if (m_root) {
        collectOrgUnits(*m_root, paths);
    }
    return paths;
}

SqlCondition GroupQuery::toSql(const QDateTime &now) const
{
    SqlCondition condition;
    if (m_root) {
        appendNode(*m_root, now, condition);
    }
    return condition;
}

} // namespace steward::server::groups
