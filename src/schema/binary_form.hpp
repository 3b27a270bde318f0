#pragma once
// A compact binary form of loaded data, written at build time and read at start-up, so the program does
// not parse JSON every time it starts. A type takes part through one `fields(archive, value)` function
// that names its members in order: the writer and the reader share it, so they cannot disagree.
// Numbers are stored as they lie in memory: the bytes are read by the build that wrote them.

#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

namespace ecconf::binary {

/// Selects a `fields` overload for T and const T alike.
template <typename T, typename U>
using if_type = std::enable_if_t<std::is_same_v<std::remove_const_t<T>, U>, int>;

class writer {
public:
    template <typename... T>
    void operator()(const T&... values)
    {
        (put(values), ...);
    }
    [[nodiscard]] const std::string& bytes() const noexcept { return out_; }

private:
    template <typename T>
    void put(const T& value)
    {
        if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>)
            out_.append(reinterpret_cast<const char*>(&value), sizeof value);
        else
            fields(*this, value);
    }
    void put(const std::string& s)
    {
        put(static_cast<std::uint32_t>(s.size()));
        out_ += s;
    }
    void put(const nlohmann::json& j)
    {
        using value_t = nlohmann::json::value_t;
        put(j.type());
        switch (j.type()) {
        case value_t::null: break;
        case value_t::boolean: put(j.get<bool>()); break;
        case value_t::number_integer: put(j.get<nlohmann::json::number_integer_t>()); break;
        case value_t::number_unsigned: put(j.get<nlohmann::json::number_unsigned_t>()); break;
        case value_t::number_float: put(j.get<nlohmann::json::number_float_t>()); break;
        case value_t::string: put(j.get_ref<const std::string&>()); break;
        case value_t::array:
            put(static_cast<std::uint32_t>(j.size()));
            for (const auto& item : j) put(item);
            break;
        case value_t::object:
            put(static_cast<std::uint32_t>(j.size()));
            for (const auto& item : j.items()) (*this)(item.key(), item.value());
            break;
        default: throw std::invalid_argument("binary form: no JSON " + std::string(j.type_name()) + " values");
        }
    }
    template <typename T>
    void put(const std::optional<T>& o)
    {
        put(o.has_value());
        if (o) put(*o);
    }
    template <typename T>
    void put(const std::vector<T>& items)
    {
        put(static_cast<std::uint32_t>(items.size()));
        for (const auto& item : items) put(item);
    }
    template <typename T>
    void put(const std::map<std::string, T, std::less<>>& items)
    {
        put(static_cast<std::uint32_t>(items.size()));
        for (const auto& [key, item] : items) (*this)(key, item);
    }

    std::string out_;
};

class reader {
public:
    explicit reader(std::string_view bytes) noexcept : in_(bytes) {}
    template <typename... T>
    void operator()(T&... values)
    {
        (get(values), ...);
    }
    [[nodiscard]] bool at_end() const noexcept { return in_.empty(); }

private:
    std::string_view take(std::size_t n)
    {
        if (n > in_.size()) throw std::runtime_error("binary form: truncated");
        const auto out = in_.substr(0, n);
        in_.remove_prefix(n);
        return out;
    }
    template <typename T>
    T next()
    {
        T value{};
        get(value);
        return value;
    }
    std::uint32_t count() { return next<std::uint32_t>(); }
    template <typename T>
    void get(T& value)
    {
        if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>)
            std::memcpy(&value, take(sizeof value).data(), sizeof value);
        else
            fields(*this, value);
    }
    void get(std::string& s) { s = take(count()); }
    // Decoded here rather than by nlohmann::json::from_cbor, which costs a parser for each small value.
    void get(nlohmann::json& j)
    {
        using value_t = nlohmann::json::value_t;
        switch (next<value_t>()) {
        case value_t::null: j = nullptr; break;
        case value_t::boolean: j = next<bool>(); break;
        case value_t::number_integer: j = next<nlohmann::json::number_integer_t>(); break;
        case value_t::number_unsigned: j = next<nlohmann::json::number_unsigned_t>(); break;
        case value_t::number_float: j = next<nlohmann::json::number_float_t>(); break;
        case value_t::string: j = next<std::string>(); break;
        case value_t::array:
            j = nlohmann::json::array();
            for (auto n = count(); n > 0; --n) j.push_back(next<nlohmann::json>());
            break;
        case value_t::object:
            j = nlohmann::json::object();
            for (auto n = count(); n > 0; --n) {
                auto key = next<std::string>();
                j[key] = next<nlohmann::json>();
            }
            break;
        default: throw std::runtime_error("binary form: bad JSON value");
        }
    }
    template <typename T>
    void get(std::optional<T>& o)
    {
        if (next<bool>()) get(o.emplace());
        else
            o.reset();
    }
    template <typename T>
    void get(std::vector<T>& items)
    {
        items.resize(count());
        for (auto& item : items) get(item);
    }
    template <typename T>
    void get(std::map<std::string, T, std::less<>>& items)
    {
        items.clear();
        for (auto n = count(); n > 0; --n) {
            auto key = next<std::string>();
            get(items.emplace_hint(items.end(), std::move(key), T{})->second);
        }
    }

    std::string_view in_;
};

template <typename T>
[[nodiscard]] std::string to_bytes(const T& value)
{
    writer out;
    out(value);
    return out.bytes();
}

/// Throws std::runtime_error when `bytes` is not exactly one T.
template <typename T>
[[nodiscard]] T from_bytes(std::string_view bytes)
{
    reader in(bytes);
    T value;
    in(value);
    if (!in.at_end()) throw std::runtime_error("binary form: trailing bytes");
    return value;
}

}  // namespace ecconf::binary
