// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace steward
{

// What went wrong, for logs and for the peer: a stable machine-readable code
// ("token.expired") and a one-line human message. Never carries secrets.
struct Error {
    QString code;
    QString message;
};

// Value or Error. The project builds without exceptions (KDECompilerSettings),
// so every fallible call returns one of these.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_state(std::move(value))
    {
    }
    Result(Error error)
        : m_state(std::move(error))
    {
    }

    bool ok() const
    {
        return std::holds_alternative<T>(m_state);
    }
    explicit operator bool() const
    {
        return ok();
    }
    const T &value() const &
    {
        return std::get<T>(m_state);
    }
    T &value() &
    {
        return std::get<T>(m_state);
    }
    T &&value() &&
    {
        return std::get<T>(std::move(m_state));
    }
    const Error &error() const
    {
        return std::get<Error>(m_state);
    }

private:
    std::variant<T, Error> m_state;
};

// For calls that produce nothing but can fail.
struct Ok {
};
using Status = Result<Ok>;

inline Error makeError(const QString &code, const QString &message)
{
    return Error{code, message};
}

} // namespace steward
