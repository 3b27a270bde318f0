#include "text/did_you_mean.hpp"

#include <algorithm>

namespace ecconf {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<name_suggestion> suggest_name(std::string_view name, const std::vector<std::string>& candidates,
                                            std::size_t max_edits)
{
    const std::size_t limit = max_edits == edits_for_length ? std::max<std::size_t>(2, name.size() / 4) : max_edits;
    const std::string* best = nullptr;
    std::size_t best_distance = limit + 1;
    std::size_t single_edits = 0;
    for (const auto& candidate : candidates) {
        const auto length_gap =
            candidate.size() > name.size() ? candidate.size() - name.size() : name.size() - candidate.size();
        if (length_gap > limit) continue;
        const auto d = edit_distance(name, candidate);
        single_edits += d <= 1 ? 1 : 0;
        if (d < best_distance || (d == best_distance && best && candidate < *best)) {
            best = &candidate;
            best_distance = d;
        }
    }
    if (!best) return std::nullopt;
    return name_suggestion{*best, best_distance <= 1 && single_edits == 1};
}

std::string in_case_of(std::string_view written, std::string candidate)
{
    const auto is_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    const auto is_lower = [](char c) { return c >= 'a' && c <= 'z'; };
    const auto word_start = [](std::string_view text, std::size_t i) {
        return i == 0 || text[i - 1] == '_' || text[i - 1] == '-';
    };
    const bool capitals =
        std::any_of(written.begin(), written.end(), is_upper) && std::none_of(written.begin(), written.end(), is_lower);
    // Max_Outbound_Connections: every word written with a capital gets one.
    bool every_word = true;
    for (std::size_t i = 0; i < written.size(); ++i)
        if (word_start(written, i) && !is_upper(written[i])) every_word = false;
    for (std::size_t i = 0; i < candidate.size(); ++i) {
        const bool first = i == 0 && !written.empty() && is_upper(written.front());
        const bool upper = capitals || first || (every_word && word_start(candidate, i));
        candidate[i] =
            upper && is_lower(candidate[i]) ? static_cast<char>(candidate[i] - 'a' + 'A') : lower(candidate[i]);
    }
    return candidate;
}

std::string closest_match(std::string_view name, const std::vector<std::string>& candidates, std::size_t max_edits)
{
    const auto suggestion = suggest_name(name, candidates, max_edits);
    return suggestion ? suggestion->name : std::string();
}

}  // namespace ecconf
