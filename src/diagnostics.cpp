#include <algorithm>
#include <tuple>

#include "ecconf/diagnostic.hpp"

namespace ecconf {

std::string_view to_string(severity s) noexcept
{
    switch (s) {
    case severity::error: return "error";
    case severity::warning: return "warning";
    case severity::note: return "note";
    }
    return "error";
}

diagnostic& diagnostic_sink::report(const rule_ref& rule, source_range range, std::string message)
{
    items_.push_back(diagnostic{rule.id, rule.default_severity, std::move(message), range, {}});
    return items_.back();
}

diagnostic& diagnostic_sink::report_global(const rule_ref& rule, std::string message)
{
    return report(rule, source_range{}, std::move(message));
}

void diagnostic_sink::finalize()
{
    const auto key = [](const diagnostic& d) {
        return std::tie(d.range.file, d.range.begin, d.range.end, d.rule, d.message);
    };
    std::stable_sort(items_.begin(), items_.end(), [&](const diagnostic& a, const diagnostic& b) { return key(a) < key(b); });
    items_.erase(std::unique(items_.begin(), items_.end(), [&](const diagnostic& a, const diagnostic& b) { return key(a) == key(b); }),
                 items_.end());
}

std::size_t diagnostic_sink::count(severity s) const noexcept
{
    return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [s](const diagnostic& d) { return d.level == s; }));
}

}  // namespace ecconf
