#include "lsp/run.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ostream>

#include <poll.h>
#include <unistd.h>

#include "lsp/framing.hpp"
#include "lsp/server.hpp"

namespace ecconf::lsp {
namespace {

/// How long the input must stay quiet before changed documents are checked: a burst of keystrokes
/// is checked once, after its last change.
constexpr int quiet_period_ms = 10;

bool input_waiting(int input, int timeout_ms)
{
    pollfd watched{input, POLLIN, 0};
    int ready = 0;
    while ((ready = ::poll(&watched, 1, timeout_ms)) < 0 && errno == EINTR) {}
    return ready > 0;
}

bool write_all(int output, const std::string& bytes)
{
    for (std::size_t written = 0; written < bytes.size();) {
        const auto n = ::write(output, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        written += static_cast<std::size_t>(n);
    }
    return true;
}

/// Sends the messages and empties the list; false when the client no longer reads.
bool send(int output, std::vector<json>& messages)
{
    std::string bytes;
    for (const auto& message : messages)
        bytes += encode_frame(message.dump(-1, ' ', false, json::error_handler_t::replace));
    messages.clear();
    return write_all(output, bytes);
}

}  // namespace

int run_language_server(int input, int output, std::ostream& log)
{
    // A client that closes its end makes a write fail with EPIPE instead of killing the process.
    (void)std::signal(SIGPIPE, SIG_IGN);
    frame_decoder decoder;
    language_server server;
    std::vector<json> out;
    std::array<char, 65536> buffer{};
    const auto flush = [&] {
        if (send(output, out)) return true;
        log << "ecconf-check lsp: the client stopped reading; exiting\n";
        return false;
    };
    for (;;) {
        while (decoder.ready() && !server.exit_requested()) {
            auto next = decoder.take();
            if (next.error.empty()) server.receive(next.body, out);
            else
                language_server::framing_error(next.error, out);
            if (!flush()) return 1;
        }
        if (server.exit_requested()) return server.exit_status();
        if (server.diagnostics_pending() && !input_waiting(input, quiet_period_ms)) {
            server.publish_diagnostics(out);
            if (!flush()) return 1;
            continue;
        }
        const auto n = ::read(input, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            log << "ecconf-check lsp: cannot read the input: " << std::strerror(errno) << '\n';
            return 1;
        }
        if (n == 0) {
            log << "ecconf-check lsp: the client closed the input without 'exit'"
                << (decoder.partial() ? ", in the middle of a message" : "") << '\n';
            return 1;
        }
        decoder.feed(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    }
}

}  // namespace ecconf::lsp
