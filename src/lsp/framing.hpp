#pragma once
// JSON-RPC messages as the Language Server Protocol frames them: "Content-Length: N\r\n\r\n" then N bytes.

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

namespace ecconf::lsp {

/// One frame taken from the input: a message body, or why the bytes could not be framed.
struct frame {
    std::string body;
    std::string error;  ///< non-empty: a bad header block, skipped; `body` is empty
};

/// Cuts a byte stream into frames as it arrives, whatever the chunks. A header block without a usable
/// Content-Length is reported and skipped; a body past the size limit is reported and its bytes dropped,
/// so the next frame is read again.
class frame_decoder {
public:
    static constexpr std::size_t default_max_body = std::size_t{64} << 20;

    explicit frame_decoder(std::size_t max_body = default_max_body) : max_body_(max_body) {}
    /// Takes bytes read from the client.
    void feed(std::string_view bytes);
    /// Whether a whole frame (or a framing error) is ready.
    [[nodiscard]] bool ready() const noexcept { return !frames_.empty(); }
    /// The oldest ready frame; ready() must hold.
    [[nodiscard]] frame take();
    /// Whether bytes of an unfinished frame are waiting (a client that stops mid-frame).
    [[nodiscard]] bool partial() const noexcept { return !pending_.empty() || skipping_ > 0; }

private:
    /// Cuts every complete frame out of pending_.
    void cut();
    /// Reads one header block ending at `end`; returns the body's length, or reports why there is none.
    [[nodiscard]] bool read_headers(std::string_view block, std::size_t& length);

    std::size_t max_body_;
    std::string pending_;
    std::size_t skipping_ = 0;  ///< bytes of a refused body still to drop
    std::deque<frame> frames_;
};

/// The frame of a message body.
[[nodiscard]] std::string encode_frame(std::string_view body);

}  // namespace ecconf::lsp
