//! Text views: the folded view for matching and line splitting.

mod chars;
mod charset;
mod lines;
mod normalize;

pub use chars::{cn_digit, is_cjk, title_key};
pub use charset::BmpSet;
pub use lines::{Line, split_lines};
pub use normalize::{Normalized, fold_str, fold_width};
