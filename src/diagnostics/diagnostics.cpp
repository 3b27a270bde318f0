#include <algorithm>
#include <string>
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

namespace {

// The beginning and the end of a long message (an echoed megabyte-long name), cut between characters.
std::string bounded(std::string message)
{
    if (message.size() <= diagnostic_sink::max_message_bytes) return message;
    const auto is_continuation = [&](std::size_t at) {
        return (static_cast<unsigned char>(message[at]) & 0xC0) == 0x80;
    };
    std::size_t head = diagnostic_sink::max_message_bytes / 2;
    while (head > 0 && is_continuation(head)) --head;
    std::size_t tail = message.size() - diagnostic_sink::max_message_bytes / 4;
    while (tail < message.size() && is_continuation(tail)) ++tail;
    return message.substr(0, head) + "[... " + std::to_string(tail - head) + " bytes not shown ...]" +
           message.substr(tail);
}

}  // namespace

diagnostic& diagnostic_sink::report(const rule_ref& rule, source_range range, std::string message)
{
    auto& count = per_rule_and_file_[{rule.id, range.file}];
    if (count.kept == max_per_rule_and_file) {
        if (count.dropped++ == 0)
            count.first_dropped = diagnostic{rule.id, rule.default_severity, {}, range, {}, {}, {}};
        discarded_ = {};
        return discarded_;
    }
    ++count.kept;
    items_.push_back(diagnostic{rule.id, rule.default_severity, bounded(std::move(message)), range, {}, {}, {}});
    return items_.back();
}

diagnostic& diagnostic_sink::report_global(const rule_ref& rule, std::string message)
{
    return report(rule, source_range{}, std::move(message));
}

void diagnostic_sink::finalize()
{
    for (auto& [key, count] : per_rule_and_file_) {
        if (count.dropped == 0) continue;
        auto summary = std::move(count.first_dropped);
        summary.message = std::to_string(count.dropped) + " more finding" + (count.dropped == 1 ? "" : "s") +
                          " of this rule in this file not shown (at most " + std::to_string(max_per_rule_and_file) +
                          " are reported per rule and file)";
        items_.push_back(std::move(summary));
        count.dropped = 0;
    }
    const auto key = [](const diagnostic& d) {
        return std::tie(d.node, d.range.file, d.range.begin, d.range.end, d.rule, d.message);
    };
    std::stable_sort(items_.begin(), items_.end(),
                     [&](const diagnostic& a, const diagnostic& b) { return key(a) < key(b); });
    items_.erase(std::unique(items_.begin(), items_.end(),
                             [&](const diagnostic& a, const diagnostic& b) { return key(a) == key(b); }),
                 items_.end());
}

std::size_t diagnostic_sink::count(severity s) const noexcept
{
    return static_cast<std::size_t>(
        std::count_if(items_.begin(), items_.end(), [s](const diagnostic& d) { return d.level == s; }));
}

}  // namespace ecconf
