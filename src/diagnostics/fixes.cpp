// Applying the fixes the checks attach to their findings (ecconf-check --fix, an editor's quick fix).

#include <algorithm>

#include "ecconf/diagnostic.hpp"

namespace ecconf {
namespace {

bool same_edit(const text_edit& a, const text_edit& b)
{
    return a.begin == b.begin && a.end == b.end && a.text == b.text;
}

// Two edits clash when their ranges share a byte, or when both start at one offset (two insertions
// there, or an insertion before a replacement, would have no defined order).
bool clash(const text_edit& a, const text_edit& b)
{
    return (a.begin < b.end && b.begin < a.end) || a.begin == b.begin;
}

}  // namespace

std::string_view to_string(fix_safety safety) noexcept { return safety == fix_safety::safe ? "safe" : "unsafe"; }

fix replacement_fix(const source_range& range, std::string text, fix_safety safety, std::string description)
{
    return fix{std::move(description), safety, range.file, {text_edit{range.begin, range.end, std::move(text)}}};
}

fixed_text apply_fixes(std::string_view text, std::vector<const fix*> fixes)
{
    fixes.erase(std::remove_if(fixes.begin(), fixes.end(), [](const fix* f) { return f->edits.empty(); }), fixes.end());
    std::stable_sort(fixes.begin(), fixes.end(),
                     [](const fix* a, const fix* b) { return a->edits.front().begin < b->edits.front().begin; });
    fixed_text result;
    std::vector<const text_edit*> taken;
    for (const auto* f : fixes) {
        const auto already_taken = [&](const text_edit& e) {
            return std::any_of(taken.begin(), taken.end(), [&](const text_edit* t) { return same_edit(*t, e); });
        };
        // Two findings may propose the same edit (two unused rules of one suppression comment): done once.
        if (std::all_of(f->edits.begin(), f->edits.end(), already_taken)) {
            ++result.applied;
            continue;
        }
        const bool fits = std::all_of(f->edits.begin(), f->edits.end(), [&](const text_edit& e) {
            return e.begin <= e.end && e.end <= text.size() &&
                   std::none_of(taken.begin(), taken.end(), [&](const text_edit* t) { return clash(*t, e); });
        });
        if (!fits) {
            ++result.deferred;
            continue;
        }
        for (const auto& e : f->edits) taken.push_back(&e);
        ++result.applied;
    }
    std::sort(taken.begin(), taken.end(), [](const text_edit* a, const text_edit* b) { return a->begin < b->begin; });
    std::size_t copied = 0;
    for (const auto* e : taken) {
        result.text.append(text.substr(copied, e->begin - copied));
        result.text += e->text;
        copied = e->end;
    }
    result.text.append(text.substr(copied));
    return result;
}

}  // namespace ecconf
