//! zongjie (总结): read Chinese work reports, find their outline and figures,
//! and keep a reviewer's decisions on them.
//!
//! The library is plain functions over plain data; the workstation (`tui`) and
//! the CLI are thin layers over it. Only `tui` knows about the terminal.

pub mod export;
pub mod figures;
pub mod load;
pub mod model;
pub mod ordered;
pub mod outline;
pub mod page;
pub mod parse_json;
pub mod pipeline;
pub mod relations;
pub mod review;
pub mod text;
pub mod tui;
