//! Text views: the folded view for matching, line splitting, and strings made
//! safe for a terminal.

mod chars;
mod charset;
mod lines;
mod normalize;
mod terminal;

#[cfg(test)]
pub(crate) use chars::in_every_bmp_context;
pub use chars::{cn_digit, has_whitespace, is_cjk, title_key};
pub use charset::BmpSet;
pub use lines::{Line, split_lines};
pub use normalize::{Normalized, fold_str, fold_width};
pub(crate) use terminal::escape_raw_unsafe;
pub use terminal::{
    is_bidi_control, is_terminal_unsafe, json_string, terminal_safe, write_json, write_json_to_vec,
};
