//! Text views: the folded view for matching and line splitting.

mod charset;
mod lines;
mod normalize;

pub use charset::BmpSet;
pub use lines::{Line, split_lines};
pub use normalize::{Normalized, fold_str, fold_width};
