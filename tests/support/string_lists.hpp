#pragma once
// Lets doctest print a list of strings, so a failed CHECK(lines == expected) shows both sides.

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace doctest {

template <>
struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& lines)
    {
        std::string text = "{";
        for (const auto& line : lines) text += "\n  \"" + line + "\"";
        return (text + (lines.empty() ? "}" : "\n}")).c_str();
    }
};

}  // namespace doctest
